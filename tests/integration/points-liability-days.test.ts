import { nowIso, shiftClockForTests } from '../../functions/commons/clock';
import { newMeter } from '../../functions/commons/report-reads';
import { pointsLiabilityDays } from '../../functions/features/points/liability';
import { getConfig } from '../../functions/commons/config';
import { handler as jobs } from '../../functions/handlers/jobs';
import type { ApiError } from '../../shared/api-client';
import { changeSettings, withReturnWindow } from '../support/settings';
import { joinShopper, saleOf, staffToken } from '../support/shoppers';
import { startTestApi, type TestApi } from '../support/test-api';

/**
 * Finance's points liability by business day and by store, aggregated from the ledger entries on the stream:
 * a sequence of sales, a points payment, returns at another store, adjustments and an expiry over two days gives
 * exactly the rows the ledger says, the days chain (closing = opening + earned − spent − expired + adjusted),
 * and today closes on the liability report's available points.
 */
let api: TestApi;
let ops: string;
let finance: string;
let cashier: string;
let cashier2: string;
const at = (iso: string) => shiftClockForTests(Date.parse(iso) - Date.now());
/** Moves the clock; sessions are signed anew, as real ones would have been. */
async function travel(iso: string) {
  at(iso);
  [ops, finance, cashier, cashier2] = await Promise.all([
    staffToken(api, 'ops', 'ops-demo-2026'),
    staffToken(api, 'finance', 'finance-demo-2026'),
    staffToken(api, 'cashier', 'cashier-demo-2026', 'S001-R1'),
    staffToken(api, 'cashier2', 'cashier-demo-2026', 'S002-R1'),
  ]);
}
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  shiftClockForTests(0);
  await api.close();
});
const err = (p: Promise<unknown>) => p.then(() => ({ status: 200 }) as unknown as ApiError, (e: ApiError) => e);
let n = 0;
const adjust = (memberId: string, points: number) => api.client(ops).call('adjustPoints', { params: { memberId }, body: { points, note: '负债测试', idempotencyKey: `liab-${++n}`, allowDebt: false } });
const returnAtS002 = (receiptNo: string, returnNo: string) =>
  api.client(cashier2).call('recordReturn', { body: { returnNo, storeId: 'S002', registerId: 'S002-R1', original: { storeId: 'S001', receiptNo }, returnedAt: nowIso() } });
const days = (from: string, to: string) => api.client(finance).call('pointsLiabilityDays', { query: { from, to } });
const stores = (token: string, query: { from: string; to: string; storeId?: string }) => api.client(token).call('pointsLiabilityStores', { query });

let memberId: string;

