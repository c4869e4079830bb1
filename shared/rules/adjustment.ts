/**
 * What a staff points adjustment does to a member's balance and debt (BUSINESS-RULES 8.4, 8.9, 3.8): the one
 * plan both the adjustment and its preview make, so the preview can never say something the adjustment then
 * does differently.
 *   - A grant pays off debt first; the rest reaches the balance, in the lot of the current month.
 *   - A deduction takes the earliest-expiring usable lots first; what the balance can't cover becomes debt,
 *     only when the request allows it (`allowDebt`), else the adjustment is refused.
 * Customer service's compensation is bounded by two caps: per case (all grants under one case reference
 * together) and per account per business day.
 */
import { consumeFifo, settleDebt, type Lot } from './ledger';

export interface AdjustmentSnapshot {
  /** The member's lots (expired ones are left out of the balance, as every change expires them first). */
  lots: readonly Lot[];
  /** The business day the change acts as of. */
  today: string;
  debt: number;
}

export interface AdjustmentPlan {
  balanceBefore: number;
  debtBefore: number;
  balanceAfter: number;
  debtAfter: number;
  /** A deduction beyond the balance: the points that become debt. */
  shortBy: number;
  /** The deduction goes beyond the balance and the request did not allow debt: refused as it is. */
  needsDebtConfirmation: boolean;
  /** The ledger entry: change to the balance and to the debt. */
  entry: { points: number; debt: number };
  /** Lots the deduction takes from, earliest first. */
  takes: Array<{ expiryDay: string; points: number }>;
  /** Points a grant adds to the current month's lot. */
  toLot: number;
}

export function planAdjustment(snapshot: AdjustmentSnapshot, input: { points: number; allowDebt: boolean }): AdjustmentPlan {
  const usable = snapshot.lots.filter((l) => l.remaining > 0 && l.expiryDay >= snapshot.today);
  const balanceBefore = usable.reduce((n, l) => n + l.remaining, 0);
  const debtBefore = snapshot.debt;
  let entry: AdjustmentPlan['entry'];
  let takes: AdjustmentPlan['takes'] = [];
  let toLot = 0;
  let shortBy = 0;
  if (input.points > 0) {
    const { toDebt, toBalance } = settleDebt(debtBefore, input.points);
    entry = { points: toBalance, debt: 0 - toDebt };
    toLot = toBalance;
  } else {
    const taken = consumeFifo([...usable], -input.points, snapshot.today);
    takes = taken.takes;
    shortBy = taken.shortfall;
    entry = { points: input.points + shortBy, debt: shortBy };
  }
  return {
    balanceBefore,
    debtBefore,
    balanceAfter: balanceBefore + entry.points,
    debtAfter: debtBefore + entry.debt,
    shortBy,
    needsDebtConfirmation: shortBy > 0 && !input.allowDebt,
    entry,
    takes,
    toLot,
  };
}

export interface CompensationRoom {
  /** Points still grantable under this case (its cap less what it has granted). */
  perCaseLeft: number;
  /** Points the account may still grant today. */
  todayLeft: number;
}

/** What the two caps leave (never below 0). */
export function compensationRoom(input: { caseCap: number; dailyCap: number; caseGranted: number; grantedToday: number }): CompensationRoom {
  return { perCaseLeft: Math.max(0, input.caseCap - input.caseGranted), todayLeft: Math.max(0, input.dailyCap - input.grantedToday) };
}

/**
 * Whether a grant fits both caps. The adjustment checks the same inside its transaction, as conditions on the
 * case and day counters (`granted ≤ cap − points`), so concurrent grants can't pass a cap between the two.
 */
export function fitsCompensationCaps(points: number, room: CompensationRoom): boolean {
  return points <= room.perCaseLeft && points <= room.todayLeft;
}
