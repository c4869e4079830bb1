import { spawn } from 'node:child_process';
import path from 'node:path';
import { pingDynamo, readyTimeoutFor } from '../../local/dynamo';
import { isAlive, launcherPids } from '../../local/launcher-watch';

/** `npm start` stops everything when only npm is told to stop (SIGTERM to npm, as an IDE's stop button sends). */
const ROOT = path.join(__dirname, '..', '..');

it('SIGTERM to the npm process stops the API, DynamoDB Local and node', async () => {
  // Its own process group, so that whatever happens the test can clean up everything it started.
  const npm = spawn('npm', ['start', '--', '--memory', '--no-h5', '--port', '0'], { cwd: ROOT, detached: true, env: { ...process.env, FORCE_COLOR: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    await startThenTerm(npm);
  } finally {
    try {
      process.kill(-npm.pid!, 'SIGKILL');
    } catch {
      /* all gone already */
    }
  }
}, 180_000);

async function startThenTerm(npm: ReturnType<typeof spawn>) {
  let out = '';
  npm.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  npm.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  // Started: the banner names the API; DynamoDB Local's endpoint is in the log before it.
  for (let waited = 0; !/API:\s+http/.test(out); waited += 200) {
    if (waited > 120_000 || npm.exitCode !== null) throw new Error(`npm start did not come up:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const dynamo = out.match(/DynamoDB Local in memory at (http:\/\/\S+)/)?.[1];
  expect(dynamo).toBeDefined();
  expect(await pingDynamo(dynamo!)).toBe(true);
  npm.kill('SIGTERM');
  let stopped = false;
  for (let waited = 0; waited < 30_000 && !stopped; waited += 250) {
    await new Promise((r) => setTimeout(r, 250));
    stopped = !(await pingDynamo(dynamo!, 300)) && /\[stack\] stopped/.test(out);
  }
  expect({ stopped, log: stopped ? '' : out }).toEqual({ stopped: true, log: '' });
}

it('finds the processes that launched it, and tells a live one from a gone one', () => {
  const pids = launcherPids(2);
  expect(pids[0]).toBe(process.ppid);
  expect(pids.every(isAlive)).toBe(true);
  expect(isAlive(2 ** 22 + 12345)).toBe(false);
});

it('waits longer for DynamoDB Local on a busy machine, within bounds', () => {
  expect(readyTimeoutFor(0.2, 2)).toBe(30_000);
  expect(readyTimeoutFor(4, 2)).toBe(60_000);
  expect(readyTimeoutFor(100, 2)).toBe(120_000);
});
