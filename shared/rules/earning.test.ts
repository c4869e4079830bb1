import fc from 'fast-check';
import { defaultChainSettings, tierByCode, type ChainSettings, type TierCode } from '../settings';
import { allocateProportionally, earnPointsForSale, nextStreak, signInPoints, type EarningContext, type SaleLineForEarning } from './earning';

const settings = defaultChainSettings;
const ordinaryDay = '2026-06-10T04:00:00Z'; // no holiday, June in Shanghai
const springFestival = '2027-02-06T04:00:00Z'; // inside 春节 2027-02-05..11

const ctx = (over: Partial<EarningContext> & { tierCode?: TierCode } = {}): EarningContext => ({
  tier: tierByCode(settings, over.tierCode ?? 'base'),
  settings,
  soldAtIso: ordinaryDay,
  birthdayMonth: null,
  pointsPaidFen: 0,
  bonusEarnedToday: 0,
  ...over,
});
const line = (lineNo: number, netFen: number, category = 'grocery'): SaleLineForEarning => ({ lineNo, category, netFen });

describe('allocateProportionally', () => {
  it.each([
    [3000, [6000, 4000], [1800, 1200]],
    [100, [1, 1, 1], [34, 33, 33]],
    [1, [1, 1], [1, 0]],
    [2, [1, 1, 1], [1, 1, 0]],
    [7, [1, 1, 1, 1], [2, 2, 2, 1]],
    [10, [1, 2, 3, 4], [1, 2, 3, 4]],
    [5, [0, 3, 0], [0, 5, 0]],
    [0, [0, 0], [0, 0]],
    [0, [], []],
  ])('splits %i by %j → %j', (total, weights, expected) => {
    expect(allocateProportionally(total, weights)).toEqual(expected);
  });

  it.each([
    [5, [0, 0]],
    [5, []],
    [-1, [1]],
    [1.5, [1]],
    [1, [1, -1]],
  ])('rejects %p over %j', (total, weights) => {
    expect(() => allocateProportionally(total, weights)).toThrow(RangeError);
  });

  it('property: sums exactly; each part is within 1 of its exact share; a zero weight gets nothing', () => {
    fc.assert(
      fc.property(fc.nat(1_000_000), fc.array(fc.nat(1_000_000), { minLength: 1, maxLength: 12 }), (total, weights) => {
        fc.pre(weights.some((w) => w > 0));
        const parts = allocateProportionally(total, weights);
        const weightSum = weights.reduce((a, b) => a + b, 0);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
        parts.forEach((part, i) => {
          // |part − total × w / W| < 1, kept in integers
          expect(Math.abs(part * weightSum - total * weights[i])).toBeLessThan(weightSum);
          if (weights[i] === 0) expect(part).toBe(0);
        });
      }),
    );
  });
});

describe('earnPointsForSale: DOMAIN.md examples', () => {
  it.each([
    ['base 1 pt/yuan: 88.80 yuan', 'base', [line(1, 8880)], null, 0, 88],
    ['silver 2/yuan: 100 yuan', 'silver', [line(1, 10000)], null, 0, 200],
    ['gold 3/yuan in the birthday month: 100 yuan', 'gold', [line(1, 10000)], 6, 0, 600],
    ['base: 100 yuan with 30 yuan paid in points', 'base', [line(1, 10000)], null, 3000, 70],
    ['tobacco earns nothing', 'gold', [line(1, 10000), line(2, 3000, 'tobacco')], null, 0, 300],
  ] as const)('%s → %i points', (_name, tierCode, lines, birthdayMonth, pointsPaidFen, expected) => {
    const result = earnPointsForSale([...lines], ctx({ tierCode, birthdayMonth, pointsPaidFen }));
    expect(result.totalPoints).toBe(expected);
  });

  it('the tobacco line itself shows 0 points', () => {
    const result = earnPointsForSale([line(1, 10000), line(2, 3000, 'tobacco')], ctx());
    expect(result.lines).toEqual([
      { lineNo: 1, points: 100, basePoints: 100 },
      { lineNo: 2, points: 0, basePoints: 0 },
    ]);
  });
});

