import fc from 'fast-check';
import { defaultChainSettings, tierCodes, type ChainSettings, type TierCode } from '../settings';
import { previewBasket, previewSettingsChange, settingsDiff, type SampleBasket } from './settings-preview';

const base = defaultChainSettings;
const clone = (s: ChainSettings): ChainSettings => JSON.parse(JSON.stringify(s)) as ChainSettings;
const withTier = (s: ChainSettings, code: TierCode, change: Partial<ChainSettings['tiers'][number]>): ChainSettings => {
  const next = clone(s);
  next.tiers = next.tiers.map((t) => (t.code === code ? { ...t, ...change } : t));
  return next;
};

/** Two 100-yuan items and a 30-yuan pack of cigarettes (an excluded category), an ordinary day, 2,000 points held. */
const basket: SampleBasket = {
  lines: [
    { category: 'grocery', unitPriceFen: 10_000, quantity: 2 },
    { category: 'tobacco', unitPriceFen: 3000, quantity: 1 },
  ],
  tier: 'silver',
  soldAtIso: '2026-12-01T12:00:00+08:00',
  birthdayMonth: null,
  availablePoints: 2000,
};

describe('previewBasket: examples', () => {
  it('silver under the defaults: 9.5折, 20 yuan paid with points, the points share earns nothing, tobacco earns nothing', () => {
    // 230 yuan list → 218.50 after 95%; 2,000 points = 20 yuan (under the 50% cap); lines' net 190.00 / 28.50;
    // the 20 yuan of points split 17.39 / 2.61; 190.00 − 17.39 = 172.61 yuan earnable at 2 points a yuan = 345.
    expect(previewBasket(base, basket)).toEqual({
      tier: { code: 'silver', name: { zh: '银卡会员', en: 'Silver' }, discountBasisPoints: 9500, pointsPerYuan: 2 },
      tierMissing: false,
      listTotalFen: 23_000,
      tierDiscountFen: 1150,
      afterTierFen: 21_850,
      deduction: { points: 2000, fen: 2000, reason: 'ok' },
      payableFen: 19_850,
      points: { base: 345, bonus: 0, total: 345, appliedRules: [] },
    });
  });

  it('a better silver (9折, 3 points a yuan) after the change', () => {
    const after = withTier(base, 'silver', { discountBasisPoints: 9000, pointsPerYuan: 3 });
    const p = previewSettingsChange(base, after, basket);
    expect(p.before.payableFen).toBe(19_850);
    // 230 → 207.00; nets 180.00 / 27.00; points 17.39 / 2.61 → 162.61 yuan earnable × 3 = 487.
    expect(p.after).toMatchObject({ afterTierFen: 20_700, payableFen: 18_700, deduction: { points: 2000, fen: 2000 }, points: { total: 487 } });
  });

  it('the Spring Festival: ×2 and +100 per sale for gold (DOMAIN.md defaults)', () => {
    const p = previewBasket(base, { lines: [{ category: 'grocery', unitPriceFen: 10_000, quantity: 1 }], tier: 'gold', soldAtIso: '2027-02-06T10:00:00+08:00', birthdayMonth: null, availablePoints: 0 });
    // 100 yuan → 90 at gold; base 270, the multiplier adds 270, the flat bonus 100.
    expect(p.points).toEqual({ base: 270, bonus: 370, total: 640, appliedRules: ['holiday:春节'] });
    expect(p.deduction.reason).toBe('no-points');
  });

  it('raising the order minimum above the basket takes the points deduction away', () => {
    const after = clone(base);
    after.points.deductionMinOrderFen = 30_000;
    const p = previewSettingsChange(base, after, basket);
    expect(p.before.deduction.reason).toBe('ok');
    expect(p.after.deduction).toEqual({ points: 0, fen: 0, reason: 'below-minimum' });
    expect(p.after.payableFen).toBe(21_850);
    // Nothing paid with points: all of 190.00 yuan earns.
    expect(p.after.points.total).toBe(380);
  });

  it('no longer excluding tobacco makes it earn', () => {
    const after = clone(base);
    after.points.excludedCategories = [];
    const p = previewSettingsChange(base, after, basket);
    expect(p.after.points.total).toBeGreaterThan(p.before.points.total);
  });

  it('a tier the new settings drop is quoted at the first tier, and says so', () => {
    const after = clone(base);
    after.tiers = after.tiers.filter((t) => t.code !== 'silver');
    const p = previewSettingsChange(base, after, basket);
    expect(p.before.tierMissing).toBe(false);
    expect(p.after).toMatchObject({ tierMissing: true, tier: { code: 'base' }, tierDiscountFen: 0 });
  });

  it('refuses fractional amounts rather than guessing', () => {
    expect(() => previewBasket(base, { ...basket, lines: [{ category: 'x', unitPriceFen: 10.5, quantity: 1 }] })).toThrow(RangeError);
    expect(() => previewBasket(base, { ...basket, availablePoints: -1 })).toThrow(RangeError);
  });
});

