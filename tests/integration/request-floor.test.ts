import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ApiError } from '../../shared/api-client';
import { nowIso, shiftClockForTests } from '../../functions/commons/clock';
import { costTotals, resetCostTotals } from '../../functions/commons/cost-meter';
import { ddb } from '../../functions/commons/dynamodb';
import { onInterleavePoint } from '../../functions/commons/interleave';
import { keys } from '../../functions/commons/keys';
import { memberCodeKeyOf } from '../../functions/commons/config';
import { memberCodePrf } from '../../functions/commons/crypto';
import { encodeCouponCode } from '../../shared/features/coupons/coupon-code';
import { timeStepOf } from '../../shared/rules/member-code';
import { joinShopper, memberCodeFor, saleOf, staffToken } from '../support/shoppers';
import { changeSettings, withReturnWindow } from '../support/settings';
import { startTestApi, type TestApi } from '../support/test-api';

/**
 * Each request at its floor (docs/BENCHMARKS.md, cost per operation): the staff session is read in the same
 * consistent BatchGetItem as the member (and the code's failure window), the receipt is claimed by the
 * transaction's `attribute_not_exists` (the recorded sale is read only when that fails), and a ledger write made
 * under a staff session carries a condition on the account, so a session revoked between the read and the commit
 * writes nothing. The rules around it stay: 401 before anything else, the first result for a retry, never for a
 * revoked session.
 */
let api: TestApi;
let admin: string;
let ops: string;
beforeAll(async () => {
  // Counts this process's DynamoDB round trips (the API runs in it).
  api = await startTestApi({ COST_METER: '1' });
  admin = await staffToken(api, 'admin', 'admin-demo-2026');
  ops = await staffToken(api, 'ops', 'ops-demo-2026');
  await changeSettings(api, ops, withReturnWindow(0));
});
afterAll(async () => {
  shiftClockForTests(0);
  await api.close();
});
afterEach(() => shiftClockForTests(0));

const PASSWORD = 'Str0ng-Enough-26';
let n = 0;
/** A cashier of its own at S001-R1, so revoking it disturbs no other test. */
async function newCashier() {
  const username = `floor.cashier.${++n}`;
  await api.client(admin).call('createStaff', { body: { username, displayName: username, password: PASSWORD, role: 'cashier', scope: { level: 'store', storeId: 'S001' } } });
  return { username, token: await staffToken(api, username, PASSWORD, 'S001-R1') };
}
const err = (p: Promise<unknown>) => p.then(() => ({ status: 200 }) as unknown as ApiError, (e: ApiError) => e);

/** The DynamoDB calls one request makes (the session's once-a-minute activity write left out). */
async function callsOf(request: () => Promise<unknown>) {
  resetCostTotals();
  await request();
  const { byCommand, roundTrips } = costTotals();
  const activity = byCommand.UpdateItemCommand ?? 0;
  delete byCommand.UpdateItemCommand;
  return { roundTrips: roundTrips - activity, byCommand };
}

const saleRecorded = async (receiptNo: string) => (await ddb().send(new GetCommand({ TableName: api.tableName, Key: keys.sale('S001', receiptNo), ConsistentRead: true }))).Item;

