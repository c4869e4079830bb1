import fc from 'fast-check';
import { defaultChainSettings, tierByCode } from '../../settings';
import { applyBenefits } from './benefits';
import { applyCoupons, bestCombination, isStackable, preferred, quoteCoupons, type Combination, type UsableCoupon } from './combination';
import { eligibility, type CouponLine } from './rules';
import type { CouponBenefit } from './schemas';
import { candidate, line, sale, template } from './testing';

const t = (id: string, benefit: CouponBenefit, group: string, excludes: string[] = [], over: Record<string, unknown> = {}) =>
  template(benefit, { templateId: id, stacking: { group, excludes }, ...over });

describe('quoteCoupons', () => {
  const basket = [line(1, 15_000), line(2, 6_000, { category: 'tobacco' })];
  const big = t('C30', { kind: 'cash-off', thresholdFen: 20_000, offFen: 3_000 }, 'cash-off');
  const small = t('C10', { kind: 'cash-off', thresholdFen: 5_000, offFen: 1_000 }, 'cash-off');
  const free = t('N5', { kind: 'no-threshold', offFen: 500 }, 'no-threshold');
  const pct = t('P', { kind: 'percent-off', offBasisPoints: 1000, capFen: 800, thresholdFen: 0 }, 'percent', ['cash-off']);
  const far = t('C50', { kind: 'cash-off', thresholdFen: 30_000, offFen: 5_000 }, 'cash-off');

  it('picks the best stackable set and explains every coupon left out', () => {
    const q = quoteCoupons([candidate(small), candidate(big), candidate(free), candidate(pct), candidate(far)], basket, sale());
    expect(q.best.chosen.map((u) => u.candidate.grant.grantId)).toEqual(['G-C30', 'G-N5']);
    expect(q.best.savingsFen).toBe(3_500);
    expect(q.usable.map((u) => u.grantId)).toEqual(['G-C30', 'G-C10', 'G-P', 'G-N5']);
    expect(q.notApplied).toEqual(
      expect.arrayContaining([
        { grantId: 'G-C50', templateId: 'C50', reason: 'below-threshold', missingFen: 9_000 },
        { grantId: 'G-C10', templateId: 'C10', reason: 'not-stackable', with: 'G-C30' },
        { grantId: 'G-P', templateId: 'P', reason: 'not-stackable', with: 'G-C30' },
      ]),
    );
    expect(q.notApplied).toHaveLength(3);
  });

  it('redemptions spread each discount over its lines and add up', () => {
    const q = quoteCoupons([candidate(big)], basket, sale());
    expect(q.best.redemptions).toEqual([{ grantId: 'G-C30', templateId: 'C30', discountFen: 3_000, allocation: [{ lineNo: 1, discountFen: 2_143 }, { lineNo: 2, discountFen: 857 }] }]);
  });

  it('two coupons on one cheap line never take it below zero; the second adds nothing and is left out', () => {
    const a = t('A', { kind: 'no-threshold', offFen: 800 }, 'a');
    const b = t('B', { kind: 'no-threshold', offFen: 500 }, 'b');
    const q = quoteCoupons([candidate(a), candidate(b)], [line(1, 1_000)], sale());
    expect(q.best.savingsFen).toBe(1_000);
    const both = applyCoupons([line(1, 1_000)], q.best.chosen);
    expect(both.lines[0].netFen).toBe(0);
    const solo = quoteCoupons([candidate(a), candidate(b)], [line(1, 700)], sale());
    expect(solo.best.chosen).toHaveLength(1);
    expect(solo.notApplied).toEqual([{ grantId: solo.best.chosen[0].candidate.grant.grantId === 'G-A' ? 'G-B' : 'G-A', templateId: expect.any(String), reason: 'no-extra-saving' }]);
  });

  it('tie-break: equal savings → fewer coupons, then the one expiring sooner, then the smaller grant id', () => {
    const x = t('X', { kind: 'no-threshold', offFen: 1_000 }, 'same');
    const y = t('Y', { kind: 'no-threshold', offFen: 1_000 }, 'same');
    const early = quoteCoupons([candidate(x, { validThrough: '2026-12-06' }), candidate(y, { validThrough: '2026-12-03' })], [line(1, 5_000)], sale());
    expect(early.best.chosen[0].candidate.grant.grantId).toBe('G-Y');
    const sameDay = quoteCoupons([candidate(y), candidate(x)], [line(1, 5_000)], sale());
    expect(sameDay.best.chosen[0].candidate.grant.grantId).toBe('G-X');
    const pair = t('Z', { kind: 'no-threshold', offFen: 500 }, 'z');
    const pair2 = t('W', { kind: 'no-threshold', offFen: 500 }, 'w');
    // One coupon of 10 yuan beats two of 5 yuan that save the same.
    const fewer = quoteCoupons([candidate(pair), candidate(pair2), candidate(x)], [line(1, 1_000)], sale());
    expect(fewer.best.chosen.map((u) => u.candidate.grant.grantId)).toEqual(['G-X']);
  });

  it('looks at the 12 most valuable only and says so for the rest', () => {
    const many = Array.from({ length: 14 }, (_, i) => candidate(t(`M${String(i).padStart(2, '0')}`, { kind: 'no-threshold', offFen: 100 + i }, `g${i}`)));
    const q = quoteCoupons(many, [line(1, 100_000)], sale());
    expect(q.best.chosen).toHaveLength(12);
    expect(q.notApplied.map((n) => [n.grantId, n.reason])).toEqual([
      ['G-M01', 'not-searched'],
      ['G-M00', 'not-searched'],
    ]);
  });
});