describe('earnPointsForSale: points payment, birthday, holidays', () => {
  it('spreads the points payment over lines by what they cost', () => {
    const result = earnPointsForSale([line(1, 6000), line(2, 4000)], ctx({ pointsPaidFen: 3000 }));
    expect(result.lines.map((l) => l.points)).toEqual([42, 28]);
  });

  it('an excluded line takes its share of the points payment too', () => {
    const result = earnPointsForSale([line(1, 5000, 'tobacco'), line(2, 5000)], ctx({ pointsPaidFen: 5000 }));
    expect(result.totalPoints).toBe(25);
  });

  it.each([
    ['gold, birthday in the sale month', 'gold', 6, ordinaryDay, 600, ['birthday-double']],
    ['gold, birthday another month', 'gold', 7, ordinaryDay, 300, []],
    ['silver has no birthday double', 'silver', 6, ordinaryDay, 200, []],
    ['diamond doubles too', 'diamond', 6, ordinaryDay, 600, ['birthday-double']],
    // 2026-02-28T16:30Z is already 1 March in Shanghai
    ['the month is Shanghai’s', 'gold', 3, '2026-02-28T16:30:00Z', 600, ['birthday-double']],
  ] as const)('%s', (_name, tierCode, birthdayMonth, soldAtIso, expected, rules) => {
    const result = earnPointsForSale([line(1, 10000)], ctx({ tierCode, birthdayMonth, soldAtIso }));
    expect(result.totalPoints).toBe(expected);
    expect(result.appliedRules).toEqual(rules);
  });

  it.each([
    ['on the first day, Shanghai midnight', '2027-02-04T16:00:00Z', 300, ['holiday:春节']],
    ['one millisecond before', '2027-02-04T15:59:59.999Z', 100, []],
    ['on the last day', '2027-02-11T15:59:59.999Z', 300, ['holiday:春节']],
    ['the day after', '2027-02-11T16:00:00Z', 100, []],
  ])('春节 ×2 and +100, %s', (_name, soldAtIso, expected, rules) => {
    const result = earnPointsForSale([line(1, 10000)], ctx({ soldAtIso }));
    expect(result.totalPoints).toBe(expected);
    expect(result.appliedRules).toEqual(rules);
  });

  it('holiday: base 100 yuan → 100 base, 100 multiplier extra, 100 flat', () => {
    const result = earnPointsForSale([line(1, 10000)], ctx({ soldAtIso: springFestival }));
    expect(result).toEqual({
      lines: [{ lineNo: 1, points: 200, basePoints: 100 }],
      basePoints: 100,
      bonusPoints: 200,
      totalPoints: 300,
      appliedRules: ['holiday:春节'],
    });
  });

  it('birthday and holiday multiply: gold 100 yuan on 春节 in the birthday month → 300 × 2 × 2 + 100', () => {
    const result = earnPointsForSale([line(1, 10000)], ctx({ tierCode: 'gold', birthdayMonth: 2, soldAtIso: springFestival }));
    expect(result.totalPoints).toBe(1300);
    expect(result.appliedRules).toEqual(['birthday-double', 'holiday:春节']);
  });

  it('the first matching holiday wins', () => {
    const withTwo: ChainSettings = {
      ...settings,
      points: {
        ...settings.points,
        holidays: [
          { name: { zh: '店庆', en: 'Anniversary' }, from: '2026-06-01', to: '2026-06-30', multiplierPercent: 300, flatBonus: 0, flatBonusMinFen: 0 },
          { name: { zh: '端午', en: 'Dragon Boat' }, from: '2026-06-10', to: '2026-06-12', multiplierPercent: 200, flatBonus: 0, flatBonusMinFen: 0 },
        ],
      },
    };
    const result = earnPointsForSale([line(1, 10000)], ctx({ settings: withTwo }));
    expect(result.totalPoints).toBe(300);
    expect(result.appliedRules).toEqual(['holiday:店庆']);
  });

  it.each([
    ['below the minimum', 4999, 0],
    ['at the minimum', 5000, 100],
  ])('flat bonus needs the minimum spend: %s', (_name, netFen, flat) => {
    const withMin: ChainSettings = {
      ...settings,
      points: { ...settings.points, holidays: [{ ...settings.points.holidays[0], multiplierPercent: 100, flatBonusMinFen: 5000 }] },
    };
    const result = earnPointsForSale([line(1, netFen)], ctx({ settings: withMin, soldAtIso: springFestival }));
    expect(result.bonusPoints).toBe(flat);
  });

  it('no flat bonus for a sale that earns nothing (tobacco only, or paid fully with points)', () => {
    expect(earnPointsForSale([line(1, 10000, 'tobacco')], ctx({ soldAtIso: springFestival })).totalPoints).toBe(0);
    expect(earnPointsForSale([line(1, 10000)], ctx({ soldAtIso: springFestival, pointsPaidFen: 10000 })).totalPoints).toBe(0);
  });
});

