import { categoryLabel, clampPercent, cycleRuns, discountLabel, multiplierLabel, signedPoints, signInStrip, trimDecimal } from './points';

describe('trimDecimal', () => {
  it.each([
    [9500, 3, '9.5'],
    [9000, 3, '9'],
    [8750, 3, '8.75'],
    [1250, 2, '12.5'],
    [500, 2, '5'],
    [-150, 2, '-1.5'],
  ])('%i / 10^%i → %s', (v, s, text) => expect(trimDecimal(v, s)).toBe(text));
});

describe('signedPoints', () => {
  it('signs and groups', () => {
    expect(signedPoints(1234)).toBe('+1,234');
    expect(signedPoints(-50)).toBe('-50');
    expect(signedPoints(0)).toBe('0');
  });
});

describe('discountLabel', () => {
  it.each([
    [9500, '9.5折', '5% off'],
    [9000, '9折', '10% off'],
    [8750, '8.75折', '12.5% off'],
    [8800, '8.8折', '12% off'],
  ])('%i basis points', (bp, zh, en) => {
    expect(discountLabel(bp, 'zh')).toBe(zh);
    expect(discountLabel(bp, 'en')).toBe(en);
  });
  it('is null for the full price and nonsense', () => {
    expect(discountLabel(10000, 'zh')).toBeNull();
    expect(discountLabel(0, 'en')).toBeNull();
    expect(discountLabel(Number.NaN, 'en')).toBeNull();
  });
});

describe('multiplierLabel', () => {
  it('names double points and other multipliers', () => {
    expect(multiplierLabel(200, 'zh')).toBe('双倍积分');
    expect(multiplierLabel(200, 'en')).toBe('Double points');
    expect(multiplierLabel(150, 'zh')).toBe('1.5倍积分');
    expect(multiplierLabel(300, 'en')).toBe('3× points');
  });
  it('is null without a multiplier', () => {
    expect(multiplierLabel(100, 'zh')).toBeNull();
  });
});

describe('clampPercent', () => {
  it('keeps the bar inside 0–100', () => {
    expect(clampPercent(42.5)).toBe(42.5);
    expect(clampPercent(-3)).toBe(0);
    expect(clampPercent(130)).toBe(100);
    expect(clampPercent(Number.NaN)).toBe(0);
  });
});

describe('signInStrip', () => {
  const cycle = [5, 5, 5, 5, 5, 5, 20];
  const done = (r: ReturnType<typeof signInStrip>) => r.slots.filter((s) => s.done).map((s) => s.day);
  const today = (r: ReturnType<typeof signInStrip>) => r.slots.find((s) => s.today)?.day;

  it('no streak, not signed in: day 1 is next', () => {
    const r = signInStrip(cycle, 0, false);
    expect(done(r)).toEqual([]);
    expect(today(r)).toBe(1);
    expect(r.todayPoints).toBe(5);
  });
  it('first sign-in: day 1 done and today', () => {
    const r = signInStrip(cycle, 1, true);
    expect(done(r)).toEqual([1]);
    expect(today(r)).toBe(1);
  });
  it('three days so far, not yet today: day 4 is next', () => {
    const r = signInStrip(cycle, 3, false);
    expect(done(r)).toEqual([1, 2, 3]);
    expect(today(r)).toBe(4);
  });
  it('day 7 signed: the whole round done, with the bonus', () => {
    const r = signInStrip(cycle, 7, true);
    expect(done(r)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(today(r)).toBe(7);
    expect(r.todayPoints).toBe(20);
  });
  it('a finished round starts over the next day', () => {
    const r = signInStrip(cycle, 7, false);
    expect(done(r)).toEqual([]);
    expect(today(r)).toBe(1);
  });
  it('long streaks wrap around the cycle', () => {
    expect(today(signInStrip(cycle, 10, true))).toBe(3);
    expect(done(signInStrip(cycle, 10, true))).toEqual([1, 2, 3]);
    expect(today(signInStrip(cycle, 14, false))).toBe(1);
  });
  it('follows the cycle the server gives, whatever its length', () => {
    const r = signInStrip([1, 2, 3], 4, true);
    expect(r.slots).toHaveLength(3);
    expect(today(r)).toBe(1);
    expect(r.todayPoints).toBe(1);
  });
  it('an empty cycle shows nothing', () => {
    expect(signInStrip([], 3, true)).toEqual({ slots: [], todayPoints: 0 });
  });
});

describe('cycleRuns', () => {
  it('groups equal days', () => {
    expect(cycleRuns([5, 5, 5, 5, 5, 5, 20])).toEqual([
      { from: 1, to: 6, points: 5 },
      { from: 7, to: 7, points: 20 },
    ]);
    expect(cycleRuns([5, 10, 5])).toEqual([
      { from: 1, to: 1, points: 5 },
      { from: 2, to: 2, points: 10 },
      { from: 3, to: 3, points: 5 },
    ]);
    expect(cycleRuns([])).toEqual([]);
  });
});

describe('categoryLabel', () => {
  it('names known categories and passes others through', () => {
    expect(categoryLabel('tobacco', 'zh')).toBe('烟草');
    expect(categoryLabel('tobacco', 'en')).toBe('Tobacco');
    expect(categoryLabel('fireworks', 'zh')).toBe('fireworks');
  });
});
