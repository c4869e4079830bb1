/**
 * Builds the staff console: one esbuild bundle (React, Ant Design, ECharts) with content-hashed names, and an
 * index.html that loads /config.js (the API address, written beside the build by `npm start` and by the CDK
 * deployment) before the app, so one build runs against any API.
 */
import fs from 'node:fs';
import path from 'node:path';
import { build, buildSync, type BuildOptions, type Metafile } from 'esbuild';

export const CONSOLE_DIR = __dirname;
export const CONSOLE_DIST = path.join(__dirname, 'dist');

export interface ConsoleBuildResult {
  outDir: string;
  /** Bytes of JavaScript the browser downloads (before compression). */
  jsBytes: number;
  ms: number;
  /** The entry script's path under outDir (what index.html loads). */
  entry: string;
  metafile: Metafile;
}

function options(outDir: string, minify: boolean): BuildOptions & { metafile: true } {
  return {
    entryPoints: { app: path.join(__dirname, 'src', 'main.tsx') },
    bundle: true,
    minify,
    sourcemap: 'linked',
    format: 'esm',
    // Each page is its own chunk, loaded when first opened.
    splitting: true,
    target: ['chrome100', 'safari15', 'firefox100'],
    outdir: path.join(outDir, 'assets'),
    entryNames: '[name].[hash]',
    chunkNames: 'chunk.[hash]',
    jsx: 'automatic',
    metafile: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
    legalComments: 'none',
  };
}

function writeIndex(outDir: string, metafile: Metafile, started: number): ConsoleBuildResult {
  const outputs = Object.entries(metafile.outputs);
  // Lazy pages are entry points in the metafile too: the app's own is the one named `app.<hash>.js`.
  const entry = outputs.find(([f]) => /(^|\/)app\.[A-Z0-9]+\.js$/.test(f))?.[0];
  if (!entry) throw new Error('console build produced no entry');
  const jsBytes = outputs.filter(([f]) => f.endsWith('.js')).reduce((n, [, o]) => n + o.bytes, 0);
  const entryUrl = '/' + path.relative(outDir, path.resolve(entry)).split(path.sep).join('/');
  const template = fs.readFileSync(path.join(__dirname, 'index.html'), 'utf8');
  fs.writeFileSync(path.join(outDir, 'index.html'), template.replace('%APP%', entryUrl));
  return { outDir, jsBytes, ms: Date.now() - started, entry, metafile };
}

export async function buildConsole(opts: { outDir?: string; minify?: boolean } = {}): Promise<ConsoleBuildResult> {
  const started = Date.now();
  const outDir = opts.outDir ?? CONSOLE_DIST;
  fs.rmSync(outDir, { recursive: true, force: true });
  const result = await build(options(outDir, opts.minify ?? true));
  return writeIndex(outDir, result.metafile, started);
}

/** The same build, synchronously: CDK's local bundling (the deployment's asset) cannot wait for a promise. */
export function buildConsoleSync(opts: { outDir: string }): ConsoleBuildResult {
  const started = Date.now();
  const result = buildSync(options(opts.outDir, true));
  return writeIndex(opts.outDir, result.metafile, started);
}

if (require.main === module) {
  buildConsole().then(
    (r) => console.log(`console built in ${r.ms} ms: ${(r.jsBytes / 1024).toFixed(0)} KB of JavaScript in ${path.relative(process.cwd(), r.outDir)}`),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
