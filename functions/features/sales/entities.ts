import * as z from 'zod';
import { returnResultSchema, saleResultSchema } from '../../../shared/features/sales/schemas';
import { couponBenefitSchema } from '../../../shared/features/coupons/schemas';
import { defineEntity } from '../../commons/entity';
import { keys } from '../../commons/keys';

/** The sales feature's items: each sale (what a return needs to know, with its first result) and each return. */
export const sale = defineEntity({
  name: 'Sale',
  feature: 'sales',
  layout: { PK: 'SALE#<storeId>#<receiptNo>', SK: 'SALE', GSI1PK: 'MSALES#<memberId>', GSI1SK: '<soldAt>#<storeId>#<receiptNo>' },
  patterns: ['idempotent ingest: same payload → the first result, another payload → 409', 'returns read it', "a member's sales and returns, newest first (GSI1, members only: the staff timeline)"],
  memberData: { export: 'purchases', onDeletion: 'kept', why: 'finance’s sales record, by member number (30 years)' },
  key: keys.sale,
  indexKeys: keys.memberSalesIndex,
  sample: { key: ['<storeId>', '<receiptNo>'], indexKeys: ['<memberId>', '<soldAt>', '<storeId>', '<receiptNo>'] },
  schema: z.looseObject({
    saleId: z.string(),
    storeId: z.string(),
    receiptNo: z.string(),
    payloadHash: z.string(),
    memberId: z.string().nullable(),
    soldAt: z.string(),
    netFen: z.number().int(),
    /** Per line: `netFen` is what the member paid for it (after line, tier and coupon discounts); `couponFen` the coupons' share. */
    lines: z.array(z.object({ lineNo: z.number().int(), qtyMilli: z.number().int(), netFen: z.number().int(), points: z.number().int(), returnedMilli: z.number().int(), couponFen: z.number().int().optional() })),
    pointsPaid: z.number().int(),
    pointsPaidFen: z.number().int(),
    /** Lots the points payment came from, earliest first. */
    spentFrom: z.array(z.object({ expiryDay: z.string(), points: z.number().int() })),
    pendingPoints: z.number().int(),
    earnedToBalance: z.number().int(),
    returnedFen: z.number().int(),
    pointsPaidBack: z.number().int(),
    returnsVersion: z.number().int(),
    result: saleResultSchema,
    /** How the sale named its member: `code` (shown at the register), `phone` or `memberId`; null without one (kept since the register day report). */
    memberBy: z.enum(['code', 'phone', 'memberId']).nullable().optional(),
    /** Each line's product as the register sent it, for the member's receipt view (kept since issue 9). */
    lineDetails: z.array(z.object({ lineNo: z.number().int(), sku: z.string(), name: z.string().optional() })).optional(),
    /** The coupons the sale redeemed (issue 10 §3): each one's discount per line and its terms, so returns are exact. */
    coupons: z
      .array(
        z.object({
          grantId: z.string(),
          templateId: z.string(),
          discountFen: z.number().int(),
          allocation: z.array(z.object({ lineNo: z.number().int(), discountFen: z.number().int() })),
          benefit: couponBenefitSchema,
          minOrderFen: z.number().int(),
        }),
      )
      .optional(),
    /** Coupon discount taken back from the sale's refunds so far (partial returns that broke a coupon's terms). */
    couponClawedBackFen: z.number().int().optional(),
  }),
});
export const saleReturn = defineEntity({
  name: 'Return',
  feature: 'sales',
  layout: { PK: 'RETURN#<storeId>#<returnNo>', SK: 'RETURN', GSI1PK: 'MSALES#<memberId>', GSI1SK: '<returnedAt>#<storeId>#<returnNo>' },
  patterns: ['idempotent returns: same payload → the first result', "with the member's sales (GSI1, a member's sale only)"],
  memberData: { export: 'purchases', onDeletion: 'kept', why: 'as the sale' },
  key: keys.saleReturn,
  indexKeys: keys.memberSalesIndex,
  sample: { key: ['<storeId>', '<returnNo>'], indexKeys: ['<memberId>', '<returnedAt>', '<storeId>', '<returnNo>'] },
  schema: z.looseObject({
    returnId: z.string(),
    payloadHash: z.string(),
    saleId: z.string(),
    recordedAt: z.string(),
    result: returnResultSchema,
    /** Where and when the return was taken (kept since the register day report; the store is also in the key). */
    storeId: z.string().optional(),
    registerId: z.string().nullable().optional(),
    returnedAt: z.string().optional(),
  }),
});
export const registerDay = defineEntity({
  name: 'Register day',
  feature: 'sales',
  layout: { PK: 'REGDAY#<business day>', SK: '<storeId>#<registerId|->#<n>' },
  patterns: ["each register's business day (sales, members identified, joins, points, returns): one Query per day, from the stream (SaleRecorded, SaleReturned, MemberJoined)"],
  memberData: 'none',
  key: keys.registerDay,
  sample: { key: ['<business day>', '<storeId>', '<registerId|->', 0] },
  schema: z.looseObject({
    day: z.string(),
    storeId: z.string(),
    registerId: z.string(),
    salesPosted: z.number().int().optional(),
    salesNetFen: z.number().int().optional(),
    membersIdentified: z.number().int().optional(),
    joins: z.number().int().optional(),
    pointsIssued: z.number().int().optional(),
    pointsRedeemed: z.number().int().optional(),
    returns: z.number().int().optional(),
  }),
});

export const salesEntities = [sale, saleReturn, registerDay];
