import fs from 'node:fs';
import path from 'node:path';

/**
 * Colours live in styles/tokens.scss only: page and component styles (and inline styles in .tsx) write
 * `var(--rm-…)`, so the app stays one palette and a rebrand is one file. This reads every .scss, .ts and .tsx under
 * miniapp/src and fails on a hex colour or an rgb()/hsl() colour anywhere else, and on a `var(--rm-…)` that
 * tokens.scss does not define (a typo renders as nothing).
 */
const SRC = path.join(__dirname, '..');
const TOKENS = path.join(__dirname, 'tokens.scss');

/**
 * Files that may hold colour literals, and why.
 * - `*.config.ts`: WeChat's window and navigation-bar colours (app.config.ts, a page's index.config.ts) must be hex
 *   strings; the last test below checks they repeat the tokens.
 */
const MUST_BE_LITERAL = (file: string) => /\.config\.ts$/.test(file);

/** Files not yet on tokens. Empty: every page style is; nothing may join this list. */
const NOT_YET_CONVERTED = new Set<string>([]);

const HEX = /#(?:[0-9a-fA-F]{8}|[0-9a-fA-F]{6}|[0-9a-fA-F]{3,4})(?![\w-])/g;
const COLOUR_FUNCTION = /\b(?:rgba?|hsla?)\(/g;

const relative = (file: string) => path.relative(SRC, file).split(path.sep).join('/');
const sources = (fs.readdirSync(SRC, { recursive: true }) as string[])
  .map((f) => path.join(SRC, f))
  .filter((f) => /\.(scss|tsx?)$/.test(f) && !/\.test\.tsx?$/.test(f) && !f.endsWith('.d.ts'))
  .sort();

/** Comments may name a colour; only code counts. */
const withoutComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"])\/\/.*$/gm, '$1');

function literalsIn(file: string): string[] {
  const lines = withoutComments(fs.readFileSync(file, 'utf8')).split('\n');
  const found: string[] = [];
  lines.forEach((line, i) => {
    for (const m of [...line.matchAll(HEX), ...line.matchAll(COLOUR_FUNCTION)]) found.push(`${relative(file)}:${i + 1}: ${m[0]}`);
  });
  return found;
}

const tokenText = fs.readFileSync(TOKENS, 'utf8');
const defined = new Map([...withoutComments(tokenText).matchAll(/(--rm-[\w-]+)\s*:\s*([^;]+);/g)].map((m) => [m[1], m[2].trim()]));

describe('design tokens', () => {
  it('finds the sources it checks', () => {
    expect(sources.map(relative)).toEqual(expect.arrayContaining(['app.scss', 'pages/card/index.scss', 'pages/card/CodePanel.tsx', 'components/LangToggle.scss']));
    expect(defined.size).toBeGreaterThan(40);
  });

  it('has no colour literal outside styles/tokens.scss', () => {
    const offenders = sources
      .filter((f) => f !== TOKENS && !MUST_BE_LITERAL(f) && !NOT_YET_CONVERTED.has(relative(f)))
      .flatMap(literalsIn);
    expect(offenders).toEqual([]);
  });

  it('keeps the temporary exceptions honest: an exception whose file is converted (or gone) must leave the list', () => {
    const stale = [...NOT_YET_CONVERTED].filter((file) => !fs.existsSync(path.join(SRC, file)) || literalsIn(path.join(SRC, file)).length === 0);
    expect(stale.map((file) => `${file}: no colour literal left, remove it from NOT_YET_CONVERTED`)).toEqual([]);
  });

  it('uses only tokens that tokens.scss defines', () => {
    const undefinedUses = sources.flatMap((f) =>
      [...fs.readFileSync(f, 'utf8').matchAll(/var\((--rm-[\w-]+)/g)].filter((m) => !defined.has(m[1])).map((m) => `${relative(f)}: ${m[1]}`),
    );
    expect(undefinedUses).toEqual([]);
  });

  it("gives WeChat's window and navigation bar the tokens' colours (they must be hex there)", () => {
    const configs = sources.filter(MUST_BE_LITERAL);
    const colours = configs.flatMap((f) =>
      [...fs.readFileSync(f, 'utf8').matchAll(/(\w*[cC]olor)\s*:\s*'(#[0-9a-fA-F]+)'/g)].map((m) => ({ file: relative(f), key: m[1], value: m[2].toLowerCase() })),
    );
    expect(colours.length).toBeGreaterThan(0);
    const expected: Record<string, string | undefined> = { navigationBarBackgroundColor: defined.get('--rm-color-card'), backgroundColor: defined.get('--rm-color-bg') };
    for (const c of colours) expect(c).toEqual({ ...c, value: expected[c.key] ?? `a token for ${c.key}` });
  });
});
