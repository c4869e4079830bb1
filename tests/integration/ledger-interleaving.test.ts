import { ApiError } from '../../shared/api-client';
import { addBusinessDays, businessDayOf } from '../../shared/rules/business-time';
import { nowIso, shiftClockForTests } from '../../functions/commons/clock';
import { onInterleavePoint } from '../../functions/commons/interleave';
import { handler as jobs } from '../../functions/handlers/jobs';
import { joinShopper, saleOf, signInAgain, staffToken } from '../support/shoppers';
import { changeSettings, withReturnWindow } from '../support/settings';
import { startTestApi, type TestApi } from '../support/test-api';

/**
 * Deterministic interleavings: a hook in the repository layer makes another request commit between a
 * change's reads and its commit (no sleeps). Every such change must notice, plan again from fresh state,
 * and leave the ledger exact (each file ends with reconcile at 0 drift).
 */
let api: TestApi;
let cashier: string;
let ops: string;
beforeAll(async () => {
  api = await startTestApi(process.env.DEBUG_LOG ? { POWERTOOLS_LOG_LEVEL: 'ERROR' } : {});
  ops = await staffToken(api, 'ops', 'ops-demo-2026');
  cashier = await staffToken(api, 'cashier', 'cashier-demo-2026', 'S001-R1');
  await changeSettings(api, ops, withReturnWindow(0));
});
afterAll(async () => {
  shiftClockForTests(0);
  await api.close();
});

/** Runs `commit` once, the first time `point` is reached after arming; counts how often `point` is reached. */
function interleaveOnce(point: string, commit: () => Promise<unknown>, match: (detail: Record<string, unknown>) => boolean = () => true) {
  let armed = true;
  const seen: string[] = [];
  const off = onInterleavePoint(async (p, detail) => {
    if (p !== point || !match(detail)) return;
    seen.push(p);
    if (!armed) return;
    armed = false;
    await commit();
  });
  return { seen, off };
}

const pos = () => api.client(cashier);

/** Moves the clock (undefined: back to now); the register signs in again, as a real one would after a night. */
async function travel(iso?: string) {
  shiftClockForTests(iso ? Date.parse(iso) - Date.now() : 0);
  cashier = await staffToken(api, 'cashier', 'cashier-demo-2026', 'S001-R1');
}

it('a spend planned on a balance that another spend used meanwhile is planned again and refused', async () => {
  const { memberId, client } = await joinShopper(api, '13500000001');
  await pos().call('recordSale', { body: saleOf(memberId, 1000, { category: 'grocery' }) });
  expect((await client.call('myPoints')).available).toBe(1000);

  const other = saleOf(memberId, 100, { points: 800, category: 'tobacco' });
  const mine = saleOf(memberId, 100, { points: 500, category: 'tobacco' });
  const hook = interleaveOnce('points:read', () => pos().call('recordSale', { body: other }));
  try {
    const err = (await pos().call('recordSale', { body: mine }).catch((e) => e)) as ApiError;
    // Planned first on 1,000 points, then again on the 200 left: refused, nothing overwritten.
    expect(err).toMatchObject({ status: 409, code: 'INSUFFICIENT_POINTS', details: { balance: 200, requested: 500 } });
  } finally {
    hook.off();
  }
  // Read once by the other spend (inside the hook), twice by mine: planned, guard failed, planned again.
  expect(hook.seen.length).toBe(3);
  expect(await client.call('myPoints')).toMatchObject({ available: 200 });
});

it('a spend planned before an earn landed is planned again from the fresh lots', async () => {
  const { memberId, client } = await joinShopper(api, '13500000002');
  await pos().call('recordSale', { body: saleOf(memberId, 300) });
  const earn = saleOf(memberId, 500);
  const spend = saleOf(memberId, 200, { points: 200, category: 'tobacco' });
  const hook = interleaveOnce('points:planned', () => pos().call('recordSale', { body: earn }));
  try {
    // Planned on 300 points (balance after: 100); the earn lands; the guard fails; planned again on 800.
    const r = await pos().call('recordSale', { body: spend });
    expect(r.points).toMatchObject({ spent: 200, balance: 600 });
  } finally {
    hook.off();
  }
  expect(hook.seen.length).toBe(3);
  expect(await client.call('myPoints')).toMatchObject({ available: 600 });
});

