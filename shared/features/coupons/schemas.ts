import * as z from 'zod';
import { businessDaySchema, i18nTextSchema, isoInstant, memberIdSchema, storeIdSchema } from '../../schemas';
import { assertDay } from '../../rules/business-time';
import { MAX_SALE_FEN } from '../sales/schemas';

/**
 * Coupons (卡券, DOMAIN.md → Coupons; issue 10). A template is what a marketer designs; a grant is one member's
 * coupon made from it; a pack hands out several templates at once. Money is integer fen, shares basis points,
 * days Shanghai business days (BUSINESS-RULES 10). Every invariant the rules rely on is checked here.
 */

const fen = (min = 0) => z.number().int().min(min).max(MAX_SALE_FEN);
const skuSchema = z.string().min(1).max(64);
const categorySchema = z.string().min(1).max(40);
const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'an id is 1–40 letters, digits, _ or -');
/** A real calendar day: the regex alone would let 2027-02-30 through. */
const realDay = businessDaySchema.refine((d) => {
  try {
    assertDay(d);
    return true;
  } catch {
    return false;
  }
}, 'not a calendar day');

// ---- the benefit: what the coupon takes off, by kind ---------------------------------------------------

export const couponKinds = ['cash-off', 'percent-off', 'no-threshold', 'second-half-price', 'gift'] as const;
export type CouponKind = (typeof couponKinds)[number];

/** 满减: 满200减30 = thresholdFen 20000, offFen 3000. The threshold is met on the eligible lines. */
const cashOffBenefit = z
  .object({ kind: z.literal('cash-off'), thresholdFen: fen(1), offFen: fen(1) })
  .refine((b) => b.offFen < b.thresholdFen, { path: ['offFen'], message: 'the cash off must be below the threshold' });

/** 折扣: `offBasisPoints` is the share taken off (2000 = 20% off, 8折), never more than `capFen`. */
const percentOffBenefit = z.object({
  kind: z.literal('percent-off'),
  offBasisPoints: z.number().int().min(1).max(9999),
  capFen: fen(1),
  thresholdFen: fen(0).default(0),
});

/** 无门槛: cash off any eligible spend, at most what the eligible lines cost. */
const noThresholdBenefit = z.object({ kind: z.literal('no-threshold'), offFen: fen(1) });

/** 第二件半价: one coupon makes one unit of a listed SKU half price when the basket holds two whole units of it. */
const secondHalfPriceBenefit = z.object({
  kind: z.literal('second-half-price'),
  skus: z.array(skuSchema).min(1).max(100),
});

/** 兑换券: one unit of the gift SKU, rung up at the register, becomes free. */
const giftBenefit = z.object({ kind: z.literal('gift'), giftSku: skuSchema });

export const couponBenefitSchema = z.discriminatedUnion('kind', [
  cashOffBenefit,
  percentOffBenefit,
  noThresholdBenefit,
  secondHalfPriceBenefit,
  giftBenefit,
]);
export type CouponBenefit = z.infer<typeof couponBenefitSchema>;

// ---- validity ------------------------------------------------------------------------------------------

/**
 * Fixed business days (both included), or N days from the day of receipt, that day counting as the first
 * (received 30 Nov with N = 7: valid through 6 Dec). Either way a coupon is good until 23:59:59 Shanghai.
 */
export const couponValiditySchema = z.discriminatedUnion('type', [
  z
    .object({ type: z.literal('fixed'), from: realDay, to: realDay })
    .refine((v) => v.from <= v.to, { path: ['to'], message: 'the last day is before the first' }),
  z.object({ type: z.literal('after-receipt'), days: z.number().int().min(1).max(3660) }),
]);
export type CouponValidity = z.infer<typeof couponValiditySchema>;

// ---- scope: where and on what ---------------------------------------------------------------------------

/**
 * Empty lists mean "everywhere" / "every product". A line is eligible when it is included (by category or SKU,
 * or all are) and not excluded (exclusions win: "all dairy but the infant formula").
 */
