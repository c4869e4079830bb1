import { ApiError } from '../../shared/api-client';
import { nowIso, shiftClockForTests } from '../../functions/commons/clock';
import { handler as jobs } from '../../functions/handlers/jobs';
import { onInterleavePoint } from '../../functions/commons/interleave';
import { joinShopper, memberCodeFor, saleOf, signInAgain, staffToken } from '../support/shoppers';
import { changeSettings, withReturnWindow } from '../support/settings';
import { startTestApi, type TestApi } from '../support/test-api';

/** Returns at any time after the sale, line quantities across all returns, and retries answered as the first try. */
let api: TestApi;
let cashier: string;
let ops: string;
beforeAll(async () => {
  api = await startTestApi();
  ops = await staffToken(api, 'ops', 'ops-demo-2026');
  cashier = await staffToken(api, 'cashier', 'cashier-demo-2026', 'S001-R1');
  await changeSettings(api, ops, withReturnWindow(7));
});
afterAll(async () => {
  shiftClockForTests(0);
  await api.close();
});
const pos = () => api.client(cashier);
const returnOf = (receiptNo: string, returnNo: string, lines?: Array<{ lineNo: number; qtyMilli: number }>) => ({
  returnNo,
  storeId: 'S001',
  original: { storeId: 'S001', receiptNo },
  returnedAt: nowIso(),
  ...(lines ? { lines } : {}),
});

it('a return naming one line twice is refused with 400 and changes nothing', async () => {
  const { memberId, client } = await joinShopper(api, '13600000001');
  const sale = saleOf(memberId, 100);
  await pos().call('recordSale', { body: sale });
  for (const copies of [2, 3]) {
    const lines = Array.from({ length: copies }, () => ({ lineNo: 1, qtyMilli: 1000 }));
    const err = (await pos().call('recordReturn', { body: returnOf(sale.receiptNo, `RD${copies}`, lines) }).catch((e) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(400);
  }
  expect(await client.call('myPoints')).toMatchObject({ pending: 100, available: 0 });
  // The line can still be returned once, for its 100 yuan.
  const r = await pos().call('recordReturn', { body: returnOf(sale.receiptNo, 'RD-ok', [{ lineNo: 1, qtyMilli: 1000 }]) });
  expect(r).toMatchObject({ refundFen: 10000, points: { reversed: 100 } });
});

it('concurrent returns of the same goods under different return numbers: only what was sold is returned', async () => {
  const { memberId, client } = await joinShopper(api, '13600000002');
  const sale = saleOf(memberId, 300, { qty: 3 });
  await pos().call('recordSale', { body: sale });
  const tries = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => pos().call('recordReturn', { body: returnOf(sale.receiptNo, `RC${i}`, [{ lineNo: 1, qtyMilli: 2000 }]) })));
  const ok = tries.filter((t) => t.status === 'fulfilled');
  expect(ok).toHaveLength(1);
  for (const t of tries) if (t.status === 'rejected') expect(t.reason).toMatchObject({ status: 409, code: 'RETURN_EXCEEDS_SALE' });
  const last = await pos().call('recordReturn', { body: returnOf(sale.receiptNo, 'RC-last') });
  expect(last).toMatchObject({ refundFen: 10000, points: { reversed: 100 } });
  expect(await client.call('myPoints')).toMatchObject({ pending: 0, available: 0, debt: 0 });
});

it('a return after the pending points activated works, from the balance and then as debt', async () => {
  const { memberId } = await joinShopper(api, '13600000003');
  const sale = saleOf(memberId, 200, { qty: 2 });
  const recorded = await pos().call('recordSale', { body: sale });
  const day = recorded.points.availableOn!;
  shiftClockForTests(Date.parse(`${day}T00:20:00+08:00`) - Date.now());
  cashier = await staffToken(api, 'cashier', 'cashier-demo-2026', 'S001-R1');
  try {
    await jobs({ job: 'pending-activation', date: day });
    const client = await signInAgain(api, '13600000003');
    expect(await client.call('myPoints')).toMatchObject({ available: 200, pending: 0 });
    // The member spends 100 of them elsewhere, then returns the sale in two parts: what is left of the
    // balance is taken back first, the rest becomes debt (paid off by the next points earned).
    await pos().call('recordSale', { body: saleOf(memberId, 100, { points: 100, category: 'tobacco' }) });
    const first = await pos().call('recordReturn', { body: returnOf(sale.receiptNo, 'RA1', [{ lineNo: 1, qtyMilli: 1000 }]) });
    expect(first.points).toMatchObject({ reversed: 100, fromPending: 0, fromBalance: 100, toDebt: 0 });
    const second = await pos().call('recordReturn', { body: returnOf(sale.receiptNo, 'RA2') });
    expect(second.points).toMatchObject({ reversed: 100, fromPending: 0, fromBalance: 0, toDebt: 100 });
    expect(await client.call('myPoints')).toMatchObject({ available: 0, debt: 100 });
  } finally {
    shiftClockForTests(0);
    cashier = await staffToken(api, 'cashier', 'cashier-demo-2026', 'S001-R1');
  }
});

