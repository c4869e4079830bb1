import fc from 'fast-check';
import { allocate } from './rules';
import { partialReturnClawback, type SoldLine, type SoldRedemption } from './returns';
import { couponTemplateSchema, type CouponBenefit } from './schemas';

const cashOff: CouponBenefit = { kind: 'cash-off', thresholdFen: 20_000, offFen: 3_000 }; // 满200减30

/** 满200减30 on 150 + 60 yuan: 30 yuan spread 2143 / 857. */
const lines: SoldLine[] = [
  { lineNo: 1, qtyMilli: 1000, afterTierFen: 15_000 },
  { lineNo: 2, qtyMilli: 2000, afterTierFen: 6_000 },
];
const redemption = (benefit: CouponBenefit = cashOff, minOrderFen = 0): SoldRedemption => ({
  benefit,
  minOrderFen,
  allocation: allocate(3_000, lines.map((l) => ({ lineNo: l.lineNo, netFen: l.afterTierFen }))),
});

describe('partialReturnClawback', () => {
  it('a return that keeps the threshold met keeps the coupon: the refund is what the goods cost', () => {
    const r = partialReturnClawback({ lines: [...lines, { lineNo: 3, qtyMilli: 1000, afterTierFen: 10_000 }], redemptions: [redemption()], returnedBefore: {}, returningNow: { 3: 1000 }, clawedBackBeforeFen: 0 });
    expect(r).toEqual({ paidBackFen: 10_000, clawbackFen: 0, refundFen: 10_000, clawedBackAfterFen: 0, uncollectedFen: 0 });
  });

  it('below the threshold after the return: the discount left on the kept goods comes out of the refund', () => {
    // Line 2 cost 60 − 8.57 = 51.43 yuan; 150 yuan kept < 200, so the 21.43 still on line 1 is taken back.
    const r = partialReturnClawback({ lines, redemptions: [redemption()], returnedBefore: {}, returningNow: { 2: 2000 }, clawedBackBeforeFen: 0 });
    expect(r).toEqual({ paidBackFen: 5_143, clawbackFen: 2_143, refundFen: 3_000, clawedBackAfterFen: 2_143, uncollectedFen: 0 });
  });

  it('returning the rest later gives the taken-back discount back with the goods', () => {
    const r = partialReturnClawback({ lines, redemptions: [redemption()], returnedBefore: { 2: 2000 }, returningNow: { 1: 1000 }, clawedBackBeforeFen: 2_143 });
    expect(r).toEqual({ paidBackFen: 12_857, clawbackFen: -2_143, refundFen: 15_000, clawedBackAfterFen: 0, uncollectedFen: 0 });
  });

  it('a take-back larger than the refund is capped (never charged) and settled by the next return', () => {
    // One of two units of line 2: floor(5143 / 2) = 2571 paid back; due back 2143 on line 1 + 429 on the kept unit = 2572.
    const first = partialReturnClawback({ lines, redemptions: [redemption()], returnedBefore: {}, returningNow: { 2: 1000 }, clawedBackBeforeFen: 0 });
    expect(first).toEqual({ paidBackFen: 2_571, clawbackFen: 2_571, refundFen: 0, clawedBackAfterFen: 2_571, uncollectedFen: 1 });
    // The second unit: 2572 paid back; only 2143 is due now, so 428 of what was taken comes back.
    const second = partialReturnClawback({ lines, redemptions: [redemption()], returnedBefore: { 2: 1000 }, returningNow: { 2: 1000 }, clawedBackBeforeFen: 2_571 });
    expect(second).toEqual({ paidBackFen: 2_572, clawbackFen: -428, refundFen: 3_000, clawedBackAfterFen: 2_143, uncollectedFen: 0 });
  });

  it('the minimum order counts too, and a no-threshold coupon never lapses', () => {
    const min = partialReturnClawback({ lines, redemptions: [redemption({ kind: 'no-threshold', offFen: 3_000 }, 20_000)], returnedBefore: {}, returningNow: { 2: 2000 }, clawedBackBeforeFen: 0 });
    expect(min.clawbackFen).toBe(2_143);
    const none = partialReturnClawback({ lines, redemptions: [redemption({ kind: 'no-threshold', offFen: 3_000 })], returnedBefore: {}, returningNow: { 2: 2000 }, clawedBackBeforeFen: 0 });
    expect(none.clawbackFen).toBe(0);
  });
});

