import fc from 'fast-check';
import { lineGrossFen, lineNetFen, quoteRequest, returnRequest, saleLinesSchema, saleNetFen } from './schemas';
import { chainSettingsSchema, defaultChainSettings, tierCodes, type ChainSettings } from '../../settings';
import { addBusinessDays } from '../../rules/business-time';
import { quoteBasket, validatePointsPayment } from '../../rules/checkout';
import { earnPointsForSale, signInPoints } from '../../rules/earning';
import { progressToNext, rollingGrowthFen, upgradeOnSale } from '../../rules/tiers';

/**
 * Every schema carries the invariants its rules assert: whatever a request's schema accepts, the rules it
 * reaches never throw (a throw there was a 500) and every number they give back is a safe integer.
 */
fc.configureGlobal({ seed: 20261201, numRuns: 200, maxSkipsPerRun: 100 });

/** Mostly within `valid`, sometimes at or past the edges (the schema must refuse what the rules can't take). */
const edges = fc.constantFrom(0, 1, 99_999_999, 100_000_000, 100_000_001, 10_000_000_000, 1e13, 1e15, Number.MAX_SAFE_INTEGER);
const amount = (valid: fc.Arbitrary<number>) => fc.oneof({ arbitrary: valid, weight: 60 }, { arbitrary: edges, weight: 1 });
const line = fc
  .record({
    lineNo: fc.integer({ min: 1, max: 999 }),
    category: fc.constantFrom('grocery', 'tobacco', 'dairy'),
    qtyMilli: amount(fc.integer({ min: 1, max: 100_000_000 })),
    unitPriceFen: amount(fc.integer({ min: 0, max: 100_000_000 })),
    discountShare: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 10_000 }), edges),
  })
  // Mostly lines a register would send: within a sale's bounds, a discount that is a share of the line.
  .map(({ discountShare, ...l }) => {
    const unitPriceFen = l.qtyMilli * l.unitPriceFen > 1e13 && l.qtyMilli <= 1e8 ? Math.floor(1e13 / l.qtyMilli) : l.unitPriceFen;
    const gross = Math.round((l.qtyMilli * unitPriceFen) / 1000);
    return { ...l, sku: 'SKU', unitPriceFen, lineDiscountFen: discountShare <= 10_000 ? Math.floor((gross * discountShare) / 10_000) : discountShare };
  });
const linesArb = fc.uniqueArray(line, { minLength: 1, maxLength: 8, selector: (l) => l.lineNo });

/** Settings with any field pushed anywhere; the schema decides which are settings. */
const settingsArb: fc.Arbitrary<unknown> = fc
  .record({
    pointsPerYuan: amount(fc.nat(100)),
    discountBasisPoints: amount(fc.integer({ min: 1, max: 10_000 })),
    pointsPerYuanDeduction: amount(fc.integer({ min: 1, max: 10_000 })),
    deductionMinOrderFen: amount(fc.nat(10_000_000_000)),
    deductionMaxShareBasisPoints: amount(fc.nat(10_000)),
    returnWindowDays: amount(fc.nat(365)),
    lateSaleMaxDays: amount(fc.nat(90)),
    dailyBonusCap: amount(fc.nat(10_000_000)),
    multiplierPercent: amount(fc.integer({ min: 100, max: 1000 })),
    flatBonus: amount(fc.nat(100_000)),
    thresholdFen: amount(fc.nat(1_000_000_000_000)),
  })
  .map((v) => ({
    ...defaultChainSettings,
    tiers: defaultChainSettings.tiers.map((t) => (t.code === 'base' ? t : { ...t, pointsPerYuan: v.pointsPerYuan, discountBasisPoints: v.discountBasisPoints, thresholdFen: t.code === 'gold' ? v.thresholdFen : t.thresholdFen })),
    points: {
      ...defaultChainSettings.points,
      pointsPerYuanDeduction: v.pointsPerYuanDeduction,
      deductionMinOrderFen: v.deductionMinOrderFen,
      deductionMaxShareBasisPoints: v.deductionMaxShareBasisPoints,
      returnWindowDays: v.returnWindowDays,
      dailyBonusCap: v.dailyBonusCap,
      holidays: [{ ...defaultChainSettings.points.holidays[0], from: '2026-01-01', to: '2030-12-31', multiplierPercent: v.multiplierPercent, flatBonus: v.flatBonus }],
    },
    lateSaleMaxDays: v.lateSaleMaxDays,
  }));

