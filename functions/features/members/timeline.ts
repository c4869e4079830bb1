import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { TimelineEntry } from '../../../shared/features/members/schemas';
import type { ChainSettings } from '../../../shared/settings';
import type { AppConfig } from '../../commons/config';
import { invalidCursor, openCursor, sealCursor } from '../../commons/cursor';
import { ddb } from '../../commons/dynamodb';
import { batchRead, itemKeyOf } from '../../commons/first-read';
import { msg, notFound } from '../../commons/errors';
import { keys } from '../../commons/keys';
import { getSettings } from '../settings/settings';
import { getMember, type MemberItem } from './members';

/**
 * A member's timeline for staff: everything that happened to them, newest first, merged from the sources that
 * record it, each read by key (a GetItem and four Queries in parallel per page, nothing scanned):
 *
 *   joined   the member item (its join)
 *   sales    the member's sales and returns (GSI1 `MSALES#<member>`, written on the sale and return items); a
 *            sale that moved the member up a tier, or queued them for an approval tier, also gives a `tier` entry
 *   points   the ledger (`LEDGER#…`): points, balance after, the shopper's text, an adjustment's internal note
 *            and its actor (an adjustment's actor is the `by` of its idempotency record, read by key)
 *   message  the message centre (`MSG#…`); a tier decision's message (kind `tier`) is a `tier` entry
 *   audit    audit entries whose target is the member (GSI2 `AUDITON#member:<id>`)
 *
 * Tier changes are recorded in these places only: a sale's result (an upgrade at once, or an approval queued),
 * the approval's message and audit entry. The yearly review (1 January) changes the tier without any record but
 * the member's `lastTierReview`, so it does not appear here.
 *
 * Paging is a k-way merge: each source is read from its own position, one more item than the page can take,
 * the heads are merged by time (ties in a fixed source order), and the page takes a prefix of each source. The
 * cursor holds every source's position (the key of the last item it gave, and how many entries of the next item
 * were already shown, for an item giving two), sealed with the cursor key and bound to the member, so a page
 * never skips or repeats an entry, and a cursor forged, edited or issued for another member or list is a 400.
 */
type Key = Record<string, string>;
type Item = Record<string, unknown>;
/**
 * A source's position, compact (the cursor travels in a query string): `[skip, ...key]`, after the item whose key
 * values are given (none: from the source's newest), skipping the first `skip` entries of the next item; null
 * when the source is done. Key values only: the index partition is the member's, rebuilt from the bound member.
 */
type Position = [number, ...string[]] | null;

/** The sources, in the order that breaks ties between equal times (an audit entry before what it caused). */
const SOURCES = ['audit', 'message', 'points', 'sales', 'joined'] as const;
type SourceName = (typeof SOURCES)[number];
type Positions = Record<SourceName, Position>;

const positionSchema = z.tuple([z.number().int().min(0).max(1)], z.string().max(200)).nullable();
/** How many key values each source's position carries (none at the start). */
const ARITY: Record<SourceName, number> = { audit: 3, message: 1, points: 1, sales: 3, joined: 0 };
const cursorSchema = z.object({ v: z.literal(1), p: z.tuple([positionSchema, positionSchema, positionSchema, positionSchema, positionSchema]) });

const START: Positions = { audit: [0], message: [0], points: [0], sales: [0], joined: [0] };

/** An entry and the time its source is ordered by (a message's sort time, which may differ from when it was written). */
type Sorted = { order: string; entry: TimelineEntry };

const blank = { storeId: null, registerId: null, amountFen: null, points: null, balanceAfter: null, internalNote: null, shopperText: null, actor: null, ref: null } satisfies Partial<TimelineEntry>;

interface Source {
  /** Up to `n` items after the item with key values `after` (none: from the newest), newest first, and whether the source has more after them. */
  read(after: string[], n: number): Promise<{ items: Item[]; more: boolean }>;
  /** The item's key values, as `read` takes them. */
  keyOf(item: Item): string[];
  /** The item's entries, newest first (at least one). */
  entriesOf(item: Item): Sorted[];
}

const pick = (item: Item, names: string[]): string[] => names.map((n) => item[n] as string);

