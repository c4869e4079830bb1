import * as z from 'zod';
import { i18nTextSchema } from '../../../shared/schemas';
import { tierCodeSchema } from '../../../shared/settings';
import { ledgerEntryKinds } from '../../../shared/features/points/schemas';
import { defineEntity } from '../../commons/entity';
import { keys } from '../../commons/keys';
import { member } from '../members/entities';

/** The points feature's items: its attributes on the member, lots, ledger entries, pending points, messages, tiers. */
export const pointsMember = defineEntity({
  name: 'Member: points',
  feature: 'points',
  layout: { PK: 'MEMBER#<memberId>', SK: 'PROFILE' },
  patterns: ["the points snapshot every change plans from and guards: balance, open lots (map), `pointsRev`, debt, growth"],
  memberData: { export: 'member', onDeletion: 'anonymised', why: 'every point forfeited by one ledger entry' },
  key: keys.member,
  sample: { key: ['<memberId>'] },
  schema: member.schema.extend({
    /** Bumped by every points change: the snapshot's guard. */
    pointsRev: z.number().int().optional(),
    ledgerSeq: z.number().int().optional(),
    /** Open lots: last usable day → points. */
    lots: z.record(z.string(), z.number().int()).optional(),
    pointsDebt: z.number().int().optional(),
    spendByMonth: z.record(z.string(), z.number().int()).optional(),
    lastSignInDay: z.string().optional(),
    signInStreak: z.number().int().optional(),
    tierApprovalPending: z.string().nullable().optional(),
    tierApproved: tierCodeSchema.nullable().optional(),
    lastTierReview: z.string().optional(),
    firstPurchaseStoreId: z.string().optional(),
  }),
});
export const lot = defineEntity({
  name: 'Points lot',
  feature: 'points',
  layout: { PK: 'MEMBER#<memberId>', SK: 'LOT#<expiry day>', GSI2PK: 'EXP#<expiry day>#<shard>', GSI2SK: '<memberId>' },
  patterns: ["mirror of the member's `lots` map (plans read the map)", "the expiry and reminder jobs read only that day's lots, per shard (sparse GSI2)"],
  memberData: { export: 'lots', onDeletion: 'erased', why: 'forfeited, so emptied and removed' },
  key: keys.lot,
  indexKeys: keys.lotExpiryIndex,
  sample: { key: ['<memberId>', '<expiry day>'], indexKeys: ['<memberId>', '<expiry day>'] },
  schema: z.looseObject({ memberId: z.string(), expiryDay: z.string(), remaining: z.number().int() }),
});
export const ledgerEntry = defineEntity({
  name: 'Ledger entry',
  feature: 'points',
  layout: { PK: 'MEMBER#<memberId>', SK: 'LEDGER#<seq, 10 digits>' },
  patterns: ['history, newest first', 'append-only'],
  memberData: { export: 'ledger', onDeletion: 'kept', why: 'finance’s ledger, by member number (30 years)' },
  key: keys.ledgerEntry,
  sample: { key: ['<memberId>', 42] },
  schema: z.looseObject({
    memberId: z.string(),
    seq: z.number().int(),
    kind: z.enum(ledgerEntryKinds),
    points: z.number().int(),
    debt: z.number().int(),
    balanceAfter: z.number().int(),
    at: z.string(),
    reason: i18nTextSchema,
    ref: z.string().nullable(),
    staffNote: z.string().optional(),
    /** The store of the sale or return that made the entry (the liability by store); absent for sign-ins, adjustments, expiry. */
    storeId: z.string().optional(),
  }),
});
export const pendingPoints = defineEntity({
  name: 'Pending points',
  feature: 'points',
  layout: { PK: 'MEMBER#<memberId>', SK: 'PENDING#<saleId>', GSI2PK: 'ACT#<activation day>#<shard>', GSI2SK: '<memberId>#<saleId>' },
  patterns: ["the activation job reads only that day's pending points, per shard (GSI2)"],
  memberData: { export: 'pending', onDeletion: 'erased', why: 'forfeited' },
  key: keys.pending,
  indexKeys: keys.pendingActivationIndex,
  sample: { key: ['<memberId>', '<saleId>'], indexKeys: ['<memberId>', '<saleId>', '<activation day>'] },
  schema: z.looseObject({ memberId: z.string(), saleId: z.string(), storeId: z.string(), receiptNo: z.string(), points: z.number().int(), activationDay: z.string(), expiryDay: z.string(), soldAt: z.string() }),
});
export const message = defineEntity({
  name: 'Message',
  feature: 'points',
  layout: { PK: 'MEMBER#<memberId>', SK: 'MSG#<at>#<id>' },
  patterns: ['message centre, newest first'],
  memberData: { export: 'messages', onDeletion: 'erased', why: 'erased from the stream right after' },
  key: keys.message,
  sample: { key: ['<memberId>', '<at>', '<id>'] },
  schema: z.looseObject({ messageId: z.string(), at: z.string(), kind: z.string(), read: z.boolean(), title: i18nTextSchema, body: i18nTextSchema, seq: z.number().int().positive().optional() }),
});
export const inbox = defineEntity({
  name: 'Message-centre counters',
  feature: 'points',
  layout: { PK: 'MEMBER#<memberId>', SK: 'INBOX' },
  patterns: ['unread messages (delivered − read through), exact: each message takes the next `delivered` in its own transaction; "mark all read" copies `delivered` to `readThrough`'],
  memberData: { export: 'messages', onDeletion: 'erased', why: 'replaced by a closed marker' },
  key: keys.inbox,
  sample: { key: ['<memberId>'] },
  schema: z.looseObject({ delivered: z.number().int().nonnegative().optional(), readThrough: z.number().int().nonnegative().optional() }),
});
export const idempotencyKey = defineEntity({
  name: 'Idempotency key',
  feature: 'points',
  layout: { PK: 'IDEMP#<scope>#<key>', SK: 'IDEMP' },
  patterns: ['once-only staff adjustments: same body → the first result, another body → 409'],
  memberData: { export: null, onDeletion: 'kept', why: 'an adjustment’s once-only key; the adjustment is exported' },
  key: keys.idempotency,
  sample: { key: ['<scope>', '<key>'] },
  schema: z.looseObject({ at: z.string(), by: z.string(), payloadHash: z.string(), result: z.unknown() }),
});
export const compensationCase = defineEntity({
  name: 'Compensation case',
  feature: 'points',
  layout: { PK: 'CASE#<caseRef>', SK: 'CASE' },
  patterns: ["a case's member and granted total (cap per case)"],
  memberData: { export: null, onDeletion: 'kept', why: 'a case counter; each grant is exported' },
  key: keys.compensationCase,
  sample: { key: ['<caseRef>'] },
  schema: z.looseObject({ memberId: z.string(), granted: z.number().int(), firstAt: z.string(), lastAt: z.string() }),
});
export const compensationDay = defineEntity({
  name: 'Compensation day',
  feature: 'points',
  layout: { PK: 'COMP#<username>#<business day>', SK: 'COMP' },
  patterns: ["an account's compensation that day (daily cap, TTL)"],
  memberData: 'none',
  key: keys.compensationDay,
  sample: { key: ['<username>', '<business day>'] },
  schema: z.looseObject({ granted: z.number().int(), ttl: z.number().int() }),
});
export const tierApproval = defineEntity({
  name: 'Tier approval',
  feature: 'points',
  layout: { PK: 'TIERAPPROVAL#<memberId>', SK: 'TIERAPPROVAL', GSI1PK: 'TIERAPPROVALS#open', GSI1SK: '<requestedAt>' },
  patterns: ["ops' approval queue (GSI1)"],
  memberData: { export: 'tierApproval', onDeletion: 'erased', why: 'leaves ops’ queue' },
  key: keys.tierApproval,
  indexKeys: keys.openTierApprovalIndex,
  sample: { key: ['<memberId>'], indexKeys: ['<requestedAt>'] },
  schema: z.looseObject({ memberId: z.string(), tier: z.string(), growthFen: z.number().int(), requestedAt: z.string() }),
});
export const liabilityShard = defineEntity({
  name: 'Liability shard',
  feature: 'points',
  layout: { PK: 'LIABILITY', SK: 'SHARD#<n>' },
  patterns: ["finance's outstanding points: one Query, 32 counters, aggregated from the stream (PointsChanged)"],
  memberData: 'none',
  key: keys.liabilityShard,
  sample: { key: [7] },
  schema: z.looseObject({ availablePoints: z.number().int().optional(), pendingPoints: z.number().int().optional(), debtPoints: z.number().int().optional() }),
});
const dayColumns = { day: z.string(), earned: z.number().int(), spent: z.number().int() };
export const liabilityDayShard = defineEntity({
  name: 'Liability day shard',
  feature: 'points',
  layout: { PK: 'LIABDAY#<business day>', SK: 'SHARD#<n>' },
  patterns: ["finance's available points moved per business day by kind (earned, spent, expired, adjusted): one Query per day, 32 counters, aggregated from the stream (PointsEntryAdded)"],
  memberData: 'none',
  key: keys.liabilityDayShard,
  sample: { key: ['<business day>', 7] },
  schema: z.looseObject({ ...dayColumns, expired: z.number().int(), adjusted: z.number().int() }),
});
export const liabilityStoreShard = defineEntity({
  name: 'Liability store day',
  feature: 'points',
  layout: { PK: 'LIABSTORE#<business day>', SK: '<storeId>#<n>' },
  patterns: ["points moved at each store's sales and returns per business day: one Query per day (per store: begins_with), 4 counters a store, from the stream (PointsEntryAdded)"],
  memberData: 'none',
  key: keys.liabilityStoreShard,
  sample: { key: ['<business day>', '<storeId>', 3] },
  schema: z.looseObject({ ...dayColumns, storeId: z.string(), reversed: z.number().int(), refunded: z.number().int() }),
});

export const pointsEntities = [pointsMember, lot, ledgerEntry, pendingPoints, message, inbox, idempotencyKey, compensationCase, compensationDay, tierApproval, liabilityShard, liabilityDayShard, liabilityStoreShard];