const safe = (n: number) => expect(Number.isSafeInteger(n)).toBe(true);

it('a basket the sale and quote schemas accept earns and quotes without a throw, in safe integers, for any accepted settings', () => {
  fc.assert(
    fc.property(linesArb, settingsArb, fc.constantFrom(...tierCodes), fc.integer({ min: 1, max: 12 }), fc.nat(), (rawLines, rawSettings, tierCode, birthdayMonth, available) => {
      const lines = saleLinesSchema.safeParse(rawLines);
      const parsed = chainSettingsSchema.safeParse(rawSettings);
      fc.pre(lines.success && parsed.success);
      const settings: ChainSettings = parsed.data!;
      const tier = settings.tiers.find((t) => t.code === tierCode) ?? settings.tiers[0];
      const net = saleNetFen(lines.data!);
      safe(net);
      const earned = earnPointsForSale(
        lines.data!.map((l) => ({ lineNo: l.lineNo, category: l.category, netFen: lineNetFen(l) })),
        { tier, settings, soldAtIso: '2027-02-06T04:00:00Z', birthdayMonth, pointsPaidFen: 0, bonusEarnedToday: 0 },
      );
      safe(earned.totalPoints);
      earned.lines.forEach((l) => safe(l.points));
      const q = quoteBasket({ listTotalFen: net, tier, settings, availablePoints: Math.min(available, 1e12) });
      [q.afterTierFen, q.payableFen, q.deductible.points, q.deductible.fen].forEach(safe);
      expect(validatePointsPayment({ pointsUsed: q.deductible.points, fenCovered: q.deductible.fen, afterTierFen: q.afterTierFen, settings })).toBeNull();
      addBusinessDays('2026-12-01', settings.points.returnWindowDays);
      addBusinessDays('2026-12-01', -settings.lateSaleMaxDays);
      signInPoints(settings.points.signInCycle, 1_000_000);
      const growth = rollingGrowthFen({ '2026-12': net }, '2026-12');
      upgradeOnSale({ current: 'base', growthFen: growth, settings });
      safe(progressToNext(settings, 'base', growth).percent);
    }),
  );
});

it('the line invariants are checked on the lines themselves, with field paths', () => {
  const l = { lineNo: 1, sku: 'A', category: 'grocery', qtyMilli: 1000, unitPriceFen: 100 };
  const paths = (v: unknown) => (saleLinesSchema.safeParse(v).error?.issues ?? []).map((i) => i.path.join('.'));
  expect(paths([{ ...l, lineDiscountFen: 101 }])).toEqual(['0.lineDiscountFen']);
  expect(paths([l, { ...l, lineDiscountFen: 100 }])).toEqual(['1.lineNo']);
  expect(paths([{ ...l, qtyMilli: 100_000_000, unitPriceFen: 100_000_000 }])).toEqual(['0.unitPriceFen']);
  expect(paths([{ ...l, qtyMilli: 1000, unitPriceFen: 100 }])).toEqual([]);
  // Within a line's bounds, two hundred of the largest add up past a sale's.
  expect(paths(Array.from({ length: 200 }, (_, i) => ({ ...l, lineNo: i + 1, qtyMilli: 100_000, unitPriceFen: 100_000_000 })))).toEqual(['']);
  expect(lineGrossFen({ qtyMilli: 1500, unitPriceFen: 333 })).toBe(500);
});

it('a quote shares the sale lines schema; a return names each line once', () => {
  const member = { memberId: '100000001' };
  const lines = [{ lineNo: 1, sku: 'A', category: 'grocery', qtyMilli: 1000, unitPriceFen: 100, lineDiscountFen: 500 }];
  expect(quoteRequest.safeParse({ storeId: 'S001', member, lines }).success).toBe(false);
  const ret = { returnNo: 'R1', storeId: 'S001', original: { storeId: 'S001', receiptNo: 'X' }, returnedAt: '2026-12-01T00:00:00Z' };
  expect(returnRequest.safeParse({ ...ret, lines: [{ lineNo: 1, qtyMilli: 1 }, { lineNo: 2, qtyMilli: 1 }] }).success).toBe(true);
  expect(returnRequest.safeParse({ ...ret, lines: [{ lineNo: 1, qtyMilli: 1 }, { lineNo: 1, qtyMilli: 1 }] }).error?.issues.map((i) => i.path.join('.'))).toEqual(['lines.1.lineNo']);
});