export const couponScopeSchema = z.object({
  storeIds: z.array(storeIdSchema).max(2000).default([]),
  regions: z.array(z.string().min(1).max(20)).max(100).default([]),
  categories: z.array(categorySchema).max(200).default([]),
  skus: z.array(skuSchema).max(2000).default([]),
  excludeCategories: z.array(categorySchema).max(200).default([]),
  excludeSkus: z.array(skuSchema).max(2000).default([]),
});
export type CouponScope = z.infer<typeof couponScopeSchema>;

// ---- limits and stacking --------------------------------------------------------------------------------

export const couponLimitsSchema = z.object({
  /** Grants that may ever be made from the template. */
  stock: z.number().int().min(1).max(100_000_000),
  /** Grants one member may hold from it, used or not. */
  perMember: z.number().int().min(1).max(100),
  /** The discount the template may give in all, in fen; null = no budget. */
  budgetFen: fen(1).nullable().default(null),
  /** The whole order, after the tier discount, must reach this (the threshold only counts eligible lines). */
  minOrderFen: fen(0).default(0),
});
export type CouponLimits = z.infer<typeof couponLimitsSchema>;

/**
 * Stacking as data: at most one coupon of a group per sale (group 'cash-off' = "not with another cash-off
 * coupon"), and never together with a group or another benefit named in `excludes` (e.g. 'stored-value-discount').
 * Exclusions work both ways: either side naming the other is enough.
 */
export const stackingSchema = z.object({
  group: z.string().regex(/^[a-z0-9-]{1,40}$/),
  excludes: z.array(z.string().regex(/^[a-z0-9-]{1,40}$/)).max(20).default([]),
});
export type Stacking = z.infer<typeof stackingSchema>;

export const claimChannels = ['centre', 'issued'] as const;
export const templateStatuses = ['draft', 'active', 'paused', 'ended'] as const;

/** What a marketer designs: everything but the status. A template's design never changes once made. */
export const couponTemplateDesign = z.object({
  templateId: idSchema,
  name: i18nTextSchema,
  benefit: couponBenefitSchema,
  validity: couponValiditySchema,
  scope: couponScopeSchema,
  limits: couponLimitsSchema,
  stacking: stackingSchema,
  /** 'centre': members claim it in the coupon centre (领券中心); 'issued': only given (joining, campaigns, compensation). */
  claimChannel: z.enum(claimChannels),
});
/** The cross-field rules of a design (shared by the stored template and the create request). */
export function refineDesign(t: z.infer<typeof couponTemplateDesign>, ctx: z.RefinementCtx): void {
  const face = faceValueFen(t.benefit);
  // A budget smaller than one coupon's face value could never pay out a single redemption.
  if (t.limits.budgetFen !== null && face > t.limits.budgetFen) {
    ctx.addIssue({ code: 'custom', path: ['limits', 'budgetFen'], message: 'the budget is below one coupon’s value' });
  }
  if (t.limits.perMember > t.limits.stock) {
    ctx.addIssue({ code: 'custom', path: ['limits', 'perMember'], message: 'the per-member limit exceeds the stock' });
  }
  if (t.stacking.excludes.includes(t.stacking.group)) {
    ctx.addIssue({ code: 'custom', path: ['stacking', 'excludes'], message: 'a group need not exclude itself: one per group is the rule' });
  }
}
/**
 * The most one coupon can take off, known from its design alone: what a claim reserves from the budget. A
 * second-half or gift coupon's value depends on the basket: it reserves nothing and is paid from what is left at
 * redemption (refused with `budget-exhausted` when that is too little).
 */
export function faceValueFen(b: CouponBenefit): number {
  return b.kind === 'cash-off' || b.kind === 'no-threshold' ? b.offFen : b.kind === 'percent-off' ? b.capFen : 0;
}

export const couponTemplateSchema = couponTemplateDesign.extend({ status: z.enum(templateStatuses) }).superRefine(refineDesign);
export type CouponTemplate = z.infer<typeof couponTemplateSchema>;

/** 券包: e.g. one 满100减20 and two 满50减10. */
export const couponPackSchema = z.object({
  packId: idSchema,
  name: i18nTextSchema,
  items: z
    .array(z.object({ templateId: idSchema, count: z.number().int().min(1).max(20) }))
    .min(1)
    .max(10)
    .refine((items) => new Set(items.map((i) => i.templateId)).size === items.length, 'a template appears once in a pack; raise its count')
    // All or nothing is one transaction (at most 100 items): a shard and a count per template, a grant per coupon.
    .refine((items) => items.reduce((n, i) => n + i.count, 0) <= 20, 'a pack holds at most 20 coupons'),
});
export type CouponPack = z.infer<typeof couponPackSchema>;