it('two days of sales, a points payment, returns, adjustments and an expiry give the exact rows', async () => {
  await travel('2026-03-10T04:00:00Z'); // 12:00 on 10 March 2026 in Shanghai
  await changeSettings(api, ops, withReturnWindow(0)); // points are available at once (pending: the next test)
  memberId = (await joinShopper(api, '13500000001')).memberId;
  await adjust(memberId, 1000); // lot of March 2026: last usable day 2027-03-31

  // Day 1, 31 March 2027 (its last usable day).
  await travel('2027-03-31T02:00:00Z');
  const s1 = await api.client(cashier).call('recordSale', { body: saleOf(memberId, 200, { receiptNo: 'L-S1' }) }); // earns 200
  const s2 = await api.client(cashier).call('recordSale', { body: saleOf(memberId, 100, { points: 500, receiptNo: 'L-S2' }) }); // spends 500, earns 95
  expect([s1.points.earned, s2.points.earned, s2.points.spent]).toEqual([200, 95, 500]);
  await returnAtS002('L-S1', 'L-T1'); // takes the 200 back, at S002
  await adjust(memberId, -50);

  // Day 2, 1 April: the expiry job takes what is left of the March 2026 lot, then another sale and a return.
  await travel('2027-03-31T16:10:00Z'); // 00:10 on 1 April
  expect((await jobs({ job: 'points-expiry', date: '2027-04-01' })).result).toMatchObject({ acted: 1 });
  await travel('2027-04-01T03:00:00Z');
  await api.client(cashier).call('recordSale', { body: saleOf(memberId, 30, { receiptNo: 'L-S3' }) }); // earns 30
  const back = await returnAtS002('L-S2', 'L-T2'); // gives back the 500 paid, takes back the 95 earned
  expect(back.points).toMatchObject({ paidBack: 500, reversed: 95 });
  await api.drainEvents();

  const report = await days('2027-03-31', '2027-04-01');
  expect(report.pointValue).toEqual({ points: 100, fen: 100 });
  expect(report.rows.map(({ valueFen, ...r }) => r)).toEqual([
    { day: '2027-03-31', opening: 1000, earned: 295, spent: 500, expired: 0, adjusted: -250, closing: 545 },
    { day: '2027-04-01', opening: 545, earned: 30, spent: 0, expired: 250, adjusted: 405, closing: 730 },
  ]);
  // At 100 points a yuan a point is a fen.
  for (const r of report.rows) expect(r.valueFen).toEqual({ opening: r.opening, earned: r.earned, spent: r.spent, expired: r.expired, adjusted: r.adjusted, closing: r.closing });
  // Today closes on the liability report's figure.
  expect((await api.client(finance).call('pointsLiability')).availablePoints).toBe(730);
  // The day the member joined and was granted 1,000, a year before: read back from today.
  expect((await days('2026-03-10', '2026-03-11')).rows.map((r) => [r.day, r.opening, r.adjusted, r.closing])).toEqual([
    ['2026-03-10', 0, 1000, 1000],
    ['2026-03-11', 1000, 0, 1000],
  ]);

  // Per store: earned and spent at S001's sales, reversed and refunded at S002's returns.
  expect((await stores(finance, { from: '2027-03-31', to: '2027-04-01' })).rows).toEqual([
    { day: '2027-03-31', storeId: 'S001', earned: 295, spent: 500, reversed: 0, refunded: 0 },
    { day: '2027-03-31', storeId: 'S002', earned: 0, spent: 0, reversed: 200, refunded: 0 },
    { day: '2027-04-01', storeId: 'S001', earned: 30, spent: 0, reversed: 0, refunded: 0 },
    { day: '2027-04-01', storeId: 'S002', earned: 0, spent: 0, reversed: 95, refunded: 500 },
  ]);
  expect((await stores(finance, { from: '2027-04-01', to: '2027-04-01', storeId: 'S002' })).rows).toEqual([{ day: '2027-04-01', storeId: 'S002', earned: 0, spent: 0, reversed: 95, refunded: 500 }]);
});

it('reads one partition per day from `from` to today and the 32 totals, nothing else', async () => {
  const config = await getConfig();
  const meter = newMeter();
  const staff = { kind: 'staff', sub: 'finance', role: 'finance', scope: { level: 'chain' } } as never;
  await pointsLiabilityDays(config, staff, { from: '2027-03-25', to: '2027-03-26' }, meter);
  // 25 March to 1 April is 8 days, plus the totals: 9 queries; items = the counters that exist (a few shards of 2 days, and the totals').
  expect(meter.queries).toBe(9);
  expect(meter.items).toBeLessThanOrEqual(2 * 32 + 32);
});

it('pending points count when they become available, as earned on the activation day, at the sale’s store', async () => {
  await travel('2027-04-01T04:00:00Z');
  await changeSettings(api, ops, withReturnWindow(7));
  const sale = await api.client(cashier).call('recordSale', { body: saleOf(memberId, 120, { receiptNo: 'L-P1' }) });
  expect(sale.points).toMatchObject({ earned: 120, pending: true, availableOn: '2027-04-08' });
  await api.drainEvents();
  const before = await days('2027-04-01', '2027-04-01');
  expect(before.rows[0]).toMatchObject({ earned: 30, closing: 730 });

  await travel('2027-04-07T16:20:00Z'); // 00:20 on 8 April
  expect((await jobs({ job: 'pending-activation', date: '2027-04-08' })).result).toMatchObject({ acted: 1 });
  await api.drainEvents();
  const report = await days('2027-04-01', '2027-04-08');
  expect(report.rows[0]).toMatchObject({ day: '2027-04-01', earned: 30, closing: 730 });
  expect(report.rows[7]).toMatchObject({ day: '2027-04-08', opening: 730, earned: 120, closing: 850 });
  expect((await api.client(finance).call('pointsLiability')).availablePoints).toBe(850);
  expect((await stores(finance, { from: '2027-04-08', to: '2027-04-08' })).rows).toEqual([{ day: '2027-04-08', storeId: 'S001', earned: 120, spent: 0, reversed: 0, refunded: 0 }]);
});

