import * as z from 'zod';
import { isoInstant, memberIdSchema, i18nTextSchema } from '../../schemas';
import { tierCodeSchema } from '../../settings';
import { ledgerEntryKinds } from '../points/schemas';

/**
 * The member's privacy rights (issue 9 §4, BUSINESS-RULES item 15): their consents, the export of everything the
 * platform holds about them, the preview of what deleting the membership forfeits, and the deletion itself.
 */

// ---- consents --------------------------------------------------------------------------------------
const consentRecord = z.object({ version: z.string(), at: isoInstant });
/** Marketing consent is separate from membership: given or withdrawn by the member, never implied by joining. */
export const marketingConsentSchema = z.object({ granted: z.boolean(), at: isoInstant.nullable() });
export const consentsResponse = z.object({
  privacyPolicy: consentRecord,
  terms: consentRecord,
  marketing: marketingConsentSchema,
});
export const consentPatch = z.object({ marketing: z.boolean() }).strict();

// ---- the export --------------------------------------------------------------------------------------
export const DATA_EXPORT_FORMAT = 'membership-data-export/1';
const nullableString = z.string().nullable();
/**
 * Everything the platform holds about the member, one section per kind of item (each entity that holds member data
 * names its section: functions/commons/entity.ts `memberData`). The phone is in full: the member's own copy.
 */
export const dataExportSchema = z.object({
  format: z.literal(DATA_EXPORT_FORMAT),
  exportedAt: isoInstant,
  memberId: memberIdSchema,
  member: z.object({
    memberId: memberIdSchema,
    tier: tierCodeSchema,
    joinedAt: isoInstant,
    joinChannel: z.string(),
    joinStore: z.object({ storeId: z.string(), name: z.string() }).nullable(),
    joinRegisterId: nullableString,
    homeStoreId: nullableString,
    phone: nullableString,
    nickname: nullableString,
    gender: nullableString,
    birthday: nullableString,
    birthMonth: z.number().int().nullable(),
    region: nullableString,
    consents: consentsResponse,
    points: z.object({ available: z.number().int(), pending: z.number().int(), debt: z.number().int() }),
    storedValueFen: z.number().int(),
    usableCoupons: z.number().int(),
    /** Net spend per Shanghai month (fen): what the tier's growth is computed from. */
    spendByMonth: z.record(z.string(), z.number().int()),
    signIn: z.object({ lastDay: nullableString, streak: z.number().int() }),
    lastPurchaseAt: nullableString,
    tierApprovalPending: nullableString,
    mergePending: z.boolean(),
  }),
  /** The identities that find the member: WeChat openid (per app) and unionid, the phone, the nickname (its search index). */
  identities: z.array(z.object({ kind: z.enum(['openid', 'unionid', 'phone', 'name']), value: z.string(), appId: nullableString, linkedAt: nullableString })),
  lots: z.array(z.object({ expiryDay: z.string(), remaining: z.number().int() })),
  ledger: z.array(
    z.object({ seq: z.number().int(), kind: z.enum(ledgerEntryKinds), points: z.number().int(), debt: z.number().int(), balanceAfter: z.number().int(), at: isoInstant, reason: i18nTextSchema, ref: nullableString, storeId: nullableString }),
  ),
  pending: z.array(z.object({ saleId: z.string(), storeId: z.string(), receiptNo: z.string(), points: z.number().int(), availableOn: z.string(), soldAt: z.string() })),
  messages: z.object({
    delivered: z.number().int(),
    readThrough: z.number().int(),
    items: z.array(z.object({ messageId: z.string(), at: z.string(), kind: z.string(), title: i18nTextSchema, body: i18nTextSchema })),
  }),
  purchases: z.object({
    sales: z.array(
      z.object({
        storeId: z.string(),
        receiptNo: z.string(),
        registerId: nullableString,
        soldAt: z.string(),
        netFen: z.number().int(),
        pointsPaid: z.number().int(),
        pointsEarned: z.number().int(),
        returnedFen: z.number().int(),
        lines: z.array(z.object({ lineNo: z.number().int(), sku: nullableString, name: nullableString, qtyMilli: z.number().int(), netFen: z.number().int(), points: z.number().int(), returnedMilli: z.number().int() })),
      }),
    ),
    returns: z.array(z.object({ returnId: z.string(), saleId: z.string(), storeId: nullableString, returnedAt: nullableString, refundFen: z.number().int(), pointsReversed: z.number().int(), pointsPaidBack: z.number().int() })),
  }),
  tierApproval: z.object({ tier: z.string(), growthFen: z.number().int(), requestedAt: z.string() }).nullable(),
  /**
   * What staff did about the member (the audit log by target): when, what and in which role. The entries' before and
   * after stay with the business: they carry staff's internal notes (BUSINESS-RULES 15.2).
   */
  audit: z.array(z.object({ at: z.string(), action: z.string(), role: z.string() })),
  /** Customer service's merge requests naming the member that are still open (decided ones are in `audit`). */
  merges: z.array(z.object({ mergeId: z.string(), wechatMemberId: z.string(), phoneMemberId: z.string(), createdAt: z.string(), status: z.string() })),
});
export type DataExport = z.infer<typeof dataExportSchema>;
/** The export's sections: each entity that holds member data names one (functions/commons/entity.ts `memberData`). */
export type DataExportSection = Exclude<keyof DataExport, 'format' | 'exportedAt' | 'memberId'>;
export const dataExportSections = Object.keys(dataExportSchema.shape).filter((k) => !['format', 'exportedAt', 'memberId'].includes(k)) as DataExportSection[];

// ---- deletion ------------------------------------------------------------------------------------------
const forfeitsSchema = z.object({
  availablePoints: z.number().int().nonnegative(),
  pendingPoints: z.number().int().nonnegative(),
  coupons: z.number().int().nonnegative(),
  debtWrittenOff: z.number().int().nonnegative(),
});
export const deletionBlocks = ['stored-value'] as const;
export const deletionPreviewResponse = z.object({
  memberId: memberIdSchema,
  forfeits: forfeitsSchema,
  /** Why deletion is refused for now; empty when it may go ahead. */
  blockedBy: z.array(z.enum(deletionBlocks)),
  /** How long what is kept is kept, in years (rule 15.4): the released identities' anti-abuse hash. */
  releasedIdentityRetentionYears: z.number().int(),
});
export const deleteMembershipRequest = z
  .object({
    /** The member confirmed, having seen what is forfeited: anything but `true` is a 400. */
    confirm: z.literal(true, { error: '注销会员需要确认 / deleting the membership needs confirm: true' }),
    /** Once-only: a retry with the same key (or any retry after the deletion) answers the first result. */
    idempotencyKey: z.string().regex(/^[A-Za-z0-9_.:-]{4,80}$/),
  })
  .strict();
export const deleteMembershipResponse = z.object({
  memberId: memberIdSchema,
  deletedAt: isoInstant,
  forfeited: forfeitsSchema,
  /** Identities released (phone, openid, unionid): each can join again as a new member. */
  releasedIdentities: z.number().int().nonnegative(),
});
