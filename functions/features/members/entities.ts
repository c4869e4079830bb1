import * as z from 'zod';
import { tierCodeSchema } from '../../../shared/settings';
import { defineEntity } from '../../commons/entity';
import { keys } from '../../commons/keys';

/** The members feature's items: members, their identities, the merge queue, one-time codes, code uses, join stats. */
const consent = z.object({ version: z.string(), at: z.string() });
/** Which welcome benefits a person has had (shared/rules/privacy.ts `BenefitsHad`). */
const benefitsHad = z.object({ newMember: z.boolean(), referral: z.boolean() });
const forfeited = z.object({ availablePoints: z.number().int(), pendingPoints: z.number().int(), coupons: z.number().int(), debtWrittenOff: z.number().int() });

export const member = defineEntity({
  name: 'Member',
  feature: 'members',
  layout: { PK: 'MEMBER#<memberId>', SK: 'PROFILE', GSI1PK: 'JOINS#<storeId|ONLINE>#<day>', GSI1SK: '<joinedAt>#<memberId>', GSI2PK: 'TIER#<shard>', GSI2SK: '<tier>#<memberId>' },
  patterns: ['card by id', 'new members per store per business day (GSI1, join-stats job)', 'members above the base tier per shard (sparse GSI2, yearly review)'],
  memberData: { export: 'member', onDeletion: 'anonymised', why: 'personal fields removed; number, join, consents and zero balances stay as the kept ledger’s head (rule 15.3)' },
  key: keys.member,
  indexKeys: (storeId: string | null, day: string, joinedAt: string, memberId: string, tier: string) => ({ ...keys.memberJoinIndex(storeId, day, joinedAt, memberId), ...keys.tierReviewIndex(memberId, tier) }),
  sample: { key: ['<memberId>'], indexKeys: ['<storeId|ONLINE>', '<day>', '<joinedAt>', '<memberId>', '<tier>'] },
  // Loose: the points feature keeps its own attributes on the same item (functions/features/points/entities.ts).
  schema: z.looseObject({
    memberId: z.string(),
    /**
     * `deleting`: a deletion too large for one transaction is under way (rule 15.3): sales, codes and sessions are
     * refused already. `deleted`: the member's personal data is gone; the item stays as the head of the kept ledger.
     */
    status: z.enum(['active', 'deleting', 'deleted']),
    tier: tierCodeSchema,
    appId: z.string().optional(),
    openid: z.string().optional(),
    unionid: z.string().optional(),
    phoneEnc: z.string().optional(),
    phoneHash: z.string().optional(),
    /** Marketing consent (rule 15.1) is separate from membership: absent means never given. */
    consents: z.object({ privacyPolicy: consent, terms: consent, marketing: z.object({ granted: z.boolean(), at: z.string() }).optional() }),
    /** Every identity item (its PK) linked to the member, so a deletion releases each (a member may hold openids of several apps). */
    identityKeys: z.array(z.string()).optional(),
    /** Present when the person's phone or WeChat account was released by an earlier, deleted membership: what it had had (rule 15.4). */
    priorBenefits: benefitsHad.optional(),
    /** When the welcome points were credited (settings `points.welcomePoints`): the once-per-member lock. */
    welcomePointsAt: z.string().optional(),
    /** When the member received a referral reward as the invited friend (set by the referral feature). */
    referralRewardedAt: z.string().optional(),
    /** The deletion, as answered (a retry gets the same answer). */
    deletion: z.object({ requestKey: z.string(), at: z.string(), forfeited, releasedIdentities: z.number().int() }).optional(),
    joinedAt: z.string(),
    joinChannel: z.enum(['scan', 'wechat', 'phone', 'pay']),
    joinStoreId: z.string().nullable(),
    joinRegisterId: z.string().nullable(),
    joinStoreName: z.string().nullable(),
    pointsAvailable: z.number().int(),
    pointsPending: z.number().int(),
    storedValueFen: z.number().int(),
    usableCoupons: z.number().int(),
    /** The member's coupons still available: grant → `<templateId>|<valid from>|<valid through>` (functions/features/coupons). */
    couponWallet: z.record(z.string(), z.string()).optional(),
    mergePending: z.boolean().optional(),
    /** The profile (issue 9): nickname and birthday encrypted (encryptField), found by name through `nameHash`. */
    nicknameEnc: z.string().optional(),
    nameHash: z.string().optional(),
    gender: z.enum(['female', 'male', 'undisclosed']).optional(),
    region: z.string().optional(),
    birthdayEnc: z.string().optional(),
    /** The birth month, 1–12, in plaintext: the birthday double reads it at sale time without decrypting. */
    birthMonth: z.number().int().min(1).max(12).optional(),
    /** Who set the birthday last: `member`, or `staff:<username>` (a correction). */
    birthdaySetBy: z.string().optional(),
  }),
});

