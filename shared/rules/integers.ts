/**
 * Whole-number arithmetic for money (fen) and points: every rule floors exactly, never through a float that
 * might land a hair under a whole number.
 */

/** Throws unless `value` is an integer ≥ `min` (money and points are never fractional). */
export function assertWhole(name: string, value: number, min = 0): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new RangeError(`${name} must be an integer ≥ ${min}, got ${value}`);
  }
}

/** floor(a × b / c) for non-negative integers, exact even when a × b passes 2^53. */
export function mulDivFloor(a: number, b: number, c: number): number {
  if (c <= 0) throw new RangeError(`divisor must be positive, got ${c}`);
  return Number((BigInt(a) * BigInt(b)) / BigInt(c));
}
