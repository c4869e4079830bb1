import type { ApiClient } from '../../shared/api-client';
import { ApiError } from '../../shared/api-client';
import { encodeCouponCode } from '../../shared/features/coupons/coupon-code';
import { addBusinessDays } from '../../shared/rules/business-time';
import { timeStepOf } from '../../shared/rules/member-code';
import { businessDay, nowIso, nowMs, shiftClockForTests } from '../../functions/commons/clock';
import { memberCodeKeyOf } from '../../functions/commons/config';
import { memberCodePrf } from '../../functions/commons/crypto';
import { onInterleavePoint } from '../../functions/commons/interleave';
import { joinShopper, memberCodeFor, staffToken } from '../support/shoppers';
import { changeSettings } from '../support/settings';
import { startTestApi, type TestApi } from '../support/test-api';

/**
 * Redeeming coupons at the register (issue 10 §3), through the API: the quote's reasons, a sale redeeming coupons
 * once under any retry or race, presence (member code, the coupon's own QR, a hold), the Shanghai day boundary,
 * holds judged by their expiry instant, and returns (whole: coupons back; partial: the discount taken back).
 * The file ends with reconcile at 0 drift (api.close).
 */
let api: TestApi;
let ops: string;
let cashier: string;
beforeAll(async () => {
  api = await startTestApi();
  ops = await staffToken(api, 'ops', 'ops-demo-2026');
  cashier = await staffToken(api, 'cashier', 'cashier-demo-2026', 'S001-R1');
});
afterAll(async () => {
  shiftClockForTests(0);
  await api.close();
});

const pos = () => api.client(cashier);
/** Moves the clock (undefined: back to now); the staff sign in again, as they would after a night. */
async function travel(iso?: string) {
  shiftClockForTests(iso ? Date.parse(iso) - Date.now() : 0);
  cashier = await staffToken(api, 'cashier', 'cashier-demo-2026', 'S001-R1');
  ops = await staffToken(api, 'ops', 'ops-demo-2026');
}

let n = 0;
const uid = () => `${Date.now().toString(36)}${++n}`;
let phoneN = 0;
const newPhone = () => `1370000${String(1000 + ++phoneN)}`;

type Benefit =
  | { kind: 'cash-off'; thresholdFen: number; offFen: number }
  | { kind: 'no-threshold'; offFen: number }
  | { kind: 'percent-off'; offBasisPoints: number; capFen: number; thresholdFen?: number }
  | { kind: 'second-half-price'; skus: string[] }
  | { kind: 'gift'; giftSku: string };

async function template(benefit: Benefit, over: Record<string, unknown> = {}) {
  const templateId = `T${uid()}`;
  const { limits, ...rest } = over as { limits?: Record<string, unknown> };
  await api.client(ops).call('createCouponTemplate', {
    body: {
      templateId,
      name: { zh: `券${templateId}`, en: `coupon ${templateId}` },
      benefit,
      validity: { type: 'after-receipt', days: 7 },
      scope: {},
      limits: { stock: 1000, perMember: 10, ...limits },
      stacking: { group: `g-${templateId.toLowerCase()}` },
      claimChannel: 'centre',
      ...rest,
    } as never,
  });
  return templateId;
}
async function claim(client: ApiClient, templateId: string): Promise<string> {
  return (await client.call('claimCoupon', { body: { templateId, idempotencyKey: `claim-${uid()}` } })).grants[0].grantId;
}
/** The coupon's QR as the member's app shows it at `atMs`. */
const couponCode = (memberId: string, grantId: string, atMs = nowMs()) => encodeCouponCode(memberId, grantId, timeStepOf(atMs), memberCodePrf(memberCodeKeyOf(process.env.APP_SECRETS_JSON!)));

type Line = { sku?: string; category?: string; fen: number; qty?: number };
const linesOf = (lines: Line[]) =>
  lines.map((l, i) => ({ lineNo: i + 1, sku: l.sku ?? `SKU${i + 1}`, category: l.category ?? 'grocery', qtyMilli: (l.qty ?? 1) * 1000, unitPriceFen: l.fen / (l.qty ?? 1), lineDiscountFen: 0 }));

function couponSale(memberId: string | null, lines: Line[], opts: { payFen: number; coupons?: { grantIds: string[]; codes?: string[]; holdId?: string }; member?: object | null; receiptNo?: string; soldAt?: string }) {
  return {
    receiptNo: opts.receiptNo ?? `C${uid()}`,
    storeId: 'S001',
    registerId: 'S001-R1',
    soldAt: opts.soldAt ?? nowIso(),
    lines: linesOf(lines),
    payments: [{ method: 'cash' as const, amountFen: opts.payFen }],
    ...(opts.member === null ? {} : { member: opts.member ?? { memberId: memberId! } }),
    ...(opts.coupons ? { coupons: opts.coupons } : {}),
  } as never;
}
const quote = (member: object, lines: Line[], coupons?: object) => pos().call('quoteBasket', { body: { storeId: 'S001', member, lines: linesOf(lines), ...(coupons ? { coupons } : {}) } as never });
const fail = (p: Promise<unknown>) => p.then(() => null as unknown as ApiError, (e: ApiError) => e);

