import * as z from 'zod';
import { businessDaySchema, dayRangeQuery, i18nTextSchema, isoInstant, memberIdSchema, storeIdSchema } from '../../schemas';
import { tierCodeSchema } from '../../settings';

/** Shopper- and staff-facing shapes of the points ledger, tiers and the message centre. */
export const ledgerEntryKinds = ['earn', 'spend', 'expire', 'adjust', 'reverse', 'refund'] as const;
export const ledgerEntrySchema = z.object({
  seq: z.number().int(),
  kind: z.enum(ledgerEntryKinds),
  /** Change to the available balance (negative for spend, expire, reverse). */
  points: z.number().int(),
  /** Change to the debt (points a return took back after they were spent). */
  debt: z.number().int(),
  balanceAfter: z.number().int(),
  at: isoInstant,
  /** Why, in both languages (the app shows the member's). */
  reason: i18nTextSchema,
  ref: z.string().nullable(),
  /** A sale's entry (earned, paid with, activated): the receipt it came from, which the member can open (GET /me/purchases/{storeId}/{receiptNo}). */
  receipt: z.object({ storeId: z.string(), receiptNo: z.string() }).nullable(),
});
export type LedgerEntry = z.infer<typeof ledgerEntrySchema>;

export const pointsSummarySchema = z.object({
  available: z.number().int(),
  pending: z.number().int(),
  debt: z.number().int(),
  /** The earliest lots that still hold points, with their last usable day. */
  expiring: z.array(z.object({ expiryDay: z.string(), points: z.number().int() })),
  expiringSoon: z.object({ expiryDay: z.string(), points: z.number().int() }).nullable(),
  pendingItems: z.array(z.object({ points: z.number().int(), availableOn: z.string(), ref: z.string() })),
  signIn: z.object({ signedInToday: z.boolean(), streak: z.number().int(), nextPoints: z.number().int(), cycle: z.array(z.number().int()) }),
  /** Messages not yet read (the card's badge). */
  unreadMessages: z.number().int().nonnegative(),
});
export const pointsHistoryQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export const pointsHistoryResponse = z.object({ items: z.array(ledgerEntrySchema), cursor: z.string().nullable() });

export const signInResponse = z.object({ points: z.number().int(), streak: z.number().int(), alreadySignedIn: z.boolean(), balance: z.number().int() });

export const tierStatusSchema = z.object({
  tier: z.object({ code: tierCodeSchema, name: i18nTextSchema, discountBasisPoints: z.number().int(), pointsPerYuan: z.number().int(), birthdayDoublePoints: z.boolean() }),
  growthFen: z.number().int(),
  next: z.object({ code: tierCodeSchema, name: i18nTextSchema, thresholdFen: z.number().int(), missingFen: z.number().int(), percent: z.number(), needsApproval: z.boolean() }).nullable(),
  approvalPending: tierCodeSchema.nullable(),
  tiers: z.array(z.object({ code: tierCodeSchema, name: i18nTextSchema, thresholdFen: z.number().int(), discountBasisPoints: z.number().int(), pointsPerYuan: z.number().int(), birthdayDoublePoints: z.boolean(), needsApproval: z.boolean() })),
  reviewOn: z.string(),
});

export const pointsRulesResponse = z.object({
  tiers: tierStatusSchema.shape.tiers,
  points: z.object({
    pointsPerYuanDeduction: z.number().int(),
    deductionMinOrderFen: z.number().int(),
    deductionMaxShareBasisPoints: z.number().int(),
    signInCycle: z.array(z.number().int()),
    /** New-member welcome points (0: none), shown on the join page. */
    welcomePoints: z.number().int(),
    reviewWithPhoto: z.number().int(),
    inviteFriend: z.number().int(),
    returnWindowDays: z.number().int(),
    expiryReminderDays: z.number().int(),
    excludedCategories: z.array(z.string()),
    holidays: z.array(z.object({ name: i18nTextSchema, from: z.string(), to: z.string(), multiplierPercent: z.number().int(), flatBonus: z.number().int() })),
  }),
  expiryRule: i18nTextSchema,
});

export const messageSchema = z.object({ messageId: z.string(), at: isoInstant, kind: z.string(), title: i18nTextSchema, body: i18nTextSchema, read: z.boolean() });
/** `unread`: messages not yet read, all of them (not only this page's). */
export const messagesResponse = z.object({ items: z.array(messageSchema), cursor: z.string().nullable(), unread: z.number().int().nonnegative() });
/** After "mark all read": 0, unless a message arrived after it (it stays unread). */
export const readAllMessagesResponse = z.object({ unread: z.number().int().nonnegative() });