function sourcesFor(config: AppConfig, member: MemberItem, settings: ChainSettings): Record<SourceName, Source> {
  const t = config.tableName;
  const memberPk = keys.member(member.memberId).PK;
  const query = async (input: { IndexName?: string; KeyConditionExpression: string; ExpressionAttributeValues: Record<string, string> }, after: Key | undefined, n: number) => {
    const out = await ddb().send(new QueryCommand({ TableName: t, ...input, ScanIndexForward: false, Limit: n, ExclusiveStartKey: after }));
    return { items: out.Items ?? [], more: out.LastEvaluatedKey !== undefined };
  };
  const tierName = (code: string) => settings.tiers.find((x) => x.code === code)?.name ?? { zh: code, en: code };

  return {
    joined: {
      read: async (after) => ({ items: after.length ? [] : [member], more: false }),
      keyOf: () => [],
      entriesOf: (m) => {
        const at = m.joinedAt as string;
        return [{ order: at, entry: { ...blank, id: `${memberPk}/PROFILE`, at, kind: 'joined', storeId: member.joinStoreId, registerId: member.joinRegisterId, internalNote: `join channel: ${member.joinChannel}` } }];
      },
    },
    sales: {
      read: (after, n) => {
        const pk = keys.memberSales(member.memberId);
        return query({ IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': pk } }, after.length ? { PK: after[0], SK: after[1], GSI1PK: pk, GSI1SK: after[2] } : undefined, n);
      },
      keyOf: (i) => pick(i, ['PK', 'SK', 'GSI1SK']),
      entriesOf: (i) => {
        // GSI1SK: `<at>#<storeId>#<receipt or return number>`.
        const sk = i.GSI1SK as string;
        const [at, storeId] = sk.split('#');
        const ref = sk.slice(at.length + storeId.length + 2);
        const id = `${i.PK as string}/${i.SK as string}`;
        if (i.type === 'return') {
          const result = i.result as { refundFen: number };
          return [{ order: at, entry: { ...blank, id, at, kind: 'return', storeId, amountFen: result.refundFen, internalNote: `sale ${i.saleId as string}`, ref } }];
        }
        const registerId = (i.registerId as string | null | undefined) ?? null;
        const channel = i.channel as string | undefined;
        const sale: Sorted = { order: at, entry: { ...blank, id, at, kind: 'sale', storeId, registerId, amountFen: i.netFen as number, internalNote: channel && channel !== 'pos' ? `channel: ${channel}` : null, ref } };
        const tier = (i.result as { tier: { code: string; upgradedFrom: string | null; approvalQueued: string | null } | null }).tier;
        if (!tier || (!tier.upgradedFrom && !tier.approvalQueued)) return [sale];
        const to = tierName(tier.code);
        const texts = [
          ...(tier.upgradedFrom ? [{ zh: `升级为${to.zh}`, en: `upgraded to ${to.en}` }] : []),
          ...(tier.approvalQueued ? [{ zh: `已达${tierName(tier.approvalQueued).zh}标准，等待审核`, en: `reached ${tierName(tier.approvalQueued).en}, awaiting approval` }] : []),
        ];
        const shopperText = { zh: texts.map((x) => x.zh).join('；'), en: texts.map((x) => x.en).join('; ') };
        // The upgrade came of the sale: newest first, it comes before it.
        return [{ order: at, entry: { ...blank, id: `${id}/tier`, at, kind: 'tier', storeId, registerId, shopperText, ref } }, sale];
      },
    },
    points: {
      read: (after, n) => query({ KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)', ExpressionAttributeValues: { ':pk': memberPk, ':p': keys.ledgerPrefix } }, after.length ? { PK: memberPk, SK: after[0] } : undefined, n),
      keyOf: (i) => pick(i, ['SK']),
      entriesOf: (e) => {
        const at = e.at as string;
        return [
          {
            order: at,
            entry: {
              ...blank,
              id: e.SK as string,
              at,
              kind: 'points',
              points: e.points as number,
              balanceAfter: e.balanceAfter as number,
              shopperText: e.reason as { zh: string; en: string },
              internalNote: (e.staffNote as string | undefined) ?? null,
              actor: (e.actor as string | undefined) ?? null,
              ref: (e.ref as string | null) ?? `LEDGER#${String(e.seq)}`,
            },
          },
        ];
      },
    },
    message: {
      read: (after, n) => query({ KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)', ExpressionAttributeValues: { ':pk': memberPk, ':p': keys.messagePrefix } }, after.length ? { PK: memberPk, SK: after[0] } : undefined, n),
      keyOf: (i) => pick(i, ['SK']),
      entriesOf: (m) => {
        const sk = m.SK as string;
        const title = m.title as { zh: string; en: string };
        const body = m.body as { zh: string; en: string };
        return [
          {
            order: sk.slice(keys.messagePrefix.length).split('#')[0],
            entry: { ...blank, id: sk, at: m.at as string, kind: m.kind === 'tier' ? 'tier' : 'message', shopperText: { zh: `${title.zh}：${body.zh}`, en: `${title.en}: ${body.en}` }, ref: m.messageId as string },
          },
        ];
      },
    },
    audit: {
      read: (after, n) => {
        const pk = keys.auditOnTarget(`member:${member.memberId}`);
        return query({ IndexName: 'GSI2', KeyConditionExpression: 'GSI2PK = :pk', ExpressionAttributeValues: { ':pk': pk } }, after.length ? { PK: after[0], SK: after[1], GSI2PK: pk, GSI2SK: after[2] } : undefined, n);
      },
      keyOf: (i) => pick(i, ['PK', 'SK', 'GSI2SK']),
      entriesOf: (a) => {
        const at = a.at as string;
        return [{ order: at, entry: { ...blank, id: `${a.PK as string}/${a.SK as string}`, at, kind: 'audit', internalNote: a.action as string, actor: a.actor as string } }];
      },
    },
  };
}

interface Loaded {
  name: SourceName;
  items: Item[];
  more: boolean;
  /** The entries read, after the position's skip, each with its item and its place among the item's entries. */
  entries: Array<Sorted & { item: number; nth: number; of: number }>;
}

export async function memberTimeline(config: AppConfig, memberId: string, q: { cursor?: string; limit: number }) {
  const scope = `timeline:${memberId}`;
  const positions = positionsOf(openCursor(config.keys.cursor, scope, q.cursor));
  const [member, settings] = await Promise.all([getMember(config.tableName, memberId), getSettings(config.tableName)]);
  if (!member) throw notFound(msg(`会员 ${memberId} 不存在`, `No member ${memberId}`));
  const sources = sourcesFor(config, member, settings);

  // Each source: one more item than the page can take (every item gives at least one entry), so a source whose
  // items are all shown and that says it has no more is done, and the last page's cursor is null.
  const loaded: Loaded[] = await Promise.all(
    SOURCES.map(async (name): Promise<Loaded> => {
      const pos = positions[name];
      if (!pos) return { name, items: [], more: false, entries: [] };
      const [skip, ...after] = pos;
      const { items, more } = await sources[name].read(after, q.limit + 1);
      const entries = items.flatMap((item, i) => {
        const all = sources[name].entriesOf(item);
        return all.map((e, nth) => ({ ...e, item: i, nth, of: all.length })).filter((e) => i > 0 || e.nth >= skip);
      });
      return { name, items, more, entries };
    }),
  );

  // The k-way merge: newest head first; equal times in the sources' fixed order.
  const taken = new Map<SourceName, number>(SOURCES.map((s) => [s, 0]));
  const page: TimelineEntry[] = [];
  while (page.length < q.limit) {
    let best: Loaded | undefined;
    for (const l of loaded) {
      const head = l.entries[taken.get(l.name)!];
      if (head && (!best || head.order > best.entries[taken.get(best.name)!].order)) best = l;
    }
    if (!best) break;
    page.push(best.entries[taken.get(best.name)!].entry);
    taken.set(best.name, taken.get(best.name)! + 1);
  }

  const next = { ...positions };
  for (const l of loaded) {
    const n = taken.get(l.name)!;
    if (!positions[l.name]) continue;
    if (n === l.entries.length && !l.more) {
      next[l.name] = null;
      continue;
    }
    if (n === 0) continue;
    const last = l.entries[n - 1];
    const source = sources[l.name];
    if (last.nth === last.of - 1) next[l.name] = [0, ...source.keyOf(l.items[last.item])];
    else next[l.name] = [last.nth + 1, ...(last.item === 0 ? positions[l.name]!.slice(1) as string[] : source.keyOf(l.items[last.item - 1]))];
  }
  const done = SOURCES.every((s) => next[s] === null);
  await withActors(config, memberId, page);
  return { items: page, cursor: done ? null : sealCursor(config.keys.cursor, scope, { v: 1, p: SOURCES.map((s) => next[s]) }) };
}

/** The positions a cursor carries (we signed it, but a cursor of another shape is still a 400, never a 500). */
function positionsOf(payload: Record<string, unknown> | undefined): Positions {
  if (!payload) return START;
  const parsed = cursorSchema.safeParse(payload);
  if (!parsed.success) throw invalidCursor();
  const positions = Object.fromEntries(SOURCES.map((s, i) => [s, parsed.data.p[i]])) as Positions;
  for (const s of SOURCES) {
    const p = positions[s];
    if (p && p.length !== 1 && p.length !== 1 + ARITY[s]) throw invalidCursor();
  }
  return positions;
}

/**
 * The staff account behind each adjustment on the page: the ledger entry keeps the internal note, not the actor;
 * the adjustment's idempotency record (`IDEMP#adjust#<member>#<key>`, named by the entry's ref) has it. One
 * BatchGetItem, only for a page with adjustments whose entry does not carry its actor.
 */
async function withActors(config: AppConfig, memberId: string, page: TimelineEntry[]) {
  const adjustPrefix = 'ADJUST#';
  const wanting = page.filter((e) => e.kind === 'points' && e.actor === null && e.ref?.startsWith(adjustPrefix));
  if (!wanting.length) return;
  const keyOf = (e: TimelineEntry) => keys.idempotency('adjust', `${memberId}#${e.ref!.slice(adjustPrefix.length)}`);
  const found = await batchRead(config.tableName, wanting.map(keyOf));
  for (const e of wanting) {
    const k = keyOf(e);
    e.actor = (found.get(itemKeyOf(k))?.by as string | undefined) ?? null;
  }
}
