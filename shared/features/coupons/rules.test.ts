import fc from 'fast-check';
import {
  allocate,
  claimRefusal,
  discountOf,
  eligibility,
  isLineInScope,
  isUsableAt,
  lastUsableInstant,
  usabilityAt,
  validityOf,
  type CouponLine,
} from './rules';
import { couponScopeSchema, type CouponBenefit } from './schemas';
import { candidate, grant, line, sale, template } from './testing';

const cashOff: CouponBenefit = { kind: 'cash-off', thresholdFen: 20_000, offFen: 3_000 }; // 满200减30

describe('validityOf', () => {
  it('N days after receipt: claimed 30 Nov with N = 7 is valid through 6 Dec', () => {
    const t = template(cashOff, { validity: { type: 'after-receipt', days: 7 } });
    expect(validityOf(t, '2026-11-30T10:00:00+08:00')).toEqual({ validFrom: '2026-11-30', validThrough: '2026-12-06' });
  });
  it('receipt is dated by the Shanghai day: 30 Nov 23:30 in Shanghai is still 30 Nov (15:30Z)', () => {
    const t = template(cashOff, { validity: { type: 'after-receipt', days: 1 } });
    expect(validityOf(t, '2026-11-30T15:30:00Z')).toEqual({ validFrom: '2026-11-30', validThrough: '2026-11-30' });
    expect(validityOf(t, '2026-11-30T16:00:00Z')).toEqual({ validFrom: '2026-12-01', validThrough: '2026-12-01' });
  });
  it('fixed days are the template’s', () => {
    const t = template(cashOff, { validity: { type: 'fixed', from: '2027-02-05', to: '2027-02-11' } });
    expect(validityOf(t, '2026-11-30T02:00:00Z')).toEqual({ validFrom: '2027-02-05', validThrough: '2027-02-11' });
  });
  it('the last usable instant is 23:59:59.999 Shanghai', () => {
    expect(lastUsableInstant({ validThrough: '2026-12-06' })).toBe('2026-12-06T15:59:59.999Z');
  });
});

describe('usabilityAt: the boundary is the Shanghai midnight', () => {
  const g = grant(template(cashOff));
  it.each([
    ['2026-12-06T23:59:59+08:00', 'ok'],
    ['2026-12-06T15:59:59.999Z', 'ok'],
    ['2026-12-07T00:00:00+08:00', 'expired'],
    ['2026-12-06T16:00:00Z', 'expired'],
    ['2026-11-30T00:00:00+08:00', 'ok'],
    ['2026-11-29T23:59:59+08:00', 'not-yet-valid'],
  ])('%s → %s', (at, expected) => {
    expect(usabilityAt(g, at)).toBe(expected);
    expect(isUsableAt(g, at)).toBe(expected === 'ok');
  });
  it('a redeemed or revoked grant is not available, whatever the day', () => {
    expect(usabilityAt({ ...g, status: 'redeemed' }, '2026-12-02T04:00:00Z')).toBe('not-available');
    expect(usabilityAt({ ...g, status: 'revoked' }, '2026-12-02T04:00:00Z')).toBe('not-available');
  });
});

describe('scope', () => {
  const scope = couponScopeSchema.parse({ categories: ['dairy'], skus: ['BREAD'], excludeSkus: ['FORMULA'] });
  it.each([
    [{ sku: 'MILK', category: 'dairy' }, true],
    [{ sku: 'BREAD', category: 'bakery' }, true],
    [{ sku: 'FORMULA', category: 'dairy' }, false],
    [{ sku: 'BEER', category: 'drinks' }, false],
  ])('%j → %s', (l, expected) => expect(isLineInScope(scope, l)).toBe(expected));
  it('no inclusions: every product but the excluded', () => {
    const all = couponScopeSchema.parse({ excludeCategories: ['tobacco'] });
    expect(isLineInScope(all, { sku: 'X', category: 'grocery' })).toBe(true);
    expect(isLineInScope(all, { sku: 'X', category: 'tobacco' })).toBe(false);
  });
});

