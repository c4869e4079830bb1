import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { businessDay } from '../../functions/commons/clock';
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

it('checks the per-day counters against the ledger, the sales and the joins', async () => {
  const day = businessDay();
  const bump = (key: { PK: string; SK: string }, attribute: string, by: number) =>
    ddb().send(new UpdateCommand({ TableName: api.tableName, Key: key, UpdateExpression: 'ADD #a :n', ExpressionAttributeNames: { '#a': attribute }, ExpressionAttributeValues: { ':n': by } }));
  // Five points earned that no ledger entry accounts for, on a shard of today's liability by day.
  await bump(keys.liabilityDayShard(day, 0), 'earned', 5);
  const days = await reconcileCli();
  expect(days.code).toBe(1);
  expect(days.stdout).toContain(`DRIFT (liability by day): ${day}: earned kept`);
  expect(days.stdout).toMatch(/the days' movements add up to/);
  await bump(keys.liabilityDayShard(day, 0), 'earned', -5);

  // A sale counted twice at the register.
  await bump(keys.registerDay(day, 'S001', 'S001-R1', 0), 'salesPosted', 1);
  const registers = await reconcileCli();
  expect(registers.code).toBe(1);
  expect(registers.stdout).toContain(`DRIFT (register days): ${day} S001 S001-R1: salesPosted kept 2, the items say 1`);
  await bump(keys.registerDay(day, 'S001', 'S001-R1', 0), 'salesPosted', -1);
  expect((await reconcileCli()).code).toBe(0);
}, 120_000);

afterAll(() => api.close());