/** Runs `commit` once, the first time `point` is reached after arming. */
function interleaveOnce(point: string, commit: () => Promise<unknown>) {
  let armed = true;
  const off = onInterleavePoint(async (p) => {
    if (p !== point || !armed) return;
    armed = false;
    await commit();
  });
  return { off };
}

const stats = async (templateId: string) => (await api.client(ops).call('couponTemplate', { params: { templateId } })).stats;

describe('the quote', () => {
  it('lists usable coupons, the best combination and a reason for every other coupon (with the member code)', async () => {
    const { memberId, client } = await joinShopper(api, newPhone());
    const cashA = await template({ kind: 'cash-off', thresholdFen: 10000, offFen: 1000 }, { stacking: { group: 'cash-off' } });
    const cashB = await template({ kind: 'cash-off', thresholdFen: 10000, offFen: 1500 }, { stacking: { group: 'cash-off' } });
    const free5 = await template({ kind: 'no-threshold', offFen: 500 });
    const big = await template({ kind: 'cash-off', thresholdFen: 50000, offFen: 5000 });
    const otherStore = await template({ kind: 'no-threshold', offFen: 300 }, { scope: { storeIds: ['S002'] } });
    const dairy = await template({ kind: 'no-threshold', offFen: 300 }, { scope: { categories: ['dairy'] } });
    const tomorrow = addBusinessDays(businessDay(), 1);
    const later = await template({ kind: 'no-threshold', offFen: 300 }, { validity: { type: 'fixed', from: tomorrow, to: addBusinessDays(tomorrow, 5) } });
    const halfBudget = await template({ kind: 'second-half-price', skus: ['SKU-H'] }, { limits: { budgetFen: 1 } });
    const ids: Record<string, string> = {};
    for (const [k, t] of Object.entries({ cashA, cashB, free5, big, otherStore, dairy, later, halfBudget })) ids[k] = await claim(client, t);

    const basket: Line[] = [{ fen: 12000 }, { sku: 'SKU-H', fen: 400, qty: 2 }, { sku: 'TOB', category: 'tobacco', fen: 3000 }];
    const q = await quote({ code: memberCodeFor(memberId) }, basket);
    expect(q.coupons.shown).toBe('all');
    expect(q.coupons.usable.map((u) => [u.grantId, u.discountFen])).toEqual([
      [ids.cashB, 1500],
      [ids.cashA, 1000],
      [ids.free5, 500],
    ]);
    expect(q.coupons.best.grantIds.sort()).toEqual([ids.cashB, ids.free5].sort());
    expect(q.coupons.best.savingsFen).toBe(2000);
    // Each coupon's discount spread over its lines by largest remainder, exact to the fen.
    for (const r of q.coupons.best.redemptions) expect(r.allocation.reduce((s, a) => s + a.discountFen, 0)).toBe(r.discountFen);
    const reasons = Object.fromEntries(q.coupons.notApplied.map((x) => [x.grantId, x]));
    expect(reasons[ids.cashA]).toMatchObject({ reason: 'not-stackable', with: ids.cashB });
    expect(reasons[ids.big]).toMatchObject({ reason: 'below-threshold', missingFen: 50000 - 15400 });
    expect(reasons[ids.otherStore]).toMatchObject({ reason: 'wrong-store' });
    expect(reasons[ids.dairy]).toMatchObject({ reason: 'category-excluded' });
    expect(reasons[ids.later]).toMatchObject({ reason: 'not-yet-valid', validFrom: tomorrow });
    expect(reasons[ids.halfBudget]).toMatchObject({ reason: 'budget-exhausted', budgetLeftFen: 1 });
    expect(q).toMatchObject({ listTotalFen: 15400, afterTierFen: 15400, couponDiscountFen: 2000, afterCouponsFen: 13400 });
    expect(q.lines.reduce((s, l) => s + l.couponDiscountFen, 0)).toBe(2000);
    expect(q.payableFen).toBe(13400 - q.points.deductibleFen);

    // An explicit choice: the totals follow it; the best is still suggested.
    const chosen = await quote({ code: memberCodeFor(memberId, nowMs(), -1) }, basket, { grantIds: [ids.cashA, ids.free5] });
    expect(chosen.coupons.chosen.savingsFen).toBe(1500);
    expect(chosen.couponDiscountFen).toBe(1500);
    expect(chosen.coupons.best.savingsFen).toBe(2000);

    // Named by member number: no coupons (presence); by a coupon's own QR: that coupon only.
    const byNumber = await quote({ memberId }, basket);
    expect(byNumber.coupons).toMatchObject({ shown: 'none', usable: [], notApplied: [] });
    const byQr = await quote({ memberId }, basket, { codes: [couponCode(memberId, ids.free5)] });
    expect(byQr.coupons.shown).toBe('codes');
    expect(byQr.coupons.usable.map((u) => u.grantId)).toEqual([ids.free5]);
    expect(byQr.couponDiscountFen).toBe(500);
  });

  it('the points deduction’s minimum is measured after coupons', async () => {
    const { memberId, client } = await joinShopper(api, newPhone());
    const off = await claim(client, await template({ kind: 'no-threshold', offFen: 1000 }));
    // ¥55 basket: ¥50 minimum met before the coupon, not after it (¥45).
    const q = await quote({ code: memberCodeFor(memberId) }, [{ fen: 5500 }]);
    expect(q.coupons.best.grantIds).toEqual([off]);
    expect(q.afterCouponsFen).toBe(4500);
    expect(q.points).toMatchObject({ deductiblePoints: 0, reason: 'below-minimum' });
  });
});