it('values in fen at the deduction rate, by the cumulative floor, adding up exactly', async () => {
  await changeSettings(api, ops, (s) => ({ ...s, points: { ...s.points, pointsPerYuanDeduction: 300 } }));
  const report = await days('2027-03-31', '2027-04-01');
  expect(report.pointValue).toEqual({ points: 300, fen: 100 });
  expect(report.rows.map((r) => r.valueFen)).toEqual([
    // 1000 → 333; +295 → 1295 → 431 (98); −500 → 795 → 265 (166); −250 → 545 → 181 (84).
    { opening: 333, earned: 98, spent: 166, expired: 0, adjusted: -84, closing: 181 },
    // 545 → 181; +30 → 575 → 191 (10); −250 → 325 → 108 (83); +405 → 730 → 243 (135).
    { opening: 181, earned: 10, spent: 0, expired: 83, adjusted: 135, closing: 243 },
  ]);
  for (const v of report.rows.map((r) => r.valueFen)) expect(v.closing).toBe(v.opening + v.earned - v.spent - v.expired + v.adjusted);
  await changeSettings(api, ops, (s) => ({ ...s, points: { ...s.points, pointsPerYuanDeduction: 100 } }));
});

it('refuses impossible dates, reversed or overlong ranges and the future, with a message in the caller’s language', async () => {
  const bad = (query: { from: string; to: string }, locale = 'zh-CN') => err(api.client(finance, { locale }).call('pointsLiabilityDays', { query }));
  expect(await bad({ from: '2027-02-30', to: '2027-03-01' })).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', details: [expect.objectContaining({ path: ['query', 'from'] })] });
  expect((await bad({ from: '2027-02-30', to: '2027-03-01' }, 'en')).message).toContain('2027-02-30 is not a calendar day');
  expect((await bad({ from: '2027-02-30', to: '2027-03-01' })).message).toContain('不是有效的日期');
  expect(await bad({ from: '2027-04-02', to: '2027-04-01' })).toMatchObject({ status: 400, details: [expect.objectContaining({ path: ['query', 'from'] })] });
  expect(await bad({ from: '2026-12-01', to: '2027-03-31' })).toMatchObject({ status: 400, details: [expect.objectContaining({ path: ['query', 'to'] })] });
  expect(await bad({ from: '2027-04-08', to: '2027-04-09' })).toMatchObject({ status: 400, code: 'DATE_IN_FUTURE' });
  expect(await bad({ from: '2020-01-01', to: '2020-01-02' })).toMatchObject({ status: 400, details: [expect.objectContaining({ path: ['query', 'from'] })] });
  expect(await err(stores(finance, { from: '2027-02-29', to: '2027-03-01' }))).toMatchObject({ status: 400 });
});

it('scope: the days are chain-wide only; by store a scoped account sees its own stores, another store is an empty list', async () => {
  const shanghaiOps = await staffToken(api, 'ops.sh', 'ops-demo-2026');
  expect(await err(api.client(shanghaiOps).call('pointsLiabilityDays', { query: { from: '2027-04-01', to: '2027-04-01' } }))).toMatchObject({ status: 403, code: 'OUT_OF_SCOPE' });
  expect((await stores(shanghaiOps, { from: '2027-03-31', to: '2027-04-01' })).rows.map((r) => `${r.day} ${r.storeId}`)).toEqual(['2027-03-31 S001', '2027-04-01 S001']);
  expect((await stores(shanghaiOps, { from: '2027-03-31', to: '2027-04-01', storeId: 'S002' })).rows).toEqual([]);
  expect(await err(api.client(cashier).call('pointsLiabilityStores', { query: { from: '2027-04-01', to: '2027-04-01' } }))).toMatchObject({ status: 403 });
});
