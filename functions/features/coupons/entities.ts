import * as z from 'zod';
import { couponPackSchema, couponTemplateDesign, grantSources, grantStatuses, templateStatuses } from '../../../shared/features/coupons/schemas';
import { i18nTextSchema } from '../../../shared/schemas';
import { defineEntity } from '../../commons/entity';
import { keys } from '../../commons/keys';

/**
 * The coupons feature's items (issue 10; docs/ARCHITECTURE.md "Coupons"). A template's design never changes once
 * made (only its status), so a grant can always be judged by the template it came from. Its stock and budget live
 * in N shard items, each in its own partition: a claim takes one unit and one reservation from one shard, so a hot
 * template takes N × ~500 claims/s. The member's grants live in the member's partition, mirrored on the member item
 * (`couponWallet`: grant → template and valid days) so the card and the register read a member's usable coupons with
 * the member, in the read they already make.
 */
const shardStatus = z.enum(templateStatuses);
export const couponTemplate = defineEntity({
  name: 'Coupon template',
  feature: 'coupons',
  layout: { PK: 'COUPONTPL#<templateId>', SK: 'TEMPLATE', GSI1PK: 'COUPONTPLS#<live|ended>', GSI1SK: '<createdAt>#<templateId>' },
  patterns: ['a template by id (its design never changes; only its status)', 'templates not yet ended, newest first: the console and the coupon centre (GSI1 `live`); ended ones apart'],
  memberData: 'none',
  key: keys.couponTemplate,
  indexKeys: keys.couponTemplateIndex,
  sample: { key: ['<templateId>'], indexKeys: ['<live|ended>', '<createdAt>', '<templateId>'] },
  schema: z.looseObject({
    ...couponTemplateDesign.shape,
    description: i18nTextSchema.nullable().optional(),
    status: z.enum(templateStatuses),
    /** Stock and budget are spread over this many shard items (COUPONSTOCK#<id>#0 … N−1). */
    shards: z.number().int().min(1).max(32),
    /** What one claim reserves from the budget (the most one coupon can take off; 0 when that depends on the basket). */
    reserveFen: z.number().int().nonnegative(),
    createdAt: z.string(),
    createdBy: z.string(),
    statusChangedAt: z.string(),
    version: z.number().int(),
  }),
});
export const couponStock = defineEntity({
  name: 'Coupon stock shard',
  feature: 'coupons',
  layout: { PK: 'COUPONSTOCK#<templateId>#<n>', SK: 'STOCK' },
  patterns: [
    'a claim takes one unit and its budget reservation from one shard, in its transaction, conditioned on what is left (never below 0)',
    'a claim that finds its shard empty tries the others: "sold out" only when every shard reads 0 (one consistent BatchGetItem)',
    'redemptions settle the reservation (reserved → settled, the rest back to remaining); expiry and revocation release it',
  ],
  memberData: 'none',
  key: keys.couponStock,
  sample: { key: ['<templateId>', 3] },
  schema: z.looseObject({
    templateId: z.string(),
    shard: z.number().int(),
    /** The template's status, copied onto every shard with each change, so a claim's condition sees a pause at commit. */
    status: shardStatus,
    /** This shard's share of the stock, and what is left of it. */
    stock: z.number().int().nonnegative(),
    remaining: z.number().int().nonnegative(),
    /** This shard's share of the budget (fen; null: no budget): remaining + reserved + settled = budget. */
    budgetFen: z.number().int().nonnegative().nullable(),
    budgetRemainingFen: z.number().int().nonnegative().nullable(),
    reservedFen: z.number().int().nonnegative(),
    settledFen: z.number().int().nonnegative(),
    redeemed: z.number().int().nonnegative(),
    released: z.number().int().nonnegative(),
  }),
});
export const couponPack = defineEntity({
  name: 'Coupon pack',
  feature: 'coupons',
  layout: { PK: 'COUPONPACK#<packId>', SK: 'PACK', GSI1PK: 'COUPONPACKS', GSI1SK: '<createdAt>#<packId>' },
  patterns: ['a pack by id: its templates and counts, granted all or nothing', 'packs, newest first (GSI1)'],
  memberData: 'none',
  key: keys.couponPack,
  indexKeys: keys.couponPackIndex,
  sample: { key: ['<packId>'], indexKeys: ['<createdAt>', '<packId>'] },
  schema: z.looseObject({ ...couponPackSchema.shape, createdAt: z.string(), createdBy: z.string() }),
});
export const couponCount = defineEntity({
  name: 'Member coupon count',
  feature: 'coupons',
  layout: { PK: 'MEMBER#<memberId>', SK: 'COUPONCOUNT#<templateId>' },
  patterns: ['coupons of a template a member ever received (used or not): the per-member limit, keyed on the member id and conditioned in the claim'],
  memberData: { export: 'coupons', onDeletion: 'kept', why: 'a count by member number, so a deleted member’s number can’t claim again' },
  key: keys.couponCount,
  sample: { key: ['<memberId>', '<templateId>'] },
  schema: z.looseObject({ memberId: z.string(), templateId: z.string(), received: z.number().int().nonnegative() }),
});
export const couponGrant = defineEntity({
  name: 'Coupon grant',
  feature: 'coupons',
  layout: { PK: 'MEMBER#<memberId>', SK: 'COUPON#<grantId>', GSI2PK: 'CPNEXP#<last valid day>#<shard>', GSI2SK: '<memberId>#<grantId>' },
  patterns: [
    "a member's coupons (begins_with COUPON#); used once: redeemed by a condition on its status",
    'available grants by last valid day and shard (sparse GSI2: the keys go when it is redeemed, revoked or expired): the expiry job and the reminder read only those',
  ],
  memberData: { export: 'coupons', onDeletion: 'kept', why: 'an unused one is forfeited (revoked, its budget released, out of the expiry index); kept by member number as the coupon ledger the stock and budget reconcile against' },
  key: keys.couponGrant,
  indexKeys: keys.couponExpiryIndex,
  sample: { key: ['<memberId>', '<grantId>'], indexKeys: ['<memberId>', '<last valid day>', '<grantId>'] },
  schema: z.looseObject({
    grantId: z.string(),
    templateId: z.string(),
    memberId: z.string(),
    receivedAt: z.string(),
    validFrom: z.string(),
    validThrough: z.string(),
    status: z.enum(grantStatuses),
    /** The stock shard it came from, and what it reserved there (released or settled on that shard). */
    shard: z.number().int(),
    reservedFen: z.number().int().nonnegative(),
    source: z.object({ kind: z.enum(grantSources), ref: z.string().nullable() }),
    /** Set once: how it ended. */
    redeemedAt: z.string().optional(),
    redemption: z.object({ storeId: z.string(), receiptNo: z.string(), discountFen: z.number().int().nonnegative() }).optional(),
    revokedAt: z.string().optional(),
    revokedBy: z.string().optional(),
    revokeReason: z.string().optional(),
    expiredAt: z.string().optional(),
    reminded: z.boolean().optional(),
  }),
});
export const couponClaim = defineEntity({
  name: 'Coupon claim',
  feature: 'coupons',
  layout: { PK: 'COUPONCLAIM#<memberId>#<key>', SK: 'CLAIM' },
  patterns: ['a claim or an issue under its idempotency key, written in its transaction: a retry answers the first result, another request under the key is a 409 (TTL 30 days)'],
  memberData: { export: null, onDeletion: 'expires', why: 'a claim’s once-only key (30 days); the grants are exported' },
  key: keys.couponClaim,
  sample: { key: ['<memberId>', '<key>'] },
  schema: z.looseObject({ memberId: z.string(), request: z.string(), grantIds: z.array(z.string()), at: z.string(), ttl: z.number().int() }),
});

export const couponsEntities = [couponTemplate, couponStock, couponPack, couponCount, couponGrant, couponClaim];