describe('settingsDiff', () => {
  it('nothing changed: no entries', () => {
    expect(settingsDiff(base, clone(base))).toEqual([]);
  });

  it('names each changed leaf; tiers by code, whatever their order', () => {
    const after = withTier(base, 'gold', { thresholdFen: 600_000 });
    after.tiers.reverse();
    after.points.signInCycle = [5, 5, 5, 5, 5, 5, 30];
    after.consent.termsVersion = '2027-01-01';
    expect(settingsDiff(base, after)).toEqual([
      { path: ['consent', 'termsVersion'], before: '2026-11-01', after: '2027-01-01' },
      { path: ['tiers', 'gold', 'thresholdFen'], before: 500_000, after: 600_000 },
      { path: ['points', 'signInCycle'], before: [5, 5, 5, 5, 5, 5, 20], after: [5, 5, 5, 5, 5, 5, 30] },
    ]);
  });

  it('an added holiday and a removed tier are one change each', () => {
    const holiday = { name: { zh: '国庆', en: 'National Day' }, from: '2027-10-01', to: '2027-10-07', multiplierPercent: 150, flatBonus: 0, flatBonusMinFen: 0 };
    const after = clone(base);
    after.points.holidays = [...after.points.holidays, holiday];
    after.tiers = after.tiers.filter((t) => t.code !== 'diamond');
    const diff = settingsDiff(base, after);
    expect(diff).toContainEqual({ path: ['points', 'holidays', 1], before: undefined, after: holiday });
    expect(diff).toContainEqual({ path: ['tiers', 'diamond'], before: base.tiers[3], after: undefined });
    expect(diff).toHaveLength(2);
  });
});

describe('properties', () => {
  const tierArb = fc.record({
    thresholdFen: fc.nat(100_000_000),
    discountBasisPoints: fc.integer({ min: 1, max: 10_000 }),
    pointsPerYuan: fc.nat(100),
    birthdayDoublePoints: fc.boolean(),
  });
  const settingsArb = fc
    .record({
      tiers: fc.array(tierArb, { minLength: 4, maxLength: 4 }),
      pointsPerYuanDeduction: fc.integer({ min: 1, max: 10_000 }),
      deductionMinOrderFen: fc.nat(1_000_000),
      deductionMaxShareBasisPoints: fc.nat(10_000),
      dailyBonusCap: fc.nat(10_000),
      multiplierPercent: fc.integer({ min: 100, max: 1000 }),
      flatBonus: fc.nat(1000),
      excludeTobacco: fc.boolean(),
    })
    .map((r): ChainSettings => {
      const s = clone(base);
      s.tiers = s.tiers.map((t, i) => ({ ...t, ...r.tiers[i], thresholdFen: t.code === 'base' ? 0 : r.tiers[i].thresholdFen }));
      Object.assign(s.points, {
        pointsPerYuanDeduction: r.pointsPerYuanDeduction,
        deductionMinOrderFen: r.deductionMinOrderFen,
        deductionMaxShareBasisPoints: r.deductionMaxShareBasisPoints,
        dailyBonusCap: r.dailyBonusCap,
        excludedCategories: r.excludeTobacco ? ['tobacco'] : [],
      });
      s.points.holidays = [{ ...s.points.holidays[0], multiplierPercent: r.multiplierPercent, flatBonus: r.flatBonus }];
      return s;
    });
  const basketArb = fc.record({
    lines: fc.array(fc.record({ category: fc.constantFrom('grocery', 'tobacco', 'dairy'), unitPriceFen: fc.nat(1_000_000), quantity: fc.nat(50) }), { maxLength: 6 }),
    tier: fc.constantFrom<TierCode>(...tierCodes),
    // Around the Spring Festival, so the holiday sometimes applies.
    soldAtIso: fc.integer({ min: Date.parse('2027-01-25T00:00:00Z'), max: Date.parse('2027-02-20T00:00:00Z') }).map((ms) => new Date(ms).toISOString()),
    birthdayMonth: fc.option(fc.integer({ min: 1, max: 12 }), { nil: null }),
    availablePoints: fc.nat(5_000_000),
  });

  it('unchanged settings: identical before and after, and no changes listed', () => {
    fc.assert(
      fc.property(settingsArb, basketArb, (s, b) => {
        const p = previewSettingsChange(s, clone(s), b);
        expect(p.after).toEqual(p.before);
        expect(settingsDiff(s, clone(s))).toEqual([]);
      }),
    );
  });

  it('the money adds up and the deduction keeps the checkout rules', () => {
    fc.assert(
      fc.property(settingsArb, basketArb, (s, b) => {
        const p = previewBasket(s, b);
        const list = b.lines.reduce((n, l) => n + l.unitPriceFen * l.quantity, 0);
        expect(p.listTotalFen).toBe(list);
        expect(p.tierDiscountFen + p.afterTierFen).toBe(list);
        expect(p.payableFen + p.deduction.fen).toBe(p.afterTierFen);
        expect(p.payableFen).toBeGreaterThanOrEqual(0);
        expect(p.deduction.points).toBeLessThanOrEqual(b.availablePoints);
        expect(p.deduction.points % s.points.pointsPerYuanDeduction).toBe(0);
        expect(p.points.total).toBe(p.points.base + p.points.bonus);
        expect(p.points.bonus).toBeLessThanOrEqual(s.points.dailyBonusCap);
      }),
    );
  });

  it('a change to one tier shows in the diff at that tier, and leaves the preview of other tiers alone', () => {
    fc.assert(
      fc.property(settingsArb, basketArb, fc.constantFrom<TierCode>('silver', 'gold', 'diamond'), fc.integer({ min: 1, max: 10_000 }), (s, b, code, discount) => {
        const after = withTier(s, code, { discountBasisPoints: discount });
        const changed = s.tiers.find((t) => t.code === code)!.discountBasisPoints !== discount;
        expect(settingsDiff(s, after)).toEqual(changed ? [{ path: ['tiers', code, 'discountBasisPoints'], before: s.tiers.find((t) => t.code === code)!.discountBasisPoints, after: discount }] : []);
        if (b.tier !== code) {
          const p = previewSettingsChange(s, after, b);
          expect(p.after).toEqual(p.before);
        }
      }),
    );
  });
});
