import { addBusinessDays, businessDayOf } from '../../shared/rules/business-time';
import { nowIso, shiftClockForTests } from '../../functions/commons/clock';
import { reconcile } from '../../functions/audits/reconcile';
import { ApiError } from '../../shared/api-client';
import { joinShopper, signInAgain, staffToken } from '../support/shoppers';
import { startTestApi, type TestApi } from '../support/test-api';

/**
 * Issue 10 §4 as the shopper app reads it: the card's coupon tile counts the wallet's coupons usable today (a
 * coupon not yet valid is held but not counted), the same count as my coupons and the data export; the centre's
 * claim states (limit, sold out) and a retry with the same key.
 */
let api: TestApi;
let ops: string;
beforeAll(async () => {
  api = await startTestApi();
  ops = await staffToken(api, 'ops', 'ops-demo-2026');
});
afterAll(() => api.close());

const today = () => businessDayOf(nowIso());
const createTemplate = (templateId: string, over: Record<string, unknown> = {}) =>
  api.client(ops).call('createCouponTemplate', {
    body: {
      templateId,
      name: { zh: '满200减30', en: '¥30 off ¥200' },
      benefit: { kind: 'cash-off', thresholdFen: 20000, offFen: 3000 },
      validity: { type: 'after-receipt', days: 7 },
      scope: {},
      limits: { stock: 3, perMember: 2 },
      stacking: { group: 'cash-off' },
      claimChannel: 'centre',
      ...over,
    } as never,
  });

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
    return undefined;
  } catch (e) {
    return e instanceof ApiError ? e.code : String(e);
  }
}

it('the card counts coupons usable today from the wallet: a claim shows at once, a not-yet-valid coupon does not', async () => {
  await createTemplate('SHOP-NOW');
  await createTemplate('SHOP-LATER', { validity: { type: 'fixed', from: addBusinessDays(today(), 2), to: addBusinessDays(today(), 9) } });
  const m = await joinShopper(api, '13900100001');
  expect((await m.client.call('myCard')).usableCoupons).toBe(0);

  const centre = await m.client.call('couponCentre');
  expect(centre.items.find((i) => i.templateId === 'SHOP-NOW')).toMatchObject({ received: 0, perMember: 2, soldOut: false, remainingPercent: 100 });

  const claimed = await m.client.call('claimCoupon', { body: { templateId: 'SHOP-NOW', idempotencyKey: 'shopper-now-1' } });
  expect(claimed.grants).toHaveLength(1);
  expect(claimed.grants[0]).toMatchObject({ state: 'usable', validFrom: today(), validThrough: addBusinessDays(today(), 6) });
  expect((await m.client.call('myCard')).usableCoupons).toBe(1);

  // Held, but not usable until its first day: listed under usable after the usable ones, not counted.
  await m.client.call('claimCoupon', { body: { templateId: 'SHOP-LATER', idempotencyKey: 'shopper-later-1' } });
  expect((await m.client.call('myCard')).usableCoupons).toBe(1);
  const mine = await m.client.call('myCoupons', { query: { view: 'usable' } });
  expect(mine.usable).toBe(1);
  expect(mine.items.map((c) => [c.templateId, c.state])).toEqual([
    ['SHOP-NOW', 'usable'],
    ['SHOP-LATER', 'not-yet-valid'],
  ]);
  // The data export counts the same way.
  expect((await m.client.call('myDataExport')).member.usableCoupons).toBe(1);
  // Customer service sees both.
  expect((await api.client(ops).call('memberCoupons', { params: { memberId: m.memberId }, query: {} })).items).toHaveLength(2);
});

