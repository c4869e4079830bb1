/**
 * Coupons on a partial return (issue 10). A return refunds what the member paid for the goods brought back
 * (rule 7.3: cumulative floor per line, coupon discounts already out of it). The coupons stay with the rest of
 * the basket unless it no longer meets a coupon's terms; then the discount still resting on the goods kept is
 * taken back from the refund. Cumulative like rule 7.3: any sequence of returns ends, when all is returned,
 * with the member refunded exactly what they paid.
 */
import { reversalForReturn } from '../../rules/ledger';
import type { CouponBenefit } from './schemas';

/** A sold line: `afterTierFen` is its amount after line and tier discounts, before coupons. */
export type SoldLine = { lineNo: number; qtyMilli: number; afterTierFen: number };

/** A coupon redeemed on the sale: its terms and its discount per eligible line (as `Redemption.allocation`). */
export type SoldRedemption = {
  benefit: CouponBenefit;
  minOrderFen: number;
  allocation: Array<{ lineNo: number; discountFen: number }>;
};

export type ReturnState = Record<number, number>; // lineNo → milli-units returned

/** The cumulative-floor share of `total` for this return: rule 7.3's, the one points reversals use. */
const shareReturned = (total: number, qtyMilli: number, beforeMilli: number, nowMilli: number) =>
  reversalForReturn({ linePoints: total, lineQtyMilli: qtyMilli, returnedBeforeMilli: beforeMilli, returningMilli: nowMilli });

/** What is left of `total` on a line once `returnedMilli` is back. */
const kept = (total: number, qtyMilli: number, returnedMilli: number) => total - shareReturned(total, qtyMilli, 0, returnedMilli);

/**
 * Whether a coupon's terms still hold on what the member keeps: the threshold on its eligible lines and the
 * minimum order on the whole sale, both after the tier discount as when it was redeemed; a second-item coupon
 * needs two whole units still kept. A no-threshold or gift coupon always holds (a returned gift takes its
 * discount with it).
 */
function stillHolds(r: SoldRedemption, lines: Map<number, SoldLine>, returned: ReturnState): boolean {
  const keptFen = (lineNos: number[]) => lineNos.reduce((n, no) => n + kept(lines.get(no)!.afterTierFen, lines.get(no)!.qtyMilli, returned[no] ?? 0), 0);
  const own = r.allocation.map((a) => a.lineNo);
  if (keptFen([...lines.keys()]) < r.minOrderFen) return false;
  switch (r.benefit.kind) {
    case 'cash-off':
    case 'percent-off':
      return keptFen(own) >= r.benefit.thresholdFen;
    case 'second-half-price':
      return own.reduce((n, no) => n + Math.floor((lines.get(no)!.qtyMilli - (returned[no] ?? 0)) / 1000), 0) >= 2;
    case 'no-threshold':
    case 'gift':
      return true;
  }
}

/** The discount that should have been taken back once `returned` is out: what lapsed coupons still leave on kept goods. */
function dueBack(lines: Map<number, SoldLine>, redemptions: SoldRedemption[], returned: ReturnState): number {
  return redemptions
    .filter((r) => !stillHolds(r, lines, returned))
    .reduce((n, r) => n + r.allocation.reduce((m, a) => m + kept(a.discountFen, lines.get(a.lineNo)!.qtyMilli, returned[a.lineNo] ?? 0), 0), 0);
}

export type ReturnClawback = {
  /** What the goods brought back cost the member (rule 7.3 on each line's paid amount). */
  paidBackFen: number;
  /** Discount taken back from this refund; negative when an earlier take-back is given back with the goods. */
  clawbackFen: number;
  refundFen: number;
  /** Taken back so far over the sale's returns, this one included (the next return's `clawedBackBeforeFen`). */
  clawedBackAfterFen: number;
  /** Due back but more than this refund: carried to the sale's later returns, never charged to the member. */
  uncollectedFen: number;
};

export function partialReturnClawback(input: {
  lines: SoldLine[];
  redemptions: SoldRedemption[];
  returnedBefore: ReturnState;
  returningNow: ReturnState;
  clawedBackBeforeFen: number;
}): ReturnClawback {
  const { redemptions, returnedBefore, returningNow, clawedBackBeforeFen } = input;
  const lines = new Map(input.lines.map((l) => [l.lineNo, l]));
  const couponOff = new Map<number, number>();
  for (const r of redemptions) {
    for (const a of r.allocation) {
      if (!lines.has(a.lineNo)) throw new RangeError(`a coupon names line ${a.lineNo}, which the sale does not have`);
      couponOff.set(a.lineNo, (couponOff.get(a.lineNo) ?? 0) + a.discountFen);
    }
  }
  const after: ReturnState = { ...returnedBefore };
  for (const [no, milli] of Object.entries(returningNow)) after[Number(no)] = (after[Number(no)] ?? 0) + milli;

  const paidBackFen = input.lines.reduce((n, l) => {
    const paid = l.afterTierFen - (couponOff.get(l.lineNo) ?? 0);
    if (paid < 0) throw new RangeError(`line ${l.lineNo}'s coupons exceed its amount`);
    return n + shareReturned(paid, l.qtyMilli, returnedBefore[l.lineNo] ?? 0, returningNow[l.lineNo] ?? 0);
  }, 0);
  const want = dueBack(lines, redemptions, after) - clawedBackBeforeFen;
  // Give back freely; take back only what this refund can bear (a return never asks the member to pay).
  const clawbackFen = Math.min(want, paidBackFen);
  return {
    paidBackFen,
    clawbackFen,
    refundFen: paidBackFen - clawbackFen,
    clawedBackAfterFen: clawedBackBeforeFen + clawbackFen,
    uncollectedFen: want - clawbackFen,
  };
}