describe('earnPointsForSale: the daily bonus cap (2000)', () => {
  const holidaySale = (bonusEarnedToday: number) =>
    earnPointsForSale([line(1, 5000), line(2, 5000)], ctx({ soldAtIso: springFestival, bonusEarnedToday }));

  it.each([
    // earned today, line points, bonus, total
    [0, [100, 100], 200, 300, ['holiday:春节']],
    [1800, [100, 100], 200, 300, ['holiday:春节']],
    [1850, [100, 50], 150, 250, ['holiday:春节', 'bonus-capped']], // flat kept, the last line's extra cut
    [1900, [50, 50], 100, 200, ['holiday:春节', 'bonus-capped']], // only the flat bonus fits
    [1950, [50, 50], 50, 150, ['holiday:春节', 'bonus-capped']], // part of the flat bonus
    [2000, [50, 50], 0, 100, ['holiday:春节', 'bonus-capped']],
    [2500, [50, 50], 0, 100, ['holiday:春节', 'bonus-capped']],
  ])('already %i bonus today → lines %j, bonus %i, total %i', (earned, linePoints, bonus, total, rules) => {
    const result = holidaySale(earned);
    expect(result.lines.map((l) => l.points)).toEqual(linePoints);
    expect(result.bonusPoints).toBe(bonus);
    expect(result.totalPoints).toBe(total);
    expect(result.appliedRules).toEqual(rules);
  });

  it('the birthday double is a tier benefit: part of base points, never cut by the bonus cap', () => {
    const result = earnPointsForSale([line(1, 100_000)], ctx({ tierCode: 'gold', birthdayMonth: 6 }));
    expect(result).toMatchObject({ basePoints: 6000, bonusPoints: 0, totalPoints: 6000, appliedRules: ['birthday-double'] });
  });
});

describe('earnPointsForSale: rejects impossible input', () => {
  it.each([
    ['points paid above the sale', [line(1, 1000)], { pointsPaidFen: 1001 }],
    ['fractional fen', [line(1, 10.5)], {}],
    ['negative fen', [line(1, -100)], {}],
    ['birthday month 13', [line(1, 1000)], { birthdayMonth: 13 }],
    ['a sale time without a zone', [line(1, 1000)], { soldAtIso: '2026-06-10T12:00:00' }],
  ])('%s', (_name, lines, over) => {
    expect(() => earnPointsForSale(lines, ctx(over))).toThrow(RangeError);
  });
});

