import fc from 'fast-check';
import { defaultChainSettings, tierCodes, type ChainSettings, type TierCode } from '../settings';
import { progressToNext, reviewTier, rollingGrowthFen, tierForGrowth, upgradeOnSale } from './tiers';

const settings = defaultChainSettings;
const rank = (code: TierCode) => tierCodes.indexOf(code);
const tierCode = fc.constantFrom(...tierCodes);
const growth = fc.integer({ min: 0, max: 8_000_000 });

describe('rollingGrowthFen: the 12 months ending with the given month', () => {
  const spend = {
    '2025-12': 50_000, // outside a window ending 2026-12
    '2026-01': 30_000,
    '2026-06': 60_000,
    '2026-07': -10_000, // a return
    '2026-12': 5_000,
    '2027-01': 70_000, // after the window
  };

  it.each([
    ['2026-12', 85_000],
    ['2026-11', 130_000],
    ['2027-01', 125_000],
    ['2025-12', 50_000],
    ['2028-01', 0],
  ])('as of %s → %i fen', (asOf, expected) => {
    expect(rollingGrowthFen(spend, asOf)).toBe(expected);
  });

  it('never below zero, when a return outlives its purchase in the window', () => {
    expect(rollingGrowthFen({ '2026-01': 20_000, '2027-01': -20_000 }, '2027-01')).toBe(0);
  });

  it.each([['2026-13'], ['2026-1'], ['26-01']])('rejects month %p', (bad) => {
    expect(() => rollingGrowthFen({}, bad)).toThrow(RangeError);
    expect(() => rollingGrowthFen({ [bad]: 1 }, '2026-01')).toThrow(RangeError);
  });

  it('property: equals the clamped sum of the window; months outside it do not matter', () => {
    const month = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
    const asOf = 2026 * 12 + 5;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: asOf - 30, max: asOf + 30 }), fc.integer({ min: -200_000, max: 2_000_000 }))), (entries) => {
        const byMonth: Record<string, number> = {};
        for (const [i, fen] of entries) byMonth[month(i)] = fen;
        const inWindow = Object.entries(byMonth).filter(([m]) => m > month(asOf - 12) && m <= month(asOf));
        expect(rollingGrowthFen(byMonth, month(asOf))).toBe(Math.max(0, inWindow.reduce((a, [, fen]) => a + fen, 0)));
      }),
    );
  });
});

describe('tierForGrowth', () => {
  it.each([
    [99_999, 'base'], // 999.99 yuan
    [100_000, 'silver'], // 1,000 yuan
    [499_999, 'silver'],
    [500_000, 'gold'], // 5,000 yuan
    [5_000_000, 'diamond'], // approval is upgradeOnSale's and reviewTier's business
  ])('%i fen → %s', (fen, expected) => {
    expect(tierForGrowth(settings, fen).code).toBe(expected);
  });

  it('uses the business ladder, whatever order settings list the tiers in', () => {
    const shuffled: ChainSettings = { ...settings, tiers: [...settings.tiers].reverse() };
    expect(tierForGrowth(shuffled, 600_000).code).toBe('gold');
  });

  it('property: more growth never gives a lower tier', () => {
    fc.assert(
      fc.property(growth, fc.nat(1_000_000), (g, more) => {
        expect(rank(tierForGrowth(settings, g + more).code)).toBeGreaterThanOrEqual(rank(tierForGrowth(settings, g).code));
      }),
    );
  });
});

