/**
 * The points ledger's arithmetic: lots dated by expiry, spending earliest-expiring first (FIFO), what a
 * return takes back, and paying off debt. The DynamoDB code applies what these return.
 */
import { isLotUsable } from './business-time';
import { assertWhole, mulDivFloor } from './integers';

/** Points earned in one month, usable through `expiryDay`. */
export type Lot = { expiryDay: string; remaining: number };

const isSpendable = (lot: Lot, todayDay: string) => lot.remaining > 0 && isLotUsable(lot.expiryDay, todayDay);

/**
 * Takes `points` from the earliest-expiring usable lots. A lot dated before today is never used, even if the
 * expiry job has not run yet. One take per lot, in expiry order (lots with the same date in input order).
 */
export function consumeFifo(
  lots: Lot[],
  points: number,
  todayDay: string,
): { takes: Array<{ expiryDay: string; points: number }>; shortfall: number } {
  assertWhole('points', points);
  const spendable = lots
    .filter((lot) => isSpendable(lot, todayDay))
    .sort((a, b) => (a.expiryDay < b.expiryDay ? -1 : a.expiryDay > b.expiryDay ? 1 : 0));
  const takes: Array<{ expiryDay: string; points: number }> = [];
  let needed = points;
  for (const lot of spendable) {
    if (needed === 0) break;
    const take = Math.min(lot.remaining, needed);
    takes.push({ expiryDay: lot.expiryDay, points: take });
    needed -= take;
  }
  return { takes, shortfall: needed };
}

export function availableBalance(lots: Lot[], todayDay: string): number {
  return lots.filter((lot) => isSpendable(lot, todayDay)).reduce((total, lot) => total + lot.remaining, 0);
}

/**
 * floor(total × (before + now) / whole) − floor(total × before / whole): summed over any sequence of partial
 * returns this telescopes to floor(total × returned / whole), so rounding never drifts and a full return
 * gives back exactly `total`.
 */
function cumulativeShare(total: number, whole: number, before: number, now: number): number {
  assertWhole('total', total);
  assertWhole('whole', whole);
  assertWhole('returned before', before);
  assertWhole('returning', now);
  if (before + now > whole) {
    throw new RangeError(`returning ${now} after ${before} exceeds the ${whole} sold`);
  }
  if (whole === 0) {
    // Nothing was sold, so nothing could have been earned or paid on it.
    if (total !== 0) throw new RangeError(`${total} recorded against a zero amount`);
    return 0;
  }
  return mulDivFloor(total, before + now, whole) - mulDivFloor(total, before, whole);
}

/** Points to take back from one sale line for this (partial) return, by quantity in milli-units. */
export function reversalForReturn(input: {
  linePoints: number;
  lineQtyMilli: number;
  returnedBeforeMilli: number;
  returningMilli: number;
}): number {
  assertWhole('lineQtyMilli', input.lineQtyMilli, 1);
  return cumulativeShare(input.linePoints, input.lineQtyMilli, input.returnedBeforeMilli, input.returningMilli);
}

/** Points a sale spent that go back to the member for this (partial) return, by net fen returned. */
export function pointsPaidBackForReturn(input: {
  pointsPaid: number;
  saleNetFen: number;
  returnedBeforeFen: number;
  returningFen: number;
}): number {
  return cumulativeShare(input.pointsPaid, input.saleNetFen, input.returnedBeforeFen, input.returningFen);
}

/** Points coming in pay off debt first; only the rest reaches the balance. */
export function settleDebt(debt: number, incoming: number): { toDebt: number; toBalance: number } {
  assertWhole('debt', debt);
  assertWhole('incoming', incoming);
  const toDebt = Math.min(debt, incoming);
  return { toDebt, toBalance: incoming - toDebt };
}
