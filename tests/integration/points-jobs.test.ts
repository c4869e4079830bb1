import { shiftClockForTests } from '../../functions/commons/clock';
import { handler as jobs } from '../../functions/handlers/jobs';
import { joinShopper, saleOf, signInAgain, staffToken } from '../support/shoppers';
import { startTestApi, type TestApi } from '../support/test-api';

/** The nightly points jobs, in Asia/Shanghai, each safe to run twice for the same day. */
let api: TestApi;
let cashier: string;
const at = (iso: string) => shiftClockForTests(Date.parse(iso) - Date.now());

beforeAll(async () => {
  api = await startTestApi();
});
/** Moves the clock; sessions are signed anew, as real ones would have been. */
async function travel(iso: string) {
  at(iso);
  cashier = await staffToken(api, 'cashier', 'cashier-demo-2026', 'S001-R1');
}
afterAll(async () => {
  shiftClockForTests(0);
  await api.close();
});

type JobResult = { result: { itemsRead: number; acted: number } };
const run = async (job: string, date: string) => (await jobs({ job, date })) as unknown as JobResult;

it('activation, reminder and expiry follow a sale through its life; reruns change nothing', async () => {
  // 23:30 on 31 March in Shanghai (15:30 UTC): the points are March's, expiring end of March next year.
  await travel('2026-03-31T15:30:00Z');
  const { memberId } = await joinShopper(api, '13400000001');
  let client = await signInAgain(api, '13400000001');
  const sale = await api.client(cashier).call('recordSale', { body: saleOf(memberId, 120, { soldAt: '2026-03-31T15:30:00Z' }) });
  expect(sale.points).toMatchObject({ earned: 120, pending: true, availableOn: '2026-04-07' });

  await travel('2026-04-06T16:20:00Z'); // 00:20 on 7 April
  client = await signInAgain(api, '13400000001');
  const activated = await run('pending-activation', '2026-04-07');
  expect(activated.result).toMatchObject({ itemsRead: 1, acted: 1 });
  expect((await run('pending-activation', '2026-04-07')).result).toMatchObject({ acted: 0 });
  const points = await client.call('myPoints');
  expect(points).toMatchObject({ available: 120, pending: 0 });
  expect(points.expiring).toEqual([{ expiryDay: '2027-03-31', points: 120 }]);

  // Seven days before the last usable day: one reminder in the message centre, not two.
  await travel('2027-03-24T02:00:00Z');
  client = await signInAgain(api, '13400000001');
  expect((await run('expiry-reminder', '2027-03-24')).result).toMatchObject({ itemsRead: 1, acted: 1 });
  expect((await run('expiry-reminder', '2027-03-24')).result).toMatchObject({ acted: 0 });
  const inbox = await client.call('myMessages', { query: { limit: 10 } });
  expect(inbox.items).toEqual([expect.objectContaining({ kind: 'points-expiry' })]);

  // 31 March is still usable; the run on 1 April expires the lot.
  at('2027-03-31T15:00:00Z'); // 23:00 on 31 March
  expect((await client.call('myPoints')).available).toBe(120);
  at('2027-03-31T16:10:00Z'); // 00:10 on 1 April
  expect((await run('points-expiry', '2027-04-01')).result).toMatchObject({ itemsRead: 1, acted: 1 });
  expect((await run('points-expiry', '2027-04-01')).result).toMatchObject({ itemsRead: 0, acted: 0 });
  expect((await client.call('myPoints')).available).toBe(0);
  const history = await client.call('myPointsHistory', { query: { limit: 5 } });
  expect(history.items[0]).toMatchObject({ kind: 'expire', points: -120, balanceAfter: 0 });
});

it('a spend after the last usable day never uses the expired lot, even before the job runs', async () => {
  await travel('2026-05-10T04:00:00Z');
  const ops = await staffToken(api, 'ops', 'ops-demo-2026');
  const { memberId } = await joinShopper(api, '13400000002');
  await api.client(ops).call('adjustPoints', { params: { memberId }, body: { points: 500, note: 'welcome', idempotencyKey: 'welcome-13400000002' } });
  await travel('2027-06-01T02:00:00Z'); // the May 2027 lot has expired; no job has run
  const client = await signInAgain(api, '13400000002');
  expect((await client.call('myPoints')).available).toBe(0);
  const spend = await api.client(cashier).call('recordSale', { body: saleOf(memberId, 100, { points: 100 }) }).catch((e) => e);
  expect(spend).toMatchObject({ status: 409, code: 'INSUFFICIENT_POINTS' });
});

it('the yearly review on 1 January reads only members above base and downgrades on the last 12 months', async () => {
  await travel('2026-06-15T04:00:00Z');
  const { memberId, client } = await joinShopper(api, '13400000003');
  await api.client(cashier).call('recordSale', { body: saleOf(memberId, 1200) });
  expect((await client.call('myTier')).tier.code).toBe('silver');
  await travel('2027-12-31T16:30:00Z'); // 00:30 on 1 January 2028: June 2026 is outside the window
  const review = await run('tier-review', '2028-01-01');
  expect(review.result.acted).toBeGreaterThanOrEqual(1);
  expect((await (await signInAgain(api, '13400000003')).call('myTier')).tier.code).toBe('base');
  const again = await run('tier-review', '2028-01-01');
  expect(again.result.acted).toBe(0);
});
