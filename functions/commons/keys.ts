/**
 * The key builders: every read and write makes its keys here. One table (single-table design); every item has PK
 * and SK. Each kind of item is declared, with its layout, schema and access patterns, in its feature's
 * `entities.ts`; docs/ARCHITECTURE.md's key table is generated from those declarations, and
 * functions/commons/entities.test.ts checks that every builder here belongs to one and renders its layout.
 * Access patterns only ever Get, Query or TransactWrite by key: nothing a request or a scheduled job does scans.
 */

export const TTL_ATTRIBUTE = 'ttl';

/**
 * Job indexes are spread over shards so that one night's work (a month-end expiry of millions of lots) is many
 * partitions read in parallel, not one hot partition. A member always lands on the same shard.
 */
export const JOB_SHARDS = 16;
/** Finance's outstanding-points counters: every change adds to one of these, chosen by member. */
export const LIABILITY_SHARDS = 32;
/**
 * FNV-1a with murmur3's finaliser. Member ids are sequential digits, and a plain `h * 31 + c` is, modulo 16 or 32
 * (31 ≡ −1), just an alternating digit sum: it piled members onto a few shards (a bell curve, the busiest shard
 * ~18× the quietest). Mixing every bit spreads them evenly.
 */
const hashOf = (memberId: string) => {
  let h = 0x811c9dc5;
  for (let i = 0; i < memberId.length; i++) h = Math.imul(h ^ memberId.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
};
export const shardOf = (memberId: string): number => hashOf(memberId) % JOB_SHARDS;
/** Each counter shard takes its own share of members: all 32 are used (not `shardOf % 32`, which is < 16). */
export const liabilityShardOf = (memberId: string): number => hashOf(memberId) % LIABILITY_SHARDS;
/** A counter's shard among `shards` for a key (a member, an event): the same hash, so every shard takes its share. */
export const counterShardOf = (key: string, shards: number): number => hashOf(key) % shards;
/** Per-store points liability counters per day: a store's share of a busy day (a platform's flagship store) spread over a few items. */
export const LIABILITY_STORE_SHARDS = 4;
/**
 * The register day report's counters: a register rings one sale at a time, so its day is one item; a store's
 * platform orders (no register) can arrive in bursts, so they spread over this many.
 */
export const REGISTER_DAY_SHARDS = 8;

/** The table's shape, read by the CDK stack and by the local stack's CreateTable alike. */
export const tableDefinition = {
  partitionKey: 'PK',
  sortKey: 'SK',
  globalSecondaryIndexes: [
    { indexName: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
    { indexName: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
  ],
  ttlAttribute: TTL_ATTRIBUTE,
  /** Domain events are read from the table's stream: the same view locally (DynamoDB Local) and in the cloud. */
  streamViewType: 'NEW_AND_OLD_IMAGES',
} as const;

export const keys = {
  member: (memberId: string) => ({ PK: `MEMBER#${memberId}`, SK: 'PROFILE' }),
  memberJoinIndex: (storeId: string | null, businessDay: string, joinedAt: string, memberId: string) => ({
    GSI1PK: `JOINS#${storeId ?? 'ONLINE'}#${businessDay}`,
    GSI1SK: `${joinedAt}#${memberId}`,
  }),
  joinsOfStoreOnDay: (storeId: string | null, businessDay: string) => `JOINS#${storeId ?? 'ONLINE'}#${businessDay}`,

  openidIdentity: (appId: string, openid: string) => ({ PK: `IDENT#OPENID#${appId}:${openid}`, SK: 'IDENT' }),
  unionidIdentity: (unionid: string) => ({ PK: `IDENT#UNIONID#${unionid}`, SK: 'IDENT' }),
  phoneIdentity: (phoneBlindIndex: string) => ({ PK: `IDENT#PHONE#${phoneBlindIndex}`, SK: 'IDENT' }),
  /** Members by exact nickname (a keyed hash of it): names are not unique, so one item per member under the name. */
  nameIndex: (nameBlindIndex: string, memberId: string) => ({ PK: `NAME#${nameBlindIndex}`, SK: `MEMBER#${memberId}` }),
  namePartition: (nameBlindIndex: string) => `NAME#${nameBlindIndex}`,
  memberNoCounter: () => ({ PK: 'COUNTER#MEMBER_NO', SK: 'COUNTER' }),
  /** A phone or WeChat id released by a deleted membership, by a keyed hash with its own key (never the blind index). */
  releasedIdentity: (hash: string) => ({ PK: `RELEASED#${hash}`, SK: 'RELEASED' }),

  mergeRequest: (wechatMemberId: string, phoneMemberId: string) => ({ PK: `MERGE#${wechatMemberId}#${phoneMemberId}`, SK: 'MERGE' }),
  openMergeIndex: (createdAt: string) => ({ GSI1PK: 'MERGES#open', GSI1SK: createdAt }),
  openMerges: () => 'MERGES#open',

  store: (storeId: string) => ({ PK: `STORE#${storeId}`, SK: 'STORE' }),
  storeIndex: (region: string, storeId: string) => ({ GSI1PK: 'STORES', GSI1SK: `${region}#${storeId}#` }),
  register: (storeId: string, registerId: string) => ({ PK: `STORE#${storeId}`, SK: `REGISTER#${registerId}` }),
  registerIndex: (region: string, storeId: string, registerId: string) => ({ GSI1PK: 'STORES', GSI1SK: `${region}#${storeId}#R#${registerId}` }),
  storesPartition: () => 'STORES',
  scene: (scene: string) => ({ PK: `SCENE#${scene}`, SK: 'SCENE' }),

  staff: (username: string) => ({ PK: `STAFF#${username}`, SK: 'ACCOUNT' }),
  staffIndex: (username: string) => ({ GSI1PK: 'STAFF', GSI1SK: username }),
  staffPartition: () => 'STAFF',
  staffSession: (username: string, sessionId: string) => ({ PK: `STAFF#${username}`, SK: `SESSION#${sessionId}` }),
  staffSignInFailures: (username: string) => ({ PK: `STAFF#${username}`, SK: 'SIGNIN' }),
  compensationCase: (caseRef: string) => ({ PK: `CASE#${caseRef}`, SK: 'CASE' }),
  compensationDay: (username: string, businessDay: string) => ({ PK: `COMP#${username}#${businessDay}`, SK: 'COMP' }),

  audit: (businessDay: string, at: string, id: string) => ({ PK: `AUDIT#${businessDay}`, SK: `${at}#${id}` }),
  auditByActorIndex: (username: string, at: string) => ({ GSI1PK: `AUDITBY#${username}`, GSI1SK: at }),
  auditDay: (businessDay: string) => `AUDIT#${businessDay}`,
  auditByActor: (username: string) => `AUDITBY#${username}`,
  /** What an entry acted on (`member:100000001`, `staff:alice`, `settings`): the audit log by target (sparse GSI2). */
  auditByTargetIndex: (target: string, at: string) => ({ GSI2PK: `AUDITON#${target}`, GSI2SK: at }),
  auditOnTarget: (target: string) => `AUDITON#${target}`,

  settings: () => ({ PK: 'SETTINGS', SK: 'CHAIN' }),
  otp: (phoneBlindIndex: string) => ({ PK: `OTP#${phoneBlindIndex}`, SK: 'OTP' }),
  rateWindow: (bucket: string, key: string, window: number) => ({ PK: `RATE#${bucket}#${key}#${window}`, SK: 'RATE' }),
  joinStats: (businessDay: string, storeId: string, registerId: string) => ({ PK: `STATS#JOINS#${businessDay}`, SK: `${storeId}#${registerId}` }),
  joinStatsDay: (businessDay: string) => `STATS#JOINS#${businessDay}`,

  lot: (memberId: string, expiryDay: string) => ({ PK: `MEMBER#${memberId}`, SK: `LOT#${expiryDay}` }),
  lotExpiryIndex: (memberId: string, expiryDay: string) => ({ GSI2PK: `EXP#${expiryDay}#${shardOf(memberId)}`, GSI2SK: memberId }),
  lotsExpiringOn: (expiryDay: string, shard: number) => `EXP#${expiryDay}#${shard}`,
  lotPrefix: 'LOT#',
  ledgerEntry: (memberId: string, seq: number) => ({ PK: `MEMBER#${memberId}`, SK: `LEDGER#${String(seq).padStart(10, '0')}` }),
  ledgerPrefix: 'LEDGER#',
  pending: (memberId: string, saleId: string) => ({ PK: `MEMBER#${memberId}`, SK: `PENDING#${saleId}` }),
  pendingActivationIndex: (memberId: string, saleId: string, activationDay: string) => ({ GSI2PK: `ACT#${activationDay}#${shardOf(memberId)}`, GSI2SK: `${memberId}#${saleId}` }),
  pendingActivatingOn: (activationDay: string, shard: number) => `ACT#${activationDay}#${shard}`,
  pendingPrefix: 'PENDING#',
  tierReviewIndex: (memberId: string, tier: string) => ({ GSI2PK: `TIER#${shardOf(memberId)}`, GSI2SK: `${tier}#${memberId}` }),
  tierReviewShard: (shard: number) => `TIER#${shard}`,
  message: (memberId: string, at: string, id: string) => ({ PK: `MEMBER#${memberId}`, SK: `MSG#${at}#${id}` }),
  messagePrefix: 'MSG#',
  /** The member's message-centre counters: messages delivered and how many of them were read (one item, exact). */
  inbox: (memberId: string) => ({ PK: `MEMBER#${memberId}`, SK: 'INBOX' }),
  /** A member code that has paid for a sale (TTL): each code spends once. */
  memberCodeUse: (memberId: string, step: number) => ({ PK: `CODEUSE#${memberId}#${step}`, SK: 'CODEUSE' }),
  /** A job's last completed business day (per shard), so a missed night is caught up. */
  jobWatermark: (job: string, shard: number) => ({ PK: `JOBMARK#${job}`, SK: `SHARD#${shard}` }),
  sale: (storeId: string, receiptNo: string) => ({ PK: `SALE#${storeId}#${receiptNo}`, SK: 'SALE' }),
  saleReturn: (storeId: string, returnNo: string) => ({ PK: `RETURN#${storeId}#${returnNo}`, SK: 'RETURN' }),
  /** A member's sales and returns, newest first, for the staff console's timeline (GSI1 on the sale and return items). */
  memberSalesIndex: (memberId: string, at: string, storeId: string, ref: string) => ({ GSI1PK: `MSALES#${memberId}`, GSI1SK: `${at}#${storeId}#${ref}` }),
  memberSales: (memberId: string) => `MSALES#${memberId}`,
  idempotency: (scope: string, key: string) => ({ PK: `IDEMP#${scope}#${key}`, SK: 'IDEMP' }),
  tierApproval: (memberId: string) => ({ PK: `TIERAPPROVAL#${memberId}`, SK: 'TIERAPPROVAL' }),
  openTierApprovalIndex: (requestedAt: string) => ({ GSI1PK: 'TIERAPPROVALS#open', GSI1SK: requestedAt }),
  openTierApprovals: () => 'TIERAPPROVALS#open',
  liabilityShard: (shard: number) => ({ PK: 'LIABILITY', SK: `SHARD#${shard}` }),
  liabilityPartition: () => 'LIABILITY',
  /** The chain's available points moved per business day, by kind: the liability by day (one Query per day). */
  liabilityDayShard: (businessDay: string, shard: number) => ({ PK: `LIABDAY#${businessDay}`, SK: `SHARD#${shard}` }),
  liabilityDay: (businessDay: string) => `LIABDAY#${businessDay}`,
  /** Points moved at each store's sales and returns per business day (one Query per day, or per day and store). */
  liabilityStoreShard: (businessDay: string, storeId: string, shard: number) => ({ PK: `LIABSTORE#${businessDay}`, SK: `${storeId}#${shard}` }),
  liabilityStoreDay: (businessDay: string) => `LIABSTORE#${businessDay}`,
  /** Each register's business day (`-`: sales and joins at the store without a register): one Query per day. */
  registerDay: (businessDay: string, storeId: string, registerId: string | null, shard: number) => ({ PK: `REGDAY#${businessDay}`, SK: `${storeId}#${registerId ?? '-'}#${shard}` }),
  registerDays: (businessDay: string) => `REGDAY#${businessDay}`,
  // ---- coupons (functions/features/coupons/entities.ts) ----
  couponTemplate: (templateId: string) => ({ PK: `COUPONTPL#${templateId}`, SK: 'TEMPLATE' }),
  /** Templates not yet ended (`live`) apart from ended ones, newest first: the console's list and the coupon centre. */
  couponTemplateIndex: (state: 'live' | 'ended', createdAt: string, templateId: string) => ({ GSI1PK: `COUPONTPLS#${state}`, GSI1SK: `${createdAt}#${templateId}` }),
  couponTemplates: (state: 'live' | 'ended') => `COUPONTPLS#${state}`,
  /** One shard of a template's stock and budget: its own partition, so a hot template's claims spread over N items. */
  couponStock: (templateId: string, shard: number) => ({ PK: `COUPONSTOCK#${templateId}#${shard}`, SK: 'STOCK' }),
  couponPack: (packId: string) => ({ PK: `COUPONPACK#${packId}`, SK: 'PACK' }),
  couponPackIndex: (createdAt: string, packId: string) => ({ GSI1PK: 'COUPONPACKS', GSI1SK: `${createdAt}#${packId}` }),
  couponPacks: () => 'COUPONPACKS',
  /** How many coupons of a template a member ever received (the per-member limit, keyed on the member id). */
  couponCount: (memberId: string, templateId: string) => ({ PK: `MEMBER#${memberId}`, SK: `COUPONCOUNT#${templateId}` }),
  couponGrant: (memberId: string, grantId: string) => ({ PK: `MEMBER#${memberId}`, SK: `COUPON#${grantId}` }),
  couponGrantPrefix: 'COUPON#',
  couponCountPrefix: 'COUPONCOUNT#',
  /** Grants still available, by last valid day and member shard (sparse GSI2): the expiry and reminder jobs. */
  couponExpiryIndex: (memberId: string, lastDay: string, grantId: string) => ({ GSI2PK: `CPNEXP#${lastDay}#${shardOf(memberId)}`, GSI2SK: `${memberId}#${grantId}` }),
  couponsExpiringOn: (lastDay: string, shard: number) => `CPNEXP#${lastDay}#${shard}`,
  /** A claim or issue under an idempotency key: a retry answers the first result (TTL). */
  couponClaim: (memberId: string, key: string) => ({ PK: `COUPONCLAIM#${memberId}#${key}`, SK: 'CLAIM' }),
  /** A reaction that has handled a domain event: the consumer's once-per-event receipt. */
  reactionReceipt: (reaction: string, eventId: string) => ({ PK: `REACTION#${reaction}#${eventId}`, SK: 'REACTION' }),
} as const;
