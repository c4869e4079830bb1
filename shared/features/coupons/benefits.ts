/**
 * The order of benefits on one sale (issue 10): the tier discount first; then coupons, their thresholds met on
 * the eligible lines after line and tier discounts; then the points deduction, its minimum met after coupons.
 * The tier and points steps are the checkout rules' own (shared/rules/checkout.ts), not a copy.
 */
import type { ChainSettings, Tier } from '../../settings';
import { quoteBasket, type BasketQuote } from '../../rules/checkout';
import { allocateProportionally } from '../../rules/earning';
import { assertWhole } from '../../rules/integers';
import { quoteCoupons, type CouponQuote } from './combination';
import type { CouponCandidate, CouponLine, SaleContext } from './rules';

/** A basket line before the tier discount: `amountFen` is after the line's own promotions. */
export type BenefitLine = { lineNo: number; sku: string; category: string; qtyMilli: number; amountFen: number };

export type BenefitsQuote = {
  listTotalFen: number;
  tierDiscountFen: number;
  afterTierFen: number;
  coupons: CouponQuote;
  couponDiscountFen: number;
  afterCouponsFen: number;
  points: BasketQuote['deductible'];
  payableFen: number;
  /** Per line: each benefit's share, and `netFen`, what the sale records (points then earn on it, rule 3.1). */
  lines: Array<{ lineNo: number; amountFen: number; tierDiscountFen: number; couponDiscountFen: number; netFen: number }>;
};

export function applyBenefits(input: {
  lines: BenefitLine[];
  tier: Tier;
  settings: ChainSettings;
  availablePoints: number;
  coupons: CouponCandidate[];
  sale: SaleContext;
}): BenefitsQuote {
  const { lines, tier, settings, availablePoints, coupons, sale } = input;
  lines.forEach((l) => assertWhole(`line ${l.lineNo} amountFen`, l.amountFen));
  const amounts = lines.map((l) => l.amountFen);
  const listTotalFen = amounts.reduce((a, b) => a + b, 0);

  // 1. The tier discount on the whole basket, spread over the lines by their amounts (as previewBasket does).
  const tierStep = quoteBasket({ listTotalFen, tier, settings, availablePoints: 0 });
  const afterTier = allocateProportionally(tierStep.afterTierFen, amounts);
  const couponLines: CouponLine[] = lines.map((l, i) => ({ lineNo: l.lineNo, sku: l.sku, category: l.category, qtyMilli: l.qtyMilli, netFen: afterTier[i] }));

  // 2. Coupons, measured on the lines after the tier discount.
  const couponStep = quoteCoupons(coupons, couponLines, sale);
  const couponOff = new Map<number, number>();
  couponStep.best.redemptions.forEach((r) => r.allocation.forEach((a) => couponOff.set(a.lineNo, (couponOff.get(a.lineNo) ?? 0) + a.discountFen)));
  const afterCouponsFen = tierStep.afterTierFen - couponStep.best.savingsFen;

  // 3. Points, on what is left: the checkout rule with the tier's discount already taken (a tier paying 100%).
  const pointsStep = quoteBasket({ listTotalFen: afterCouponsFen, tier: { ...tier, discountBasisPoints: 10_000 }, settings, availablePoints });

  return {
    listTotalFen,
    tierDiscountFen: tierStep.tierDiscountFen,
    afterTierFen: tierStep.afterTierFen,
    coupons: couponStep,
    couponDiscountFen: couponStep.best.savingsFen,
    afterCouponsFen,
    points: pointsStep.deductible,
    payableFen: pointsStep.payableFen,
    lines: lines.map((l, i) => {
      const couponDiscountFen = couponOff.get(l.lineNo) ?? 0;
      return { lineNo: l.lineNo, amountFen: l.amountFen, tierDiscountFen: l.amountFen - afterTier[i], couponDiscountFen, netFen: afterTier[i] - couponDiscountFen };
    }),
  };
}
