import fs from 'node:fs';
import path from 'node:path';

/**
 * The package layout (issue 9 §6): what a shopper downloads on first open is the card, sign-in, join and privacy;
 * every other page is in a subpackage, so none is forgotten in the main package by accident.
 */
type AppConfig = { pages: string[]; subPackages: Array<{ root: string; pages: string[] }>; window: Record<string, string> };
(globalThis as unknown as { defineAppConfig: (c: AppConfig) => AppConfig }).defineAppConfig = (c) => c;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config: AppConfig = require('./app.config').default;

const pagesOnDisk = (fs.readdirSync(path.join(__dirname, 'pages'), { recursive: true }) as string[])
  .map((f) => f.split(path.sep).join('/'))
  .filter((f) => /(^|\/)index\.tsx$/.test(f))
  .map((f) => `pages/${f.replace(/\.tsx$/, '')}`)
  .sort();

describe('app.config', () => {
  it('has exactly the card (home), sign-in, join and privacy pages in the main package', () => {
    expect(config.pages).toEqual(['pages/card/index', 'pages/login/index', 'pages/join/index', 'pages/privacy/index']);
  });

  it('lists every page once: in the main package or in exactly one subpackage', () => {
    const listed = [...config.pages, ...config.subPackages.flatMap((s) => s.pages.map((p) => `${s.root.replace(/\/$/, '')}/${p}`))];
    expect(listed.length).toBe(new Set(listed).size);
    expect([...listed].sort()).toEqual(pagesOnDisk);
  });

  it('keeps subpackage roots apart from the main pages and from each other', () => {
    const roots = config.subPackages.map((s) => s.root.replace(/\/$/, ''));
    for (const page of config.pages) expect(roots.filter((r) => page.startsWith(`${r}/`))).toEqual([]);
    for (const a of roots) for (const b of roots) if (a !== b) expect(b.startsWith(`${a}/`)).toBe(false);
  });
});
