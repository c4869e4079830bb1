import * as z from 'zod';
import { businessDaySchema, i18nTextSchema, isoInstant, storeIdSchema } from '../../schemas';

/**
 * Redeeming coupons at the register (issue 10 §3): what a quote answers about the member's coupons, what a sale
 * and a return carry about them, and coupon holds. No import from the sales schemas (they import this).
 */

/** A sale's transaction holds the sale, the member, the code use and per coupon a grant and a shard: well under 100. */
export const MAX_COUPONS_PER_SALE = 5;
export const MAX_HOLD_MINUTES = 30;

export const grantIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'a coupon id is 1–40 letters, digits, _ or -');
/** The coupon's rotating QR as scanned (CP1.<member>.<grant>.<step>.<mac>); judged by the server, never parsed here. */
export const couponCodeSchema = z.string().trim().min(1).max(80);
/** `<member number>-<random>`: names the member whose coupons it holds, so a release reads only that member's coupons. */
export const holdIdSchema = z.string().regex(/^\d{9}-[a-z0-9]{10}$/, 'a hold id is <member number>-<10 letters or digits>');

const uniqueIds = (ids: string[]) => new Set(ids).size === ids.length;

/** The coupons a sale redeems: chosen by the cashier (the quote's best combination by default). */
export const saleCouponsSchema = z.object({
  grantIds: z.array(grantIdSchema).min(1).max(MAX_COUPONS_PER_SALE).refine(uniqueIds, 'a coupon is named once'),
  /** The coupons' own QR codes (扫码核销): the member's presence when the sale does not name the member by code. */
  codes: z.array(couponCodeSchema).max(MAX_COUPONS_PER_SALE).optional(),
  /** A hold made for this order (with the member's presence) on these coupons. */
  holdId: holdIdSchema.optional(),
});

/** A quote may name coupons by their QR codes (then only those are shown) and choose coupons explicitly. */
export const quoteCouponsSchema = z.object({
  grantIds: z.array(grantIdSchema).max(MAX_COUPONS_PER_SALE).refine(uniqueIds, 'a coupon is named once').optional(),
  codes: z.array(couponCodeSchema).max(MAX_COUPONS_PER_SALE).optional(),
  holdId: holdIdSchema.optional(),
});

/**
 * Why a coupon is not in the combination. From the rules (shared/features/coupons/rules.ts, combination.ts), and
 * the register's own: `held` (by another order's hold, until `heldUntil`), `hold-expired` (the sale's own hold no
 * longer stands), `not-found` (not this member's).
 */
export const couponReasons = [
  'not-available',
  'not-yet-valid',
  'expired',
  'wrong-store',
  'not-stackable',
  'category-excluded',
  'below-minimum-order',
  'below-threshold',
  'no-second-item',
  'gift-not-in-basket',
  'no-discount',
  'budget-exhausted',
  'no-extra-saving',
  'not-searched',
  'held',
  'hold-expired',
  'not-found',
] as const;
export type CouponReason = (typeof couponReasons)[number];

export const couponLineDiscount = z.object({ lineNo: z.number().int(), discountFen: z.number().int() });
export const couponRedemptionView = z.object({
  grantId: z.string(),
  templateId: z.string(),
  name: i18nTextSchema,
  discountFen: z.number().int(),
  /** The discount spread over the coupon's eligible lines by largest remainder. */
  allocation: z.array(couponLineDiscount),
});
export const couponCombinationView = z.object({
  grantIds: z.array(z.string()),
  savingsFen: z.number().int(),
  redemptions: z.array(couponRedemptionView),
});
export const couponNotAppliedView = z.object({
  grantId: z.string(),
  templateId: z.string().nullable(),
  name: i18nTextSchema.nullable(),
  reason: z.enum(couponReasons),
  /** below-threshold / below-minimum-order: what the eligible lines (or the order) lack. */
  missingFen: z.number().int().optional(),
  /** not-stackable: the coupon (grant id) or benefit it conflicts with. */
  with: z.string().optional(),
  validFrom: businessDaySchema.optional(),
  validThrough: businessDaySchema.optional(),
  budgetLeftFen: z.number().int().optional(),
  heldUntil: isoInstant.optional(),
});
export const quoteCouponsView = z.object({
  /**
   * Which coupons the quote could show: `all` (named by the member code), `codes` (only those whose QR was given),
   * `none` (named by member number or phone: coupons need the member's presence, like points).
   */
  shown: z.enum(['all', 'codes', 'none']),
  /** Coupons usable on this basket on their own, most valuable first. */
  usable: z.array(z.object({ grantId: z.string(), templateId: z.string(), name: i18nTextSchema, discountFen: z.number().int(), validThrough: businessDaySchema })),
  /** The combination saving the member most under the stacking rules (ties: fewer coupons, sooner expiry, ids). */
  best: couponCombinationView,
  /** What the totals use: the coupons the request chose, else `best`. */
  chosen: couponCombinationView,
  notApplied: z.array(couponNotAppliedView),
});

/** What the sale redeemed (stored with its first result). */
export const saleCouponsResult = z.object({
  discountFen: z.number().int(),
  redeemed: z.array(z.object({ grantId: z.string(), templateId: z.string(), discountFen: z.number().int() })),
});

/** A return's coupon side: the discount taken back from this refund, and the coupons a whole return gives back. */
export const returnCouponsResult = z.object({
  /** Taken back from this refund because the kept goods no longer meet a coupon's terms (negative: given back). */
  clawbackFen: z.number().int(),
  /** The refund before the take-back: what the goods brought back cost the member. */
  goodsFen: z.number().int(),
  restored: z.array(z.string()),
  notRestored: z.array(z.object({ grantId: z.string(), reason: z.enum(['expired', 'setting-off', 'budget-exhausted', 'membership-ended', 'not-redeemed']) })),
});

// ---- holds ------------------------------------------------------------------------------------------------

export const createCouponHoldRequest = z
  .object({
    storeId: storeIdSchema,
    grantIds: z.array(grantIdSchema).min(1).max(MAX_COUPONS_PER_SALE).refine(uniqueIds, 'a coupon is named once'),
    /** The member's presence: the member code shown now, or each coupon's own QR. */
    member: z.object({ code: z.string().min(1).max(40) }).optional(),
    codes: z.array(couponCodeSchema).max(MAX_COUPONS_PER_SALE).optional(),
    /** The unpaid order the coupons are held for (a retry with it answers the same hold). */
    orderRef: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'an order reference is 1–40 letters, digits, _ or -'),
    minutes: z.number().int().min(1).max(MAX_HOLD_MINUTES).default(15),
  })
  .superRefine((h, ctx) => {
    if (!h.member && !h.codes?.length) ctx.addIssue({ code: 'custom', path: ['member'], message: 'the member code, or the coupons’ own codes' });
  });
export const couponHoldResponse = z.object({ holdId: holdIdSchema, heldUntil: isoInstant, grantIds: z.array(z.string()) });
export const couponHoldParams = z.object({ holdId: holdIdSchema });
export const releaseCouponHoldResponse = z.object({ holdId: z.string(), released: z.number().int() });