describe('discountOf, each kind', () => {
  const two = [line(1, 15_000), line(2, 6_000)];
  it.each<[string, CouponBenefit, CouponLine[], unknown]>([
    ['满200减30 met', cashOff, two, { discountFen: 3_000 }],
    ['满200减30 short by 10 yuan', cashOff, [line(1, 19_000)], { reason: 'below-threshold', missingFen: 1_000 }],
    ['8折 under the cap', { kind: 'percent-off', offBasisPoints: 2000, capFen: 5_000, thresholdFen: 0 }, [line(1, 10_001)], { discountFen: 2_001 }],
    ['8折 on 210 yuan, below the 50-yuan cap', { kind: 'percent-off', offBasisPoints: 2000, capFen: 5_000, thresholdFen: 0 }, two, { discountFen: 4_200 }],
    ['8折 with cap hit', { kind: 'percent-off', offBasisPoints: 2000, capFen: 1_000, thresholdFen: 0 }, two, { discountFen: 1_000 }],
    ['折扣 below its threshold', { kind: 'percent-off', offBasisPoints: 1000, capFen: 1_000, thresholdFen: 30_000 }, two, { reason: 'below-threshold', missingFen: 9_000 }],
    ['无门槛 20 yuan', { kind: 'no-threshold', offFen: 2_000 }, two, { discountFen: 2_000 }],
    ['无门槛 above the basket: at most what it costs', { kind: 'no-threshold', offFen: 2_000 }, [line(1, 1_500)], { discountFen: 1_500 }],
    ['第二件半价: two units, half of one (rounded for the member)', { kind: 'second-half-price', skus: ['SKU1'] }, [line(1, 1_999, { qtyMilli: 2000 })], { discountFen: 500 }],
    ['第二件半价: two lines of the SKU, the cheaper unit', { kind: 'second-half-price', skus: ['SKU9'] }, [line(1, 1_000, { sku: 'SKU9' }), line(2, 800, { sku: 'SKU9' })], { discountFen: 400 }],
    ['第二件半价: one unit only', { kind: 'second-half-price', skus: ['SKU1'] }, [line(1, 1_000)], { reason: 'no-second-item' }],
    ['第二件半价: 1.5 kg is one whole unit', { kind: 'second-half-price', skus: ['SKU1'] }, [line(1, 1_500, { qtyMilli: 1500 })], { reason: 'no-second-item' }],
    ['兑换: the gift unit is free', { kind: 'gift', giftSku: 'SKU2' }, [line(1, 5_000), line(2, 1_200, { qtyMilli: 3000 })], { discountFen: 400 }],
    ['兑换: gift not rung up', { kind: 'gift', giftSku: 'GIFT' }, two, { reason: 'gift-not-in-basket' }],
  ])('%s', (_name, benefit, lines, expected) => {
    expect(discountOf(benefit, lines)).toMatchObject(expected as object);
  });
});