// ---- a member's coupon ------------------------------------------------------------------------------------

export const grantStatuses = ['available', 'redeemed', 'revoked', 'expired'] as const;
export type GrantStatus = (typeof grantStatuses)[number];

/**
 * A grant: one member's coupon. Its valid days are fixed when it is received (validityOf), so a later change to
 * the template never shortens a coupon already given. Whether it is usable follows from the days alone; `expired` is
 * what the expiry job writes afterwards, when it releases the coupon's budget reservation.
 */
export const couponGrantSchema = z
  .object({
    grantId: idSchema,
    templateId: idSchema,
    memberId: memberIdSchema,
    receivedAt: isoInstant,
    validFrom: realDay,
    validThrough: realDay,
    status: z.enum(grantStatuses),
  })
  .refine((g) => g.validFrom <= g.validThrough, { path: ['validThrough'], message: 'the last valid day is before the first' });
export type CouponGrant = z.infer<typeof couponGrantSchema>;

/** How a member came by a coupon. */
export const grantSources = ['centre', 'pack', 'new-member', 'compensation', 'campaign'] as const;
export type GrantSource = (typeof grantSources)[number];

// ---- the API ------------------------------------------------------------------------------------------------

export const templateIdParams = z.object({ templateId: idSchema });
export const packIdParams = z.object({ packId: idSchema });
export const grantIdParams = z.object({ grantId: idSchema });
export const memberGrantParams = z.object({ memberId: memberIdSchema, grantId: idSchema });
/** A client's once-only key for a claim or an issue: a retry with it answers the first result. */
export const idempotencyKeySchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'an idempotency key is 8–64 letters, digits, _ or -');
const cursorSchema = z.string().max(400).optional();

export const createCouponTemplateRequest = couponTemplateDesign
  .extend({
    description: i18nTextSchema.nullable().default(null),
    /** Draft: saved, not yet claimable or issuable; active: at once. */
    status: z.enum(['draft', 'active']).default('active'),
    /** Stock and budget shards (1–32); by default one per 2,500 of stock (a shard takes ~500 claims/s in the cloud). */
    shards: z.number().int().min(1).max(32).optional(),
  })
  .superRefine(refineDesign)
  .superRefine((t, ctx) => {
    if (t.shards !== undefined && t.shards > t.limits.stock) ctx.addIssue({ code: 'custom', path: ['shards'], message: 'more shards than coupons' });
  });

export const stockStatsSchema = z.object({
  stock: z.number().int(),
  remaining: z.number().int(),
  issued: z.number().int(),
  redeemed: z.number().int(),
  /** Grants that expired or were revoked (their budget released). */
  released: z.number().int(),
  budgetFen: z.number().int().nullable(),
  budgetRemainingFen: z.number().int().nullable(),
  reservedFen: z.number().int(),
  settledFen: z.number().int(),
});
export const couponTemplateView = couponTemplateDesign.extend({
  description: i18nTextSchema.nullable(),
  status: z.enum(templateStatuses),
  shards: z.number().int(),
  reserveFen: z.number().int(),
  createdAt: isoInstant,
  createdBy: z.string(),
  statusChangedAt: isoInstant,
  stats: stockStatsSchema,
});
export type CouponTemplateView = z.infer<typeof couponTemplateView>;
export const couponTemplatesQuery = z.object({ state: z.enum(['live', 'ended']).default('live'), cursor: cursorSchema });
export const couponTemplatesResponse = z.object({ items: z.array(couponTemplateView), cursor: z.string().nullable() });

export const templateStatusActions = ['activate', 'pause', 'resume', 'end'] as const;
export const templateStatusRequest = z.object({
  action: z.enum(templateStatusActions),
  /** Why (kept in the audit log). */
  reason: z.string().trim().min(1).max(200).optional(),
});

