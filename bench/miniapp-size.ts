import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { round, type BenchReport } from './harness';

/**
 * The weapp build package by package against WeChat's limits (2 MB for each package, the main one included; 20 MB for
 * the whole app), and the H5 build for reference. The main package is every file outside a subpackage root (the
 * framework, the shared chunks, app.* and the main pages); a subpackage is the files under its root.
 */
export const PACKAGE_LIMIT_BYTES = 2 * 1024 * 1024;
export const TOTAL_LIMIT_BYTES = 20 * 1024 * 1024;
const root = path.join(__dirname, '..');
export const WEAPP_DIST = path.join(root, 'miniapp', 'dist', 'weapp');
const H5_DIST = path.join(root, 'miniapp', 'dist', 'h5');

export interface BuiltFile {
  file: string;
  bytes: number;
}

/** Every file WeChat would upload (source maps and licence notes are not). */
export function filesUnder(dir: string): BuiltFile[] {
  const files: BuiltFile[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (!/\.(map|LICENSE\.txt)$/.test(entry.name) && entry.name !== '.local-build.json') files.push({ file: path.relative(dir, p).split(path.sep).join('/'), bytes: fs.statSync(p).size });
    }
  };
  walk(dir);
  return files.sort((a, b) => b.bytes - a.bytes);
}

export interface WeappPackage {
  /** 'main', or the subpackage's root. */
  name: string;
  root: string | null;
  pages: string[];
  bytes: number;
  files: BuiltFile[];
}

/** The built app.json says what the packages are. */
export function builtAppJson(dir: string): { pages: string[]; subPackages?: Array<{ root: string; pages: string[] }>; subpackages?: Array<{ root: string; pages: string[] }> } {
  return JSON.parse(fs.readFileSync(path.join(dir, 'app.json'), 'utf8'));
}

export const subpackageRoots = (dir: string) => (builtAppJson(dir).subPackages ?? builtAppJson(dir).subpackages ?? []).map((s) => s.root.replace(/\/$/, ''));

/** The weapp build split into its packages: main first, then each subpackage in app.json's order. */
export function weappPackages(dir: string): WeappPackage[] {
  const app = builtAppJson(dir);
  const subs = (app.subPackages ?? app.subpackages ?? []).map((s) => ({ root: s.root.replace(/\/$/, ''), pages: s.pages }));
  const packages: WeappPackage[] = [
    { name: 'main', root: null, pages: app.pages, bytes: 0, files: [] },
    ...subs.map((s) => ({ name: s.root, root: s.root, pages: s.pages.map((p) => `${s.root}/${p}`), bytes: 0, files: [] as BuiltFile[] })),
  ];
  for (const f of filesUnder(dir)) {
    const pkg = packages.find((p) => p.root && f.file.startsWith(`${p.root}/`)) ?? packages[0];
    pkg.files.push(f);
    pkg.bytes += f.bytes;
  }
  return packages;
}

// ---- what went where: the module report the build writes with MINIAPP_STATS=<file> (miniapp/config/index.ts) ----

interface StatsModule {
  identifier?: string;
  name?: string;
  size?: number;
  chunks?: Array<string | number>;
  modules?: StatsModule[];
}
export interface ModuleReport {
  chunks: Array<{ id: string | number; names: string[]; files: string[] }>;
  modules: StatsModule[];
  /** Every module (identifier) each entry imports, directly or not, read before modules are concatenated. */
  reach: Record<string, string[]>;
}

export interface PlacedModule {
  name: string;
  size: number;
  /** The entries (app, pages) whose imports reach the module. */
  entries: string[];
  /** Where its code ended up: 'main', a subpackage root, or '(subpackages)' for a sub-common chunk (copied into each subpackage that uses it). */
  packages: string[];
}

/** Each module of the build with the entries that import it (directly or not) and the packages its code landed in. */
export function placeModules(report: ModuleReport, roots: string[]): PlacedModule[] {
  const inSub = (file: string) => roots.find((r) => file.startsWith(`${r}/`));
  const chunkPackages = new Map<string | number, string[]>();
  for (const c of report.chunks) {
    if (c.names.some((n) => n.startsWith('sub-common/'))) chunkPackages.set(c.id, ['(subpackages)']);
    else chunkPackages.set(c.id, [...new Set(c.files.map((f) => inSub(f) ?? 'main'))]);
  }
  const entriesOf = new Map<string, string[]>();
  for (const [entry, ids] of Object.entries(report.reach)) {
    // `<page>.config` entries are read at build time and ship nothing.
    if (entry.endsWith('.config')) continue;
    for (const id of ids) entriesOf.set(id, [...(entriesOf.get(id) ?? []), entry]);
  }
  const placed: PlacedModule[] = [];
  const walk = (ms: StatsModule[], inherited: Array<string | number>) => {
    for (const m of ms) {
      // A concatenated module's parts carry no chunks of their own: they are where the concatenation is.
      const chunks = m.chunks?.length ? m.chunks : inherited;
      if (m.modules) walk(m.modules, chunks);
      else if (m.identifier && m.name) {
        placed.push({ name: m.name, size: m.size ?? 0, entries: (entriesOf.get(m.identifier) ?? []).sort(), packages: [...new Set(chunks.flatMap((c) => chunkPackages.get(c) ?? []))].sort() });
      }
    }
  };
  walk(report.modules, []);
  return placed;
}

