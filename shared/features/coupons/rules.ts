/**
 * Coupon rules (issue 10), pure: a grant's valid days, whether it may be redeemed on a basket, and what each
 * kind takes off. Amounts are integer fen measured after line and tier discounts (the order of benefits:
 * tier discount, then coupons, then points); nothing here reads the clock.
 */
import { addBusinessDays, businessDayOf, endOfBusinessDayIso } from '../../rules/business-time';
import { allocateProportionally } from '../../rules/earning';
import { assertWhole, mulDivFloor } from '../../rules/integers';
import type { CouponBenefit, CouponGrant, CouponScope, CouponTemplate, Stacking } from './schemas';

/** A basket line as coupons see it: `netFen` is what the line costs after line and tier discounts. */
export type CouponLine = { lineNo: number; sku: string; category: string; qtyMilli: number; netFen: number };

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
export const linesTotalFen = (lines: Array<{ netFen: number }>) => sum(lines.map((l) => l.netFen));

// ---- validity ------------------------------------------------------------------------------------------

/** The first and last business day a grant received at `receivedAtIso` is good for; the day of receipt counts as day 1. */
export function validityOf(template: Pick<CouponTemplate, 'validity'>, receivedAtIso: string): { validFrom: string; validThrough: string } {
  const v = template.validity;
  if (v.type === 'fixed') return { validFrom: v.from, validThrough: v.to };
  const received = businessDayOf(receivedAtIso);
  return { validFrom: received, validThrough: addBusinessDays(received, v.days - 1) };
}

/** The last instant a grant is good, 23:59:59.999 Shanghai of its last day, for the member's screen. */
export const lastUsableInstant = (grant: Pick<CouponGrant, 'validThrough'>) => endOfBusinessDayIso(grant.validThrough);

export type Usability = 'ok' | 'not-available' | 'not-yet-valid' | 'expired';

/** Whether the grant can be redeemed at `instantIso`: by the Shanghai day, so 23:59:59 of the last day is in, 00:00:00 after is out. */
export function usabilityAt(grant: Pick<CouponGrant, 'status' | 'validFrom' | 'validThrough'>, instantIso: string): Usability {
  if (grant.status !== 'available') return 'not-available';
  const day = businessDayOf(instantIso);
  if (day < grant.validFrom) return 'not-yet-valid';
  if (day > grant.validThrough) return 'expired';
  return 'ok';
}

export const isUsableAt = (grant: Pick<CouponGrant, 'status' | 'validFrom' | 'validThrough'>, instantIso: string) =>
  usabilityAt(grant, instantIso) === 'ok';

// ---- scope ---------------------------------------------------------------------------------------------

/** Empty store and region lists mean every store; otherwise the store is named or lies in a named region. */
export function isStoreInScope(scope: Pick<CouponScope, 'storeIds' | 'regions'>, store: { storeId: string; region: string }): boolean {
  if (scope.storeIds.length === 0 && scope.regions.length === 0) return true;
  return scope.storeIds.includes(store.storeId) || scope.regions.includes(store.region);
}

/** Exclusions win over inclusions; with no inclusions every product is in. */
export function isLineInScope(scope: CouponScope, line: Pick<CouponLine, 'sku' | 'category'>): boolean {
  if (scope.excludeSkus.includes(line.sku) || scope.excludeCategories.includes(line.category)) return false;
  if (scope.categories.length === 0 && scope.skus.length === 0) return true;
  return scope.categories.includes(line.category) || scope.skus.includes(line.sku);
}

// ---- what each kind takes off ------------------------------------------------------------------------------

/** The kind's own refusals; the generic ones (validity, store, scope, budget) come from `eligibility`. */
export type KindRefusal =
  | { reason: 'below-threshold'; missingFen: number }
  | { reason: 'no-second-item' }
  | { reason: 'gift-not-in-basket' };

/** The discount and the lines it is spread over (for a second item or a gift: that SKU's lines only). */
export type KindDiscount = { discountFen: number; lines: CouponLine[] };

/** The price of one whole unit of a line, rounded down (what half price or a free gift is measured on). */
const unitFen = (l: CouponLine) => mulDivFloor(l.netFen, 1000, l.qtyMilli);
const wholeUnits = (qtyMilli: number) => Math.floor(qtyMilli / 1000);

