import * as z from 'zod';
import { isoInstant, memberIdSchema, i18nTextSchema } from '../../schemas';
import { tierCodeSchema } from '../../settings';
import { ledgerEntryKinds } from '../points/schemas';

/**
 * The member's privacy rights (issue 9 §4, BUSINESS-RULES item 15): their consents, the export of everything the
 * platform holds about them, the preview of what deleting the membership forfeits, and the deletion itself.
 */

// Shared pieces (one schema each: zod schemas are immutable, and the route table ships in every Lambda).
const int = z.number().int();
const str = z.string();
const nullableString = str.nullable();
const nonNegative = int.nonnegative();

// ---- consents --------------------------------------------------------------------------------------
const consentRecord = z.object({ version: str, at: isoInstant });
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
    joinChannel: str,
    joinStore: z.object({ storeId: str, name: str }).nullable(),
    joinRegisterId: nullableString,
    homeStoreId: nullableString,
    phone: nullableString,
    nickname: nullableString,
    gender: nullableString,
    birthday: nullableString,
    birthMonth: int.nullable(),
    region: nullableString,
    consents: consentsResponse,
    points: z.object({ available: int, pending: int, debt: int }),
    storedValueFen: int,
    usableCoupons: int,
    /** Net spend per Shanghai month (fen): what the tier's growth is computed from. */
    spendByMonth: z.record(str, int),
    signIn: z.object({ lastDay: nullableString, streak: int }),
    lastPurchaseAt: nullableString,
    tierApprovalPending: nullableString,
    mergePending: z.boolean(),
  }),
  /** The identities that find the member: WeChat openid (per app) and unionid, the phone, the nickname (its search index). */
  identities: z.array(z.object({ kind: z.enum(['openid', 'unionid', 'phone', 'name']), value: str, appId: nullableString, linkedAt: nullableString })),
  lots: z.array(z.object({ expiryDay: str, remaining: int })),
  ledger: z.array(
    z.object({ seq: int, kind: z.enum(ledgerEntryKinds), points: int, debt: int, balanceAfter: int, at: isoInstant, reason: i18nTextSchema, ref: nullableString, storeId: nullableString }),
  ),
  pending: z.array(z.object({ saleId: str, storeId: str, receiptNo: str, points: int, availableOn: str, soldAt: str })),
  messages: z.object({
    delivered: int,
    readThrough: int,
    items: z.array(z.object({ messageId: str, at: str, kind: str, title: i18nTextSchema, body: i18nTextSchema })),
  }),
  purchases: z.object({
    sales: z.array(
      z.object({
        storeId: str,
        receiptNo: str,
        registerId: nullableString,
        soldAt: str,
        netFen: int,
        pointsPaid: int,
        pointsEarned: int,
        returnedFen: int,
        lines: z.array(z.object({ lineNo: int, sku: nullableString, name: nullableString, qtyMilli: int, netFen: int, points: int, returnedMilli: int })),
      }),
    ),
    returns: z.array(z.object({ returnId: str, saleId: str, storeId: nullableString, returnedAt: nullableString, refundFen: int, pointsReversed: int, pointsPaidBack: int })),
  }),
  /** The member's coupons (every grant, however it ended) and how many of each template they received (the per-member limit). */
  coupons: z.object({
    grants: z.array(z.object({ grantId: str, templateId: str, receivedAt: str, validFrom: str, validThrough: str, status: str, source: str, redeemedAt: nullableString, redemption: z.object({ storeId: str, receiptNo: str, discountFen: int }).nullable() })),
    received: z.array(z.object({ templateId: str, received: int })),
  }),
  tierApproval: z.object({ tier: str, growthFen: int, requestedAt: str }).nullable(),
  /**
   * What staff did about the member (the audit log by target): when, what and in which role. The entries' before and
   * after stay with the business: they carry staff's internal notes (BUSINESS-RULES 15.2).
   */
  audit: z.array(z.object({ at: str, action: str, role: str })),
  /** Customer service's merge requests naming the member that are still open (decided ones are in `audit`). */
  merges: z.array(z.object({ mergeId: str, wechatMemberId: str, phoneMemberId: str, createdAt: str, status: str })),
});
export type DataExport = z.infer<typeof dataExportSchema>;
/** The export's sections: each entity that holds member data names one (functions/commons/entity.ts `memberData`). */
export type DataExportSection = Exclude<keyof DataExport, 'format' | 'exportedAt' | 'memberId'>;
export const dataExportSections = Object.keys(dataExportSchema.shape).filter((k) => !['format', 'exportedAt', 'memberId'].includes(k)) as DataExportSection[];

// ---- deletion ------------------------------------------------------------------------------------------
const forfeitsSchema = z.object({
  availablePoints: nonNegative,
  pendingPoints: nonNegative,
  coupons: nonNegative,
  debtWrittenOff: nonNegative,
});
export const deletionBlocks = ['stored-value'] as const;
export const deletionPreviewResponse = z.object({
  memberId: memberIdSchema,
  forfeits: forfeitsSchema,
  /** Why deletion is refused for now; empty when it may go ahead. */
  blockedBy: z.array(z.enum(deletionBlocks)),
  /** How long what is kept is kept, in years (rule 15.4): the released identities' anti-abuse hash. */
  releasedIdentityRetentionYears: int,
});
export const deleteMembershipRequest = z
  .object({
    /** The member confirmed, having seen what is forfeited: anything but `true` is a 400. */
    confirm: z.literal(true, { error: '注销会员需要确认 / deleting the membership needs confirm: true' }),
    /** Once-only: a retry with the same key (or any retry after the deletion) answers the first result. */
    idempotencyKey: str.regex(/^[A-Za-z0-9_.:-]{4,80}$/),
  })
  .strict();
export const deleteMembershipResponse = z.object({
  memberId: memberIdSchema,
  deletedAt: isoInstant,
  forfeited: forfeitsSchema,
  /** Identities released (phone, openid, unionid): each can join again as a new member. */
  releasedIdentities: nonNegative,
});