describe('applyBenefits: the order of benefits', () => {
  const settings = defaultChainSettings;
  const gold = tierByCode(settings, 'gold'); // pays 90%
  const lines = [
    { lineNo: 1, sku: 'MILK', category: 'dairy', qtyMilli: 1000, amountFen: 20_000 },
    { lineNo: 2, sku: 'CIGS', category: 'tobacco', qtyMilli: 1000, amountFen: 5_000 },
  ];
  it('tier discount, then coupons on the lines after it, then points on what is left', () => {
    // 满150减30 on dairy: measured after gold's 10% (180 yuan of dairy), not on the list price.
    const c = t('D', { kind: 'cash-off', thresholdFen: 15_000, offFen: 3_000 }, 'cash-off', [], { scope: { categories: ['dairy'] } });
    const q = applyBenefits({ lines, tier: gold, settings, availablePoints: 100_000, coupons: [candidate(c)], sale: sale() });
    expect(q).toMatchObject({ listTotalFen: 25_000, tierDiscountFen: 2_500, afterTierFen: 22_500, couponDiscountFen: 3_000, afterCouponsFen: 19_500 });
    // Points: at most half of 195 yuan, whole yuan → 97 yuan.
    expect(q.points).toEqual({ points: 9_700, fen: 9_700, reason: 'ok' });
    expect(q.payableFen).toBe(9_800);
    expect(q.lines).toEqual([
      { lineNo: 1, amountFen: 20_000, tierDiscountFen: 2_000, couponDiscountFen: 3_000, netFen: 15_000 },
      { lineNo: 2, amountFen: 5_000, tierDiscountFen: 500, couponDiscountFen: 0, netFen: 4_500 },
    ]);
  });
  it('the points minimum is measured after coupons: 55 yuan less a 10-yuan coupon is below 50', () => {
    const c = t('N', { kind: 'no-threshold', offFen: 1_000 }, 'no-threshold');
    const small = [{ lineNo: 1, sku: 'MILK', category: 'dairy', qtyMilli: 1000, amountFen: 5_500 }];
    const q = applyBenefits({ lines: small, tier: tierByCode(settings, 'base'), settings, availablePoints: 100_000, coupons: [candidate(c)], sale: sale() });
    expect(q.afterCouponsFen).toBe(4_500);
    expect(q.points.reason).toBe('below-minimum');
  });
});

// ---- properties -------------------------------------------------------------------------------------------