describe('earnPointsForSale: properties', () => {
  const tierCode = fc.constantFrom<TierCode>('base', 'silver', 'gold', 'diamond');
  const lines = fc.array(
    fc.record({ lineNo: fc.nat(100), category: fc.constantFrom('grocery', 'fresh', 'tobacco'), netFen: fc.nat(200_000) }),
    { minLength: 1, maxLength: 8 },
  );
  const soldAtIso = fc
    .integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2028, 0, 1) })
    .map((ms) => new Date(ms).toISOString());
  const sale = fc
    .record({
      tierCode,
      lines,
      soldAtIso,
      birthdayMonth: fc.option(fc.integer({ min: 1, max: 12 })),
      paidShare: fc.double({ min: 0, max: 1, noNaN: true }),
      bonusEarnedToday: fc.nat(3000),
    })
    .map(({ tierCode, lines, paidShare, ...rest }) => {
      const net = lines.reduce((a, l) => a + l.netFen, 0);
      return { lines, ctx: ctx({ tierCode, pointsPaidFen: Math.floor(net * paidShare), ...rest }) };
    });

  it('total = base + bonus; every line keeps at least its base; the flat part is what the lines do not hold', () => {
    fc.assert(
      fc.property(sale, ({ lines, ctx }) => {
        const r = earnPointsForSale(lines, ctx);
        expect(r.totalPoints).toBe(r.basePoints + r.bonusPoints);
        expect(r.basePoints).toBe(r.lines.reduce((a, l) => a + l.basePoints, 0));
        r.lines.forEach((l) => expect(l.points).toBeGreaterThanOrEqual(l.basePoints));
        const flat = r.totalPoints - r.lines.reduce((a, l) => a + l.points, 0);
        expect(flat).toBeGreaterThanOrEqual(0);
        expect(flat).toBeLessThanOrEqual(100);
      }),
    );
  });

  it('the bonus never takes the day past the cap', () => {
    fc.assert(
      fc.property(sale, ({ lines, ctx }) => {
        const r = earnPointsForSale(lines, ctx);
        expect(r.bonusPoints).toBeGreaterThanOrEqual(0);
        expect(r.bonusPoints).toBeLessThanOrEqual(Math.max(0, settings.points.dailyBonusCap - ctx.bonusEarnedToday));
      }),
    );
  });

  it('base points never pass floor(what was paid in money × rate × birthday / 100), and the cap never touches them', () => {
    fc.assert(
      fc.property(sale, ({ lines, ctx }) => {
        const r = earnPointsForSale(lines, ctx);
        const paidInMoney = lines.reduce((a, l) => a + l.netFen, 0) - ctx.pointsPaidFen;
        const birthday = r.appliedRules.includes('birthday-double') ? 2 : 1;
        expect(r.basePoints).toBeLessThanOrEqual(Math.floor((paidInMoney * ctx.tier.pointsPerYuan * birthday) / 100));
        expect(earnPointsForSale(lines, { ...ctx, bonusEarnedToday: 0 }).basePoints).toBe(r.basePoints);
      }),
    );
  });

  it('capping only lowers: no line earns more than it would uncapped', () => {
    fc.assert(
      fc.property(sale, ({ lines, ctx }) => {
        const capped = earnPointsForSale(lines, ctx);
        const uncapped = earnPointsForSale(lines, {
          ...ctx,
          bonusEarnedToday: 0,
          settings: { ...settings, points: { ...settings.points, dailyBonusCap: Number.MAX_SAFE_INTEGER } },
        });
        capped.lines.forEach((l, i) => expect(l.points).toBeLessThanOrEqual(uncapped.lines[i].points));
        expect(capped.appliedRules.includes('bonus-capped')).toBe(capped.totalPoints < uncapped.totalPoints);
      }),
    );
  });
});

describe('sign-in', () => {
  const cycle = defaultChainSettings.points.signInCycle; // [5,5,5,5,5,5,20]

  it.each([
    [1, 5],
    [6, 5],
    [7, 20],
    [8, 5],
    [14, 20],
    [15, 5],
  ])('streak day %i → %i points', (streakDay, expected) => {
    expect(signInPoints(cycle, streakDay)).toBe(expected);
  });

  it.each([[0], [1.5]])('rejects streak day %p', (streakDay) => {
    expect(() => signInPoints(cycle, streakDay)).toThrow(RangeError);
  });

  it('property: the cycle repeats', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(100), { minLength: 1, maxLength: 10 }), fc.integer({ min: 1, max: 1000 }), (c, d) => {
        expect(signInPoints(c, d + c.length)).toBe(signInPoints(c, d));
      }),
    );
  });

  it.each([
    [null, 0, '2026-06-10', 1, false],
    ['2026-06-10', 3, '2026-06-10', 3, true],
    ['2026-06-09', 3, '2026-06-10', 4, false],
    ['2026-02-28', 6, '2026-03-01', 7, false],
    ['2026-06-08', 3, '2026-06-10', 1, false],
    ['2026-06-11', 3, '2026-06-10', 3, true], // a later last sign-in: never paid twice
  ])('last %p (streak %i), today %s → streak %i, already %s', (last, lastStreak, today, streak, already) => {
    expect(nextStreak(last, lastStreak, today)).toEqual({ streak, alreadySignedIn: already });
  });
});
