import * as z from 'zod';
import { i18nTextSchema, isoInstant, memberIdSchema } from '../../schemas';
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
export const messagesResponse = z.object({ items: z.array(messageSchema), cursor: z.string().nullable() });

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
