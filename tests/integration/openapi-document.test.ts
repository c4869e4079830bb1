import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startTestApi, type TestApi } from '../support/test-api';

/** `npm run openapi` writes the document the API serves at /openapi.json. */
const run = promisify(execFile);
const root = path.resolve(__dirname, '..', '..');
let api: TestApi;
let dir: string;

beforeAll(async () => {
  api = await startTestApi();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openapi-'));
});
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await api.close();
});

const npmOpenapi = (...args: string[]) => run('npm', ['run', '--silent', 'openapi', '--', ...args], { cwd: root, env: { ...process.env, API_PUBLIC_URL: '' } });

it('writes the served document to the file named', async () => {
  const file = path.join(dir, 'nested', 'openapi.json');
  const { stdout } = await npmOpenapi(file);
  expect(stdout).toMatch(/\d+ operations → /);
  const written = JSON.parse(fs.readFileSync(file, 'utf8'));
  const served = await api.client().call('openapi');
  expect(written).toEqual(served);
  expect(written.openapi).toBe('3.1.0');
  expect(Object.keys(written.paths).length).toBeGreaterThan(30);
});

it('takes the production server URL from --server', async () => {
  const file = path.join(dir, 'prod.json');
  await npmOpenapi(file, '--server', 'https://api.chain.example');
  expect(JSON.parse(fs.readFileSync(file, 'utf8')).servers[0]).toEqual({ url: 'https://api.chain.example', description: 'This deployment' });
  await expect(npmOpenapi(file, '--server', 'not a url')).rejects.toMatchObject({ code: 2 });
});