describe('round trips per request', () => {
  it('a sale is one consistent read (session, account and member together) and one transaction', async () => {
    const cashier = await newCashier();
    const { memberId } = await joinShopper(api, '13900000001');
    const pos = api.client(cashier.token);
    await pos.call('recordSale', { body: saleOf(memberId, 300) }); // settings cached, as in a warm container
    expect(await callsOf(() => pos.call('recordSale', { body: saleOf(memberId, 120) }))).toEqual({ roundTrips: 2, byCommand: { BatchGetItemCommand: 1, TransactWriteItemsCommand: 1 } });
    // Paying with points: the code's failure window joins the same read, the code's claim the same transaction.
    expect(await callsOf(() => pos.call('recordSale', { body: saleOf(memberId, 100, { points: 100 }) }))).toEqual({ roundTrips: 2, byCommand: { BatchGetItemCommand: 1, TransactWriteItemsCommand: 1 } });
    // Without a member: the session read, then the sale.
    expect(await callsOf(() => pos.call('recordSale', { body: saleOf(null, 20) }))).toEqual({ roundTrips: 2, byCommand: { BatchGetItemCommand: 1, TransactWriteItemsCommand: 1 } });
  });

  it('a sale redeeming a coupon reads the coupon and the store with the member: still one read and one transaction', async () => {
    const cashier = await newCashier();
    const { memberId, client } = await joinShopper(api, '13900000009');
    await api.client(ops).call('createCouponTemplate', {
      body: { templateId: 'FLOOR-OFF5', name: { zh: '减5元', en: '¥5 off' }, benefit: { kind: 'no-threshold', offFen: 500 }, validity: { type: 'after-receipt', days: 7 }, scope: {}, limits: { stock: 10, perMember: 5, budgetFen: 5000, minOrderFen: 0 }, stacking: { group: 'no-threshold' }, claimChannel: 'centre' },
    });
    const grants: string[] = [];
    for (const key of ['floor-claim-1', 'floor-claim-2', 'floor-claim-3']) grants.push((await client.call('claimCoupon', { body: { templateId: 'FLOOR-OFF5', idempotencyKey: key } })).grants[0].grantId);
    const pos = api.client(cashier.token);
    const withCoupon = (grantId: string, step: number) => ({ ...saleOf(memberId, 120, { member: { code: memberCodeFor(memberId, Date.now(), step) } }), payments: [{ method: 'cash' as const, amountFen: 11500 }], coupons: { grantIds: [grantId] } });
    await pos.call('recordSale', { body: withCoupon(grants[0], 0) }); // the template's design cached, as in a warm container
    expect(await callsOf(() => pos.call('recordSale', { body: withCoupon(grants[1], -1) }))).toEqual({ roundTrips: 2, byCommand: { BatchGetItemCommand: 1, TransactWriteItemsCommand: 1 } });
    // By the coupon's own QR, the member by number: the wrong-code window joins the same read.
    const qr = encodeCouponCode(memberId, grants[2], timeStepOf(Date.now()), memberCodePrf(memberCodeKeyOf(process.env.APP_SECRETS_JSON!)));
    const byQr = { ...saleOf(memberId, 120), payments: [{ method: 'cash' as const, amountFen: 11500 }], coupons: { grantIds: [grants[2]], codes: [qr] } };
    expect(await callsOf(() => pos.call('recordSale', { body: byQr }))).toEqual({ roundTrips: 2, byCommand: { BatchGetItemCommand: 1, TransactWriteItemsCommand: 1 } });
  });

  it('identify and quote by code are one read; a return is the sale, then the member, then one transaction', async () => {
    const cashier = await newCashier();
    const { memberId } = await joinShopper(api, '13900000002');
    const pos = api.client(cashier.token);
    const sale = saleOf(memberId, 200);
    await pos.call('recordSale', { body: sale });
    expect(await callsOf(() => pos.call('identifyMember', { body: { code: memberCodeFor(memberId) } }))).toEqual({ roundTrips: 1, byCommand: { BatchGetItemCommand: 1 } });
    const lines = [{ lineNo: 1, sku: 'A', category: 'grocery', qtyMilli: 1000, unitPriceFen: 10000, lineDiscountFen: 0 }];
    expect(await callsOf(() => pos.call('quoteBasket', { body: { storeId: 'S001', member: { code: memberCodeFor(memberId) }, lines } }))).toEqual({ roundTrips: 1, byCommand: { BatchGetItemCommand: 1 } });
    const calls = await callsOf(() => pos.call('recordReturn', { body: { returnNo: 'FR1', storeId: 'S001', original: { storeId: 'S001', receiptNo: sale.receiptNo }, returnedAt: nowIso() } }));
    expect(calls.roundTrips).toBe(3);
    expect(calls.byCommand.TransactWriteItemsCommand).toBe(1);
  });

  it('a scan-to-join reads its identities and scene together, takes a member number and writes the member in one transaction', async () => {
    const phone = '13900000008';
    await api.client().call('devSendOtp', { body: { phone } });
    const { lastDevOtp } = await import('../../functions/adapters/dev-sms');
    const signedIn = await api.client().call('devVerifyOtp', { body: { phone, code: lastDevOtp(phone)! } });
    const scene = api.seed.stores[0].registers[0].scene;
    const consent = { accepted: true as const, privacyPolicyVersion: '2026-11-01', termsVersion: '2026-11-01' };
    resetCostTotals();
    const joined = await api.client(signedIn.token).call('join', { body: { consent, scene } });
    expect(joined.card.joinStore?.storeId).toBe(api.seed.stores[0].storeId);
    expect(costTotals()).toMatchObject({ roundTrips: 3, byCommand: { BatchGetItemCommand: 1, UpdateItemCommand: 1, TransactWriteItemsCommand: 1 } });
  });

  it('the card is one read (the member, the inbox, and with them the membership check); a points page adds that check', async () => {
    const { client } = await joinShopper(api, '13900000009');
    expect(await callsOf(() => client.call('myCard'))).toEqual({ roundTrips: 1, byCommand: { BatchGetItemCommand: 1 } });
    expect(await callsOf(() => client.call('myPointsHistory', { query: { limit: 20 } }))).toEqual({ roundTrips: 2, byCommand: { GetItemCommand: 1, QueryCommand: 1 } });
  });
});