describe('a sale with coupons', () => {
  it('redeems the chosen coupons once; a retry answers the first result; the register’s amounts are checked', async () => {
    const phone = newPhone();
    const { memberId, client } = await joinShopper(api, phone);
    const cash = await template({ kind: 'cash-off', thresholdFen: 10000, offFen: 1500 }, { limits: { budgetFen: 150000 } });
    const free = await template({ kind: 'no-threshold', offFen: 500 });
    const g1 = await claim(client, cash);
    const g2 = await claim(client, free);
    const lines: Line[] = [{ fen: 8000 }, { fen: 4000 }];

    // Presence: a member number or phone only earns.
    for (const member of [{ memberId }, { phone }]) {
      expect(await fail(pos().call('recordSale', { body: couponSale(memberId, lines, { payFen: 10000, member, coupons: { grantIds: [g1, g2] } }) }))).toMatchObject({ status: 400, code: 'PRESENCE_REQUIRED' });
    }
    // The register's payments must be the lines less the discount the server works out.
    const wrong = await fail(pos().call('recordSale', { body: couponSale(memberId, lines, { payFen: 11000, member: { code: memberCodeFor(memberId, nowMs(), -1) }, coupons: { grantIds: [g1, g2] } }) }));
    expect(wrong).toMatchObject({ status: 409, code: 'COUPON_DISCOUNT_MISMATCH', details: { discountFen: 2000, payableFen: 10000 } });

    const body = couponSale(memberId, lines, { payFen: 10000, member: { code: memberCodeFor(memberId) }, coupons: { grantIds: [g1, g2] } });
    const first = await pos().call('recordSale', { body });
    expect(first.coupons).toMatchObject({ discountFen: 2000 });
    expect(first.netFen).toBe(10000);
    expect(await pos().call('recordSale', { body })).toEqual(first);

    const used = await client.call('myCoupons', { query: { view: 'used' } });
    expect(used.items.map((c) => c.grantId).sort()).toEqual([g1, g2].sort());
    expect(used.items.find((c) => c.grantId === g1)!.redemption).toMatchObject({ storeId: 'S001', receiptNo: (body as { receiptNo: string }).receiptNo, discountFen: 1500 });
    expect((await client.call('myCoupons', { query: {} })).usable).toBe(0);
    expect(await stats(cash)).toMatchObject({ redeemed: 1, reservedFen: 0, settledFen: 1500, budgetRemainingFen: 150000 - 1500 });

    // Used once, ever.
    const again = await fail(pos().call('recordSale', { body: couponSale(memberId, lines, { payFen: 10500, member: { code: memberCodeFor(memberId, nowMs(), 1) }, coupons: { grantIds: [g2] } }) }));
    expect(again).toMatchObject({ status: 409, code: 'COUPON_NOT_USABLE', details: { grantId: g2, reason: 'not-available' } });
  });

  it('refuses a coupon that does not apply, with the reason', async () => {
    const { memberId, client } = await joinShopper(api, newPhone());
    const g = await claim(client, await template({ kind: 'cash-off', thresholdFen: 10000, offFen: 1000 }));
    const err = await fail(pos().call('recordSale', { body: couponSale(memberId, [{ fen: 6000 }], { payFen: 5000, member: { code: memberCodeFor(memberId) }, coupons: { grantIds: [g] } }) }));
    expect(err).toMatchObject({ status: 409, code: 'COUPON_NOT_USABLE', details: { grantId: g, reason: 'below-threshold', missingFen: 4000 } });
    const a = await claim(client, await template({ kind: 'no-threshold', offFen: 100 }, { stacking: { group: 'same' } }));
    const b = await claim(client, await template({ kind: 'no-threshold', offFen: 200 }, { stacking: { group: 'same' } }));
    const clash = await fail(pos().call('recordSale', { body: couponSale(memberId, [{ fen: 6000 }], { payFen: 5700, member: { memberId }, coupons: { grantIds: [a, b], codes: [couponCode(memberId, a), couponCode(memberId, b)] } }) }));
    expect(clash).toMatchObject({ status: 409, code: 'COUPON_NOT_USABLE', details: { reason: 'not-stackable' } });
  });

  it('by the coupon’s own QR (扫码核销): the member by number, each coupon by its code; forged codes refused', async () => {
    const { memberId, client } = await joinShopper(api, newPhone());
    const other = await joinShopper(api, newPhone());
    const t = await template({ kind: 'no-threshold', offFen: 300 });
    const g = await claim(client, t);
    const h = await claim(client, t);
    const theirs = await claim(other.client, t);
    // A code for another coupon than the one redeemed is no presence for it.
    expect(await fail(pos().call('recordSale', { body: couponSale(memberId, [{ fen: 2000 }], { payFen: 1700, coupons: { grantIds: [g], codes: [couponCode(memberId, h)] } }) }))).toMatchObject({ status: 400, code: 'PRESENCE_REQUIRED' });
    expect(await fail(pos().call('recordSale', { body: couponSale(memberId, [{ fen: 2000 }], { payFen: 1700, coupons: { grantIds: [g], codes: [`CP1.${memberId}.${g}.zz.0000000000`] } }) }))).toMatchObject({ status: 400, code: 'COUPON_CODE_INVALID' });
    // Another member's coupon under this member's number.
    expect(await fail(pos().call('recordSale', { body: couponSale(memberId, [{ fen: 2000 }], { payFen: 1700, coupons: { grantIds: [theirs], codes: [couponCode(other.memberId, theirs)] } }) }))).toMatchObject({ status: 400, code: 'COUPON_CODE_INVALID' });
    // The member need not be named: the code names them.
    const r = await pos().call('recordSale', { body: couponSale(null, [{ fen: 2000 }], { payFen: 1700, member: null, coupons: { grantIds: [g], codes: [couponCode(memberId, g)] } }) });
    expect(r).toMatchObject({ memberId, coupons: { discountFen: 300 } });
  });

  it('one grant redeemed by 20 concurrent sales: exactly one succeeds', async () => {
    const { memberId, client } = await joinShopper(api, newPhone());
    const t = await template({ kind: 'cash-off', thresholdFen: 2000, offFen: 500 }, { limits: { budgetFen: 5000 } });
    const g = await claim(client, t);
    const code = couponCode(memberId, g);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => pos().call('recordSale', { body: couponSale(memberId, [{ fen: 3000 }], { payFen: 2500, coupons: { grantIds: [g], codes: [code] } }) })),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    expect(ok.length).toBe(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ status: 409, code: 'COUPON_NOT_USABLE', details: { reason: 'not-available' } });
    expect(await stats(t)).toMatchObject({ redeemed: 1, settledFen: 500, reservedFen: 0, budgetRemainingFen: 4500 });
  });

  it('a coupon valid through a day is usable at 23:59:59 Shanghai and refused at 00:00:00', async () => {
    const { memberId, client } = await joinShopper(api, newPhone());
    const today = businessDay();
    const t = await template({ kind: 'no-threshold', offFen: 200 }, { validity: { type: 'fixed', from: today, to: today } });
    const g1 = await claim(client, t);
    const g2 = await claim(client, t);
    const lastSecond = `${today}T23:59:59+08:00`;
    const midnight = `${addBusinessDays(today, 1)}T00:00:00+08:00`;
    try {
      // Signed in a few seconds before; the quote asked at 23:59:59; the sale dated then (its own time decides).
      await travel(`${today}T23:59:50+08:00`);
      shiftClockForTests(Date.parse(lastSecond) - Date.now());
      const q = await quote({ code: memberCodeFor(memberId) }, [{ fen: 1000 }]);
      expect(q.coupons.usable.map((u) => u.grantId).sort()).toEqual([g1, g2].sort());
      const at = Date.parse(lastSecond);
      const r = await pos().call('recordSale', { body: couponSale(memberId, [{ fen: 1000 }], { payFen: 800, soldAt: lastSecond, coupons: { grantIds: [g1], codes: [couponCode(memberId, g1, at)] } }) });
      expect(r.coupons!.discountFen).toBe(200);

      await travel(midnight);
      const after = await quote({ code: memberCodeFor(memberId) }, [{ fen: 1000 }]);
      expect(after.coupons.usable).toEqual([]);
      expect(after.coupons.notApplied).toEqual([expect.objectContaining({ grantId: g2, reason: 'expired', validThrough: today })]);
      const refused = await fail(pos().call('recordSale', { body: couponSale(memberId, [{ fen: 1000 }], { payFen: 800, soldAt: midnight, coupons: { grantIds: [g2], codes: [couponCode(memberId, g2, Date.parse(midnight))] } }) }));
      expect(refused).toMatchObject({ status: 409, code: 'COUPON_NOT_USABLE', details: { grantId: g2, reason: 'expired', validThrough: today } });
    } finally {
      await travel();
    }
  });
});

