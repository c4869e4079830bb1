/**
 * Checkout (DOMAIN.md, Points → Burn): the tier discount, then points deducted in whole yuan
 * (100 points = 1 yuan), only on orders at or above the minimum after the discount, at most a share of it.
 */
import type { ChainSettings, Tier } from '../settings';
import { assertWhole, mulDivFloor } from './integers';

export type BasketQuote = {
  listTotalFen: number;
  tierDiscountFen: number;
  afterTierFen: number;
  deductible: { points: number; fen: number; reason: 'ok' | 'below-minimum' | 'no-points' };
  payableFen: number;
};

/** The most fen points may cover on an order of `afterTierFen` (the share cap). */
const maxDeductibleFen = (afterTierFen: number, settings: ChainSettings) =>
  mulDivFloor(afterTierFen, settings.points.deductionMaxShareBasisPoints, 10_000);

export function quoteBasket(input: {
  listTotalFen: number;
  tier: Tier;
  settings: ChainSettings;
  availablePoints: number;
}): BasketQuote {
  const { listTotalFen, tier, settings, availablePoints } = input;
  assertWhole('listTotalFen', listTotalFen);
  assertWhole('availablePoints', availablePoints);
  // The member pays the floor of the discounted price: rounding favours the member.
  const afterTierFen = mulDivFloor(listTotalFen, tier.discountBasisPoints, 10_000);
  const quote = (deductible: BasketQuote['deductible']): BasketQuote => ({
    listTotalFen,
    tierDiscountFen: listTotalFen - afterTierFen,
    afterTierFen,
    deductible,
    payableFen: afterTierFen - deductible.fen,
  });

  if (afterTierFen < settings.points.deductionMinOrderFen) return quote({ points: 0, fen: 0, reason: 'below-minimum' });
  const rate = settings.points.pointsPerYuanDeduction;
  const affordableYuan = Math.floor(availablePoints / rate);
  if (affordableYuan === 0) return quote({ points: 0, fen: 0, reason: 'no-points' });
  const yuan = Math.min(Math.floor(maxDeductibleFen(afterTierFen, settings) / 100), affordableYuan);
  return quote({ points: yuan * rate, fen: yuan * 100, reason: 'ok' });
}

export type PointsPaymentProblem = 'invalid-amount' | 'not-whole-yuan' | 'wrong-rate' | 'below-minimum-order' | 'above-max-share';

/**
 * Checks a points payment the register sent (it may have quoted offline, or from old settings).
 * Null when it keeps the rules; no points at all is always fine. The balance is the ledger's to check.
 */
export function validatePointsPayment(input: {
  pointsUsed: number;
  fenCovered: number;
  afterTierFen: number;
  settings: ChainSettings;
}): PointsPaymentProblem | null {
  const { pointsUsed, fenCovered, afterTierFen, settings } = input;
  const whole = (n: number) => Number.isSafeInteger(n) && n >= 0;
  if (!whole(pointsUsed) || !whole(fenCovered) || !whole(afterTierFen)) return 'invalid-amount';
  if (pointsUsed === 0 && fenCovered === 0) return null;
  const rate = settings.points.pointsPerYuanDeduction;
  if (pointsUsed % rate !== 0) return 'not-whole-yuan';
  if (fenCovered !== (pointsUsed / rate) * 100) return 'wrong-rate';
  if (afterTierFen < settings.points.deductionMinOrderFen) return 'below-minimum-order';
  if (fenCovered > maxDeductibleFen(afterTierFen, settings)) return 'above-max-share';
  return null;
}
