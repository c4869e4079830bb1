import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { buildConsole } from '../console/build';
import { consolePages } from '../console/src/pages/registry';
import { round, type BenchReport } from './harness';

/**
 * What a desk browser downloads for the staff console: the sign-in (the entry and the chunks it imports
 * statically) against the whole build, raw and gzipped (CloudFront compresses). Pages load when first opened,
 * so each page's own chunk is listed too.
 */
export async function consoleSize(): Promise<BenchReport> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'console-size-'));
  const built = await buildConsole({ outDir });
  const outputs = built.metafile.outputs;
  const js = Object.keys(outputs).filter((f) => f.endsWith('.js'));
  const size = (f: string) => {
    const buf = fs.readFileSync(path.resolve(f));
    return { raw: buf.length, gzip: zlib.gzipSync(buf, { level: 9 }).length };
  };
  const initial = new Set<string>();
  const visit = (f: string) => {
    if (initial.has(f)) return;
    initial.add(f);
    for (const i of outputs[f].imports) if (i.kind === 'import-statement' && outputs[i.path]) visit(i.path);
  };
  visit(built.entry);
  const sum = (files: Iterable<string>) => [...files].reduce((t, f) => ({ raw: t.raw + size(f).raw, gzip: t.gzip + size(f).gzip }), { raw: 0, gzip: 0 });
  const first = sum(initial);
  const all = sum(js);
  // Each page's own chunk: the output whose entry point is the page's module.
  const pageRows = consolePages.map((p) => {
    const file = js.find((f) => {
      const ep = outputs[f].entryPoint ?? '';
      return ep.includes(`console/src/pages/${p.key === 'member' ? 'members/MemberPage' : pageDir(p.path)}`);
    });
    return { page: p.key, ...(file ? size(file) : { raw: 0, gzip: 0 }) };
  });
  fs.rmSync(outDir, { recursive: true, force: true });
  const kb = (b: number) => round(b / 1024, 1);
  return {
    figures: {
      build_ms: built.ms,
      first_load_bytes: first.raw,
      first_load_gzip_bytes: first.gzip,
      total_bytes: all.raw,
      total_gzip_bytes: all.gzip,
      first_load_share: round(first.raw / all.raw, 3),
      pages: pageRows,
    },
    markdown: [
      `The console's sign-in screen downloads **${kb(first.gzip)} KB gzipped** (${kb(first.raw)} KB raw), ${round((100 * first.raw) / all.raw, 1)}% of the whole build (${kb(all.gzip)} KB gzipped, ${kb(all.raw)} KB raw); each page's own code loads when it is first opened. esbuild builds it in ${built.ms} ms.`,
      '',
      '| page | own chunk KB | gzipped KB |',
      '|---|---:|---:|',
      ...pageRows.map((r) => `| ${r.page} | ${kb(r.raw)} | ${kb(r.gzip)} |`),
    ].join('\n'),
  };
}

/** /reports/joins → joins, /reports/registers → register-day, /tier-approvals → tier-approvals. */
function pageDir(routePath: string): string {
  const map: Record<string, string> = { '/reports/joins': 'joins', '/reports/registers': 'register-day' };
  return map[routePath] ?? routePath.replace(/^\//, '').split('/')[0];
}
