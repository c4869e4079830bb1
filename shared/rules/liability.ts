/**
 * Finance's points liability by business day (BUSINESS-RULES 12.5). Every change to a member's available points
 * is a ledger entry (rule 12.3), so a day's movement is the sum of that day's entries, by kind:
 *   earned   = Σ earn entries (sales past their return window when they are activated, sales that earn at once,
 *              daily sign-ins): what reached the available balance, debt they settled left out;
 *   spent    = −Σ spend entries (points paid at a sale);
 *   expired  = −Σ expire entries (the expiry job, and lots any change expired on its way);
 *   adjusted = Σ adjust, reverse and refund entries, signed: staff adjustments and compensation, points a
 *              return took back from the balance, points paid with that a return gave back.
 * Pending points are not available, so they count when they are activated, as earned. Then, per day,
 *   closing = opening + earned − spent − expired + adjusted,
 * and the closing of today is the chain's available points now (the liability report's figure).
 */
import { addBusinessDays } from './business-time';

export type LedgerKind = 'earn' | 'spend' | 'expire' | 'adjust' | 'reverse' | 'refund';

export interface DayMovement {
  earned: number;
  spent: number;
  expired: number;
  adjusted: number;
}
export const noMovement = (): DayMovement => ({ earned: 0, spent: 0, expired: 0, adjusted: 0 });

/** Where one ledger entry's change to the available balance goes (`points` as the entry has it: negative for a spend). */
export function movementOfEntry(kind: LedgerKind, points: number): DayMovement {
  const m = noMovement();
  switch (kind) {
    case 'earn':
      m.earned = points;
      break;
    case 'spend':
      m.spent = -points;
      break;
    case 'expire':
      m.expired = -points;
      break;
    default:
      m.adjusted = points;
  }
  return m;
}

export const netOf = (m: DayMovement) => m.earned - m.spent - m.expired + m.adjusted;

export function addMovements(a: DayMovement, b: DayMovement): DayMovement {
  return { earned: a.earned + b.earned, spent: a.spent + b.spent, expired: a.expired + b.expired, adjusted: a.adjusted + b.adjusted };
}

export interface LiabilityDayRow extends DayMovement {
  day: string;
  opening: number;
  closing: number;
}

/**
 * The rows from `from` to `to` from the available points now and each day's movement from `from` to today:
 * the opening of `from` is what is available now less everything that moved since (so no earlier day is read),
 * and each day closes on its movement and opens the next. `movements` holds the days from `from` to `today`
 * (a day missing moved nothing). `from` ≤ `to` ≤ `today`.
 */
export function liabilityRows(input: { from: string; to: string; today: string; availableNow: number; movements: ReadonlyMap<string, DayMovement> }): LiabilityDayRow[] {
  const { from, to, today } = input;
  if (!(from <= to && to <= today)) throw new RangeError(`a liability range runs from ≤ to ≤ today: ${from}, ${to}, ${today}`);
  let sinceFrom = 0;
  for (let d = from; d <= today; d = addBusinessDays(d, 1)) sinceFrom += netOf(input.movements.get(d) ?? noMovement());
  let opening = input.availableNow - sinceFrom;
  const rows: LiabilityDayRow[] = [];
  for (let d = from; d <= to; d = addBusinessDays(d, 1)) {
    const m = input.movements.get(d) ?? noMovement();
    const closing = opening + netOf(m);
    rows.push({ day: d, opening, ...m, closing });
    opening = closing;
  }
  return rows;
}

/** floor(points × 100 / pointsPerYuan) fen, exact (BigInt) and rounding towards −∞ for negative figures too. */
export function valueFen(points: number, pointsPerYuan: number): number {
  if (!Number.isSafeInteger(points)) throw new RangeError(`points must be a whole number, got ${points}`);
  if (!Number.isSafeInteger(pointsPerYuan) || pointsPerYuan <= 0) throw new RangeError(`the rate must be a positive whole number, got ${pointsPerYuan}`);
  const n = BigInt(points) * 100n;
  const d = BigInt(pointsPerYuan);
  const q = n / d;
  return Number(n % d !== 0n && n < 0n ? q - 1n : q);
}

export interface LiabilityValues extends DayMovement {
  opening: number;
  closing: number;
}

/**
 * A row's figures in fen at `pointsPerYuan` points a yuan. Opening and closing are floor(points × 100 / rate),
 * as the liability report values the balance. The movements are valued by the cumulative floor (rule 7.3's
 * way): each is the difference of the floored running balance before and after it, taken in the order earned,
 * spent, expired, adjusted, so the values add up exactly — closing = opening + earned − spent − expired +
 * adjusted in fen too — and each is within 1 fen of its own floor(points × 100 / rate). At the default rate
 * (100 points = 1 yuan) a point is a fen and nothing rounds.
 */
export function liabilityValues(row: LiabilityDayRow, pointsPerYuan: number): LiabilityValues {
  const v = (p: number) => valueFen(p, pointsPerYuan);
  const afterEarned = row.opening + row.earned;
  const afterSpent = afterEarned - row.spent;
  const afterExpired = afterSpent - row.expired;
  const closing = afterExpired + row.adjusted;
  return {
    opening: v(row.opening),
    earned: v(afterEarned) - v(row.opening),
    spent: v(afterEarned) - v(afterSpent),
    expired: v(afterSpent) - v(afterExpired),
    adjusted: v(closing) - v(afterExpired),
    closing: v(closing),
  };
}

/** Per store: points that moved at a store's sales (earned, spent) and returns (reversed, refunded). */
export interface StoreMovement {
  earned: number;
  spent: number;
  reversed: number;
  refunded: number;
}

/**
 * Which store column a ledger entry counts in, for an entry made at a store's sale or return (`null`: it
 * counts for no store — sign-ins, staff adjustments and expiry belong to none). The figures are the entries'
 * own, so a store's columns are its share of the chain's: earned and spent as there, reversed and refunded
 * inside adjusted (adjusted = Σ stores' refunded − reversed + staff adjustments).
 */
export function storeMovementOfEntry(kind: LedgerKind, points: number): StoreMovement | null {
  switch (kind) {
    case 'earn':
      return { earned: points, spent: 0, reversed: 0, refunded: 0 };
    case 'spend':
      return { earned: 0, spent: -points, reversed: 0, refunded: 0 };
    case 'reverse':
      return { earned: 0, spent: 0, reversed: -points, refunded: 0 };
    case 'refund':
      return { earned: 0, spent: 0, reversed: 0, refunded: points };
    default:
      return null;
  }
}
