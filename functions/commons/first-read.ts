import { batchGetPage } from './dynamodb';

/**
 * A request's first read: everything it must read before deciding, in ONE strongly consistent BatchGetItem.
 * A staff request's session (its account and session items) is not read on its own first: its keys join this
 * read, and the session is checked on what came back before anything else is (`SessionGate`), so a register
 * request costs one round trip for the session, the member and the code's failure window together.
 */
export type ItemKey = { PK: string; SK: string };
export type Item = Record<string, unknown>;

/**
 * A staff session not yet checked on this request. Until it is admitted nothing may be answered or written:
 * the HTTP layer checks it (with a read of its own) before any error is answered and after any route that did
 * not read it. A ledger write made under it carries `commitCheck()`, so a session revoked between the read
 * and the commit refuses the write (exact revocation at commit, not only at the read).
 */
export interface SessionGate {
  readonly keys: ItemKey[];
  readonly admitted: boolean;
  /** Checks the session on the items read with the request's first read (throws 401); records activity. */
  admit(items: ReadonlyMap<string, Item>): Promise<void>;
  /** Reads and checks the session by itself (a request that had nothing else to read, or failed before). */
  verify(): Promise<void>;
  /** A transaction item that fails unless the account still stands as the token says, and what that means. */
  commitCheck(): { item: Record<string, unknown>; deny: () => Error };
}

export const itemKeyOf = (k: ItemKey) => `${k.PK}\u0000${k.SK}`;

export interface ItemsRead {
  get<T = Item>(key: ItemKey): T | undefined;
}

const MAX_ROUNDS = 6;

/** DynamoDB's limit of keys in one BatchGetItem. */
const MAX_BATCH_KEYS = 100;

/**
 * One consistent BatchGetItem of `keys` (its unprocessed keys retried), by key; more than 100 keys are read in
 * batches of 100, side by side.
 */
export async function batchRead(tableName: string, keys: ItemKey[]): Promise<Map<string, Item>> {
  const unique = [...new Map(keys.map((k) => [itemKeyOf(k), { PK: k.PK, SK: k.SK }])).values()];
  if (unique.length > MAX_BATCH_KEYS) {
    const parts = await Promise.all(Array.from({ length: Math.ceil(unique.length / MAX_BATCH_KEYS) }, (_, i) => batchRead(tableName, unique.slice(i * MAX_BATCH_KEYS, (i + 1) * MAX_BATCH_KEYS))));
    return new Map(parts.flatMap((m) => [...m]));
  }
  const found = new Map<string, Item>();
  let pending = unique as Array<Record<string, unknown>>;
  for (let round = 0; pending.length > 0; round++) {
    if (round >= MAX_ROUNDS) throw new Error('a batch read kept coming back unprocessed');
    if (round > 0) await new Promise((r) => setTimeout(r, 10 * 2 ** round));
    const out = await batchGetPage(tableName, pending);
    for (const item of out.items) found.set(itemKeyOf(item as ItemKey), item);
    pending = out.unprocessed;
  }
  return found;
}

/**
 * Reads `keys` together with the session's (while it is not admitted) and admits the session on what came
 * back before returning anything. With nothing to read and no session to check, it reads nothing.
 */
export async function readTogether(tableName: string, keys: ItemKey[], gate?: SessionGate | null): Promise<ItemsRead> {
  const withSession = gate && !gate.admitted ? [...gate.keys, ...keys] : keys;
  const found = withSession.length ? await batchRead(tableName, withSession) : new Map<string, Item>();
  if (gate && !gate.admitted) await gate.admit(found);
  return { get: <T = Item>(key: ItemKey) => found.get(itemKeyOf(key)) as T | undefined };
}