it('a return planned on a sale whose pending points activated meanwhile takes them from the balance', async () => {
  await changeSettings(api, ops, withReturnWindow(7));
  const { memberId } = await joinShopper(api, '13500000003');
  const sale = saleOf(memberId, 100);
  const recorded = await pos().call('recordSale', { body: sale });
  expect(recorded.points).toMatchObject({ earned: 100, pending: true });
  const activationDay = recorded.points.availableOn!;
  // Seven days on: the activation job runs while the return is between reading the sale and committing.
  await travel(`${activationDay}T02:00:00+08:00`);
  const client = await signInAgain(api, '13500000003');
  const hook = interleaveOnce('return:sale', () => jobs({ job: 'pending-activation', date: activationDay }));
  try {
    const r = await pos().call('recordReturn', { body: { returnNo: 'RI3', storeId: 'S001', original: { storeId: 'S001', receiptNo: sale.receiptNo }, returnedAt: nowIso() } });
    expect(r.points).toMatchObject({ reversed: 100, fromPending: 0, fromBalance: 100, toDebt: 0 });
    expect(hook.seen.length).toBe(2); // planned on the stale sale, then again on the fresh one
  } finally {
    hook.off();
    await travel();
  }
  expect(await client.call('myPoints')).toMatchObject({ available: 0, pending: 0, debt: 0 });
  await changeSettings(api, ops, withReturnWindow(0));
});

it('a return whose two reads straddle an activation (member read before, sale after) plans again', async () => {
  await changeSettings(api, ops, withReturnWindow(7));
  const { memberId } = await joinShopper(api, '13500000006');
  const sale = saleOf(memberId, 100);
  const recorded = await pos().call('recordSale', { body: sale });
  const activationDay = recorded.points.availableOn!;
  await travel(`${activationDay}T02:00:00+08:00`);
  const client = await signInAgain(api, '13500000006');
  // The hook fires after the return's member read and before its sale read.
  const hook = interleaveOnce('points:read', () => jobs({ job: 'pending-activation', date: activationDay }));
  try {
    const r = await pos().call('recordReturn', { body: { returnNo: 'RI6', storeId: 'S001', original: { storeId: 'S001', receiptNo: sale.receiptNo }, returnedAt: nowIso() } });
    expect(r.points).toMatchObject({ reversed: 100, fromPending: 0, fromBalance: 100, toDebt: 0, balance: 0 });
  } finally {
    hook.off();
    await travel();
  }
  expect(await client.call('myPoints')).toMatchObject({ available: 0, pending: 0, debt: 0 });
  await changeSettings(api, ops, withReturnWindow(0));
});

it('two sales that add only pending points, interleaved, both count (every change bumps the guard)', async () => {
  await changeSettings(api, ops, withReturnWindow(7));
  const { memberId, client } = await joinShopper(api, '13500000007');
  const other = saleOf(memberId, 30);
  const hook = interleaveOnce('points:planned', () => pos().call('recordSale', { body: other }));
  try {
    await pos().call('recordSale', { body: saleOf(memberId, 70) });
  } finally {
    hook.off();
  }
  expect(hook.seen.length).toBe(3);
  expect(await client.call('myPoints')).toMatchObject({ pending: 100, available: 0 });
  expect((await client.call('myTier')).growthFen).toBe(10000);
  await changeSettings(api, ops, withReturnWindow(0));
});