const arbLines = fc
  .array(fc.record({ netFen: fc.integer({ min: 0, max: 50_000 }), sku: fc.constantFrom('A', 'B'), category: fc.constantFrom('dairy', 'snacks'), units: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 5 })
  .map((ls) => ls.map((l, i): CouponLine => line(i + 1, l.netFen, { sku: l.sku, category: l.category, qtyMilli: l.units * 1000 })));

const arbBenefit: fc.Arbitrary<CouponBenefit> = fc.oneof(
  fc.integer({ min: 2, max: 60_000 }).chain((thresholdFen) => fc.integer({ min: 1, max: thresholdFen - 1 }).map((offFen) => ({ kind: 'cash-off' as const, thresholdFen, offFen }))),
  fc.record({ kind: fc.constant('percent-off' as const), offBasisPoints: fc.integer({ min: 1, max: 9999 }), capFen: fc.integer({ min: 1, max: 30_000 }), thresholdFen: fc.integer({ min: 0, max: 30_000 }) }),
  fc.record({ kind: fc.constant('no-threshold' as const), offFen: fc.integer({ min: 1, max: 30_000 }) }),
  fc.record({ kind: fc.constant('second-half-price' as const), skus: fc.constant(['A']).map((a) => [...a]) }),
  fc.record({ kind: fc.constant('gift' as const), giftSku: fc.constant('B') }),
);

const arbCoupons = fc.array(
  fc.record({ benefit: arbBenefit, group: fc.constantFrom('g1', 'g2', 'g3', 'g4'), excludes: fc.subarray(['g1', 'g2', 'g3', 'g4']), dairyOnly: fc.boolean(), validThrough: fc.constantFrom('2026-12-03', '2026-12-06') }),
  { maxLength: 6 },
);

type ArbCoupon = { benefit: CouponBenefit; group: string; excludes: string[]; dairyOnly: boolean; validThrough: string };
function usableOf(coupons: ArbCoupon[], lines: CouponLine[]): UsableCoupon[] {
  return coupons.flatMap((c, i) => {
    const tpl = template(c.benefit, { templateId: `T${i}`, stacking: { group: c.group, excludes: c.excludes.filter((g) => g !== c.group) }, scope: c.dairyOnly ? { categories: ['dairy'] } : {} });
    const cand = candidate(tpl, { validThrough: c.validThrough });
    const e = eligibility(cand, lines, sale());
    return e.ok ? [{ candidate: cand, discountFen: e.discountFen, lineNos: e.lines.map((l) => l.lineNo) }] : [];
  });
}

const subsets = <T>(xs: T[]): T[][] => xs.reduce<T[][]>((acc, x) => acc.concat(acc.map((s) => [...s, x])), [[]]);

describe('properties', () => {
  it('the chosen combination is stackable and never worse than any other stackable set (brute force)', () => {
    fc.assert(
      fc.property(arbLines, arbCoupons, (lines, coupons) => {
        const usable = usableOf(coupons, lines);
        const best = bestCombination(usable, lines);
        expect(isStackable(best.chosen)).toBe(true);
        for (const set of subsets(usable).filter(isStackable)) {
          const other: Combination = { chosen: set, ...applyCoupons(lines, set) };
          expect(preferred(best, other)).toBeLessThanOrEqual(0);
        }
      }),
    );
  });

  it('the choice does not depend on the order the coupons come in', () => {
    fc.assert(
      fc.property(arbLines, arbCoupons, fc.nat(), (lines, coupons, seed) => {
        const usable = usableOf(coupons, lines);
        const shuffled = [...usable].sort((a, b) => ((a.candidate.grant.grantId.charCodeAt(1) * 31 + seed) % 7) - ((b.candidate.grant.grantId.charCodeAt(1) * 31 + seed) % 7));
        const ids = (u: UsableCoupon[]) => u.map((x) => x.candidate.grant.grantId).sort();
        expect(ids(bestCombination(shuffled, lines).chosen)).toEqual(ids(bestCombination(usable, lines).chosen));
      }),
    );
  });

  it('redeeming never takes a line below zero, and the allocations add up to the savings', () => {
    fc.assert(
      fc.property(arbLines, arbCoupons, (lines, coupons) => {
        const best = bestCombination(usableOf(coupons, lines), lines);
        const after = applyCoupons(lines, best.chosen);
        after.lines.forEach((l) => expect(l.netFen).toBeGreaterThanOrEqual(0));
        best.redemptions.forEach((r) => expect(r.allocation.reduce((n, a) => n + a.discountFen, 0)).toBe(r.discountFen));
        const before = lines.reduce((n, l) => n + l.netFen, 0);
        expect(after.lines.reduce((n, l) => n + l.netFen, 0)).toBe(before - best.savingsFen);
      }),
    );
  });

  it('applyBenefits: no total or line is ever negative and the steps add up', () => {
    const settings = defaultChainSettings;
    fc.assert(
      fc.property(arbLines, arbCoupons, fc.constantFrom('base', 'silver', 'gold') , fc.integer({ min: 0, max: 1_000_000 }), (lines, coupons, tierCode, points) => {
        const basket = lines.map((l) => ({ lineNo: l.lineNo, sku: l.sku, category: l.category, qtyMilli: l.qtyMilli, amountFen: l.netFen }));
        const cands = coupons.map((c, i) => candidate(template(c.benefit, { templateId: `T${i}`, stacking: { group: c.group, excludes: c.excludes.filter((g) => g !== c.group) } })));
        const q = applyBenefits({ lines: basket, tier: tierByCode(settings, tierCode as 'base'), settings, availablePoints: points, coupons: cands, sale: sale() });
        for (const v of [q.afterTierFen, q.afterCouponsFen, q.payableFen, q.couponDiscountFen, q.points.fen]) expect(v).toBeGreaterThanOrEqual(0);
        expect(q.listTotalFen - q.tierDiscountFen - q.couponDiscountFen - q.points.fen).toBe(q.payableFen);
        q.lines.forEach((l) => expect(l.netFen).toBeGreaterThanOrEqual(0));
        expect(q.lines.reduce((n, l) => n + l.netFen, 0)).toBe(q.afterCouponsFen);
      }),
    );
  });
});
