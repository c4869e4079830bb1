import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

/** The TypeScript compiler over everything, the mini-program included: jest's swc transform checks no types. */
const run = promisify(execFile);
const root = path.join(__dirname, '..');

it.each([['tsconfig.json'], ['miniapp/tsconfig.json']])('%s type-checks', async (project) => {
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  await expect(run(process.execPath, [tsc, '-p', project, '--noEmit'], { cwd: root, maxBuffer: 10 * 1024 * 1024 })).resolves.toBeDefined();
}, 240_000);
