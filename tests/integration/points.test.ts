import { ApiError } from '../../shared/api-client';
import { defaultChainSettings } from '../../shared/settings';
import { shiftClockForTests } from '../../functions/commons/clock';
import { clearSettingsCache } from '../../functions/features/settings/settings';
import { joinShopper, saleOf, staffToken } from '../support/shoppers';
import { memberCodeFor } from '../support/shoppers';
import { startTestApi, type TestApi } from '../support/test-api';

/** Sales, returns, quotes, sign-in and staff adjustments through the API, against DynamoDB Local. */
let api: TestApi;
let cashier: string;
let ops: string;
beforeAll(async () => {
  api = await startTestApi();
  cashier = await staffToken(api, 'cashier', 'cashier-demo-2026', 'S001-R1');
  ops = await staffToken(api, 'ops', 'ops-demo-2026');
});
afterAll(async () => {
  shiftClockForTests(0);
  await api.close();
});

async function setReturnWindow(days: number) {
  await api.client(ops).call('updateSettings', { body: { version: (await api.client(ops).call('getSettings')).version, settings: { ...defaultChainSettings, points: { ...defaultChainSettings.points, returnWindowDays: days } } } });
  clearSettingsCache();
}
const pos = () => api.client(cashier);

describe('earning from a sale', () => {
  beforeAll(() => setReturnWindow(7));

  it('a base member earns floor(yuan × 1), pending for the return window', async () => {
    const { memberId, client } = await joinShopper(api, '13500000101');
    const r = await pos().call('recordSale', { body: saleOf(memberId, 88.8) });
    expect(r.points).toMatchObject({ earned: 88, pending: true, spent: 0 });
    expect(r.points.availableOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const mine = await client.call('myPoints');
    expect(mine).toMatchObject({ available: 0, pending: 88 });
    expect(mine.pendingItems).toEqual([expect.objectContaining({ points: 88, availableOn: r.points.availableOn })]);
  });

  it('a retry returns the first result; another payload under the same receipt is a 409', async () => {
    const { memberId } = await joinShopper(api, '13500000102');
    const sale = saleOf(memberId, 50);
    const first = await pos().call('recordSale', { body: sale });
    const again = await pos().call('recordSale', { body: sale });
    expect(again).toEqual(first);
    const err = await pos().call('recordSale', { body: { ...sale, lines: [{ ...sale.lines[0], unitPriceFen: 6000 }], payments: [{ method: 'cash', amountFen: 6000 }] } }).catch((e: ApiError) => e);
    expect(err).toMatchObject({ status: 409, code: 'RECEIPT_CONFLICT' });
  });

  it('accepts sales up to 7 days late, earning by their own time; older ones are refused', async () => {
    const { memberId } = await joinShopper(api, '13500000103');
    const threeDaysAgo = new Date(Date.now() - 3 * 86400_000).toISOString();
    const late = await pos().call('recordSale', { body: saleOf(memberId, 10, { soldAt: threeDaysAgo }) });
    expect(late.late).toBe(true);
    const tooLate = await pos().call('recordSale', { body: saleOf(memberId, 10, { soldAt: new Date(Date.now() - 9 * 86400_000).toISOString() }) }).catch((e: ApiError) => e);
    expect(tooLate).toMatchObject({ status: 400, code: 'SALE_TOO_LATE' });
  });

  it('payments must add up to the lines (400 with the field path)', async () => {
    const bad = { ...saleOf(null, 10), payments: [{ method: 'cash' as const, amountFen: 999 }] };
    const err = await pos().call('recordSale', { body: bad }).catch((e: ApiError) => e);
    expect(err).toMatchObject({ status: 400 });
    expect((err as ApiError).details).toEqual([expect.objectContaining({ path: ['body', 'payments'] })]);
  });

  it('a cashier can only post for their own store', async () => {
    const err = await pos().call('recordSale', { body: { ...saleOf(null, 10), storeId: 'S002' } }).catch((e: ApiError) => e);
    expect(err).toMatchObject({ status: 403 });
  });
});

describe('with no return window (points available at once)', () => {
  beforeAll(() => setReturnWindow(0));
  afterAll(() => setReturnWindow(7));

  it('spends points at checkout, FIFO, and refuses more than the balance with 409', async () => {
    const { memberId, client } = await joinShopper(api, '13500000201');
    await pos().call('recordSale', { body: saleOf(memberId, 300) }); // 300 points
    expect((await client.call('myPoints')).available).toBe(300);
    // By member number the quote gives the tier price only: the balance is for the member's presence.
    const blind = await pos().call('quoteBasket', { body: { storeId: 'S001', member: { memberId }, lines: saleOf(null, 120).lines } });
    expect(blind.points).toMatchObject({ available: null, deductiblePoints: 0, reason: 'code-required' });
    const quote = await pos().call('quoteBasket', { body: { storeId: 'S001', member: { code: memberCodeFor(memberId) }, lines: saleOf(null, 120).lines } });
    expect(quote.points).toMatchObject({ available: 300, deductiblePoints: 300, deductibleFen: 300 });
    const spend = await pos().call('recordSale', { body: saleOf(memberId, 120, { points: 300 }) });
    expect(spend.points).toMatchObject({ spent: 300 });
    // 120 yuan with 3 yuan in points earns on 117 yuan.
    expect(spend.points.earned).toBe(117);
    const err = await pos().call('recordSale', { body: saleOf(memberId, 100, { points: 1000 }) }).catch((e: ApiError) => e);
    expect(err).toMatchObject({ status: 409, code: 'INSUFFICIENT_POINTS', details: { balance: 117, requested: 1000 } });
  });

  it('partial returns reverse exactly what the sale earned, never twice; spent points become debt', async () => {
    const { memberId, client } = await joinShopper(api, '13500000202');
    const sale = saleOf(memberId, 100, { qty: 4 }); // 4 × 25 yuan → 100 points
    await pos().call('recordSale', { body: sale });
    // The member spends 100 points (on a 100-yuan basket, within the 50% cap).
    await pos().call('recordSale', { body: saleOf(memberId, 100, { points: 100 }) });
    const before = await client.call('myPoints');
    expect(before.available).toBe(99); // 100 − 100 + 99 earned on the 99 yuan paid in cash
    const returnedAt = new Date().toISOString();
    const ret = (n: number, qty: number) =>
      pos().call('recordReturn', { body: { returnNo: `${sale.receiptNo}-r${n}`, storeId: 'S001', original: { storeId: 'S001', receiptNo: sale.receiptNo }, returnedAt, lines: [{ lineNo: 1, qtyMilli: qty * 1000 }] } });
    const r1 = await ret(1, 1);
    expect(r1.points.reversed).toBe(25);
    const r2 = await ret(2, 3);
    expect(r2.points.reversed).toBe(75);
    // The whole sale is back: nothing is left to return.
    await expect(ret(3, 1)).rejects.toMatchObject({ status: 409, code: 'RETURN_EXCEEDS_SALE' });
    // A retry of a return changes nothing.
    expect(await ret(2, 3)).toEqual(r2);
    const after = await client.call('myPoints');
    expect(after.available).toBe(0);
    expect(after.debt).toBe(1);
    // The next earning settles the debt first.
    await pos().call('recordSale', { body: saleOf(memberId, 10) });
    expect(await client.call('myPoints')).toMatchObject({ available: 9, debt: 0 });
  });

  it('a return gives back the points the sale was paid with', async () => {
    const { memberId, client } = await joinShopper(api, '13500000203');
    await pos().call('recordSale', { body: saleOf(memberId, 200) }); // 200 points
    const paid = saleOf(memberId, 100, { points: 200 }); // 2 yuan in points, earns 98
    await pos().call('recordSale', { body: paid });
    const r = await pos().call('recordReturn', { body: { returnNo: `${paid.receiptNo}-all`, storeId: 'S001', original: { storeId: 'S001', receiptNo: paid.receiptNo }, returnedAt: new Date().toISOString() } });
    expect(r.points).toMatchObject({ paidBack: 200, reversed: 98, toDebt: 0 });
    expect((await client.call('myPoints')).available).toBe(200);
  });

  it('upgrades at once on the sale that crosses the threshold; a return does not downgrade', async () => {
    const { memberId, client } = await joinShopper(api, '13500000204');
    const big = saleOf(memberId, 1000);
    const r = await pos().call('recordSale', { body: big });
    expect(r.tier).toMatchObject({ code: 'silver', upgradedFrom: 'base' });
    await pos().call('recordReturn', { body: { returnNo: `${big.receiptNo}-x`, storeId: 'S001', original: { storeId: 'S001', receiptNo: big.receiptNo }, returnedAt: new Date().toISOString() } });
    const tier = await client.call('myTier');
    expect(tier.tier.code).toBe('silver');
    expect(tier.growthFen).toBe(0);
  });

  it('reaching diamond queues an ops approval instead of upgrading', async () => {
    const { memberId, client } = await joinShopper(api, '13500000205');
    const r = await pos().call('recordSale', { body: saleOf(memberId, 50_000) });
    expect(r.tier).toMatchObject({ code: 'gold', approvalQueued: 'diamond' });
    const queue = await api.client(ops).call('tierApprovals');
    expect(queue.items.map((i) => i.memberId)).toContain(memberId);
    await api.client(ops).call('decideTierApproval', { params: { memberId }, body: { decision: 'approve' } });
    expect((await client.call('myTier')).tier.code).toBe('diamond');
  });

  it('daily sign-in pays once per Shanghai day and builds a streak', async () => {
    const { client } = await joinShopper(api, '13500000206');
    const first = await client.call('signIn');
    expect(first).toMatchObject({ points: 5, streak: 1, alreadySignedIn: false });
    // A double tap or a retry answers as the first try did.
    expect(await client.call('signIn')).toMatchObject({ points: 5, streak: 1, alreadySignedIn: true });
    shiftClockForTests(86400_000);
    expect(await client.call('signIn')).toMatchObject({ points: 5, streak: 2 });
    shiftClockForTests(0);
  });

  it('ops adjust either way; customer service grants up to the cap; both are audit-logged and idempotent', async () => {
    const { memberId, client } = await joinShopper(api, '13500000207');
    const service = await staffToken(api, 'service', 'service-demo-2026');
    const granted = await api.client(service).call('adjustPoints', { params: { memberId }, body: { points: 300, note: '商品质量问题补偿', caseRef: 'CS-1001', idempotencyKey: 'case-1001' } });
    expect(granted.balance).toBe(300);
    expect(await api.client(service).call('adjustPoints', { params: { memberId }, body: { points: 300, note: '商品质量问题补偿', caseRef: 'CS-1001', idempotencyKey: 'case-1001' } })).toMatchObject({ balance: 300 });
    await expect(api.client(service).call('adjustPoints', { params: { memberId }, body: { points: 501, note: 'too much', caseRef: 'CS-1002', idempotencyKey: 'case-1002' } })).rejects.toMatchObject({ status: 400 });
    await expect(api.client(service).call('adjustPoints', { params: { memberId }, body: { points: -10, note: 'deduct', caseRef: 'CS-1003', idempotencyKey: 'case-1003' } })).rejects.toMatchObject({ status: 403 });
    await api.client(ops).call('adjustPoints', { params: { memberId }, body: { points: -100, note: '重复发放更正', idempotencyKey: 'fix-1' } });
    expect((await client.call('myPoints')).available).toBe(200);
    const history = await client.call('myPointsHistory', { query: { limit: 10 } });
    expect(history.items.map((e) => [e.kind, e.points])).toEqual([['adjust', -100], ['adjust', 300]]);
    const admin = await staffToken(api, 'admin', 'admin-demo-2026');
    const audit = await api.client(admin).call('auditLog', { query: { actor: 'service' } });
    expect(audit.items.find((i) => i.action === 'points.adjust')).toMatchObject({ target: `member:${memberId}` });
  });

  it('finance sees the points liability', async () => {
    const finance = await staffToken(api, 'finance', 'finance-demo-2026');
    // The counters follow the ledger through the table's stream (the report says "as of").
    await api.drainEvents();
    const report = await api.client(finance).call('pointsLiability');
    expect(report.availablePoints).toBeGreaterThan(0);
    expect(report.availableValueFen).toBe(report.availablePoints);
    await expect(api.client(finance).call('adjustPoints', { params: { memberId: '100000001' }, body: { points: 1, note: 'no', idempotencyKey: 'nope-1' } })).rejects.toMatchObject({ status: 403 });
  });
});