describe('eligibility: one reason code each', () => {
  const basket = [line(1, 15_000, { category: 'dairy' }), line(2, 6_000, { category: 'tobacco' })];
  const t = template(cashOff);
  it.each<[string, Parameters<typeof eligibility>, unknown]>([
    ['usable', [candidate(t), basket, sale()], { ok: true, discountFen: 3_000 }],
    ['expired', [candidate(t), basket, sale({ atIso: '2026-12-07T00:00:00+08:00' })], { ok: false, reason: 'expired', validThrough: '2026-12-06' }],
    ['not yet valid', [candidate(t, { validFrom: '2026-12-05' }), basket, sale()], { ok: false, reason: 'not-yet-valid', validFrom: '2026-12-05' }],
    ['already redeemed', [candidate(t, { status: 'redeemed' }), basket, sale()], { ok: false, reason: 'not-available' }],
    ['wrong store', [candidate(template(cashOff, { scope: { storeIds: ['BJ-001'], regions: ['north'] } })), basket, sale()], { ok: false, reason: 'wrong-store' }],
    ['right region', [candidate(template(cashOff, { scope: { regions: ['east'] } })), basket, sale()], { ok: true }],
    ['not with the stored-value discount', [candidate(template(cashOff, { stacking: { group: 'cash-off', excludes: ['stored-value-discount'] } })), basket, sale({ otherBenefits: ['stored-value-discount'] })], { ok: false, reason: 'not-stackable', with: 'stored-value-discount' }],
    ['category excluded', [candidate(template(cashOff, { scope: { categories: ['fresh'] } })), basket, sale()], { ok: false, reason: 'category-excluded' }],
    ['below threshold on the eligible lines (tobacco excluded)', [candidate(template(cashOff, { scope: { excludeCategories: ['tobacco'] } })), basket, sale()], { ok: false, reason: 'below-threshold', missingFen: 5_000 }],
    ['below the minimum order', [candidate(template({ kind: 'no-threshold', offFen: 500 }, { limits: { stock: 10, perMember: 1, minOrderFen: 30_000 } })), basket, sale()], { ok: false, reason: 'below-minimum-order', missingFen: 9_000 }],
    ['budget exhausted', [candidate(t, {}, 2_999), basket, sale()], { ok: false, reason: 'budget-exhausted', budgetLeftFen: 2_999 }],
    ['budget just enough', [candidate(t, {}, 3_000), basket, sale()], { ok: true, discountFen: 3_000 }],
    ['nothing to take off (free lines)', [candidate(template({ kind: 'no-threshold', offFen: 500 })), [line(1, 0)], sale()], { ok: false, reason: 'no-discount' }],
  ])('%s', (_name, args, expected) => {
    expect(eligibility(...args)).toMatchObject(expected as object);
  });
  it('the 23:59:59 boundary: usable at 23:59:59 Shanghai of the last day, refused at 00:00:00', () => {
    expect(eligibility(candidate(t), basket, sale({ atIso: '2026-12-06T23:59:59+08:00' })).ok).toBe(true);
    expect(eligibility(candidate(t), basket, sale({ atIso: '2026-12-07T00:00:00+08:00' }))).toMatchObject({ reason: 'expired' });
  });
  it('refuses a grant paired with another template', () => {
    expect(() => eligibility({ ...candidate(t), template: { ...t, templateId: 'OTHER' } }, basket, sale())).toThrow(RangeError);
  });
});

describe('claimRefusal', () => {
  const t = template(cashOff, { limits: { stock: 10, perMember: 2 } });
  const at = '2026-11-30T02:00:00Z';
  it.each([
    [{ template: t, via: 'centre', grantedTotal: 0, grantedToMember: 0 }, null],
    [{ template: t, via: 'centre', grantedTotal: 10, grantedToMember: 0 }, 'out-of-stock'],
    [{ template: t, via: 'centre', grantedTotal: 3, grantedToMember: 2 }, 'member-limit'],
    [{ template: { ...t, claimChannel: 'issued' }, via: 'centre', grantedTotal: 0, grantedToMember: 0 }, 'not-claimable'],
    [{ template: { ...t, claimChannel: 'issued' }, via: 'issue', grantedTotal: 0, grantedToMember: 0 }, null],
    [{ template: { ...t, status: 'paused' }, via: 'issue', grantedTotal: 0, grantedToMember: 0 }, 'not-claimable'],
    [{ template: { ...t, validity: { type: 'fixed', from: '2026-11-01', to: '2026-11-29' } }, via: 'issue', grantedTotal: 0, grantedToMember: 0 }, 'validity-over'],
  ] as const)('%#', (input, expected) => expect(claimRefusal({ ...input, atIso: at } as Parameters<typeof claimRefusal>[0])).toBe(expected));
});

// ---- properties -------------------------------------------------------------------------------------------

const arbLines = fc
  .array(fc.record({ netFen: fc.integer({ min: 0, max: 500_000 }), qtyMilli: fc.integer({ min: 1, max: 5000 }), sku: fc.constantFrom('A', 'B', 'C') }), { minLength: 1, maxLength: 8 })
  .map((ls) => ls.map((l, i) => line(i + 1, l.netFen, { qtyMilli: l.qtyMilli, sku: l.sku })));

