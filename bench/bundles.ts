import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { routeGroups } from '../shared/routes';
import { round, type BenchReport } from './harness';

/**
 * Each Lambda as the CDK stack bundles it (esbuild, minified, CommonJS for Node 22, the AWS SDK left to the
 * runtime): its size, and its cold init time, i.e. loading the bundle in a fresh Node process (median of several
 * runs; the process's own start is measured apart and not counted).
 */
const ROOT = path.join(__dirname, '..');
const OUT = path.join(__dirname, '.bundles');
const RUNS = 7;
const LIMIT_KB = 300;

function bundle(name: string): { file: string; bytes: number } {
  const file = path.join(OUT, `${name}.js`);
  buildSync({
    entryPoints: [path.join(ROOT, 'functions', 'handlers', `${name}.ts`)],
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    minify: true,
    external: ['@aws-sdk/*'],
    outfile: file,
    logLevel: 'silent',
    tsconfig: path.join(ROOT, 'tsconfig.json'),
  });
  return { file, bytes: fs.statSync(file).size };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Milliseconds to `require` the bundle in a fresh process (with APP_SECRETS_JSON etc. unset: init reads nothing yet). */
function initMs(file: string): number {
  const script = `const t=process.hrtime.bigint();require(${JSON.stringify(file)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
  return median(Array.from({ length: RUNS }, () => Number(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' }))));
}

export async function bundles(): Promise<BenchReport> {
  fs.mkdirSync(OUT, { recursive: true });
  const rows = [...routeGroups, 'jobs', 'events'].map((name) => {
    const b = bundle(name);
    return { function: name, kb: round(b.bytes / 1024, 1), initMs: round(initMs(b.file), 1) };
  });
  const table = ['| function | bundle KB (minified) | cold init ms (median of ' + RUNS + ') |', '|---|---:|---:|', ...rows.map((r) => `| ${r.function} | ${r.kb} | ${r.initMs} |`)].join('\n');
  const over = rows.filter((r) => r.kb > LIMIT_KB).map((r) => r.function);
  return {
    figures: { functions: rows, limitKb: LIMIT_KB },
    markdown: [
      `Each Lambda bundled as the CDK stack bundles it (esbuild, minified, CommonJS, Node 22, the AWS SDK from the runtime), and its cold init: the time to \`require\` the bundle in a fresh Node process (median of ${RUNS}), which is what a cold start adds before the first request.`,
      '',
      table,
      '',
      over.length ? `Over the ${LIMIT_KB} KB budget: ${over.join(', ')}.` : `Every function is within the ${LIMIT_KB} KB budget.`,
    ].join('\n'),
  };
}