/** What the shopper reads in their points history for an adjustment; `en` defaults to `zh`. */
export const shopperReasonSchema = z.object({ zh: z.string().trim().min(2).max(60), en: z.string().trim().min(2).max(60).optional() });
export const DEFAULT_SHOPPER_REASON = { zh: '积分调整', en: 'Points adjustment' } as const;

export const pointsAdjustmentRequest = z.object({
  points: z.number().int().refine((n) => n !== 0, 'points must not be 0').refine((n) => Math.abs(n) <= 1_000_000, 'at most 1,000,000 points'),
  /** Internal: why, for staff and the audit log (e.g. a ticket number); never shown to the shopper. */
  note: z.string().trim().min(2).max(200),
  /** Shown to the shopper in their history; a neutral "积分调整 / Points adjustment" when left out. */
  shopperReason: shopperReasonSchema.optional(),
  /** The customer-service case (ticket) a compensation answers; required for customer service. */
  caseRef: z.string().regex(/^[A-Za-z0-9_.:-]{3,60}$/).optional(),
  /** A deduction beyond the available balance becomes debt only when this is true (the console asks to confirm). */
  allowDebt: z.boolean().default(false),
  /** Repeats with the same key and body answer the first result; the same key with another body is a 409. */
  idempotencyKey: z.string().regex(/^[A-Za-z0-9_.:-]{4,80}$/),
});
export const pointsAdjustmentResponse = z.object({ memberId: memberIdSchema, points: z.number().int(), balance: z.number().int(), debt: z.number().int() });

export const tierApprovalSchema = z.object({ memberId: memberIdSchema, tier: tierCodeSchema, growthFen: z.number().int(), requestedAt: isoInstant });
export const tierApprovalListResponse = z.object({ items: z.array(tierApprovalSchema) });
export const tierApprovalDecision = z.object({ decision: z.enum(['approve', 'reject']), note: z.string().max(200).optional() });

export const liabilityReportSchema = z.object({
  asOf: isoInstant,
  availablePoints: z.number().int(),
  pendingPoints: z.number().int(),
  debtPoints: z.number().int(),
  /** Face value of outstanding points at the deduction rate (100 points = 1 yuan). */
  availableValueFen: z.number().int(),
  pendingValueFen: z.number().int(),
  expiringNext30Days: z.number().int().nullable(),
});

// ---- the staff console: what an adjustment will do, the liability by day and by store ---------------
/** The adjustment as the console would send it, without its note and key: nothing is written. */
export const pointsAdjustmentPreviewRequest = pointsAdjustmentRequest.pick({ points: true, shopperReason: true, caseRef: true, allowDebt: true });
export const pointsAdjustmentPreviewResponse = z.object({
  memberId: memberIdSchema,
  points: z.number().int(),
  balanceBefore: z.number().int(),
  debtBefore: z.number().int(),
  balanceAfter: z.number().int(),
  debtAfter: z.number().int(),
  /** A deduction beyond the available balance: the points that would become debt. */
  shortBy: z.number().int(),
  /**
   * ok: sending it as it is applies it; needs-debt-confirmation: it applies only with allowDebt;
   * over-cap: the caller's compensation caps refuse it (caps says what is left).
   */
  outcome: z.enum(['ok', 'needs-debt-confirmation', 'over-cap']),
  /** What the shopper will read in their history. */
  shopperText: i18nTextSchema,
  /** Customer service's compensation caps: points still grantable for this case and today; null for uncapped roles. */
  caps: z.object({ perCaseLeft: z.number().int().nullable(), todayLeft: z.number().int() }).nullable(),
});

const liabilityColumns = { opening: z.number().int(), earned: z.number().int(), spent: z.number().int(), expired: z.number().int(), adjusted: z.number().int(), closing: z.number().int() };
/** One business day of the chain's available points: closing = opening + earned − spent − expired + adjusted. */
export const liabilityDaySchema = z.object({ day: businessDaySchema, ...liabilityColumns, valueFen: z.object(liabilityColumns) });
export const liabilityDaysResponse = z.object({
  asOf: isoInstant,
  /** The deduction rate the values use: `points` points are worth `fen` fen. */
  pointValue: z.object({ points: z.number().int(), fen: z.number().int() }),
  rows: z.array(liabilityDaySchema),
});
/** Points that moved at a store on a day (sales and returns there); adjustments and expiry belong to no store. */
export const liabilityStoresQuery = dayRangeQuery.extend({ storeId: storeIdSchema.optional() });
export const liabilityStoreRowSchema = z.object({
  day: businessDaySchema,
  storeId: z.string(),
  earned: z.number().int(),
  spent: z.number().int(),
  /** Points a return took back, and spent points a return paid back. */
  reversed: z.number().int(),
  refunded: z.number().int(),
});
export const liabilityStoresResponse = z.object({ asOf: isoInstant, rows: z.array(liabilityStoreRowSchema) });
