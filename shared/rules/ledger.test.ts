import fc from 'fast-check';
import { addBusinessDays } from './business-time';
import { availableBalance, consumeFifo, pointsPaidBackForReturn, reversalForReturn, settleDebt, type Lot } from './ledger';

const today = '2026-06-10';
const lots: Lot[] = [
  { expiryDay: '2027-03-31', remaining: 100 },
  { expiryDay: '2026-12-31', remaining: 50 },
  { expiryDay: '2026-05-31', remaining: 30 }, // expired, though the expiry job may not have run
  { expiryDay: '2027-01-31', remaining: 0 },
  { expiryDay: '2026-06-10', remaining: 10 }, // last usable day is today
];

describe('consumeFifo and availableBalance', () => {
  it('available balance leaves out expired and empty lots', () => {
    expect(availableBalance(lots, today)).toBe(160);
    expect(availableBalance(lots, '2026-06-11')).toBe(150);
  });

  it.each([
    [0, [], 0],
    [5, [{ expiryDay: '2026-06-10', points: 5 }], 0],
    [
      70,
      [
        { expiryDay: '2026-06-10', points: 10 },
        { expiryDay: '2026-12-31', points: 50 },
        { expiryDay: '2027-03-31', points: 10 },
      ],
      0,
    ],
    [
      200,
      [
        { expiryDay: '2026-06-10', points: 10 },
        { expiryDay: '2026-12-31', points: 50 },
        { expiryDay: '2027-03-31', points: 100 },
      ],
      40,
    ],
  ])('spending %i on %s takes %j, short %i', (points, takes, shortfall) => {
    expect(consumeFifo(lots, points, today)).toEqual({ takes, shortfall });
  });

  it('never spends an expired lot, even before the expiry job has run', () => {
    const { takes } = consumeFifo(lots, 160, '2026-06-11');
    expect(takes.map((t) => t.expiryDay)).not.toContain('2026-06-10');
    expect(takes.map((t) => t.expiryDay)).not.toContain('2026-05-31');
  });

  it('rejects a fractional or negative spend', () => {
    expect(() => consumeFifo(lots, 1.5, today)).toThrow(RangeError);
    expect(() => consumeFifo(lots, -1, today)).toThrow(RangeError);
  });

  const lotsArb = fc.array(
    fc.record({ expiryDay: fc.integer({ min: -40, max: 400 }).map((n) => addBusinessDays(today, n)), remaining: fc.integer({ min: -5, max: 500 }) }),
    { maxLength: 12 },
  );

  it('property: never overdraws a date, takes in expiry order, takes + shortfall = points', () => {
    fc.assert(
      fc.property(lotsArb, fc.nat(4000), (ls, points) => {
        const { takes, shortfall } = consumeFifo(ls, points, today);
        const taken = takes.reduce((a, t) => a + t.points, 0);
        expect(taken + shortfall).toBe(points);
        expect(shortfall).toBe(Math.max(0, points - availableBalance(ls, today)));
        takes.forEach((t, i) => {
          expect(t.points).toBeGreaterThan(0);
          expect(t.expiryDay >= today).toBe(true);
          if (i > 0) expect(takes[i - 1].expiryDay <= t.expiryDay).toBe(true);
        });
        const heldOn = (day: string) => ls.filter((l) => l.expiryDay === day && l.remaining > 0).reduce((a, l) => a + l.remaining, 0);
        const takenOn = (day: string) => takes.filter((t) => t.expiryDay === day).reduce((a, t) => a + t.points, 0);
        new Set(takes.map((t) => t.expiryDay)).forEach((day) => expect(takenOn(day)).toBeLessThanOrEqual(heldOn(day)));
        // FIFO: every usable date before the last one touched is used up.
        const last = takes.at(-1)?.expiryDay;
        ls.filter((l) => last !== undefined && l.expiryDay >= today && l.expiryDay < last).forEach((l) =>
          expect(takenOn(l.expiryDay)).toBe(heldOn(l.expiryDay)),
        );
      }),
    );
  });
});

