import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { nowIso, shiftClockForTests } from '../../functions/commons/clock';
import { getConfig } from '../../functions/commons/config';
import { ddb } from '../../functions/commons/dynamodb';
import { keys } from '../../functions/commons/keys';
import { newMeter } from '../../functions/commons/report-reads';
import { handleStreamBatch } from '../../functions/events/consumer';
import { registerDayReport } from '../../functions/features/sales/register-day';
import type { ApiError } from '../../shared/api-client';
import { joinShopper, memberCodeFor, saleOf, staffToken } from '../support/shoppers';
import { startTestApi, type TestApi } from '../support/test-api';

/**
 * The register day report: each register's business day counted from the domain events (SaleRecorded,
 * SaleReturned, MemberJoined) by a receipt-guarded reaction, so a redelivered event changes nothing.
 */
let api: TestApi;
let ops: string;
let cashier: string;
let cashier2: string;
const DAY = '2027-05-10';
beforeAll(async () => {
  api = await startTestApi();
  shiftClockForTests(Date.parse(`${DAY}T02:00:00Z`) - Date.now()); // 10:00 in Shanghai
  [ops, cashier, cashier2] = await Promise.all([staffToken(api, 'ops', 'ops-demo-2026'), staffToken(api, 'cashier', 'cashier-demo-2026', 'S001-R1'), staffToken(api, 'cashier2', 'cashier-demo-2026', 'S002-R1')]);
});
afterAll(async () => {
  shiftClockForTests(0);
  await api.close();
});
const err = (p: Promise<unknown>) => p.then(() => ({ status: 200 }) as unknown as ApiError, (e: ApiError) => e);
const sceneOf = (registerId: string) => api.seed.stores.flatMap((s) => s.registers).find((r) => r.registerId === registerId)!.scene;
const report = (token: string, query: { day: string; storeId?: string }) => api.client(token).call('registerDayReport', { query });
const zero = { salesPosted: 0, salesNetFen: 0, membersIdentified: 0, joins: 0, pointsIssued: 0, pointsRedeemed: 0, returns: 0 };

it('counts sales, members identified by code, joins, points and returns per register', async () => {
  const m1 = (await joinShopper(api, '13600000001', sceneOf('S001-R1'))).memberId;
  const m2 = (await joinShopper(api, '13600000002', sceneOf('S001-R2'))).memberId;
  await joinShopper(api, '13600000003'); // online: no store, no register
  await api.client(ops).call('adjustPoints', { params: { memberId: m1 }, body: { points: 1000, note: '收银报表测试', idempotencyKey: 'regday-1', allowDebt: false } });

  const sale = (token: string, body: ReturnType<typeof saleOf>) => api.client(token).call('recordSale', { body });
  await sale(cashier, saleOf(m1, 100, { receiptNo: 'RD-A', member: { code: memberCodeFor(m1) } })); // identified by code: earns 100 (pending)
  await sale(cashier, saleOf(m2, 50, { receiptNo: 'RD-B' })); // named by member number: earns 50, not identified
  await sale(cashier, saleOf(null, 30, { receiptNo: 'RD-C' })); // no member
  const d = await sale(cashier, saleOf(m1, 80, { receiptNo: 'RD-D', points: 1000 })); // by code, pays 1,000 points
  expect(d.points).toMatchObject({ earned: 70, spent: 1000 });
  await sale(cashier2, { ...saleOf(null, 20, { receiptNo: 'RD-E' }), storeId: 'S002', registerId: 'S002-R1' });
  // An offline register's late sale belongs to the day it was rung up.
  await sale(cashier, saleOf(null, 10, { receiptNo: 'RD-F', soldAt: '2027-05-09T06:00:00.000Z' }));
  await api.client(cashier).call('recordReturn', { body: { returnNo: 'RD-T1', storeId: 'S001', registerId: 'S001-R1', original: { storeId: 'S001', receiptNo: 'RD-C' }, returnedAt: nowIso() } });
  await api.drainEvents();

  expect(await report(ops, { day: DAY })).toEqual({
    day: DAY,
    rows: [
      { storeId: 'S001', registerId: 'S001-R1', salesPosted: 4, salesNetFen: 26_000, membersIdentified: 2, joins: 1, pointsIssued: 220, pointsRedeemed: 1000, returns: 1 },
      { storeId: 'S001', registerId: 'S001-R2', ...zero, joins: 1 },
      { storeId: 'S002', registerId: 'S002-R1', ...zero, salesPosted: 1, salesNetFen: 2000 },
    ],
  });
  expect((await report(ops, { day: '2027-05-09' })).rows).toEqual([{ storeId: 'S001', registerId: 'S001-R1', ...zero, salesPosted: 1, salesNetFen: 1000 }]);
  expect((await report(ops, { day: DAY, storeId: 'S002' })).rows.map((r) => r.registerId)).toEqual(['S002-R1']);
});