const identitySchema = z.looseObject({ kind: z.enum(['openid', 'unionid', 'phone']), memberId: z.string(), linkedAt: z.string() });
export const openidIdentity = defineEntity({
  name: 'Identity (openid)',
  feature: 'members',
  layout: { PK: 'IDENT#OPENID#<appId>:<openid>', SK: 'IDENT' },
  patterns: ['WeChat sign-in → member', 'at most one member per openid'],
  memberData: { export: 'identities', onDeletion: 'released', why: 'deleted, so it can join again; a keyed hash kept apart' },
  key: keys.openidIdentity,
  sample: { key: ['<appId>', '<openid>'] },
  schema: identitySchema,
});
export const unionidIdentity = defineEntity({
  name: 'Identity (unionid)',
  feature: 'members',
  layout: { PK: 'IDENT#UNIONID#<unionid>', SK: 'IDENT' },
  patterns: ["the same person across the chain's WeChat apps"],
  memberData: { export: 'identities', onDeletion: 'released', why: 'deleted, so it can join again; a keyed hash kept apart' },
  key: keys.unionidIdentity,
  sample: { key: ['<unionid>'] },
  schema: identitySchema,
});
export const phoneIdentity = defineEntity({
  name: 'Identity (phone)',
  feature: 'members',
  layout: { PK: 'IDENT#PHONE#<blind index>', SK: 'IDENT' },
  patterns: ['phone → member, without the phone in any key'],
  memberData: { export: 'identities', onDeletion: 'released', why: 'deleted, so it can join again; a keyed hash kept apart' },
  key: keys.phoneIdentity,
  sample: { key: ['<blind index>'] },
  schema: identitySchema,
});
export const nameIdentity = defineEntity({
  name: 'Name index',
  feature: 'members',
  layout: { PK: 'NAME#<blind index>', SK: 'MEMBER#<memberId>' },
  patterns: ['staff search by exact nickname → its members (names are not unique: one item per member), without the name in any key'],
  memberData: { export: 'identities', onDeletion: 'erased', why: 'the nickname’s blind index' },
  key: keys.nameIndex,
  sample: { key: ['<blind index>', '<memberId>'] },
  schema: z.looseObject({ memberId: z.string(), linkedAt: z.string() }),
});
export const memberNoCounter = defineEntity({
  name: 'Member counter',
  feature: 'members',
  layout: { PK: 'COUNTER#MEMBER_NO', SK: 'COUNTER' },
  patterns: ['next member number (atomic ADD)'],
  memberData: 'none',
  key: keys.memberNoCounter,
  sample: { key: [] },
  schema: z.looseObject({ seq: z.number().int() }),
});
export const mergeRequest = defineEntity({
  name: 'Merge request',
  feature: 'members',
  layout: { PK: 'MERGE#<wechatMember>#<phoneMember>', SK: 'MERGE', GSI1PK: 'MERGES#open', GSI1SK: '<createdAt>' },
  patterns: ["customer service's queue (GSI1: open requests only; a decision removes the index keys)", 'idempotent per pair'],
  memberData: { export: 'merges', onDeletion: 'kept', why: 'member numbers and a decision; an open one is closed' },
  key: keys.mergeRequest,
  indexKeys: keys.openMergeIndex,
  sample: { key: ['<wechatMember>', '<phoneMember>'], indexKeys: ['<createdAt>'] },
  schema: z.looseObject({
    mergeId: z.string(),
    wechatMemberId: z.string(),
    phoneMemberId: z.string(),
    createdAt: z.string(),
    status: z.enum(['open', 'done', 'rejected']),
    /** A decided request (it has left the open queue): who decided, when, and their note. */
    decidedAt: z.string().optional(),
    decidedBy: z.string().optional(),
    note: z.string().optional(),
  }),
});
export const oneTimeCode = defineEntity({
  name: 'One-time code',
  feature: 'members',
  layout: { PK: 'OTP#<blind index>', SK: 'OTP' },
  patterns: ['dev sign-in code (TTL)'],
  memberData: { export: null, onDeletion: 'erased', why: 'a 5-minute dev sign-in code' },
  key: keys.otp,
  sample: { key: ['<blind index>'] },
  schema: z.looseObject({ codeHash: z.string(), sentAt: z.number(), expiresAt: z.number(), attempts: z.number().int(), ttl: z.number().int() }),
});
export const memberCodeUse = defineEntity({
  name: 'Member code use',
  feature: 'members',
  layout: { PK: 'CODEUSE#<memberId>#<step>', SK: 'CODEUSE' },
  patterns: ['a member code spends once (TTL)'],
  memberData: { export: null, onDeletion: 'expires', why: 'a code that paid for a sale (TTL); the sale is exported' },
  key: keys.memberCodeUse,
  sample: { key: ['<memberId>', 7] },
  schema: z.looseObject({ saleId: z.string(), ttl: z.number().int() }),
});
export const joinStats = defineEntity({
  name: 'Join stats',
  feature: 'members',
  layout: { PK: 'STATS#JOINS#<business day>', SK: '<storeId>#<registerId>' },
  patterns: ["the dashboard's new members per store, register and day"],
  memberData: 'none',
  key: keys.joinStats,
  sample: { key: ['<business day>', '<storeId>', '<registerId>'] },
  schema: z.looseObject({ day: z.string(), storeId: z.string(), registerId: z.string(), members: z.number().int(), computedAt: z.string() }),
});

export const releasedIdentity = defineEntity({
  name: 'Released identity',
  feature: 'members',
  layout: { PK: 'RELEASED#<keyed hash>', SK: 'RELEASED' },
  patterns: ['a phone or WeChat account whose membership was deleted → which welcome benefits it had, so a new member with it gets none again (TTL: 3 years)'],
  memberData: { export: null, onDeletion: 'released', why: 'written by a deletion, names no member; 3 years (rule 15.4)' },
  key: keys.releasedIdentity,
  sample: { key: ['<keyed hash>'] },
  schema: z.looseObject({ kind: z.enum(['openid', 'unionid', 'phone']), releasedAt: z.string(), expiresAt: z.string(), newMemberBenefit: z.boolean(), referralReward: z.boolean(), ttl: z.number().int() }),
});

export const membersEntities = [member, openidIdentity, unionidIdentity, phoneIdentity, nameIdentity, memberNoCounter, mergeRequest, oneTimeCode, memberCodeUse, joinStats, releasedIdentity];
