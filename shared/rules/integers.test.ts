import fc from 'fast-check';
import { assertWhole, mulDivFloor } from './integers';

describe('whole-number helpers', () => {
  it.each([
    [8880, 1, 100, 88],
    [10000, 9500, 10000, 9500],
    [4900, 9000, 10000, 4410],
    [1, 1, 3, 0],
  ])('floor(%i × %i / %i) = %i', (a, b, c, expected) => {
    expect(mulDivFloor(a, b, c)).toBe(expected);
  });

  it('stays exact past 2^53, where a float product would round', () => {
    expect(mulDivFloor(2 ** 40 + 1, 2 ** 20, 2 ** 20)).toBe(2 ** 40 + 1);
  });

  it('rejects a zero divisor', () => {
    expect(() => mulDivFloor(1, 1, 0)).toThrow(RangeError);
  });

  it.each([[-1], [1.5], [Number.NaN], [2 ** 53]])('rejects %p as a whole amount', (v) => {
    expect(() => assertWhole('amount', v)).toThrow(RangeError);
  });

  it('property: matches floor of the exact quotient', () => {
    fc.assert(
      fc.property(fc.nat(1e7), fc.nat(1e6), fc.integer({ min: 1, max: 1e6 }), (a, b, c) => {
        const q = mulDivFloor(a, b, c);
        expect(q * c).toBeLessThanOrEqual(a * b);
        expect((q + 1) * c).toBeGreaterThan(a * b);
      }),
    );
  });
});
