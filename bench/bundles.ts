import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { BUNDLE_LIMIT_KB, bundleLambda, lambdaNames, ROOT, type LambdaBundle } from './lambda-bundles';
import { round, type BenchReport } from './harness';

/**
 * Each Lambda as the CDK stack bundles it (bench/lambda-bundles.ts): its size, what makes it up, and its cold init
 * time, i.e. loading the bundle in a fresh Node process (median of several runs, the functions taken in turn;
 * the process's own start is not counted). Init is also measured with the AWS SDK modules the bundle requires
 * already loaded: the Lambda runtime provides the SDK, so that part is the same whatever the bundle holds.
 */
const OUT = path.join(__dirname, '.bundles');
const RUNS = 9;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The packages a bundle leaves to the runtime (the AWS SDK). */
const externalsOf = (b: LambdaBundle) => [...new Set(Object.values(b.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external && !i.path.startsWith('node:')).map((i) => i.path)))];

/** Milliseconds to `require` the bundle in a fresh process, after requiring `preload` (not counted). */
function initMs(file: string, preload: string[]): number {
  const script = `${preload.map((m) => `require(${JSON.stringify(m)});`).join('')}const t=process.hrtime.bigint();require(${JSON.stringify(file)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
  return Number(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' }));
}

export async function bundles(): Promise<BenchReport> {
  const built: LambdaBundle[] = [];
  for (const name of lambdaNames()) built.push(await bundleLambda(name, OUT));
  const total = new Map<string, number[]>(built.map((b) => [b.name, []]));
  const own = new Map<string, number[]>(built.map((b) => [b.name, []]));
  for (let run = 0; run < RUNS; run++) {
    for (const b of built) {
      total.get(b.name)!.push(initMs(b.file, []));
      own.get(b.name)!.push(initMs(b.file, externalsOf(b)));
    }
  }
  const kb = (bytes: number) => round(bytes / 1024, 1);
  const rows = built.map((b) => ({
    function: b.name,
    kb: kb(b.bytes),
    initMs: round(median(total.get(b.name)!), 1),
    ownInitMs: round(median(own.get(b.name)!), 1),
    largest: b.contributions.slice(0, 4).map((c) => ({ source: c.source, kb: kb(c.bytes) })),
  }));
  const table = [
    `| function | bundle KB (minified) | cold init ms (median of ${RUNS}) | of which the bundle's own code ms | largest parts (KB) |`,
    '|---|---:|---:|---:|---|',
    ...rows.map((r) => `| ${r.function} | ${r.kb} | ${r.initMs} | ${r.ownInitMs} | ${r.largest.map((c) => `${c.source} ${c.kb}`).join(', ')} |`),
  ].join('\n');
  const over = rows.filter((r) => r.kb > BUNDLE_LIMIT_KB).map((r) => r.function);
  return {
    figures: { functions: rows, limitKb: BUNDLE_LIMIT_KB },
    markdown: [
      `Each Lambda bundled as the CDK stack bundles it (esbuild, minified, CommonJS, Node 22, the AWS SDK from the runtime), and its cold init: the time to \`require\` the bundle in a fresh Node process (median of ${RUNS}), which is what a cold start adds before the first request. "Own code" is the same with the AWS SDK modules the bundle uses already loaded (the runtime's SDK costs the same whatever the bundle holds; most of the rest is building the zod schemas).`,
      '',
      table,
      '',
      over.length ? `Over the ${BUNDLE_LIMIT_KB} KB budget: ${over.join(', ')}.` : `Every function is within the ${BUNDLE_LIMIT_KB} KB budget (tests/bundles.test.ts fails above it).`,
    ].join('\n'),
  };
}