/**
 * What a coupon of this kind takes off the eligible lines. Rounding favours the member, as with the tier
 * discount: a percentage leaves the member the floor of the discounted price, half price the floor of the half.
 */
export function discountOf(benefit: CouponBenefit, eligible: CouponLine[]): KindDiscount | KindRefusal {
  eligible.forEach((l) => {
    assertWhole(`line ${l.lineNo} netFen`, l.netFen);
    assertWhole(`line ${l.lineNo} qtyMilli`, l.qtyMilli, 1);
  });
  const total = linesTotalFen(eligible);
  switch (benefit.kind) {
    case 'cash-off':
      if (total < benefit.thresholdFen) return { reason: 'below-threshold', missingFen: benefit.thresholdFen - total };
      return { discountFen: benefit.offFen, lines: eligible };
    case 'percent-off': {
      if (total < benefit.thresholdFen) return { reason: 'below-threshold', missingFen: benefit.thresholdFen - total };
      const payable = mulDivFloor(total, 10_000 - benefit.offBasisPoints, 10_000);
      return { discountFen: Math.min(benefit.capFen, total - payable), lines: eligible };
    }
    case 'no-threshold':
      return { discountFen: Math.min(benefit.offFen, total), lines: eligible };
    case 'second-half-price':
      return secondItemHalfPrice(benefit.skus, eligible);
    case 'gift':
      return giftUnit(benefit.giftSku, eligible);
  }
}

/**
 * One unit of a listed SKU half price when the basket holds at least two whole units of it (weighed goods
 * count by whole units). Half of its cheapest unit, so the member can't pick the dearest; among SKUs, the one
 * saving most, then the first listed.
 */
function secondItemHalfPrice(skus: string[], eligible: CouponLine[]): KindDiscount | KindRefusal {
  let best: KindDiscount | null = null;
  for (const sku of skus) {
    const lines = eligible.filter((l) => l.sku === sku);
    const withUnits = lines.filter((l) => wholeUnits(l.qtyMilli) >= 1);
    if (sum(withUnits.map((l) => wholeUnits(l.qtyMilli))) < 2) continue;
    const cheapest = Math.min(...withUnits.map(unitFen));
    const discountFen = cheapest - Math.floor(cheapest / 2);
    if (!best || discountFen > best.discountFen) best = { discountFen, lines };
  }
  return best ?? { reason: 'no-second-item' };
}

/** The gift SKU must be rung up; one whole unit of it, the dearest if priced differently, becomes free. */
function giftUnit(giftSku: string, eligible: CouponLine[]): KindDiscount | KindRefusal {
  const lines = eligible.filter((l) => l.sku === giftSku);
  const units = lines.filter((l) => wholeUnits(l.qtyMilli) >= 1);
  if (units.length === 0) return { reason: 'gift-not-in-basket' };
  return { discountFen: Math.max(...units.map(unitFen)), lines };
}

// ---- allocation ------------------------------------------------------------------------------------------

export type LineDiscount = { lineNo: number; discountFen: number };

/**
 * Spreads a coupon's discount over its lines in proportion to what they cost, by largest remainder (the helper
 * the points payment uses), so points earned and partial returns stay exact to the fen. No line gets more than
 * it costs, because the discount never exceeds the lines' total.
 */
export function allocate(discountFen: number, lines: Array<Pick<CouponLine, 'lineNo' | 'netFen'>>): LineDiscount[] {
  const total = linesTotalFen(lines);
  if (discountFen > total) throw new RangeError(`a discount of ${discountFen} fen exceeds its lines' ${total} fen`);
  const parts = allocateProportionally(discountFen, lines.map((l) => l.netFen));
  return lines.map((l, i) => ({ lineNo: l.lineNo, discountFen: parts[i] }));
}

// ---- stacking --------------------------------------------------------------------------------------------

/** Two coupons conflict when they share a group (one per group) or either excludes the other's group. */
export const conflicts = (a: Stacking, b: Stacking) =>
  a.group === b.group || a.excludes.includes(b.group) || b.excludes.includes(a.group);

/** The first of the sale's other benefits (e.g. 'stored-value-discount') the coupon may not be combined with. */
export const excludedBenefit = (s: Stacking, otherBenefits: readonly string[]) => otherBenefits.find((o) => s.excludes.includes(o)) ?? null;