describe('the session, checked with the first read and again at commit', () => {
  it('a sale whose cashier session is revoked between the read and the transaction is refused and writes nothing', async () => {
    const cashier = await newCashier();
    const { memberId, client } = await joinShopper(api, '13900000003');
    await api.client(cashier.token).call('recordSale', { body: saleOf(memberId, 500) });
    const before = await client.call('myPoints');
    const sale = saleOf(memberId, 200, { points: 200 });
    let fired = 0;
    const off = onInterleavePoint(async (point) => {
      if (point !== 'points:read' || fired++) return;
      await api.client(admin).call('signOutStaff', { params: { username: cashier.username } });
    });
    try {
      expect(await err(api.client(cashier.token).call('recordSale', { body: sale }))).toMatchObject({ status: 401, code: 'SESSION_ENDED' });
    } finally {
      off();
    }
    expect(fired).toBe(1); // refused at commit, not planned again
    expect(await saleRecorded(sale.receiptNo)).toBeUndefined();
    expect(await client.call('myPoints')).toEqual(before);
    // The same sale from a fresh session goes through (the code was not claimed either).
    const again = await api.client(await staffToken(api, cashier.username, PASSWORD, 'S001-R1')).call('recordSale', { body: sale });
    expect(again.points).toMatchObject({ spent: 200 });
  });

  it('a return whose cashier session is revoked between its reads and its transaction writes nothing', async () => {
    const cashier = await newCashier();
    const { memberId, client } = await joinShopper(api, '13900000004');
    const sale = saleOf(memberId, 100);
    await api.client(cashier.token).call('recordSale', { body: sale });
    const off = onInterleavePoint(async (point) => {
      if (point === 'points:read') await api.client(admin).call('updateStaff', { params: { username: cashier.username }, body: { disabled: true } });
    });
    const ret = { returnNo: 'FR-revoked', storeId: 'S001', original: { storeId: 'S001', receiptNo: sale.receiptNo }, returnedAt: nowIso() };
    try {
      expect(await err(api.client(cashier.token).call('recordReturn', { body: ret }))).toMatchObject({ status: 401, code: 'SESSION_ENDED' });
    } finally {
      off();
    }
    expect((await ddb().send(new GetCommand({ TableName: api.tableName, Key: keys.saleReturn('S001', 'FR-revoked'), ConsistentRead: true }))).Item).toBeUndefined();
    expect((await saleRecorded(sale.receiptNo))!.returnsVersion).toBe(0);
    expect(await client.call('myPoints')).toMatchObject({ available: 100 });
  });

  it('a revoked session gets 401 on every register route before anything else: not a recorded sale, not a 400', async () => {
    const cashier = await newCashier();
    const { memberId } = await joinShopper(api, '13900000005');
    const pos = api.client(cashier.token);
    const sale = saleOf(memberId, 100);
    const first = await pos.call('recordSale', { body: sale });
    expect(await pos.call('recordSale', { body: sale })).toEqual(first); // a retry gets the first result
    await api.client(admin).call('signOutStaff', { params: { username: cashier.username } });
    const code = memberCodeFor(memberId);
    const lines = sale.lines;
    for (const call of [
      () => pos.call('recordSale', { body: sale }), // the retry of a recorded sale
      () => pos.call('recordSale', { body: { ...sale, receiptNo: 'FR-new' } }),
      () => pos.call('recordSale', { body: { ...sale, lines: [] } as never }), // invalid body
      () => pos.call('identifyMember', { body: { code } }),
      () => pos.call('identifyMember', { body: { code: '681234567890123456' } }), // a wrong code is not counted either
      () => pos.call('quoteBasket', { body: { storeId: 'S001', member: { code }, lines } }),
      () => pos.call('recordReturn', { body: { returnNo: 'FR-x', storeId: 'S001', original: { storeId: 'S001', receiptNo: sale.receiptNo }, returnedAt: nowIso() } }),
    ]) {
      expect(await err(call())).toMatchObject({ status: 401, code: 'SESSION_ENDED' });
    }
    expect(await saleRecorded('FR-new')).toBeUndefined();
  });

  it('a token for another role is still refused (403) on a register route, and an idle session (401) too', async () => {
    const { memberId } = await joinShopper(api, '13900000006');
    expect(await err(api.client(ops).call('identifyMember', { body: { code: memberCodeFor(memberId) } }))).toMatchObject({ status: 403 });
    expect(await err(api.client(ops).call('recordSale', { body: saleOf(memberId, 10) }))).toMatchObject({ status: 403 });
    const cashier = await newCashier();
    const idle = await staffToken(api, cashier.username, PASSWORD, 'S001-R1');
    // Register routes keep the session alive as any request does (activity written at most once a minute).
    for (const minutes of [10, 25, 40]) {
      shiftClockForTests(minutes * 60_000);
      await api.client(cashier.token).call('identifyMember', { body: { code: memberCodeFor(memberId) } });
    }
    expect(await err(api.client(idle).call('identifyMember', { body: { code: memberCodeFor(memberId) } }))).toMatchObject({ status: 401, code: 'SESSION_IDLE' });
    expect(await err(api.client(idle).call('recordSale', { body: saleOf(memberId, 10) }))).toMatchObject({ status: 401, code: 'SESSION_IDLE' });
    expect((await api.client(cashier.token).call('recordSale', { body: saleOf(memberId, 10) })).memberId).toBe(memberId);
  });
});

describe('once per receipt, without reading the receipt first', () => {
  it('a retried sale returns the first result, a different one under the same receipt is a 409, and nothing is counted twice', async () => {
    const cashier = await newCashier();
    const { memberId, client } = await joinShopper(api, '13900000007');
    const pos = api.client(cashier.token);
    await pos.call('recordSale', { body: saleOf(memberId, 300) });
    const spend = saleOf(memberId, 300, { points: 300 });
    const first = await pos.call('recordSale', { body: spend });
    // The retry can't spend again (the balance and the code are used): it gets the sale as recorded.
    expect(await pos.call('recordSale', { body: spend })).toEqual(first);
    expect(await err(pos.call('recordSale', { body: { ...spend, lines: [{ ...spend.lines[0], unitPriceFen: 29900 }], payments: [{ method: 'cash', amountFen: 29900 }] } }))).toMatchObject({ status: 409, code: 'RECEIPT_CONFLICT' });
    const history = await client.call('myPointsHistory', { query: { limit: 20 } });
    expect(history.items.filter((e) => e.kind === 'spend')).toHaveLength(1);
    expect(await client.call('myPoints')).toMatchObject({ available: 300 - 300 + first.points.earned });
  });
});
