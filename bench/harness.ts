import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Shared bits of the benchmarks: a closed-loop load generator, percentiles, and the results files. */
export interface LoadResult {
  ops: number;
  seconds: number;
  throughput: number;
  p50_ms: number;
  p99_ms: number;
  errors: number;
}

/** `concurrency` workers each run `op` back to back until `totalOps` have been issued. */
export async function closedLoop(concurrency: number, totalOps: number, op: (i: number) => Promise<void>): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < totalOps) {
        const i = next++;
        const t0 = process.hrtime.bigint();
        try {
          await op(i);
        } catch {
          errors++;
        }
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
  return { ops: totalOps, seconds, throughput: totalOps / seconds, p50_ms: pct(50), p99_ms: pct(99), errors };
}

/** Several rounds as one: total operations over total time; latencies as the rounds' median percentiles. */
export function combine(rounds: LoadResult[]): LoadResult {
  const ops = rounds.reduce((n, r) => n + r.ops, 0);
  const seconds = rounds.reduce((n, r) => n + r.seconds, 0);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { ops, seconds, throughput: ops / seconds, p50_ms: median(rounds.map((r) => r.p50_ms)), p99_ms: median(rounds.map((r) => r.p99_ms)), errors: rounds.reduce((n, r) => n + r.errors, 0) };
}

export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

export function machine() {
  const cpus = os.cpus();
  return {
    cpu: `${cpus[0]?.model ?? 'unknown'} × ${cpus.length}`,
    memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    node: process.version,
    os: `${os.type()} ${os.release()}`,
  };
}

const RESULTS = path.join(__dirname, 'results.json');
const DOC = path.join(__dirname, '..', 'docs', 'BENCHMARKS.md');

export interface BenchReport {
  /** Machine-readable figures, stored under the benchmark's name in bench/results.json. */
  figures: Record<string, unknown>;
  /** Markdown section for docs/BENCHMARKS.md. */
  markdown: string;
}

export function saveReport(name: string, report: BenchReport): void {
  const all = fs.existsSync(RESULTS) ? JSON.parse(fs.readFileSync(RESULTS, 'utf8')) : {};
  all[name] = { ...report.figures, date: new Date().toISOString(), machine: machine() };
  fs.writeFileSync(RESULTS, JSON.stringify(all, null, 2) + '\n');
  const sectionsDir = path.join(__dirname, 'sections');
  fs.mkdirSync(sectionsDir, { recursive: true });
  fs.writeFileSync(path.join(sectionsDir, `${name}.md`), report.markdown.trim() + '\n');
  writeDoc();
}

/** docs/BENCHMARKS.md is rebuilt from every benchmark's latest section, so running one keeps the others. */
export function writeDoc(): void {
  const sectionsDir = path.join(__dirname, 'sections');
  const all = JSON.parse(fs.readFileSync(RESULTS, 'utf8')) as Record<string, { date: string; machine: ReturnType<typeof machine> }>;
  const parts = Object.keys(all)
    .sort()
    .map((name) => {
      const file = path.join(sectionsDir, `${name}.md`);
      const m = all[name].machine;
      const body = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
      return `## ${name}\n\n_Run ${all[name].date.slice(0, 16).replace('T', ' ')} UTC on ${m.cpu}, ${m.memory}, Node ${m.node}, ${m.os}._\n\n${body}`;
    });
  fs.writeFileSync(
    DOC,
    `# Benchmarks\n\nWritten by \`npm run bench\` (one benchmark: \`npm run bench -- NAME\`). Every figure is measured against a baseline run in the same process on the same DynamoDB Local, so the ratios carry over between machines better than the absolute numbers. Figures for each benchmark are also in \`bench/results.json\`.\n\n${parts.join('\n')}`,
  );
}

/** One row of an API-vs-raw comparison at one concurrency. */
export interface RatioRow {
  concurrency: number;
  api: LoadResult;
  raw: LoadResult;
  /** The requests the route sends now, sent raw (when fewer than the baseline's): the API's own overhead. */
  floor?: LoadResult;
}