describe('reversalForReturn: cumulative floor', () => {
  it.each([
    // line points, quantity (milli), returned before, returning, reversed now
    [10, 3000, 0, 1000, 3],
    [10, 3000, 1000, 1000, 3],
    [10, 3000, 2000, 1000, 4], // the last item brings the total to exactly 10
    [10, 3000, 0, 3000, 10],
    [7, 1234, 0, 500, 2], // 1.234 kg of fresh food, 0.5 kg returned
    [7, 1234, 500, 734, 5],
    [0, 1000, 0, 1000, 0],
  ])('%i points on %i milli, %i returned before, returning %i → %i', (linePoints, lineQtyMilli, returnedBeforeMilli, returningMilli, expected) => {
    expect(reversalForReturn({ linePoints, lineQtyMilli, returnedBeforeMilli, returningMilli })).toBe(expected);
  });

  it.each([
    ['returning more than was sold', { linePoints: 10, lineQtyMilli: 3000, returnedBeforeMilli: 2000, returningMilli: 1001 }],
    ['a zero quantity line', { linePoints: 10, lineQtyMilli: 0, returnedBeforeMilli: 0, returningMilli: 0 }],
    ['a negative return', { linePoints: 10, lineQtyMilli: 3000, returnedBeforeMilli: 0, returningMilli: -1 }],
  ])('rejects %s', (_name, input) => {
    expect(() => reversalForReturn(input)).toThrow(RangeError);
  });

  // A quantity and a sequence of partial returns that may or may not add up to all of it.
  const returns = fc.integer({ min: 1, max: 100_000 }).chain((qty) =>
    fc.record({
      qty: fc.constant(qty),
      points: fc.nat(100_000),
      cuts: fc.array(fc.integer({ min: 0, max: qty }), { maxLength: 10 }),
      returnAll: fc.boolean(),
    }),
  );

  it('property: the sum of reversals is floor(P × returned / Q), never above P, and exactly P when all is back', () => {
    fc.assert(
      fc.property(returns, ({ qty, points, cuts, returnAll }) => {
        const marks = [...cuts.sort((a, b) => a - b), ...(returnAll ? [qty] : [])];
        let before = 0;
        let reversed = 0;
        for (const mark of marks) {
          const now = reversalForReturn({ linePoints: points, lineQtyMilli: qty, returnedBeforeMilli: before, returningMilli: mark - before });
          expect(now).toBeGreaterThanOrEqual(0);
          reversed += now;
          before = mark;
          expect(reversed).toBe(Math.floor((points * before) / qty));
          expect(reversed).toBeLessThanOrEqual(points);
        }
        if (returnAll) expect(reversed).toBe(points);
      }),
    );
  });
});

describe('pointsPaidBackForReturn: same rule for points the sale spent', () => {
  it.each([
    // points paid, sale net fen, returned before, returning, paid back now
    [3000, 10000, 0, 10000, 3000],
    [3000, 10000, 0, 3333, 999],
    [3000, 10000, 3333, 6667, 2001],
    [0, 10000, 0, 5000, 0],
    [0, 0, 0, 0, 0], // a free sale
  ])('%i points on a %i-fen sale, %i returned before, returning %i → %i', (pointsPaid, saleNetFen, returnedBeforeFen, returningFen, expected) => {
    expect(pointsPaidBackForReturn({ pointsPaid, saleNetFen, returnedBeforeFen, returningFen })).toBe(expected);
  });

  it('rejects points recorded on a zero-fen sale and returns above the sale', () => {
    expect(() => pointsPaidBackForReturn({ pointsPaid: 100, saleNetFen: 0, returnedBeforeFen: 0, returningFen: 0 })).toThrow(RangeError);
    expect(() => pointsPaidBackForReturn({ pointsPaid: 100, saleNetFen: 1000, returnedBeforeFen: 600, returningFen: 500 })).toThrow(RangeError);
  });
});

describe('settleDebt', () => {
  it.each([
    [0, 50, 0, 50],
    [30, 50, 30, 20],
    [80, 50, 50, 0],
    [80, 0, 0, 0],
  ])('debt %i, %i coming in → %i to debt, %i to balance', (debt, incoming, toDebt, toBalance) => {
    expect(settleDebt(debt, incoming)).toEqual({ toDebt, toBalance });
  });

  it('property: conserves points and never over-pays the debt', () => {
    fc.assert(
      fc.property(fc.nat(1e6), fc.nat(1e6), (debt, incoming) => {
        const { toDebt, toBalance } = settleDebt(debt, incoming);
        expect(toDebt + toBalance).toBe(incoming);
        expect(toDebt).toBeLessThanOrEqual(debt);
        expect(toBalance === 0 || toDebt === debt).toBe(true);
      }),
    );
  });
});
