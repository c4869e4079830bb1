import { shiftClockForTests } from '../../functions/commons/clock';
import { handler as jobs } from '../../functions/handlers/jobs';
import { joinShopper, saleOf, signInAgain, staffToken } from '../support/shoppers';
import { startTestApi, type TestApi } from '../support/test-api';

/** Every job acts as of its business date, refuses a future date unless told, and catches up missed days. */
let api: TestApi;
let cashier: string;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  shiftClockForTests(0);
  await api.close();
});
async function travel(iso: string) {
  shiftClockForTests(Date.parse(iso) - Date.now());
  cashier = await staffToken(api, 'cashier', 'cashier-demo-2026', 'S001-R1');
}
type Run = { runDay: string; result: { days: string[]; itemsRead: number; acted: number } };
const run = async (job: string, date: string, allowFuture?: boolean, onlyThisDay?: boolean) =>
  (await jobs({ job, date, ...(allowFuture ? { allowFuture } : {}), ...(onlyThisDay ? { onlyThisDay } : {}) })) as unknown as Run;

it('points-expiry for a past day expires what was due that day, not what the wall clock says', async () => {
  await travel('2027-01-15T12:00:00+08:00');
  const { memberId } = await joinShopper(api, '13700000001');
  await api.client(cashier).call('recordSale', { body: saleOf(memberId, 100) }); // usable through 2028-01-31
  await travel('2027-02-15T12:00:00+08:00');
  await api.client(cashier).call('recordSale', { body: saleOf(memberId, 40) }); // usable through 2028-02-29
  await travel('2027-02-23T01:00:00+08:00');
  await run('pending-activation', '2027-01-22', false, true);
  await run('pending-activation', '2027-02-22', false, true);
  // Weeks later, the run for 1 February 2028 (which failed that night) is made by hand.
  await travel('2028-03-20T10:00:00+08:00');
  const r = await run('points-expiry', '2028-02-01');
  expect(r.result).toMatchObject({ days: ['2028-02-01'], acted: 1 });
  const client = await signInAgain(api, '13700000001');
  const history = await client.call('myPointsHistory', { query: { limit: 10 } });
  const expiries = history.items.filter((e) => e.kind === 'expire');
  // Only the lot due on 31 January expired as of 1 February; February's lot waits for its own day.
  expect(expiries).toEqual([expect.objectContaining({ points: -100, ref: 'LOT#2028-01-31' })]);
  shiftClockForTests(0);
});

it('a date after today is refused unless asked for', async () => {
  await travel('2027-05-10T00:20:00+08:00');
  await expect(jobs({ job: 'pending-activation', date: '2027-05-11' })).rejects.toThrow(/after today/);
  await expect(jobs({ job: 'points-expiry', date: '2027-06-01' })).rejects.toThrow(/after today/);
  expect((await run('pending-activation', '2027-05-11', true, true)).runDay).toBe('2027-05-11');
  shiftClockForTests(0);
});

it('a missed night is caught up: the next run processes every day since the last one completed', async () => {
  await travel('2027-07-01T10:00:00+08:00');
  await run('pending-activation', '2027-07-01'); // completed through 1 July
  const { memberId } = await joinShopper(api, '13700000003');
  await api.client(cashier).call('recordSale', { body: saleOf(memberId, 70) }); // available on 8 July
  await travel('2027-07-02T10:00:00+08:00');
  await api.client(cashier).call('recordSale', { body: saleOf(memberId, 30) }); // available on 9 July
  // The runs of 2–9 July never happen; on 10 July the job catches up.
  await travel('2027-07-10T00:20:00+08:00');
  const r = await run('pending-activation', '2027-07-10');
  expect(r.result.days).toEqual(['2027-07-02', '2027-07-03', '2027-07-04', '2027-07-05', '2027-07-06', '2027-07-07', '2027-07-08', '2027-07-09', '2027-07-10']);
  expect(r.result.acted).toBe(2);
  const client = await signInAgain(api, '13700000003');
  expect(await client.call('myPoints')).toMatchObject({ available: 100, pending: 0 });
  // Rerunning a day already done runs just that day again, changing nothing.
  expect((await run('pending-activation', '2027-07-08')).result).toMatchObject({ days: ['2027-07-08'], acted: 0 });
  shiftClockForTests(0);
});

it('the yearly tier review missed on 1 January runs the next night', async () => {
  await travel('2027-12-31T00:30:00+08:00');
  expect((await run('tier-review', '2027-12-31')).result).toMatchObject({ days: ['2027-12-31'], itemsRead: 0 });
  await travel('2028-01-02T00:30:00+08:00');
  const r = await run('tier-review', '2028-01-02');
  expect(r.result.days).toEqual(['2028-01-01', '2028-01-02']);
  shiftClockForTests(0);
});
