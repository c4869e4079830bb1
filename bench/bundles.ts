import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { routeGroups } from '../shared/routes';
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

/**
 * Milliseconds to `require` the bundle in a fresh process, after requiring `preload` (not counted): wall clock, and
 * CPU time (user + system), which a busy machine inflates far less than the wall clock.
 */
function initMs(file: string, preload: string[]): { wall: number; cpu: number } {
  const script = `${preload.map((m) => `require(${JSON.stringify(m)});`).join('')}const c=process.cpuUsage(),t=process.hrtime.bigint();require(${JSON.stringify(file)});const u=process.cpuUsage(c);process.stdout.write(JSON.stringify({wall:Number(process.hrtime.bigint()-t)/1e6,cpu:(u.user+u.system)/1e3}))`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' }));
}

export async function bundles(): Promise<BenchReport> {
  const built: LambdaBundle[] = [];
  for (const name of lambdaNames()) built.push(await bundleLambda(name, OUT));
  const runs = new Map(built.map((b) => [b.name, { wall: [] as number[], cpu: [] as number[], own: [] as number[] }]));
  for (let run = 0; run < RUNS; run++) {
    for (const b of built) {
      const r = runs.get(b.name)!;
      const cold = initMs(b.file, []);
      r.wall.push(cold.wall);
      r.cpu.push(cold.cpu);
      r.own.push(initMs(b.file, externalsOf(b)).wall);
    }
  }
  const load = os.loadavg()[0];
  const kb = (bytes: number) => round(bytes / 1024, 1);
  const rows = built.map((b) => ({
    function: b.name,
    kb: kb(b.bytes),
    initMs: round(median(runs.get(b.name)!.wall), 1),
    initCpuMs: round(median(runs.get(b.name)!.cpu), 1),
    ownInitMs: round(median(runs.get(b.name)!.own), 1),
    largest: b.contributions.slice(0, 4).map((c) => ({ source: c.source, kb: kb(c.bytes) })),
  }));
  const table = [
    `| function | bundle KB (minified) | cold init ms (median of ${RUNS}) | its CPU ms | the bundle's own code ms | largest parts (KB) |`,
    '|---|---:|---:|---:|---:|---|',
    ...rows.map((r) => `| ${r.function} | ${r.kb} | ${r.initMs} | ${r.initCpuMs} | ${r.ownInitMs} | ${r.largest.map((c) => `${c.source} ${c.kb}`).join(', ')} |`),
  ].join('\n');
  const over = rows.filter((r) => r.kb > BUNDLE_LIMIT_KB).map((r) => r.function);
  // The HTTP layer reads the whole route table, so every API function carries every feature's schemas.
  const schemaKb = built
    .filter((b) => (routeGroups as readonly string[]).includes(b.name))
    .map((b) => kb(b.contributions.filter((c) => c.source.startsWith('shared/features/')).reduce((n, c) => n + c.bytes, 0)));
  const headroom = round(BUNDLE_LIMIT_KB - Math.max(...rows.map((r) => r.kb)), 1);
  return {
    figures: { functions: rows, limitKb: BUNDLE_LIMIT_KB, headroomKb: headroom, routeSchemasKb: Math.max(...schemaKb), loadAverage: round(load, 1) },
    markdown: [
      `Each Lambda bundled as the CDK stack bundles it (esbuild, minified, CommonJS, Node 22, the AWS SDK from the runtime), and its cold init: the time to \`require\` the bundle in a fresh Node process (median of ${RUNS}), which is what a cold start adds before the first request, and the CPU time it took (less sensitive to other work on the machine; load average ${round(load, 1)} on ${os.cpus().length} cores during this run). "Own code" is the wall time with the AWS SDK modules the bundle uses already loaded: the runtime's SDK costs the same whatever the bundle holds, and most of the rest is building the zod schemas.`,
      '',
      table,
      '',
      over.length ? `Over the ${BUNDLE_LIMIT_KB} KB budget: ${over.join(', ')}.` : `Every function is within the ${BUNDLE_LIMIT_KB} KB budget (tests/bundles.test.ts fails above it); the largest has ${headroom} KB to spare.`,
      `Every API function carries every feature's route schemas (shared/features/*: ${Math.min(...schemaKb)}–${Math.max(...schemaKb)} KB today), because the HTTP layer reads the whole route table.`,
    ].join('\n'),
  };
}