describe('holds', () => {
  it('hold, retry, another order refused, release, redeem by the hold; an expired hold is ignored', async () => {
    const { memberId, client } = await joinShopper(api, newPhone());
    const t = await template({ kind: 'no-threshold', offFen: 400 });
    const g = await claim(client, t);
    const body = { storeId: 'S001', grantIds: [g], codes: [couponCode(memberId, g)], orderRef: `O${uid()}`, minutes: 10 };
    const hold = await pos().call('createCouponHold', { body });
    expect(hold.holdId.startsWith(`${memberId}-`)).toBe(true);
    expect(Date.parse(hold.heldUntil) - nowMs()).toBeGreaterThan(9 * 60_000);
    expect(await pos().call('createCouponHold', { body })).toEqual(hold);

    // Another order: can't hold it, can't redeem it, and the quote says why.
    expect(await fail(pos().call('createCouponHold', { body: { ...body, orderRef: `O${uid()}` } }))).toMatchObject({ status: 409, code: 'COUPON_NOT_USABLE', details: { reason: 'held' } });
    expect(await fail(pos().call('recordSale', { body: couponSale(memberId, [{ fen: 1000 }], { payFen: 600, coupons: { grantIds: [g], codes: [couponCode(memberId, g)] } }) }))).toMatchObject({ status: 409, details: { reason: 'held' } });
    const q = await quote({ memberId }, [{ fen: 1000 }], { codes: [couponCode(memberId, g)] });
    expect(q.coupons.notApplied).toEqual([expect.objectContaining({ grantId: g, reason: 'held', heldUntil: hold.heldUntil })]);
    // Another store can't release it.
    const elsewhere = api.client(await staffToken(api, 'cashier2', 'cashier-demo-2026', 'S002-R1'));
    expect(await fail(elsewhere.call('releaseCouponHold', { params: { holdId: hold.holdId } }))).toMatchObject({ status: 404 });
    expect(await pos().call('releaseCouponHold', { params: { holdId: hold.holdId } })).toEqual({ holdId: hold.holdId, released: 1 });
    expect(await fail(pos().call('releaseCouponHold', { params: { holdId: hold.holdId } }))).toMatchObject({ status: 404 });

    // Held again with the member code; the sale names only the hold.
    const again = await pos().call('createCouponHold', { body: { storeId: 'S001', grantIds: [g], member: { code: memberCodeFor(memberId) }, orderRef: `O${uid()}`, minutes: 5 } });
    const quoted = await quote({ memberId }, [{ fen: 1000 }], { holdId: again.holdId, grantIds: [g] });
    expect(quoted.couponDiscountFen).toBe(400);
    const sold = await pos().call('recordSale', { body: couponSale(memberId, [{ fen: 1000 }], { payFen: 600, coupons: { grantIds: [g], holdId: again.holdId } }) });
    expect(sold.coupons!.discountFen).toBe(400);

    // An expired hold is ignored by comparing its instant (DynamoDB's TTL may be 48 h late).
    const h = await claim(client, t);
    await pos().call('createCouponHold', { body: { storeId: 'S001', grantIds: [h], codes: [couponCode(memberId, h)], orderRef: `O${uid()}`, minutes: 1 } });
    try {
      await travel(new Date(nowMs() + 61_000).toISOString());
      const r = await pos().call('recordSale', { body: couponSale(memberId, [{ fen: 1000 }], { payFen: 600, coupons: { grantIds: [h], codes: [couponCode(memberId, h)] } }) });
      expect(r.coupons!.discountFen).toBe(400);
    } finally {
      await travel();
    }
  });

  it('a hold expiring while its sale commits: another sale that took the coupon meanwhile wins; else the sale stands', async () => {
    const { memberId, client } = await joinShopper(api, newPhone());
    const t = await template({ kind: 'no-threshold', offFen: 400 });
    const lose = await claim(client, t);
    const keep = await claim(client, t);
    for (const g of [lose, keep]) {
      const hold = await pos().call('createCouponHold', { body: { storeId: 'S001', grantIds: [g], codes: [couponCode(memberId, g)], orderRef: `O${uid()}`, minutes: 1 } });
      const mine = couponSale(memberId, [{ fen: 1000 }], { payFen: 600, coupons: { grantIds: [g], holdId: hold.holdId } });
      let rival: unknown = null;
      // Planned while the hold stands; then the hold runs out and (for `lose`) another order's sale takes the coupon.
      const hook = interleaveOnce('points:planned', async () => {
        shiftClockForTests(Date.parse(hold.heldUntil) + 1000 - Date.now());
        if (g === lose) rival = await api.client(await staffToken(api, 'cashier', 'cashier-demo-2026', 'S001-R1')).call('recordSale', { body: couponSale(memberId, [{ fen: 1000 }], { payFen: 600, coupons: { grantIds: [g], codes: [couponCode(memberId, g)] } }) });
      });
      try {
        const outcome = await pos().call('recordSale', { body: mine }).catch((e: ApiError) => e);
        if (g === lose) {
          expect(rival).toMatchObject({ coupons: { discountFen: 400 } });
          expect(outcome).toMatchObject({ status: 409, code: 'COUPON_NOT_USABLE', details: { grantId: g, reason: 'not-available' } });
        } else expect(outcome).toMatchObject({ coupons: { discountFen: 400 } });
      } finally {
        hook.off();
        await travel();
      }
    }
    expect(await stats(t)).toMatchObject({ redeemed: 2, settledFen: 0 }); // no budget: counted, not settled
  });
});

