import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { round, type BenchReport } from './harness';

/** The weapp build's main package against WeChat's 2 MB limit per package (and the H5 build, for reference). */
const LIMIT_BYTES = 2 * 1024 * 1024;
const root = path.join(__dirname, '..');

function bytesUnder(dir: string): { total: number; files: Array<{ file: string; bytes: number }> } {
  const files: Array<{ file: string; bytes: number }> = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      // Source maps and licence notes are not uploaded to WeChat.
      else if (!/\.(map|LICENSE\.txt)$/.test(entry.name)) files.push({ file: path.relative(dir, p), bytes: fs.statSync(p).size });
    }
  };
  walk(dir);
  return { total: files.reduce((n, f) => n + f.bytes, 0), files: files.sort((a, b) => b.bytes - a.bytes) };
}

/** The built files that carry zod (its schema class name survives minifying); the app should have none. */
const filesWithZod = (dir: string, files: Array<{ file: string }>) =>
  files.filter((f) => f.file.endsWith('.js') && fs.readFileSync(path.join(dir, f.file), 'utf8').includes('"$ZodType"')).map((f) => f.file);

export async function miniappSize(): Promise<BenchReport> {
  execFileSync('npm', ['run', 'build:weapp'], { cwd: root, stdio: 'ignore' });
  execFileSync('npm', ['run', 'build:h5'], { cwd: root, stdio: 'ignore' });
  const weapp = bytesUnder(path.join(root, 'miniapp', 'dist', 'weapp'));
  const h5 = bytesUnder(path.join(root, 'miniapp', 'dist', 'h5'));
  const zod = [...filesWithZod(path.join(root, 'miniapp', 'dist', 'weapp'), weapp.files), ...filesWithZod(path.join(root, 'miniapp', 'dist', 'h5'), h5.files).map((f) => `h5/${f}`)];
  const kb = (b: number) => round(b / 1024, 1);
  return {
    figures: { weapp_bytes: weapp.total, limit_bytes: LIMIT_BYTES, share_of_limit: round(weapp.total / LIMIT_BYTES, 3), h5_bytes: h5.total, files_with_zod: zod },
    markdown: [
      `The weapp build is one main package (no subpackages yet): **${kb(weapp.total)} KB of WeChat's 2,048 KB** (${round((100 * weapp.total) / LIMIT_BYTES, 1)}%). The H5 build is ${kb(h5.total)} KB. Largest weapp files:`,
      '',
      '| file | KB |',
      '|---|---:|',
      ...weapp.files.slice(0, 5).map((f) => `| ${f.file} | ${kb(f.bytes)} |`),
      '',
      zod.length
        ? `zod is in ${zod.join(', ')}: some code the app runs imports a schema module.`
        : 'No zod in either build: the client reads the zod-free route manifest (shared/route-manifest.ts) and takes its types from the route table.',
    ].join('\n'),
  };
}
