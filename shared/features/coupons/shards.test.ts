import fc from 'fast-check';
import { spreadOverShards, takeFromShards, unitsAvailable } from './shards';

describe('coupon stock shards', () => {
  it('spreads stock and budget evenly, to the unit', () => {
    expect(spreadOverShards(300, 4)).toEqual([75, 75, 75, 75]);
    expect(spreadOverShards(10, 4)).toEqual([3, 3, 2, 2]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 1, max: 32 }), (total, n) => {
        const parts = spreadOverShards(total, n);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
        expect(Math.max(...parts) - Math.min(...parts)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('a budget caps what a shard can give', () => {
    expect(unitsAvailable({ shard: 0, remaining: 10, budgetRemainingFen: 2500 }, 1000)).toBe(2);
    expect(unitsAvailable({ shard: 0, remaining: 10, budgetRemainingFen: null }, 1000)).toBe(10);
    expect(unitsAvailable({ shard: 0, remaining: 10, budgetRemainingFen: 0 }, 0)).toBe(10);
  });

  it('passes over empty shards: refused only when every shard together cannot give', () => {
    const levels = [
      { shard: 0, remaining: 0, budgetRemainingFen: null },
      { shard: 1, remaining: 0, budgetRemainingFen: null },
      { shard: 2, remaining: 1, budgetRemainingFen: null },
    ];
    for (let i = 0; i < 20; i++) expect(takeFromShards(levels, 1, 0, Math.random)).toEqual([{ shard: 2, units: 1 }]);
    expect(takeFromShards(levels, 2, 0, Math.random)).toBe('out-of-stock');
    expect(takeFromShards([{ shard: 0, remaining: 5, budgetRemainingFen: 100 }], 1, 300, Math.random)).toBe('budget-exhausted');
  });

  it('never takes more than a shard has, and takes exactly the count or refuses', () => {
    const level = fc.record({ remaining: fc.integer({ min: 0, max: 5 }), budget: fc.option(fc.integer({ min: 0, max: 5000 }), { nil: null }) });
    fc.assert(
      fc.property(fc.array(level, { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 1000 }), fc.double({ min: 0, max: 0.999, noNaN: true }), (ls, count, reserve, r) => {
        const levels = ls.map((l, shard) => ({ shard, remaining: l.remaining, budgetRemainingFen: l.budget }));
        const out = takeFromShards(levels, count, reserve, () => r);
        const capacity = levels.reduce((n, l) => n + unitsAvailable(l, reserve), 0);
        if (typeof out === 'string') {
          expect(capacity).toBeLessThan(count);
        } else {
          expect(out.reduce((n, x) => n + x.units, 0)).toBe(count);
          for (const x of out) expect(x.units).toBeLessThanOrEqual(unitsAvailable(levels[x.shard], reserve));
        }
      }),
    );
  });
});