it('a redelivered event changes nothing', async () => {
  const before = await report(ops, { day: DAY });
  const record = async (key: { PK: string; SK: string }, seq: number) => {
    const item = (await ddb().send(new GetCommand({ TableName: api.tableName, Key: key, ConsistentRead: true }))).Item!;
    return { eventID: `redelivered-${seq}`, eventName: 'INSERT' as const, dynamodb: { Keys: marshall(key) as never, NewImage: marshall(item, { removeUndefinedValues: true }) as never, SequenceNumber: String(9_000_000 + seq), StreamViewType: 'NEW_AND_OLD_IMAGES' as const } };
  };
  const batch = { Records: [await record(keys.sale('S001', 'RD-A'), 1), await record(keys.sale('S001', 'RD-D'), 2), await record(keys.saleReturn('S001', 'RD-T1'), 3)] };
  const config = await getConfig();
  expect(await handleStreamBatch(batch, config)).toEqual({ batchItemFailures: [] });
  await Promise.all([handleStreamBatch(batch, config), handleStreamBatch(batch, config)]);
  expect(await report(ops, { day: DAY })).toEqual(before);
});

it('scope: each account sees its own stores’ registers; another store’s is an empty list', async () => {
  const shanghaiOps = await staffToken(api, 'ops.sh', 'ops-demo-2026');
  const storeAdmin = await staffToken(api, 'admin.s002', 'admin-demo-2026');
  expect((await report(shanghaiOps, { day: DAY })).rows.map((r) => r.registerId)).toEqual(['S001-R1', 'S001-R2']);
  expect((await report(shanghaiOps, { day: DAY, storeId: 'S002' })).rows).toEqual([]);
  expect((await report(storeAdmin, { day: DAY })).rows.map((r) => r.registerId)).toEqual(['S002-R1']);
  expect((await report(storeAdmin, { day: DAY, storeId: 'S001' })).rows).toEqual([]);
  expect(await err(report(await staffToken(api, 'finance', 'finance-demo-2026'), { day: DAY }))).toMatchObject({ status: 403 });
});

it('reads one Query for the chain, one per store for a store; refuses impossible and future days', async () => {
  const config = await getConfig();
  const chain = newMeter();
  await registerDayReport(config, { kind: 'staff', sub: 'ops', role: 'ops', scope: { level: 'chain' } } as never, { day: DAY }, chain);
  expect(chain).toEqual({ queries: 1, items: 3 });
  const one = newMeter();
  await registerDayReport(config, { kind: 'staff', sub: 'ops', role: 'ops', scope: { level: 'chain' } } as never, { day: DAY, storeId: 'S001' }, one);
  expect(one).toEqual({ queries: 1, items: 2 });
  expect(await err(report(ops, { day: '2027-02-29' }))).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', details: [expect.objectContaining({ path: ['query', 'day'] })] });
  expect(await err(report(ops, { day: '2027-05-11' }))).toMatchObject({ status: 400, code: 'DATE_IN_FUTURE' });
});