it('an activation planned on pending points that a return reduced meanwhile activates only what is left', async () => {
  await changeSettings(api, ops, withReturnWindow(7));
  const { memberId } = await joinShopper(api, '13500000004');
  const sale = saleOf(memberId, 100, { qty: 2 });
  const recorded = await pos().call('recordSale', { body: sale });
  const activationDay = recorded.points.availableOn!;
  await travel(`${activationDay}T00:20:00+08:00`);
  const client = await signInAgain(api, '13500000004');
  const hook = interleaveOnce('activation:pending', () =>
    pos().call('recordReturn', { body: { returnNo: 'RI4', storeId: 'S001', original: { storeId: 'S001', receiptNo: sale.receiptNo }, returnedAt: nowIso(), lines: [{ lineNo: 1, qtyMilli: 1000 }] } }),
    (detail) => detail.memberId === memberId,
  );
  try {
    const run = (await jobs({ job: 'pending-activation', date: activationDay })) as { result: { acted: number } };
    expect(run.result.acted).toBeGreaterThanOrEqual(1); // other tests' members may be due the same day
    expect(hook.seen.length).toBe(2);
  } finally {
    hook.off();
  }
  expect(await client.call('myPoints')).toMatchObject({ available: 50, pending: 0, debt: 0 });
  // The rest of the sale can still be returned, from the balance now.
  const rest = await pos().call('recordReturn', { body: { returnNo: 'RI4b', storeId: 'S001', original: { storeId: 'S001', receiptNo: sale.receiptNo }, returnedAt: nowIso() } });
  expect(rest.points).toMatchObject({ reversed: 50, fromPending: 0, fromBalance: 50 });
  await travel();
  await changeSettings(api, ops, withReturnWindow(0));
});

it('an expiry run planned before a spend landed expires only what is still there', async () => {
  // Earned on 30 January 2027: usable through 31 January 2028.
  await travel('2027-01-30T12:00:00+08:00');
  const { memberId } = await joinShopper(api, '13500000005');
  await pos().call('recordSale', { body: saleOf(memberId, 300) });
  // 31 January 2028, last usable day: a spend lands while the expiry run for 1 February (as of that day) plans.
  await travel('2028-01-31T23:59:30+08:00');
  const spend = saleOf(memberId, 100, { points: 100, category: 'tobacco' });
  const hook = interleaveOnce('points:read', () => pos().call('recordSale', { body: spend }));
  try {
    await jobs({ job: 'points-expiry', date: '2028-02-01', allowFuture: true });
  } finally {
    hook.off();
  }
  shiftClockForTests(Date.parse('2028-02-01T08:00:00+08:00') - Date.now());
  const client = await signInAgain(api, '13500000005');
  const history = await client.call('myPointsHistory', { query: { limit: 5 } });
  expect(history.items[0]).toMatchObject({ kind: 'expire', points: -200, balanceAfter: 0 });
  expect(await client.call('myPoints')).toMatchObject({ available: 0 });
  await travel();
});

it('business days used here are Shanghai days', () => {
  expect(businessDayOf('2027-01-30T16:30:00Z')).toBe('2027-01-31');
  expect(addBusinessDays('2028-01-31', 1)).toBe('2028-02-01');
});

it('a member written before the lots moved into the member item is read from its lot items once, then kept in the map', async () => {
  const { PutCommand } = await import('@aws-sdk/lib-dynamodb');
  const { ddb } = await import('../../functions/commons/dynamodb');
  const { keys } = await import('../../functions/commons/keys');
  const { memberId, client } = await joinShopper(api, '13500000008');
  await pos().call('recordSale', { body: saleOf(memberId, 300) });
  // Rewind this member to the old shape: balance and LOT# items, no lots map (the revision stays: event ids
  // are named by it, and a real member from before never had one to lose).
  const { GetCommand } = await import('@aws-sdk/lib-dynamodb');
  const m = (await ddb().send(new GetCommand({ TableName: api.tableName, Key: keys.member(memberId) }))).Item!;
  const { lots: _lots, ...legacy } = m;
  await ddb().send(new PutCommand({ TableName: api.tableName, Item: legacy }));
  expect((await client.call('myPoints')).available).toBe(300);
  const r = await pos().call('recordSale', { body: saleOf(memberId, 100, { points: 200, category: 'tobacco' }) });
  expect(r.points).toMatchObject({ spent: 200, balance: 100 });
  const after = (await ddb().send(new GetCommand({ TableName: api.tableName, Key: keys.member(memberId) }))).Item!;
  expect(Object.values(after.lots as Record<string, number>)).toEqual([100]);
});