const arbBenefit: fc.Arbitrary<CouponBenefit> = fc.oneof(
  fc.integer({ min: 2, max: 100_000 }).chain((thresholdFen) => fc.integer({ min: 1, max: thresholdFen - 1 }).map((offFen) => ({ kind: 'cash-off' as const, thresholdFen, offFen }))),
  fc.record({ kind: fc.constant('percent-off' as const), offBasisPoints: fc.integer({ min: 1, max: 9999 }), capFen: fc.integer({ min: 1, max: 100_000 }), thresholdFen: fc.integer({ min: 0, max: 100_000 }) }),
  fc.record({ kind: fc.constant('no-threshold' as const), offFen: fc.integer({ min: 1, max: 100_000 }) }),
  fc.record({ kind: fc.constant('second-half-price' as const), skus: fc.subarray(['A', 'B', 'C'], { minLength: 1 }) }),
  fc.record({ kind: fc.constant('gift' as const), giftSku: fc.constantFrom('A', 'B', 'C') }),
);

describe('properties', () => {
  it('a discount never exceeds its lines, a cap, a face value or the percentage', () => {
    fc.assert(
      fc.property(arbBenefit, arbLines, (benefit, lines) => {
        const d = discountOf(benefit, lines);
        if ('reason' in d) return;
        const total = d.lines.reduce((n, l) => n + l.netFen, 0);
        expect(d.discountFen).toBeGreaterThanOrEqual(0);
        expect(d.discountFen).toBeLessThanOrEqual(total);
        if (benefit.kind === 'cash-off' || benefit.kind === 'no-threshold') expect(d.discountFen).toBeLessThanOrEqual(benefit.offFen);
        if (benefit.kind === 'percent-off') {
          expect(d.discountFen).toBeLessThanOrEqual(benefit.capFen);
          // At most the percentage, rounded up by less than a fen.
          expect(d.discountFen * 10_000).toBeLessThan(total * benefit.offBasisPoints + 10_000);
        }
        const allocation = allocate(d.discountFen, d.lines);
        allocation.forEach((a, i) => expect(a.discountFen).toBeLessThanOrEqual(d.lines[i].netFen));
      }),
    );
  });

  it('allocation adds up exactly, each line within its amount and within a fen of its share', () => {
    fc.assert(
      fc.property(arbLines, fc.nat(), (lines, seed) => {
        const total = lines.reduce((n, l) => n + l.netFen, 0);
        const discount = total === 0 ? 0 : seed % (total + 1);
        const parts = allocate(discount, lines);
        expect(parts.reduce((n, p) => n + p.discountFen, 0)).toBe(discount);
        parts.forEach((p, i) => {
          expect(p.discountFen).toBeGreaterThanOrEqual(0);
          expect(p.discountFen).toBeLessThanOrEqual(lines[i].netFen);
          expect(Math.abs(p.discountFen * total - discount * lines[i].netFen)).toBeLessThan(total);
        });
      }),
    );
  });

  it('validity after receipt: N days, the first being the Shanghai day of receipt', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }), fc.integer({ min: 1, max: 400 }), (at, days) => {
        const t = template(cashOff, { validity: { type: 'after-receipt', days } });
        const v = validityOf(t, at.toISOString());
        const span = (Date.parse(`${v.validThrough}T00:00:00Z`) - Date.parse(`${v.validFrom}T00:00:00Z`)) / 86_400_000;
        expect(span).toBe(days - 1);
        const g = grant(t, { ...v, receivedAt: at.toISOString() });
        expect(isUsableAt(g, at.toISOString())).toBe(true);
        expect(isUsableAt(g, lastUsableInstant(g))).toBe(true);
        expect(isUsableAt(g, new Date(Date.parse(lastUsableInstant(g)) + 1).toISOString())).toBe(false);
      }),
    );
  });
});