describe('returns', () => {
  it('a whole return gives the coupons back while they are valid (a setting), or says why not', async () => {
    const { memberId, client } = await joinShopper(api, newPhone());
    const t = await template({ kind: 'cash-off', thresholdFen: 5000, offFen: 1000 }, { limits: { budgetFen: 100000 } });
    const g = await claim(client, t);
    const sale = couponSale(memberId, [{ fen: 4000 }, { fen: 2000 }], { payFen: 5000, coupons: { grantIds: [g], codes: [couponCode(memberId, g)] } }) as { receiptNo: string };
    await pos().call('recordSale', { body: sale as never });
    const r = await pos().call('recordReturn', { body: { returnNo: `RT${uid()}`, storeId: 'S001', original: { storeId: 'S001', receiptNo: sale.receiptNo }, returnedAt: nowIso() } });
    expect(r.refundFen).toBe(5000);
    expect(r.coupons).toEqual({ clawbackFen: 0, goodsFen: 5000, restored: [g], notRestored: [] });
    expect((await client.call('myCoupons', { query: {} })).items.map((c) => c.grantId)).toContain(g);
    expect(await stats(t)).toMatchObject({ redeemed: 0, settledFen: 0, reservedFen: 1000, budgetRemainingFen: 99000 });
    // Back in the wallet the register reads, and a retry of the return changes nothing.
    expect((await quote({ code: memberCodeFor(memberId) }, [{ fen: 6000 }])).coupons.usable.map((u) => u.grantId)).toEqual([g]);
    const again = await pos().call('recordReturn', { body: { returnNo: r.returnId.slice('S001-'.length), storeId: 'S001', original: { storeId: 'S001', receiptNo: sale.receiptNo }, returnedAt: nowIso() } }).catch((e: ApiError) => e);
    expect(again).toMatchObject({ status: 409 }); // another payload (returnedAt) under the same number
    expect(await stats(t)).toMatchObject({ redeemed: 0, settledFen: 0, reservedFen: 1000, budgetRemainingFen: 99000 });

    // Used again, and returned with the setting off: it stays used.
    const sale2 = couponSale(memberId, [{ fen: 6000 }], { payFen: 5000, coupons: { grantIds: [g], codes: [couponCode(memberId, g)] } }) as { receiptNo: string };
    await pos().call('recordSale', { body: sale2 as never });
    await changeSettings(api, ops, (s) => ({ ...s, coupons: { ...s.coupons, restoreOnWholeReturn: false } }));
    try {
      const r2 = await pos().call('recordReturn', { body: { returnNo: `RT${uid()}`, storeId: 'S001', original: { storeId: 'S001', receiptNo: sale2.receiptNo }, returnedAt: nowIso() } });
      expect(r2.coupons).toMatchObject({ restored: [], notRestored: [{ grantId: g, reason: 'setting-off' }] });
    } finally {
      await changeSettings(api, ops, (s) => ({ ...s, coupons: { ...s.coupons, restoreOnWholeReturn: true } }));
    }

    // Past its last day: stays used, and the register is told.
    const today = businessDay();
    const short = await claim(client, await template({ kind: 'no-threshold', offFen: 100 }, { validity: { type: 'fixed', from: today, to: today } }));
    const sale3 = couponSale(memberId, [{ fen: 1000 }], { payFen: 900, coupons: { grantIds: [short], codes: [couponCode(memberId, short)] } }) as { receiptNo: string };
    await pos().call('recordSale', { body: sale3 as never });
    try {
      await travel(`${addBusinessDays(today, 1)}T09:00:00+08:00`);
      const r3 = await pos().call('recordReturn', { body: { returnNo: `RT${uid()}`, storeId: 'S001', original: { storeId: 'S001', receiptNo: sale3.receiptNo }, returnedAt: nowIso() } });
      expect(r3.coupons).toMatchObject({ restored: [], notRestored: [{ grantId: short, reason: 'expired' }] });
    } finally {
      await travel();
    }
  });

  it('a partial return that breaks a coupon’s threshold takes its discount back from the refund, exactly', async () => {
    const { memberId, client } = await joinShopper(api, newPhone());
    const g = await claim(client, await template({ kind: 'cash-off', thresholdFen: 10000, offFen: 1000 }));
    const sale = couponSale(memberId, [{ fen: 8000 }, { fen: 4000 }], { payFen: 11000, coupons: { grantIds: [g], codes: [couponCode(memberId, g)] } }) as { receiptNo: string };
    await pos().call('recordSale', { body: sale as never });
    const ret = (lines?: Array<{ lineNo: number; qtyMilli: number }>) =>
      pos().call('recordReturn', { body: { returnNo: `RT${uid()}`, storeId: 'S001', original: { storeId: 'S001', receiptNo: sale.receiptNo }, returnedAt: nowIso(), ...(lines ? { lines } : {}) } });
    // 满100减10 over ¥80 + ¥40: ¥6.67 and ¥3.33. Returning the ¥40 line leaves ¥80 < ¥100: the ¥6.67 on it comes back.
    const first = await ret([{ lineNo: 2, qtyMilli: 1000 }]);
    expect(first.coupons).toMatchObject({ goodsFen: 4000 - 333, clawbackFen: 667 });
    expect(first.refundFen).toBe(3000);
    // The rest: the member ends refunded exactly what they paid, and the coupon comes back (a whole return).
    const second = await ret();
    expect(second.coupons).toMatchObject({ goodsFen: 8000 - 667, clawbackFen: -667, restored: [g] });
    expect(first.refundFen + second.refundFen).toBe(11000);
  });

  it('a redemption racing a whole return of another sale that used the same grant', async () => {
    const { memberId, client } = await joinShopper(api, newPhone());
    const t = await template({ kind: 'no-threshold', offFen: 500 }, { limits: { budgetFen: 10000 } });
    const g = await claim(client, t);
    const saleA = couponSale(memberId, [{ fen: 2000 }], { payFen: 1500, coupons: { grantIds: [g], codes: [couponCode(memberId, g)] } }) as { receiptNo: string };
    await pos().call('recordSale', { body: saleA as never });
    const saleB = () => couponSale(memberId, [{ fen: 3000 }], { payFen: 2500, coupons: { grantIds: [g], codes: [couponCode(memberId, g)] } });

    // The return has planned (the grant back to available); sale B runs before it commits: the grant is still A's.
    let during: unknown;
    const hook = interleaveOnce('points:planned', async () => {
      during = await pos().call('recordSale', { body: saleB() }).catch((e: ApiError) => e);
    });
    try {
      const r = await pos().call('recordReturn', { body: { returnNo: `RT${uid()}`, storeId: 'S001', original: { storeId: 'S001', receiptNo: saleA.receiptNo }, returnedAt: nowIso() } });
      expect(r.coupons!.restored).toEqual([g]);
    } finally {
      hook.off();
    }
    expect(during).toMatchObject({ status: 409, code: 'COUPON_NOT_USABLE', details: { reason: 'not-available' } });

    // Sale B plans on the grant given back; the return of A replayed meanwhile changes nothing: B commits once.
    const b = await pos().call('recordSale', { body: saleB() });
    expect(b.coupons!.discountFen).toBe(500);
    expect(await stats(t)).toMatchObject({ redeemed: 1, settledFen: 500, reservedFen: 0, budgetRemainingFen: 9500 });
    // A third sale can't have it, and A's return can't give it back twice.
    expect(await fail(pos().call('recordSale', { body: saleB() }))).toMatchObject({ status: 409, details: { reason: 'not-available' } });
  });
});