it('a register retrying a sale paid with points gets the first result, concurrently and after a timeout', async () => {
  await changeSettings(api, ops, withReturnWindow(0));
  const { memberId, client } = await joinShopper(api, '13600000004');
  await pos().call('recordSale', { body: saleOf(memberId, 500) });
  const sale = saleOf(memberId, 100, { points: 500, category: 'tobacco' }); // all the member has
  const concurrent = await Promise.all(Array.from({ length: 6 }, () => pos().call('recordSale', { body: sale })));
  for (const r of concurrent) expect(r).toEqual(concurrent[0]);
  // Later (the register timed out and sends it again): the points are gone and the code is used, yet the
  // answer is the first one.
  expect(await pos().call('recordSale', { body: sale })).toEqual(concurrent[0]);
  expect(concurrent[0].points).toMatchObject({ spent: 500, balance: 0 });
  expect(await client.call('myPoints')).toMatchObject({ available: 0 });
  // Same receipt, different content: 409.
  await expect(pos().call('recordSale', { body: { ...sale, payments: [{ method: 'cash' as const, amountFen: 10000 }], member: { memberId } } })).rejects.toMatchObject({ status: 409, code: 'RECEIPT_CONFLICT' });
  await changeSettings(api, ops, withReturnWindow(7));
});

it.each(['points:read', 'points:planned'])('a retry that lands while the first try is at %s gets the recorded sale, not INSUFFICIENT_POINTS', async (point) => {
  await changeSettings(api, ops, withReturnWindow(0));
  const phone = point === 'points:read' ? '13600000010' : '13600000011';
  const { memberId } = await joinShopper(api, phone);
  await pos().call('recordSale', { body: saleOf(memberId, 300) });
  const sale = saleOf(memberId, 100, { points: 300, category: 'tobacco' }); // all the member has
  let retried: Promise<unknown> | undefined;
  const off = onInterleavePoint(async (p) => {
    if (p !== point || retried) return;
    // The register times out and sends the same sale again; it commits while the first try waits here.
    retried = pos().call('recordSale', { body: sale });
    await retried;
  });
  try {
    const first = await pos().call('recordSale', { body: sale });
    expect(first).toEqual(await retried);
    expect(first.points).toMatchObject({ spent: 300, balance: 0 });
  } finally {
    off();
    await changeSettings(api, ops, withReturnWindow(7));
  }
});

it('a retried return gets the first result, concurrently and later; different content gets 409', async () => {
  const { memberId } = await joinShopper(api, '13600000005');
  const sale = saleOf(memberId, 100, { qty: 2 });
  await pos().call('recordSale', { body: sale });
  const body = returnOf(sale.receiptNo, 'RR1', [{ lineNo: 1, qtyMilli: 1000 }]);
  const all = await Promise.all(Array.from({ length: 5 }, () => pos().call('recordReturn', { body })));
  for (const r of all) expect(r).toEqual(all[0]);
  expect(await pos().call('recordReturn', { body })).toEqual(all[0]);
  await expect(pos().call('recordReturn', { body: { ...body, lines: [{ lineNo: 1, qtyMilli: 500 }] } })).rejects.toMatchObject({ status: 409, code: 'RECEIPT_CONFLICT' });
});

it('date-times with any RFC 3339 offset are accepted and mean the same instant', async () => {
  const { memberId } = await joinShopper(api, '13600000006');
  const soldAt = new Date(Date.now() - 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const sh = new Date(soldAt.getTime() + 8 * 3600_000);
  const withOffset = `${sh.getUTCFullYear()}-${pad(sh.getUTCMonth() + 1)}-${pad(sh.getUTCDate())}T${pad(sh.getUTCHours())}:${pad(sh.getUTCMinutes())}:${pad(sh.getUTCSeconds())}+08:00`;
  const body = { ...saleOf(memberId, 88), soldAt: withOffset };
  const r = await pos().call('recordSale', { body });
  expect(r.points.earned).toBe(88);
  // The same sale sent again in UTC is the same content: the first result.
  expect(await pos().call('recordSale', { body: { ...body, soldAt: new Date(Math.floor(soldAt.getTime() / 1000) * 1000).toISOString() } })).toEqual(r);
  const ret = await pos().call('recordReturn', { body: { ...returnOf(body.receiptNo, 'RO1'), returnedAt: '2026-11-30T23:59:59-05:00' } });
  expect(ret.refundFen).toBe(8800);
});

it('spending by member number or phone is refused; a stale or used code too', async () => {
  const { memberId } = await joinShopper(api, '13600000007');
  await changeSettings(api, ops, withReturnWindow(0));
  await pos().call('recordSale', { body: saleOf(memberId, 500) });
  for (const member of [{ memberId }, { phone: '13600000007' }]) {
    await expect(pos().call('recordSale', { body: saleOf(memberId, 100, { points: 100, member }) })).rejects.toMatchObject({ status: 400, code: 'PRESENCE_REQUIRED' });
  }
  const stale = memberCodeFor(memberId, Date.now() - 10 * 60_000);
  await expect(pos().call('recordSale', { body: saleOf(memberId, 100, { points: 100, member: { code: stale } }) })).rejects.toMatchObject({ status: 400, code: 'MEMBER_CODE_EXPIRED' });
  const code = memberCodeFor(memberId);
  await pos().call('recordSale', { body: saleOf(memberId, 100, { points: 100, member: { code } }) });
  await expect(pos().call('recordSale', { body: saleOf(memberId, 100, { points: 100, member: { code } }) })).rejects.toMatchObject({ status: 409, code: 'MEMBER_CODE_USED' });
  // A spend must reach us at checkout: one dated 20 minutes back (an offline register's) may not spend.
  const earlier = Date.now() - 20 * 60_000;
  await expect(pos().call('recordSale', { body: saleOf(memberId, 100, { points: 100, soldAt: new Date(earlier).toISOString(), member: { code: memberCodeFor(memberId, earlier) } }) })).rejects.toMatchObject({ status: 400, code: 'SPEND_TOO_LATE' });
  // Earning by number or phone is fine.
  await pos().call('recordSale', { body: saleOf(memberId, 10, { member: { phone: '13600000007' } }) });
  await changeSettings(api, ops, withReturnWindow(7));
});
