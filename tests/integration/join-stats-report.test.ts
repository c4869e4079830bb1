import { lastDevOtp } from '../../functions/adapters/dev-sms';
import { shiftClockForTests } from '../../functions/commons/clock';
import { getConfig } from '../../functions/commons/config';
import { newMeter } from '../../functions/commons/report-reads';
import { joinStatsReport } from '../../functions/features/members/join-report';
import { handler as jobs } from '../../functions/handlers/jobs';
import { addBusinessDays } from '../../shared/rules/business-time';
import type { ApiError } from '../../shared/api-client';
import { staffToken } from '../support/shoppers';
import { startTestApi, type TestApi } from '../support/test-api';

/**
 * The join statistics report: the nightly job's rows for the days it has counted, a live count from the join
 * index for the days it has not (yesterday before the job, today), and drop alerts against the trailing 4 weeks.
 */
let api: TestApi;
const T = '2027-06-15';
const day = (n: number) => addBusinessDays(T, n);
const consent = { accepted: true as const, privacyPolicyVersion: '2026-11-01', termsVersion: '2026-11-01' };
const sceneOf = (registerId: string) => api.seed.stores.flatMap((s) => s.registers).find((r) => r.registerId === registerId)!.scene;
const at = (iso: string) => shiftClockForTests(Date.parse(iso) - Date.now());
let phone = 13700100000;
/** `count` joins at 11:00 Shanghai on `d`, at a register (or online). */
async function joins(d: string, count: number, registerId?: string) {
  at(`${d}T03:00:00Z`);
  for (let i = 0; i < count; i++) {
    const p = String(++phone);
    await api.client().call('devSendOtp', { body: { phone: p } });
    const s = await api.client().call('devVerifyOtp', { body: { phone: p, code: lastDevOtp(p)! } });
    await api.client(s.token).call('join', { body: { consent, scene: registerId ? sceneOf(registerId) : undefined } });
  }
}
const err = (p: Promise<unknown>) => p.then(() => ({ status: 200 }) as unknown as ApiError, (e: ApiError) => e);
let ops: string;
const report = (token: string, query: { from: string; to: string; storeId?: string }) => api.client(token).call('joinStats', { query });

beforeAll(async () => {
  api = await startTestApi();
  // The 4 weeks before T, on T's weekday: S001 4 a day (3 at R1, 1 at R2), S002 2, one online.
  for (const w of [-28, -21, -14, -7]) {
    await joins(day(w), 3, 'S001-R1');
    await joins(day(w), 1, 'S001-R2');
    await joins(day(w), 2, 'S002-R1');
  }
  await joins(day(-7), 1);
  // T: S001 drops to 1 (≤ half of 4); S002 keeps its 2.
  await joins(T, 1, 'S001-R1');
  await joins(T, 2, 'S002-R1');
  // The nightly job counts T−28, then catches up to T (its run on T+1).
  at(`${day(-27)}T16:05:00Z`);
  await jobs({ job: 'join-stats', date: day(-27) });
  at(`${day(1)}T16:05:00Z`);
  await jobs({ job: 'join-stats', date: day(1) });
  // T+1 (yesterday, once the clock is on T+2, before the job's next run) and T+2 (today): counted live.
  await joins(day(1), 1, 'S001-R2');
  await joins(day(2), 1, 'S002-R1');
  at(`${day(2)}T06:00:00Z`);
  ops = await staffToken(api, 'ops', 'ops-demo-2026');
}, 180_000);
afterAll(async () => {
  shiftClockForTests(0);
  await api.close();
});

it('rows per day, store and register: the job’s for counted days, live for yesterday and today; an alert where a store dropped', async () => {
  expect(await report(ops, { from: T, to: day(2) })).toEqual({
    rows: [
      { day: T, storeId: 'S001', registerId: 'S001-R1', members: 1 },
      { day: T, storeId: 'S002', registerId: 'S002-R1', members: 2 },
      { day: day(1), storeId: 'S001', registerId: 'S001-R2', members: 1 },
      { day: day(2), storeId: 'S002', registerId: 'S002-R1', members: 1 },
    ],
    alerts: [{ day: T, storeId: 'S001', members: 1, trailingAverage: 4 }],
  });
  // Online joins show as their own store to the chain.
  expect((await report(ops, { from: day(-7), to: day(-7) })).rows).toEqual([
    { day: day(-7), storeId: 'ONLINE', registerId: '-', members: 1 },
    { day: day(-7), storeId: 'S001', registerId: 'S001-R1', members: 3 },
    { day: day(-7), storeId: 'S001', registerId: 'S001-R2', members: 1 },
    { day: day(-7), storeId: 'S002', registerId: 'S002-R1', members: 2 },
  ]);
});

it('reads one partition per day for the days asked and the 4 weeks before, and the join index only for days not yet counted', async () => {
  const config = await getConfig();
  const chain = { kind: 'staff', sub: 'ops', role: 'ops', scope: { level: 'chain' } } as never;
  const counted = newMeter();
  await joinStatsReport(config, chain, { from: T, to: T }, counted);
  // 29 days (T−28..T), one Query each; items: the job's rows of the 5 days that had joins.
  expect(counted).toEqual({ queries: 29, items: 4 * 3 + 1 + 2 });
  const live = newMeter();
  await joinStatsReport(config, chain, { from: day(1), to: day(2) }, live);
  // T−27..T from the job's rows (28 days: 3 weeks of 3 rows, the online one, T's 2), then T+1 and T+2 live:
  // S001, S002 and online each (one join on each day).
  expect(live).toEqual({ queries: 28 + 2 * 3, items: 3 * 3 + 1 + 2 + 2 });
  const oneStore = newMeter();
  await joinStatsReport(config, chain, { from: T, to: T, storeId: 'S002' }, oneStore);
  expect(oneStore).toEqual({ queries: 29, items: 4 + 1 });
});

it('scope: a region or store account sees its stores; another store is an empty list', async () => {
  const shanghaiOps = await staffToken(api, 'ops.sh', 'ops-demo-2026');
  const storeAdmin = await staffToken(api, 'admin.s002', 'admin-demo-2026');
  const shanghai = await report(shanghaiOps, { from: T, to: day(2) });
  expect(shanghai.rows.map((r) => `${r.day} ${r.registerId}`)).toEqual([`${T} S001-R1`, `${day(1)} S001-R2`]);
  expect(shanghai.alerts).toEqual([{ day: T, storeId: 'S001', members: 1, trailingAverage: 4 }]);
  expect(await report(shanghaiOps, { from: T, to: day(2), storeId: 'S002' })).toEqual({ rows: [], alerts: [] });
  const s002 = await report(storeAdmin, { from: T, to: day(2) });
  expect(s002.rows.map((r) => r.storeId)).toEqual(['S002', 'S002']);
  expect(s002.alerts).toEqual([]);
  expect(await err(report(await staffToken(api, 'finance', 'finance-demo-2026'), { from: T, to: T }))).toMatchObject({ status: 403 });
});

it('refuses impossible dates, reversed or overlong ranges and the future', async () => {
  expect(await err(report(ops, { from: '2027-02-30', to: '2027-03-01' }))).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', details: [expect.objectContaining({ path: ['query', 'from'] })] });
  expect(await err(report(ops, { from: T, to: day(-1) }))).toMatchObject({ status: 400 });
  expect(await err(report(ops, { from: day(-100), to: T }))).toMatchObject({ status: 400, details: [expect.objectContaining({ path: ['query', 'to'] })] });
  expect(await err(report(ops, { from: T, to: day(3) }))).toMatchObject({ status: 400, code: 'DATE_IN_FUTURE' });
});