export const createCouponPackRequest = couponPackSchema;
export const couponPackView = couponPackSchema.extend({
  createdAt: isoInstant,
  createdBy: z.string(),
  templates: z.array(z.object({ templateId: idSchema, name: i18nTextSchema, status: z.enum(templateStatuses) })),
});
export const couponPacksResponse = z.object({ items: z.array(couponPackView) });

// ---- a member's coupons, as the shopper and staff see them ----------------------------------------------

/** What a shopper's coupon is now: usable, not yet valid, or how it ended (expired is decided by the days). */
export const couponStates = ['usable', 'not-yet-valid', 'redeemed', 'expired', 'revoked'] as const;
export type CouponState = (typeof couponStates)[number];
export const memberCouponSchema = z.object({
  grantId: idSchema,
  templateId: idSchema,
  name: i18nTextSchema,
  description: i18nTextSchema.nullable(),
  benefit: couponBenefitSchema,
  scope: couponScopeSchema,
  minOrderFen: z.number().int(),
  stacking: stackingSchema,
  receivedAt: isoInstant,
  validFrom: businessDaySchema,
  validThrough: businessDaySchema,
  /** The last instant it can be used: 23:59:59.999 Shanghai of `validThrough`. */
  lastUsableAt: isoInstant,
  state: z.enum(couponStates),
  source: z.enum(grantSources),
  redeemedAt: isoInstant.nullable(),
  redemption: z.object({ storeId: z.string(), receiptNo: z.string(), discountFen: z.number().int() }).nullable(),
});
export type MemberCoupon = z.infer<typeof memberCouponSchema>;
export const myCouponsQuery = z.object({
  /** usable (and not yet valid): soonest-expiring first; used: redeemed; expired: expired or revoked. Newest first for the last two. */
  view: z.enum(['usable', 'used', 'expired']).default('usable'),
  cursor: cursorSchema,
});
export const myCouponsResponse = z.object({
  items: z.array(memberCouponSchema),
  cursor: z.string().nullable(),
  /** Coupons usable today (the card's tile). */
  usable: z.number().int().nonnegative(),
});
export const myCouponDetail = memberCouponSchema.extend({
  /** The stores the coupon names, with their names (empty: every store, or by region). */
  stores: z.array(z.object({ storeId: z.string(), name: z.string() })),
});

/** The coupon's rotating QR for 扫码核销: the register takes it in place of the member code. */
export const couponCodeResponse = z.object({ code: z.string(), step: z.number().int(), expiresAt: isoInstant, stepSeconds: z.number().int() });

export const centreItemSchema = z.object({
  templateId: idSchema,
  name: i18nTextSchema,
  description: i18nTextSchema.nullable(),
  benefit: couponBenefitSchema,
  validity: couponValiditySchema,
  scope: couponScopeSchema,
  minOrderFen: z.number().int(),
  perMember: z.number().int(),
  /** How many this member already received. */
  received: z.number().int(),
  /** Every shard at 0. */
  soldOut: z.boolean(),
  /** Share of the stock still there, 0–100 (rounded up, so 0 means none). */
  remainingPercent: z.number().int().min(0).max(100),
});
export const couponCentreResponse = z.object({ items: z.array(centreItemSchema) });

export const claimCouponRequest = z.union([
  z.object({ templateId: idSchema, idempotencyKey: idempotencyKeySchema }).strict(),
  z.object({ packId: idSchema, idempotencyKey: idempotencyKeySchema }).strict(),
]);
export const claimCouponResponse = z.object({ grants: z.array(memberCouponSchema) });

export const staffMemberCouponsResponse = z.object({ items: z.array(memberCouponSchema.extend({ revokedAt: isoInstant.nullable(), revokeReason: z.string().nullable() })), cursor: z.string().nullable() });
export const staffMemberCouponsQuery = z.object({ cursor: cursorSchema });
/** Customer service's compensation coupon: within the per-case cap of face value (settings). */
export const issueCompensationCouponRequest = z.object({
  templateId: idSchema,
  caseRef: z.string().trim().regex(/^[A-Za-z0-9_-]{3,40}$/, 'a case reference is 3–40 letters, digits, _ or -'),
  reason: z.string().trim().min(2).max(200),
  idempotencyKey: idempotencyKeySchema,
});
export const revokeCouponRequest = z.object({ reason: z.string().trim().min(2).max(200) });