it('a retried claim (same key) answers the same coupon; past the per-member limit and when sold out the centre says so', async () => {
  await createTemplate('SHOP-LIMIT', { limits: { stock: 3, perMember: 2 } });
  const a = await joinShopper(api, '13900100002');
  const b = await joinShopper(api, '13900100003');
  const first = await a.client.call('claimCoupon', { body: { templateId: 'SHOP-LIMIT', idempotencyKey: 'limit-a-0001' } });
  const retried = await a.client.call('claimCoupon', { body: { templateId: 'SHOP-LIMIT', idempotencyKey: 'limit-a-0001' } });
  expect(retried.grants[0].grantId).toBe(first.grants[0].grantId);
  // Two taps sent together with fresh keys for the one place left (limit 2): exactly one lands.
  const together = await Promise.all(['limit-a-0002', 'limit-a-0003'].map((k) => codeOf(a.client.call('claimCoupon', { body: { templateId: 'SHOP-LIMIT', idempotencyKey: k } }))));
  expect(together.sort()).toEqual(['COUPON_MEMBER_LIMIT', undefined]);
  expect(await codeOf(a.client.call('claimCoupon', { body: { templateId: 'SHOP-LIMIT', idempotencyKey: 'limit-a-0004' } }))).toBe('COUPON_MEMBER_LIMIT');
  expect((await a.client.call('myCard')).usableCoupons).toBe(2);
  const centreA = (await a.client.call('couponCentre')).items.find((i) => i.templateId === 'SHOP-LIMIT')!;
  expect(centreA).toMatchObject({ received: 2, perMember: 2, remainingPercent: 34 });

  await b.client.call('claimCoupon', { body: { templateId: 'SHOP-LIMIT', idempotencyKey: 'limit-b-0001' } });
  expect(await codeOf(b.client.call('claimCoupon', { body: { templateId: 'SHOP-LIMIT', idempotencyKey: 'limit-b-0002' } }))).toBe('COUPON_OUT_OF_STOCK');
  expect((await b.client.call('couponCentre')).items.find((i) => i.templateId === 'SHOP-LIMIT')).toMatchObject({ soldOut: true, remainingPercent: 0, received: 1 });
  expect((await b.client.call('myCard')).usableCoupons).toBe(1);
});

it('a coupon’s detail and its QR are the owner’s only; an unknown or foreign grant is 404', async () => {
  await createTemplate('SHOP-QR');
  const a = await joinShopper(api, '13900100004');
  const b = await joinShopper(api, '13900100005');
  const { grants } = await a.client.call('claimCoupon', { body: { templateId: 'SHOP-QR', idempotencyKey: 'qr-a-000001' } });
  const grantId = grants[0].grantId;
  const detail = await a.client.call('myCoupon', { params: { grantId } });
  expect(detail).toMatchObject({ grantId, state: 'usable', stores: [] });
  const code = await a.client.call('myCouponCode', { params: { grantId } });
  expect(Date.parse(code.expiresAt)).toBeGreaterThan(Date.now());
  expect(code.stepSeconds).toBe(60);
  expect(await codeOf(b.client.call('myCoupon', { params: { grantId } }))).toBe('NOT_FOUND');
  expect(await codeOf(b.client.call('myCouponCode', { params: { grantId } }))).toBe('NOT_FOUND');
});

it('days move the count without any job: a coupon past its last day stops counting, one reaching its first day starts', async () => {
  const phone = '13900100006';
  const m = await joinShopper(api, phone);
  await m.client.call('claimCoupon', { body: { templateId: 'SHOP-NOW', idempotencyKey: 'days-now-0001' } });
  await m.client.call('claimCoupon', { body: { templateId: 'SHOP-LATER', idempotencyKey: 'days-later-001' } });
  expect((await m.client.call('myCard')).usableCoupons).toBe(1);
  try {
    // Eight days on (no expiry job has run: both grants are still in the wallet).
    shiftClockForTests(8 * 86_400_000);
    const later = await signInAgain(api, phone);
    const card = await later.call('myCard');
    expect(card.usableCoupons).toBe(1);
    const usable = await later.call('myCoupons', { query: { view: 'usable' } });
    expect(usable.items.map((c) => [c.templateId, c.state])).toEqual([['SHOP-LATER', 'usable']]);
    const expired = await later.call('myCoupons', { query: { view: 'expired' } });
    expect(expired.items.map((c) => [c.templateId, c.state])).toEqual([['SHOP-NOW', 'expired']]);
  } finally {
    shiftClockForTests(0);
  }
});

it('the ledger reconciles', async () => {
  await api.drainEvents();
  expect((await reconcile(api.tableName)).drift).toEqual([]);
});
