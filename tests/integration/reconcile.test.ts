import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from '../../functions/commons/dynamodb';
import { keys } from '../../functions/commons/keys';
import { joinShopper, saleOf, staffToken } from '../support/shoppers';
import { startTestApi, type TestApi } from '../support/test-api';
import { defaultChainSettings } from '../../shared/settings';

/** `npm run reconcile` names the member whose lot was corrupted, and exits non-zero; a clean table passes. */
const run = promisify(execFile);
let api: TestApi;
let memberId: string;

beforeAll(async () => {
  api = await startTestApi();
  const ops = await staffToken(api, 'ops', 'ops-demo-2026');
  await api.client(ops).call('updateSettings', { body: { version: (await api.client(ops).call('getSettings')).version, settings: { ...defaultChainSettings, points: { ...defaultChainSettings.points, returnWindowDays: 0 } } } });
  const cashier = await staffToken(api, 'cashier', 'cashier-demo-2026', 'S001-R1');
  memberId = (await joinShopper(api, '13300000001')).memberId;
  await api.client(cashier).call('recordSale', { body: saleOf(memberId, 66) });
});

async function reconcileCli() {
  const env = { ...process.env, TARGET_DYNAMODB_ENDPOINT: process.env.DYNAMODB_ENDPOINT!, TARGET_TABLE_NAME: api.tableName };
  try {
    const { stdout } = await run('npx', ['tsx', 'local/reconcile.ts'], { cwd: path.join(__dirname, '..', '..'), env });
    return { code: 0, stdout };
  } catch (err) {
    const e = err as { code: number; stdout: string };
    return { code: e.code, stdout: e.stdout };
  }
}

it('passes on a consistent ledger, then names the member whose lot was corrupted', async () => {
  const clean = await reconcileCli();
  expect(clean.stdout).toContain('no drift');
  expect(clean.code).toBe(0);

  // A stray lot of 5 points that no ledger entry accounts for.
  await ddb().send(new UpdateCommand({ TableName: api.tableName, Key: keys.lot(memberId, '2099-12-31'), UpdateExpression: 'SET remaining = :r, memberId = :m', ExpressionAttributeValues: { ':r': 5, ':m': memberId } }));
  const dirty = await reconcileCli();
  expect(dirty.code).toBe(1);
  expect(dirty.stdout).toContain(`DRIFT member ${memberId}`);
  expect(dirty.stdout).toMatch(/Σ lots/);

  // Put it right so the suite's own closing audit passes.
  await ddb().send(new DeleteCommand({ TableName: api.tableName, Key: keys.lot(memberId, '2099-12-31') }));
}, 120_000);

afterAll(() => api.close());
