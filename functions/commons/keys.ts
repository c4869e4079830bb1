/**
 * All DynamoDB key design, in one place. One table (single-table design); every item has PK and SK.
 * docs/ARCHITECTURE.md carries the same table. Access patterns only ever Get, Query or TransactWrite
 * by key: nothing a request or a scheduled job does scans the table.
 *
 * | Entity            | PK                               | SK                    | GSI1PK                        | GSI1SK                    | Access pattern served                                   |
 * |-------------------|----------------------------------|-----------------------|-------------------------------|---------------------------|---------------------------------------------------------|
 * | Member            | MEMBER#<memberId>                | PROFILE               | JOINS#<storeId|ONLINE>#<day>  | <joinedAt>#<memberId>     | card by id; new members per store per day (join-stats)  |
 * | Identity          | IDENT#OPENID#<appId>:<openid>    | IDENT                 | –                             | –                         | WeChat sign-in → member; one member per openid          |
 * |                   | IDENT#UNIONID#<unionid>          | IDENT                 | –                             | –                         | same person across the chain's WeChat apps              |
 * |                   | IDENT#PHONE#<blind index>        | IDENT                 | –                             | –                         | phone → member without storing the phone in a key      |
 * | Member counter    | COUNTER#MEMBER_NO                | COUNTER               | –                             | –                         | next member number (atomic ADD)                         |
 * | Merge request     | MERGE#<wechatMember>#<phoneMember>| MERGE                | MERGES#open                   | <createdAt>               | queue for customer service, idempotent per pair         |
 * | Store             | STORE#<storeId>                  | STORE                 | STORES                        | <region>#<storeId>#       | list stores (by region) with their registers            |
 * | Register          | STORE#<storeId>                  | REGISTER#<registerId> | STORES                        | <region>#<storeId>#R#<id> |                                                         |
 * | Join scene        | SCENE#<scene>                    | SCENE                 | –                             | –                         | scan-to-join QR scene → store and register              |
 * | Staff account     | STAFF#<username>                 | ACCOUNT               | STAFF                         | <username>                | sign-in; list accounts                                  |
 * | Audit entry       | AUDIT#<business day>             | <at>#<id>             | AUDITBY#<username>            | <at>                      | audit log by day; by actor                              |
 * | Settings          | SETTINGS                         | CHAIN                 | –                             | –                         | chain settings                                          |
 * | One-time code     | OTP#<blind index>                | OTP                   | –                             | –                         | dev sign-in code (TTL)                                  |
 * | Rate-limit window | RATE#<bucket>#<key>#<window>     | RATE                  | –                             | –                         | per-key request counter (TTL)                           |
 * | Join stats        | STATS#JOINS#<business day>       | <storeId>#<registerId>| –                             | –                         | new members per store/register per day                  |
 *
 * `ttl` (epoch seconds) expires one-time codes and rate-limit windows.
 */

export const TTL_ATTRIBUTE = 'ttl';

/** The table's shape, read by the CDK stack and by the local stack's CreateTable alike. */
export const tableDefinition = {
  partitionKey: 'PK',
  sortKey: 'SK',
  globalSecondaryIndexes: [{ indexName: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' }],
  ttlAttribute: TTL_ATTRIBUTE,
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
  memberNoCounter: () => ({ PK: 'COUNTER#MEMBER_NO', SK: 'COUNTER' }),

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

  audit: (businessDay: string, at: string, id: string) => ({ PK: `AUDIT#${businessDay}`, SK: `${at}#${id}` }),
  auditByActorIndex: (username: string, at: string) => ({ GSI1PK: `AUDITBY#${username}`, GSI1SK: at }),
  auditDay: (businessDay: string) => `AUDIT#${businessDay}`,
  auditByActor: (username: string) => `AUDITBY#${username}`,

  settings: () => ({ PK: 'SETTINGS', SK: 'CHAIN' }),
  otp: (phoneBlindIndex: string) => ({ PK: `OTP#${phoneBlindIndex}`, SK: 'OTP' }),
  rateWindow: (bucket: string, key: string, window: number) => ({ PK: `RATE#${bucket}#${key}#${window}`, SK: 'RATE' }),
  joinStats: (businessDay: string, storeId: string, registerId: string) => ({ PK: `STATS#JOINS#${businessDay}`, SK: `${storeId}#${registerId}` }),
  joinStatsDay: (businessDay: string) => `STATS#JOINS#${businessDay}`,
} as const;
