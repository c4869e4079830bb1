import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { z } from 'zod';
import type { DataExportSection } from '../../shared/features/members/privacy-schemas';
import { ddb } from './dynamodb';

/**
 * One kind of item in the one table, declared once: its keys (as the key table shows them, and the builder that
 * makes them), its item schema (zod) and the TypeScript type derived from it, and the access patterns it serves.
 * docs/ARCHITECTURE.md's key table is generated from these (`npm run docs:keys`); a test fails when the table,
 * the layouts and the key builders disagree.
 *
 * Why not ElectroDB or dynamodb-toolbox: the ledgers' writes are hand-tuned transactions (an optimistic lock on the
 * member's `pointsRev`, the caller's own items beside the ledger's, each tagged with what a failed condition
 * means: functions/commons/guarded-change.ts) that those libraries express only through escape hatches, and each
 * adds 100 KB or more to every Lambda against a 300 KB budget. What we need from them is small: a typed read, a
 * schema checked where it counts, and keys and layout in one place.
 *
 * Items are checked against the schema when read under `VALIDATE_ITEMS=1` (every test run sets it), so a write
 * that drifts from its declaration fails the suite; in production a read costs no validation CPU, since only
 * these definitions write the items.
 */
export type KeyAttribute = 'PK' | 'SK' | 'GSI1PK' | 'GSI1SK' | 'GSI2PK' | 'GSI2SK';
export type KeyLayout = { PK: string; SK: string } & Partial<Record<Exclude<KeyAttribute, 'PK' | 'SK'>, string>>;
export type TableKey = { PK: string; SK: string };

/**
 * What an item holds about one member, for the member's rights (PIPL; docs/BUSINESS-RULES.md item 15): `'none'`
 * for an item about no one member (stores, staff, settings, counters, aggregates); else the section of the export
 * (`GET /me/data-export`) that carries it, or null with `why` it is not exported, and what deleting the membership
 * does to it. functions/features/members/privacy.test.ts fails when an entity that holds member data is not read by
 * the export, and docs/ARCHITECTURE.md's personal-data table is generated from these (`npm run docs:keys`).
 */
export type MemberData =
  | 'none'
  | {
      export: DataExportSection | null;
      /**
       * erased: deleted (or emptied) by the deletion; anonymised: kept with its personal fields removed; kept: kept as
       * it is, under the member number (pseudonymous), for finance or the audit log; released: deleted, and a keyed
       * hash kept apart for anti-abuse (rule 15.4); expires: removed by TTL soon after.
       */
      onDeletion: 'erased' | 'anonymised' | 'kept' | 'released' | 'expires';
      /** Why, and for how long what is kept is kept (a few words; shown in the personal-data table). */
      why: string;
    };

export interface EntityDefinition<S extends z.ZodType, A extends unknown[]> {
  /** As the business says it: "Points lot", "Staff session". */
  name: string;
  /** The feature that owns the item (functions/features/<feature>). */
  feature: string;
  /** The keys as the key table shows them: literal text, with `<what>` where a value goes. */
  layout: KeyLayout;
  /** What the keys (and any index keys) make possible, in the business's words. */
  patterns: readonly string[];
  /** The builder every read and write uses. */
  key: (...args: A) => TableKey;
  /** Index keys the item carries, when it carries any (same arguments as `sample` below, after the key's). */
  indexKeys?: (...args: never[]) => Partial<Record<KeyAttribute, string>>;
  /** Arguments that render the layout from the builders: the test checks each literal part of the layout. */
  sample: { key: A; indexKeys?: unknown[] };
  /** The item's attributes besides the keys. */
  schema: S;
  /** What it holds about one member, how the export carries it, and what deletion does to it. */
  memberData: MemberData;
}

export type Entity<S extends z.ZodType, A extends unknown[]> = EntityDefinition<S, A> & {
  /** The item as the schema says (checked under VALIDATE_ITEMS=1); undefined when there is none. */
  parse(item: Record<string, unknown> | undefined): z.infer<S> | undefined;
  /** A Query's items, each as the schema says (checked under VALIDATE_ITEMS=1). */
  parseAll(items: Record<string, unknown>[] | undefined): z.infer<S>[];
  /** GetItem by key. */
  get(tableName: string, args: A, options?: { consistent?: boolean }): Promise<z.infer<S> | undefined>;
};
export type ItemOf<E> = E extends { schema: infer S extends z.ZodType } ? z.infer<S> : never;

const validating = () => process.env.VALIDATE_ITEMS === '1';

export class ItemShapeError extends Error {}

export function defineEntity<S extends z.ZodType, A extends unknown[]>(def: EntityDefinition<S, A>): Entity<S, A> {
  const parse = (item: Record<string, unknown> | undefined): z.infer<S> | undefined => {
    if (item === undefined) return undefined;
    if (validating()) {
      const result = def.schema.safeParse(item);
      if (!result.success) throw new ItemShapeError(`${def.name} item ${String(item.PK)} ${String(item.SK)} does not match its declaration: ${result.error.message}`);
    }
    return item as z.infer<S>;
  };
  return {
    ...def,
    parse,
    parseAll: (items) => (items ?? []).map((i) => parse(i)!),
    async get(tableName, args, options = {}) {
      const out = await ddb().send(new GetCommand({ TableName: tableName, Key: def.key(...args), ConsistentRead: options.consistent }));
      return parse(out.Item);
    },
  };
}