describe('upgradeOnSale', () => {
  it.each([
    ['base', 99_999, 'base', null],
    ['base', 100_000, 'silver', null],
    ['silver', 500_000, 'gold', null],
    ['base', 500_000, 'gold', null],
    ['gold', 5_000_000, 'gold', 'diamond'], // 50,000 yuan: stays gold, queued for approval
    ['base', 6_000_000, 'gold', 'diamond'],
    ['gold', 300_000, 'gold', null], // a return after the upgrade does not downgrade
    ['silver', 0, 'silver', null],
    ['diamond', 5_000_000, 'diamond', null],
    ['diamond', 100, 'diamond', null],
  ] as const)('%s with %i fen → %s, approval %p', (current, growthFen, tier, needsApproval) => {
    expect(upgradeOnSale({ current, growthFen, settings })).toEqual({ tier, needsApproval });
  });

  it('property: never lowers; never grants an approval tier by itself; what it queues is above the tier kept', () => {
    fc.assert(
      fc.property(tierCode, growth, (current, growthFen) => {
        const { tier, needsApproval } = upgradeOnSale({ current, growthFen, settings });
        expect(rank(tier)).toBeGreaterThanOrEqual(rank(current));
        if (tier !== current) expect(settings.tiers.find((t) => t.code === tier)?.needsApproval).toBe(false);
        if (needsApproval) expect(rank(needsApproval)).toBeGreaterThan(rank(tier));
        expect(upgradeOnSale({ current: tier, growthFen, settings }).tier).toBe(tier);
      }),
    );
  });
});

describe('reviewTier (1 January)', () => {
  it.each([
    ['silver', 80_000, null, 'base'], // 800 yuan → base
    ['gold', 80_000, null, 'base'],
    ['gold', 200_000, null, 'silver'],
    ['silver', 600_000, null, 'gold'],
    ['diamond', 5_000_000, 'diamond', 'diamond'],
    ['diamond', 5_000_000, null, 'gold'],
    ['gold', 5_000_000, 'diamond', 'diamond'],
    ['diamond', 4_000_000, 'diamond', 'gold'], // approved, but growth no longer supports it
  ] as const)('%s with %i fen, approved %p → %s', (current, growthFen, approved, expected) => {
    expect(reviewTier({ current, growthFen, settings, approved })).toBe(expected);
  });

  it('with the growth of the 12 months to December', () => {
    const spend = { '2026-01': 50_000, '2026-09': 30_000, '2025-12': 90_000 };
    expect(reviewTier({ current: 'silver', growthFen: rollingGrowthFen(spend, '2026-12'), settings, approved: null })).toBe('base');
  });

  it('property: the growth supports the result, and an approval tier only with approval', () => {
    fc.assert(
      fc.property(tierCode, growth, fc.option(tierCode), (current, growthFen, approved) => {
        const result = reviewTier({ current, growthFen, settings, approved });
        const tier = settings.tiers.find((t) => t.code === result)!;
        expect(tier.thresholdFen).toBeLessThanOrEqual(growthFen);
        if (tier.needsApproval) expect(approved !== null && rank(approved) >= rank(result)).toBe(true);
      }),
    );
  });
});

describe('progressToNext', () => {
  it.each([
    ['base', 30_000, 'silver', 70_000, 30],
    ['base', 0, 'silver', 100_000, 0],
    ['silver', 300_000, 'gold', 200_000, 60],
    ['silver', 50_000, 'gold', 450_000, 10], // below silver's own threshold after returns: still silver until review
    ['gold', 4_999_999, 'diamond', 1, 99],
    ['gold', 5_000_000, 'diamond', 0, 100], // awaiting approval
  ] as const)('%s with %i fen → next %s, %i fen to go, %i%%', (current, growthFen, next, missingFen, percent) => {
    const progress = progressToNext(settings, current, growthFen);
    expect(progress.next?.code).toBe(next);
    expect(progress).toMatchObject({ missingFen, percent });
  });

  it('at the top there is no next tier', () => {
    expect(progressToNext(settings, 'diamond', 100)).toEqual({ next: null, missingFen: 0, percent: 100 });
  });

  it('property: percent is 0–100 and 100 exactly when nothing is missing', () => {
    fc.assert(
      fc.property(tierCode, growth, (current, growthFen) => {
        const { next, missingFen, percent } = progressToNext(settings, current, growthFen);
        expect(percent).toBeGreaterThanOrEqual(0);
        expect(percent).toBeLessThanOrEqual(100);
        expect(percent === 100).toBe(missingFen === 0);
        if (next) expect(missingFen).toBe(Math.max(0, next.thresholdFen - growthFen));
      }),
    );
  });
});
