import fc from 'fast-check';
import { addBusinessDays } from './business-time';
import { liabilityRows, liabilityValues, movementOfEntry, netOf, noMovement, addMovements, storeMovementOfEntry, valueFen, type DayMovement, type LedgerKind } from './liability';

const kinds: LedgerKind[] = ['earn', 'spend', 'expire', 'adjust', 'reverse', 'refund'];

describe('ledger entries by column', () => {
  it('each kind lands in its column, with spent and expired counted positive', () => {
    expect(movementOfEntry('earn', 120)).toEqual({ earned: 120, spent: 0, expired: 0, adjusted: 0 });
    expect(movementOfEntry('spend', -500)).toEqual({ earned: 0, spent: 500, expired: 0, adjusted: 0 });
    expect(movementOfEntry('expire', -30)).toEqual({ earned: 0, spent: 0, expired: 30, adjusted: 0 });
    expect(movementOfEntry('adjust', -20)).toEqual({ earned: 0, spent: 0, expired: 0, adjusted: -20 });
    expect(movementOfEntry('reverse', -40)).toEqual({ earned: 0, spent: 0, expired: 0, adjusted: -40 });
    expect(movementOfEntry('refund', 200)).toEqual({ earned: 0, spent: 0, expired: 0, adjusted: 200 });
  });

  it('a day nets to the sum of its entries; a store sees only sales and returns', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ kind: fc.constantFrom(...kinds), points: fc.integer({ min: -10_000, max: 10_000 }) })), (entries) => {
        const day = entries.reduce((m, e) => addMovements(m, movementOfEntry(e.kind, e.points)), noMovement());
        expect(netOf(day)).toBe(entries.reduce((n, e) => n + e.points, 0));
        for (const e of entries) {
          const s = storeMovementOfEntry(e.kind, e.points);
          expect(s === null).toBe(e.kind === 'adjust' || e.kind === 'expire');
          if (s) expect(s.earned - s.spent - s.reversed + s.refunded).toBe(e.points);
        }
      }),
    );
  });
});

describe('liability rows', () => {
  it('opens on what is available now less what moved since, and closes today on it', () => {
    const movements = new Map<string, DayMovement>([
      ['2026-12-01', { earned: 100, spent: 20, expired: 0, adjusted: 5 }],
      ['2026-12-02', { earned: 10, spent: 0, expired: 30, adjusted: -5 }],
    ]);
    const rows = liabilityRows({ from: '2026-11-30', to: '2026-12-02', today: '2026-12-02', availableNow: 1000, movements });
    expect(rows).toEqual([
      { day: '2026-11-30', opening: 940, earned: 0, spent: 0, expired: 0, adjusted: 0, closing: 940 },
      { day: '2026-12-01', opening: 940, earned: 100, spent: 20, expired: 0, adjusted: 5, closing: 1025 },
      { day: '2026-12-02', opening: 1025, earned: 10, spent: 0, expired: 30, adjusted: -5, closing: 1000 },
    ]);
    // A range ending before today still opens from today's figure.
    expect(liabilityRows({ from: '2026-12-01', to: '2026-12-01', today: '2026-12-02', availableNow: 1000, movements })[0]).toMatchObject({ opening: 940, closing: 1025 });
  });

  const movement = fc.record({ earned: fc.nat(100_000), spent: fc.nat(100_000), expired: fc.nat(100_000), adjusted: fc.integer({ min: -100_000, max: 100_000 }) });
  it('closing = opening + earned − spent − expired + adjusted, days chain, and today closes on the figure now', () => {
    fc.assert(
      fc.property(fc.array(movement, { minLength: 1, maxLength: 40 }), fc.nat(10_000_000), fc.nat(39), fc.nat(39), (ms, now, a, b) => {
        const from = '2026-01-01';
        const today = addBusinessDays(from, ms.length - 1);
        const movements = new Map(ms.map((m, i) => [addBusinessDays(from, i), m]));
        const all = liabilityRows({ from, to: today, today, availableNow: now, movements });
        all.forEach((r, i) => {
          expect(r.closing).toBe(r.opening + r.earned - r.spent - r.expired + r.adjusted);
          if (i > 0) expect(r.opening).toBe(all[i - 1].closing);
        });
        expect(all[all.length - 1].closing).toBe(now);
        // Any sub-range gives the same rows as the whole one.
        const [i, j] = [Math.min(a, b) % ms.length, Math.max(a, b) % ms.length].sort((x, y) => x - y);
        expect(liabilityRows({ from: addBusinessDays(from, i), to: addBusinessDays(from, j), today, availableNow: now, movements })).toEqual(all.slice(i, j + 1));
      }),
    );
  });

  it('values in fen: floor at the deduction rate, movements by the cumulative floor so they add up exactly', () => {
    expect(valueFen(150, 100)).toBe(150);
    expect(valueFen(150, 300)).toBe(50);
    expect(valueFen(100, 300)).toBe(33);
    expect(valueFen(-100, 300)).toBe(-34);
    const row = { day: '2026-12-01', opening: 100, earned: 100, spent: 100, expired: 0, adjusted: 1, closing: 101 };
    expect(liabilityValues(row, 300)).toEqual({ opening: 33, earned: 33, spent: 33, expired: 0, adjusted: 0, closing: 33 });
    fc.assert(
      fc.property(movement, fc.integer({ min: -1_000_000, max: 10_000_000 }), fc.integer({ min: 1, max: 10_000 }), (m, opening, rate) => {
        const closing = opening + netOf(m);
        const v = liabilityValues({ day: 'd', opening, ...m, closing }, rate);
        expect(v.closing).toBe(v.opening + v.earned - v.spent - v.expired + v.adjusted);
        expect(v.opening).toBe(valueFen(opening, rate));
        expect(v.closing).toBe(valueFen(closing, rate));
        for (const k of ['earned', 'spent', 'expired', 'adjusted'] as const) expect(Math.abs(v[k] - valueFen(m[k], rate))).toBeLessThanOrEqual(1);
        expect(Math.min(v.earned, v.spent, v.expired)).toBeGreaterThanOrEqual(0);
        if (rate === 100) expect(v).toEqual({ opening, ...m, closing });
      }),
    );
  });
});