/**
 * The report of a benchmark that compares a route through the local API with the same DynamoDB requests sent raw:
 * headline figures at the highest concurrency (the keys bench/results.json promises), a table per concurrency,
 * and the benchmark's own description and notes around it.
 */
export function ratioReport(rows: RatioRow[], unit: string, intro: string, notes: string[] = []): BenchReport {
  const table = rows.map((r) => ({
    concurrency: r.concurrency,
    throughput: r.api.throughput,
    raw_throughput: r.raw.throughput,
    ratio: r.api.throughput / r.raw.throughput,
    p50_ms: r.api.p50_ms,
    p99_ms: r.api.p99_ms,
    raw_p50_ms: r.raw.p50_ms,
    raw_p99_ms: r.raw.p99_ms,
    ...(r.floor ? { floor_throughput: r.floor.throughput, floor_ratio: r.api.throughput / r.floor.throughput, floor_p50_ms: r.floor.p50_ms } : {}),
  }));
  const top = table[table.length - 1];
  const withFloor = 'floor_ratio' in top;
  return {
    figures: {
      throughput: round(top.throughput, 1),
      raw_throughput: round(top.raw_throughput, 1),
      ratio: round(top.ratio, 3),
      ...(withFloor ? { floor_throughput: round(top.floor_throughput!, 1), floor_ratio: round(top.floor_ratio!, 3) } : {}),
      p50_ms: round(top.p50_ms),
      p99_ms: round(top.p99_ms),
      by_concurrency: table.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, round(v, 3)]))),
    },
    markdown: [
      intro,
      '',
      `| concurrent | ${unit}/s | raw/s | ratio | p50 ms | p99 ms | raw p50 ms | raw p99 ms |${withFloor ? ' floor raw/s | ratio to floor | floor p50 ms |' : ''}`,
      `|---:|---:|---:|---:|---:|---:|---:|---:|${withFloor ? '---:|---:|---:|' : ''}`,
      ...table.map(
        (r) =>
          `| ${r.concurrency} | ${round(r.throughput, 0)} | ${round(r.raw_throughput, 0)} | ${round(r.ratio)} | ${round(r.p50_ms, 1)} | ${round(r.p99_ms, 1)} | ${round(r.raw_p50_ms, 1)} | ${round(r.raw_p99_ms, 1)} |` +
          (r.floor_ratio !== undefined ? ` ${round(r.floor_throughput!, 0)} | ${round(r.floor_ratio)} | ${round(r.floor_p50_ms!, 1)} |` : ''),
      ),
      ...notes.flatMap((n) => ['', n]),
    ].join('\n'),
  };
}

/**
 * `BENCH_BEFORE=<results.json>` (a run of the same benchmark on the code before a change, minutes earlier on the
 * same machine): a note comparing its ratios with this run's, so before and after share the machine's load.
 */
export function beforeNote(name: string, rows: RatioRow[], what: string): string[] {
  const file = process.env.BENCH_BEFORE;
  if (!file || !fs.existsSync(file)) return [];
  const before = JSON.parse(fs.readFileSync(file, 'utf8'))[name]?.by_concurrency as Array<{ concurrency: number; throughput: number; raw_throughput: number; ratio: number }> | undefined;
  if (!before) return [];
  const parts = rows.map((r) => {
    const b = before.find((x) => x.concurrency === r.concurrency);
    return b ? `at ${r.concurrency}: ${round(b.ratio)} → ${round(r.api.throughput / r.raw.throughput)} (${round(b.throughput, 0)} → ${round(r.api.throughput, 0)} ${what}/s; the baseline ${round(b.raw_throughput, 0)} and ${round(r.raw.throughput, 0)}/s)` : null;
  });
  return [`Before → after issue 7 §6, against the same baseline, with the code before the change run by this benchmark just before this run on the same machine: ${parts.filter(Boolean).join('; ')}.`];
}