/** Modules that only subpackage pages import but that sit (also) in the main package: each one is main-package weight no main page needs. */
export function subpackageOnlyInMain(placed: PlacedModule[], roots: string[]): PlacedModule[] {
  const isSubEntry = (e: string) => roots.some((r) => e.startsWith(`${r}/`));
  return placed.filter((m) => m.entries.length > 0 && m.entries.every(isSubEntry) && m.packages.includes('main'));
}

// ---- the benchmark -------------------------------------------------------------------------------------------

/** The built files that carry zod (its schema class name survives minifying); the app should have none. */
const filesWithZod = (dir: string, files: BuiltFile[]) =>
  files.filter((f) => f.file.endsWith('.js') && fs.readFileSync(path.join(dir, f.file), 'utf8').includes('"$ZodType"')).map((f) => f.file);

const kb = (b: number) => round(b / 1024, 1);
const pct = (b: number, of: number) => `${round((100 * b) / of, 1)}%`;

export async function miniappSize(): Promise<BenchReport> {
  const statsFile = path.join(os.tmpdir(), `miniapp-modules-${process.pid}.json`);
  execFileSync('npm', ['run', 'build:weapp'], { cwd: root, stdio: 'ignore', env: { ...process.env, NODE_ENV: 'production', MINIAPP_STATS: statsFile } });
  execFileSync('npm', ['run', 'build:h5'], { cwd: root, stdio: 'ignore', env: { ...process.env, NODE_ENV: 'production' } });
  const packages = weappPackages(WEAPP_DIST);
  const roots = subpackageRoots(WEAPP_DIST);
  const placed = placeModules(JSON.parse(fs.readFileSync(statsFile, 'utf8')), roots);
  fs.rmSync(statsFile, { force: true });
  const misplaced = subpackageOnlyInMain(placed, roots);
  const total = packages.reduce((n, p) => n + p.bytes, 0);
  const main = packages[0];
  const h5 = filesUnder(H5_DIST);
  const h5Bytes = h5.reduce((n, f) => n + f.bytes, 0);
  const zod = [...filesWithZod(WEAPP_DIST, filesUnder(WEAPP_DIST)), ...filesWithZod(H5_DIST, h5).map((f) => `h5/${f}`)];
  const mainModules = placed
    .filter((m) => m.packages.includes('main') && !m.name.startsWith('css '))
    .sort((a, b) => b.size - a.size)
    .slice(0, 8);
  const shortName = (n: string) => n.replace(/^(\.\.\/)+main\//, '').replace(/^.*node_modules\//, '').replace(/ \+ \d+ modules$/, '');
  return {
    figures: {
      main_bytes: main.bytes,
      total_bytes: total,
      package_limit_bytes: PACKAGE_LIMIT_BYTES,
      total_limit_bytes: TOTAL_LIMIT_BYTES,
      main_share_of_limit: round(main.bytes / PACKAGE_LIMIT_BYTES, 3),
      packages: packages.map((p) => ({ name: p.name, pages: p.pages.length, bytes: p.bytes })),
      subpackage_only_modules_in_main: misplaced.map((m) => m.name),
      h5_bytes: h5Bytes,
      files_with_zod: zod,
    },
    markdown: [
      `The weapp build is ${packages.length} packages, **${kb(total)} KB of WeChat's 20,480 KB** for a whole app (${pct(total, TOTAL_LIMIT_BYTES)}). The main package (what a shopper downloads on first open: the framework, the shared code and the card, sign-in, join and privacy pages) is **${kb(main.bytes)} KB of 2,048 KB** (${pct(main.bytes, PACKAGE_LIMIT_BYTES)}); every other feature is a subpackage downloaded when first opened. The H5 build is ${kb(h5Bytes)} KB.`,
      '',
      '| package | pages | KB | of the 2 MB limit |',
      '|---|---:|---:|---:|',
      ...packages.map((p) => `| ${p.root ?? 'main'} | ${p.pages.length} | ${kb(p.bytes)} | ${pct(p.bytes, PACKAGE_LIMIT_BYTES)} |`),
      `| **all (limit 20 MB)** | ${packages.reduce((n, p) => n + p.pages.length, 0)} | ${kb(total)} | ${pct(total, TOTAL_LIMIT_BYTES)} of 20 MB |`,
      '',
      `Largest files of the main package: ${main.files
        .slice(0, 5)
        .map((f) => `${f.file} ${kb(f.bytes)} KB`)
        .join(', ')}. Largest modules in it (before minifying): ${mainModules.map((m) => `${shortName(m.name)} ${kb(m.size)} KB`).join(', ')}.`,
      '',
      misplaced.length
        ? `Modules only subpackage pages import, yet in the main package: ${misplaced.map((m) => m.name).join(', ')}.`
        : 'No module that only subpackage pages import is in the main package (Taro\'s `mini.optimizeMainPackage` moves such code into the subpackage, or into each subpackage that shares it).',
      '',
      zod.length
        ? `zod is in ${zod.join(', ')}: some code the app runs imports a schema module.`
        : 'No zod in either build: the client reads the zod-free route manifest (shared/route-manifest.ts) and takes its types from the route table.',
    ].join('\n'),
  };
}
