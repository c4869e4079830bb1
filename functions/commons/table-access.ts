import type { RouteGroup } from '../../shared/routes';

/**
 * What each Lambda may do to the table: the one declaration the stack's IAM policies are made from, and that
 * tests/integration/table-access.test.ts checks against what each function's code actually sends (every action
 * it sends is declared here, and every action declared here is sent by some path the test drives).
 *
 * Actions are IAM's: a transaction's items need the action of each item (Put → PutItem, ConditionCheck →
 * ConditionCheckItem), there is no separate permission for TransactWriteItems itself. Nobody scans, and nobody
 * uses BatchWriteItem or ConditionCheckItem today.
 *
 * Why each has what it has:
 * - anything that changes points goes through the ledger (functions/features/points/points-ledger.ts): Get/Update the member, Put ledger
 *   entries, Put and Delete the LOT# mirror items (a lot used up, or expired inline by any change), and a Query
 *   of a member's LOT# items for a member written before the lots moved into the member item;
 * - staff and cashier sessions are checked with one BatchGetItem (account + session) and an activity Update.
 */
export type FunctionName = RouteGroup | 'jobs' | 'events';
export type TableAction = 'GetItem' | 'PutItem' | 'UpdateItem' | 'DeleteItem' | 'ConditionCheckItem' | 'Query' | 'Scan' | 'BatchGetItem' | 'BatchWriteItem';
export type IndexName = 'GSI1' | 'GSI2';

export interface FunctionTableAccess {
  /** Actions on the table's own items (and Query of its own partitions). */
  table: readonly TableAction[];
  /** Indexes the function queries (Query only). */
  indexes: readonly IndexName[];
  /**
   * Where given: the only partition-key prefixes the function may touch, enforced with `dynamodb:LeadingKeys`
   * (ForAllValues:StringLike `<prefix>*`, or the exact key when it has no `#`). On the table statement only.
   */
  leadingKeys?: readonly string[];
}

const ledger = ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query'] as const;

export const tableAccess: Record<FunctionName, FunctionTableAccess> = {
  // Unauthenticated: sign-in (one-time codes, rate windows, identities), staff sign-in (account, failures and
  // lock-out with its audit entry, the session; a cashier's register), the join scene and the settings.
  public: {
    table: ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query', 'BatchGetItem'],
    indexes: [],
    leadingKeys: ['SETTINGS', 'SCENE#', 'STORE#', 'STAFF#', 'RATE#', 'OTP#', 'IDENT#', 'AUDIT#'],
  },
  // Join (member counter, identities, merge requests), the card and points of the caller, daily sign-in, the
  // profile (the member item and its NAME# index items). Joining reads every identity the token carries and the
  // join scene in one BatchGetItem. The member's purchases are their sales and returns (GSI1 `MSALES#<member>`),
  // with the stores' names in one BatchGetItem. The member's export reads the audit entries about them (GSI2).
  shopper: { table: [...ledger, 'BatchGetItem'], indexes: ['GSI1', 'GSI2'] },
  // Sales, returns, quotes and identification at the register; a payer who authorised membership joins.
  // The first read (session, account, member, code window) is one BatchGetItem; the account is checked again at commit.
  pos: { table: [...ledger, 'BatchGetItem', 'ConditionCheckItem'], indexes: [] },
  // Platform orders: sales found by phone.
  channel: { table: [...ledger, 'BatchGetItem'], indexes: [] },
  // The back office: accounts, stores, members, audit log (by day on the table, by actor on GSI1, by target on
  // GSI2), queues on GSI1; a member's timeline reads their sales and returns (GSI1) and the audit entries about
  // them (GSI2), and its adjustments' actors with one BatchGetItem.
  staff: { table: [...ledger, 'BatchGetItem'], indexes: ['GSI1', 'GSI2'] },
  // The scheduled jobs: GSI2's sparse job indexes, GSI1's joins per store and day, the ledger, watermarks; the
  // coupon expiry reads the designs of the templates it releases budget for (one BatchGetItem, cached).
  jobs: { table: [...ledger, 'BatchGetItem'], indexes: ['GSI1', 'GSI2'] },
  // The stream consumer: receipts (Get, conditional Put) and what reactions write (Update: the liability counters,
  // the liability by day and by store, the register days); after a membership is deleted, its messages are found
  // (Query of the member's partition) and erased (Delete). The new-member pack is a grant (coupons/grants.ts: one
  // BatchGetItem of the templates, their shards, the member's counts, the member and the claim record).
  events: { table: ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query', 'BatchGetItem'], indexes: [] },
};

/** `dynamodb:LeadingKeys` patterns for a function's prefixes. */
export const leadingKeyPatterns = (prefixes: readonly string[]): string[] => prefixes.map((p) => (p.endsWith('#') ? `${p}*` : p));