// ---- eligibility -----------------------------------------------------------------------------------------

/** A member's coupon offered for a sale, with what is left of its template's budget (null = no budget). */
export type CouponCandidate = { grant: CouponGrant; template: CouponTemplate; budgetLeftFen: number | null };

export type SaleContext = {
  storeId: string;
  region: string;
  atIso: string;
  /** Benefits already on the sale that coupons may exclude, e.g. 'stored-value-discount'. */
  otherBenefits: readonly string[];
};

export type Refusal =
  | { reason: 'not-available' }
  | { reason: 'not-yet-valid'; validFrom: string }
  | { reason: 'expired'; validThrough: string }
  | { reason: 'wrong-store' }
  | { reason: 'not-stackable'; with: string }
  | { reason: 'category-excluded' }
  | { reason: 'below-minimum-order'; missingFen: number }
  | KindRefusal
  | { reason: 'no-discount' }
  | { reason: 'budget-exhausted'; budgetLeftFen: number };
export type RefusalReason = Refusal['reason'];

export type Eligibility = ({ ok: true } & KindDiscount) | ({ ok: false } & Refusal);

/**
 * Whether one coupon can be redeemed on `lines` (the whole basket after line and tier discounts), on its own.
 * Checks run from what the member can least change to what they can (validity, store, other benefits, the
 * products, then the amounts), so the reason shown is the one that matters. A discount above the budget left
 * is refused, not cut: an advertised 满200减30 gives 30 or nothing.
 */
export function eligibility(candidate: CouponCandidate, lines: CouponLine[], sale: SaleContext): Eligibility {
  const { grant, template, budgetLeftFen } = candidate;
  if (grant.templateId !== template.templateId) throw new RangeError(`grant ${grant.grantId} is not of template ${template.templateId}`);
  const usable = usabilityAt(grant, sale.atIso);
  if (usable === 'not-available') return { ok: false, reason: 'not-available' };
  if (usable === 'not-yet-valid') return { ok: false, reason: 'not-yet-valid', validFrom: grant.validFrom };
  if (usable === 'expired') return { ok: false, reason: 'expired', validThrough: grant.validThrough };
  if (!isStoreInScope(template.scope, sale)) return { ok: false, reason: 'wrong-store' };
  const other = excludedBenefit(template.stacking, sale.otherBenefits);
  if (other) return { ok: false, reason: 'not-stackable', with: other };

  const eligible = lines.filter((l) => isLineInScope(template.scope, l));
  if (eligible.length === 0) return { ok: false, reason: 'category-excluded' };
  const orderFen = linesTotalFen(lines);
  if (orderFen < template.limits.minOrderFen) return { ok: false, reason: 'below-minimum-order', missingFen: template.limits.minOrderFen - orderFen };

  const kind = discountOf(template.benefit, eligible);
  if ('reason' in kind) return { ok: false, ...kind };
  if (kind.discountFen === 0) return { ok: false, reason: 'no-discount' };
  if (budgetLeftFen !== null && kind.discountFen > budgetLeftFen) return { ok: false, reason: 'budget-exhausted', budgetLeftFen };
  return { ok: true, ...kind };
}

// ---- claiming --------------------------------------------------------------------------------------------

export type ClaimRefusal = 'not-claimable' | 'out-of-stock' | 'member-limit' | 'validity-over';

/**
 * Whether a member may claim (or be given) one more grant of the template. The coupon centre only offers
 * 'centre' templates; issuing (joining, campaigns, compensation) may use either. Null when allowed.
 */
export function claimRefusal(input: {
  template: CouponTemplate;
  via: 'centre' | 'issue';
  grantedTotal: number;
  grantedToMember: number;
  atIso: string;
}): ClaimRefusal | null {
  const { template, via, grantedTotal, grantedToMember, atIso } = input;
  if (template.status !== 'active' || (via === 'centre' && template.claimChannel !== 'centre')) return 'not-claimable';
  if (grantedTotal >= template.limits.stock) return 'out-of-stock';
  if (grantedToMember >= template.limits.perMember) return 'member-limit';
  // A fixed-dates coupon handed out after its last day could never be used.
  if (validityOf(template, atIso).validThrough < businessDayOf(atIso)) return 'validity-over';
  return null;
}