describe('properties', () => {
  const arbSale = fc
    .array(fc.record({ qtyMilli: fc.integer({ min: 1, max: 4000 }), afterTierFen: fc.integer({ min: 0, max: 40_000 }) }), { minLength: 1, maxLength: 4 })
    .chain((ls) => {
      const sold = ls.map((l, i) => ({ lineNo: i + 1, ...l }));
      const total = sold.reduce((n, l) => n + l.afterTierFen, 0);
      return fc.record({
        sold: fc.constant(sold),
        thresholdFen: fc.integer({ min: 1, max: Math.max(1, total) }),
        offRatio: fc.integer({ min: 0, max: 100 }),
        // Each line returned in up to three steps.
        steps: fc.array(fc.tuple(fc.integer({ min: 0, max: sold.length - 1 }), fc.integer({ min: 1, max: 4000 })), { maxLength: 8 }),
      });
    });

  it('refunds are never negative, and once everything is back the member got exactly what they paid', () => {
    fc.assert(
      fc.property(arbSale, ({ sold, thresholdFen, offRatio, steps }) => {
        const total = sold.reduce((n, l) => n + l.afterTierFen, 0);
        const offFen = Math.min(total, Math.floor(((thresholdFen - 1) * offRatio) / 100));
        const benefit: CouponBenefit = offFen >= 1 && thresholdFen > offFen ? { kind: 'cash-off', thresholdFen, offFen } : { kind: 'no-threshold', offFen: Math.max(1, offFen) };
        const discount = Math.min(total, offFen);
        const red: SoldRedemption = { benefit, minOrderFen: 0, allocation: allocate(discount, sold.map((l) => ({ lineNo: l.lineNo, netFen: l.afterTierFen }))) };
        const returned: Record<number, number> = {};
        let taken = 0;
        let refunded = 0;
        const run = (lineNo: number, milli: number) => {
          const r = partialReturnClawback({ lines: sold, redemptions: [red], returnedBefore: { ...returned }, returningNow: { [lineNo]: milli }, clawedBackBeforeFen: taken });
          expect(r.refundFen).toBeGreaterThanOrEqual(0);
          expect(r.clawedBackAfterFen).toBeGreaterThanOrEqual(0);
          returned[lineNo] = (returned[lineNo] ?? 0) + milli;
          taken = r.clawedBackAfterFen;
          refunded += r.refundFen;
        };
        for (const [i, want] of steps) {
          const l = sold[i];
          const milli = Math.min(want, l.qtyMilli - (returned[l.lineNo] ?? 0));
          if (milli > 0) run(l.lineNo, milli);
        }
        for (const l of sold) {
          const left = l.qtyMilli - (returned[l.lineNo] ?? 0);
          if (left > 0) run(l.lineNo, left);
        }
        expect(taken).toBe(0);
        expect(refunded).toBe(total - discount);
      }),
    );
  });
});

describe('schemas', () => {
  const base = { templateId: 'T', name: { zh: '券', en: 'c' }, validity: { type: 'after-receipt', days: 7 }, scope: {}, limits: { stock: 10, perMember: 1 }, stacking: { group: 'cash-off' }, claimChannel: 'centre', status: 'active' };
  it.each([
    [{ kind: 'cash-off', thresholdFen: 20_000, offFen: 3_000 }, true],
    [{ kind: 'cash-off', thresholdFen: 3_000, offFen: 3_000 }, false],
    [{ kind: 'cash-off', thresholdFen: 20_000, offFen: 30.5 }, false],
    [{ kind: 'percent-off', offBasisPoints: 2000, capFen: 5_000 }, true],
    [{ kind: 'percent-off', offBasisPoints: 10_000, capFen: 5_000 }, false],
    [{ kind: 'percent-off', offBasisPoints: 0, capFen: 5_000 }, false],
    [{ kind: 'percent-off', offBasisPoints: 2000 }, false],
    [{ kind: 'no-threshold', offFen: 2_000 }, true],
    [{ kind: 'second-half-price', skus: [] }, false],
    [{ kind: 'second-half-price', skus: ['SKU1'] }, true],
    [{ kind: 'gift', giftSku: 'GIFT-1' }, true],
    [{ kind: 'gift' }, false],
  ])('benefit %j valid: %s', (benefit, ok) => {
    expect(couponTemplateSchema.safeParse({ ...base, benefit }).success).toBe(ok);
  });
  it.each([
    [{ validity: { type: 'fixed', from: '2027-02-05', to: '2027-02-11' } }, true],
    [{ validity: { type: 'fixed', from: '2027-02-11', to: '2027-02-05' } }, false],
    [{ validity: { type: 'fixed', from: '2027-02-05', to: '2027-02-30' } }, false],
    [{ validity: { type: 'after-receipt', days: 0 } }, false],
    [{ limits: { stock: 10, perMember: 11 } }, false],
    [{ limits: { stock: 10, perMember: 1, budgetFen: 2_000 } }, false],
    [{ stacking: { group: 'cash-off', excludes: ['cash-off'] } }, false],
  ])('%j valid: %s', (over, ok) => {
    expect(couponTemplateSchema.safeParse({ ...base, benefit: { kind: 'cash-off', thresholdFen: 20_000, offFen: 3_000 }, ...over }).success).toBe(ok);
  });
});