describe('attacks', () => {
  it('a sale sent twice at once is recorded once and both answer the same', async () => {
    const { memberId, client } = await joinShopper(api, newPhone());
    const g = await claim(client, await template({ kind: 'no-threshold', offFen: 300 }));
    const body = couponSale(memberId, [{ fen: 2000 }], { payFen: 1700, coupons: { grantIds: [g], codes: [couponCode(memberId, g)] } });
    const [a, b] = await Promise.all([pos().call('recordSale', { body }), pos().call('recordSale', { body })]);
    expect(a).toEqual(b);
    expect(a.coupons!.discountFen).toBe(300);
  });

  it('two holds racing for one coupon: one holds it', async () => {
    const { memberId, client } = await joinShopper(api, newPhone());
    const g = await claim(client, await template({ kind: 'no-threshold', offFen: 300 }));
    const hold = (ref: string) => pos().call('createCouponHold', { body: { storeId: 'S001', grantIds: [g], codes: [couponCode(memberId, g)], orderRef: ref, minutes: 5 } });
    const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => hold(`RACE${i}${uid()}`)));
    expect(results.filter((r) => r.status === 'fulfilled').length).toBe(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ status: 409, details: { reason: 'held' } });
  });

  it('a hold is presence at its own store only; another store can neither hold there nor use it', async () => {
    const { memberId, client } = await joinShopper(api, newPhone());
    const g = await claim(client, await template({ kind: 'no-threshold', offFen: 300 }));
    const hold = await pos().call('createCouponHold', { body: { storeId: 'S001', grantIds: [g], codes: [couponCode(memberId, g)], orderRef: `O${uid()}` } });
    const elsewhere = api.client(await staffToken(api, 'cashier2', 'cashier-demo-2026', 'S002-R1'));
    expect(await fail(elsewhere.call('createCouponHold', { body: { storeId: 'S001', grantIds: [g], codes: [couponCode(memberId, g)], orderRef: `O${uid()}` } }))).toMatchObject({ status: 403 });
    const there = { ...(couponSale(memberId, [{ fen: 2000 }], { payFen: 1700, coupons: { grantIds: [g], holdId: hold.holdId } }) as object), storeId: 'S002', registerId: 'S002-R1' };
    expect(await fail(elsewhere.call('recordSale', { body: there as never }))).toMatchObject({ status: 409, code: 'COUPON_NOT_USABLE', details: { reason: 'held' } });
    // A hold id naming another member's coupons proves nothing.
    const other = await joinShopper(api, newPhone());
    const theirs = await claim(other.client, await template({ kind: 'no-threshold', offFen: 300 }));
    expect(await fail(pos().call('recordSale', { body: couponSale(memberId, [{ fen: 2000 }], { payFen: 1700, coupons: { grantIds: [theirs], holdId: hold.holdId } }) }))).toMatchObject({ status: 409, code: 'COUPON_NOT_USABLE', details: { grantId: theirs, reason: 'not-found' } });
  });

  it('hostile bodies: too many coupons, a coupon twice, a long hold, no presence at all', async () => {
    const { memberId } = await joinShopper(api, newPhone());
    const six = Array.from({ length: 6 }, (_, i) => `G${i}`);
    expect(await fail(pos().call('recordSale', { body: couponSale(memberId, [{ fen: 2000 }], { payFen: 1700, coupons: { grantIds: six, codes: ['x'] } }) }))).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(await fail(pos().call('recordSale', { body: couponSale(memberId, [{ fen: 2000 }], { payFen: 1700, coupons: { grantIds: ['A', 'A'], codes: ['x'] } }) }))).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(await fail(pos().call('createCouponHold', { body: { storeId: 'S001', grantIds: ['A'], codes: ['x'], orderRef: 'O1', minutes: 31 } }))).toMatchObject({ status: 400 });
    expect(await fail(pos().call('createCouponHold', { body: { storeId: 'S001', grantIds: ['A'], orderRef: 'O1' } as never }))).toMatchObject({ status: 400 });
    // Payments above the lines, coupons or not.
    expect(await fail(pos().call('recordSale', { body: couponSale(memberId, [{ fen: 2000 }], { payFen: 2100, coupons: { grantIds: ['A'], codes: ['x'] } }) }))).toMatchObject({ status: 400 });
  });

  it('a whole return that the budget can no longer cover leaves the coupon used, and says so', async () => {
    const { memberId, client } = await joinShopper(api, newPhone());
    const other = await joinShopper(api, newPhone());
    // 20% off, at most ¥10, ¥15 budget: a claim reserves ¥10.
    const t = await template({ kind: 'percent-off', offBasisPoints: 2000, capFen: 1000 }, { limits: { budgetFen: 1500 } });
    const g = await claim(client, t);
    const sale = couponSale(memberId, [{ fen: 1000 }], { payFen: 800, coupons: { grantIds: [g], codes: [couponCode(memberId, g)] } }) as { receiptNo: string };
    await pos().call('recordSale', { body: sale as never });
    // Settled ¥2, ¥8 back to the budget (¥13 left), which another member's claim then reserves ¥10 of.
    await claim(other.client, t);
    expect(await stats(t)).toMatchObject({ budgetRemainingFen: 300, reservedFen: 1000, settledFen: 200 });
    const r = await pos().call('recordReturn', { body: { returnNo: `RT${uid()}`, storeId: 'S001', original: { storeId: 'S001', receiptNo: sale.receiptNo }, returnedAt: nowIso() } });
    expect(r.coupons).toMatchObject({ restored: [], notRestored: [{ grantId: g, reason: 'budget-exhausted' }] });
    expect(r.refundFen).toBe(800);
    expect(await stats(t)).toMatchObject({ budgetRemainingFen: 300, reservedFen: 1000, settledFen: 200, redeemed: 1 });
  });

  it('wrong coupon codes count against the register’s member-code limit', async () => {
    const { memberId } = await joinShopper(api, newPhone());
    const cashier2 = api.client(await staffToken(api, 'cashier2', 'cashier-demo-2026', 'S002-R1'));
    const topOfNextWindow = Math.ceil(Date.now() / 60_000) * 60_000 + 500;
    shiftClockForTests(topOfNextWindow - Date.now());
    const statuses: number[] = [];
    try {
      for (let i = 0; i < 21; i++) {
        const body = { ...(couponSale(memberId, [{ fen: 2000 }], { payFen: 1700, coupons: { grantIds: ['G1'], codes: [`CP1.${memberId}.G1.${(i + 1).toString(36)}.0000000000`] } }) as object), storeId: 'S002', registerId: 'S002-R1' };
        statuses.push(await cashier2.call('recordSale', { body: body as never }).then(() => 200, (e: ApiError) => e.status));
      }
    } finally {
      shiftClockForTests(0);
    }
    expect(statuses.slice(0, 20).every((x) => x === 400)).toBe(true);
    expect(statuses[20]).toBe(429);
  });
});
