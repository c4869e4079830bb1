import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { StaffRole, StaffScope } from '../../../shared/roles';
import { keys } from '../../commons/keys';
import { ddb } from '../../commons/dynamodb';
import { openCursor, sealCursor } from '../../commons/cursor';
import { businessDay } from '../../commons/clock';

/**
 * Reading the audit log: one business day, one actor across days, or one target across days (what was acted
 * on: `member:100000001`, `staff:alice`, `settings`), newest first, paged by cursor; optionally one action.
 *
 * Which partition is read: the target's (GSI2) when a target is given, else the actor's (GSI1), else the day's
 * (the table). A target with an actor reads the target's entries and keeps the actor's; the action is always a
 * filter on the partition read. A date alongside an actor or a target is ignored, as it always was with an actor.
 *
 * A scoped viewer sees only entries whose actor lies within its scope: a region viewer the actors of its
 * region (region accounts and accounts of its stores), a store viewer the accounts of its store. Each entry
 * carries its actor's scope, so this is a filter, not a read per entry.
 *
 * A filter makes DynamoDB pages short, so a page is gathered over a few reads; when it holds more matches
 * than asked, the cursor is the key of the last entry returned, so nothing is skipped or repeated. A cursor is
 * bound to the partition and the filters it was issued for.
 */
const ROUND_SIZE = 100;
const MAX_ROUNDS = 5;

type Key = Record<string, string>;
type Partition = { name: 'PK' | 'GSI1PK' | 'GSI2PK'; value: string; index?: 'GSI1' | 'GSI2' };

function scopeFilter(viewer: StaffScope): { conditions: string[]; values: Record<string, string> } {
  if (viewer.level === 'region') return { conditions: ['actorRegion = :viewerRegion'], values: { ':viewerRegion': viewer.region } };
  if (viewer.level === 'store') return { conditions: ['actorStoreId = :viewerStore'], values: { ':viewerStore': viewer.storeId } };
  return { conditions: [], values: {} };
}

function partitionOf(q: { date?: string; actor?: string; target?: string }): Partition {
  if (q.target !== undefined) return { name: 'GSI2PK', value: keys.auditOnTarget(q.target), index: 'GSI2' };
  if (q.actor !== undefined) return { name: 'GSI1PK', value: keys.auditByActor(q.actor), index: 'GSI1' };
  return { name: 'PK', value: keys.auditDay(q.date ?? businessDay()) };
}

export async function listAudit(
  config: { tableName: string; keys: { cursor: Buffer } },
  viewer: StaffScope,
  q: { date?: string; actor?: string; target?: string; action?: string; cursor?: string; limit: number },
) {
  const partition = partitionOf(q);
  // The actor is the partition unless a target is; then it is a filter on the target's entries.
  const actorFilter = q.target !== undefined && q.actor !== undefined ? q.actor : undefined;
  // A cursor pages only the partition (day, actor or target) and the filters it was issued for.
  const cursorScope = [`audit:${partition.name}:${partition.value}`, ...(actorFilter !== undefined ? [`actor=${actorFilter}`] : []), ...(q.action !== undefined ? [`action=${q.action}`] : [])].join('\n');
  let start = openCursor(config.keys.cursor, cursorScope, q.cursor) as Key | undefined;
  const scope = scopeFilter(viewer);
  const conditions = [...scope.conditions, ...(actorFilter !== undefined ? ['actor = :actor'] : []), ...(q.action !== undefined ? ['#action = :action'] : [])];
  const values: Record<string, string> = { ':pk': partition.value, ...scope.values, ...(actorFilter !== undefined ? { ':actor': actorFilter } : {}), ...(q.action !== undefined ? { ':action': q.action } : {}) };
  const filtered = conditions.length > 0;
  const found: Array<Record<string, unknown>> = [];
  let cursor: Key | undefined;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const out = await ddb().send(
      new QueryCommand({
        TableName: config.tableName,
        ...(partition.index ? { IndexName: partition.index } : {}),
        KeyConditionExpression: `${partition.name} = :pk`,
        FilterExpression: filtered ? conditions.join(' AND ') : undefined,
        ...(q.action !== undefined ? { ExpressionAttributeNames: { '#action': 'action' } } : {}),
        ExpressionAttributeValues: values,
        ScanIndexForward: false,
        // Unfiltered, a page is exactly what was asked; filtered, read ahead and cut.
        Limit: filtered ? ROUND_SIZE : q.limit - found.length,
        ExclusiveStartKey: start,
      }),
    );
    const items = out.Items ?? [];
    const room = q.limit - found.length;
    if (items.length >= room) {
      found.push(...items.slice(0, room));
      const last = found[found.length - 1];
      const moreAfterLast = items.length > room || out.LastEvaluatedKey !== undefined;
      cursor = moreAfterLast ? keyOf(last, partition) : undefined;
      break;
    }
    found.push(...items);
    cursor = out.LastEvaluatedKey as Key | undefined;
    if (!cursor) break;
    start = cursor;
  }
  return {
    items: found.map((i) => ({
      at: i.at as string,
      actor: i.actor as string,
      role: i.role as StaffRole,
      action: i.action as string,
      target: i.target as string,
      before: i.before ?? null,
      after: i.after ?? null,
    })),
    cursor: sealCursor(config.keys.cursor, cursorScope, cursor),
  };
}

/** The start key of the entry as the partition read orders it (the table's key, and the index's when read from one). */
const keyOf = (item: Record<string, unknown>, partition: Partition): Key => ({
  PK: item.PK as string,
  SK: item.SK as string,
  ...(partition.index === 'GSI1' ? { GSI1PK: item.GSI1PK as string, GSI1SK: item.GSI1SK as string } : {}),
  ...(partition.index === 'GSI2' ? { GSI2PK: item.GSI2PK as string, GSI2SK: item.GSI2SK as string } : {}),
});
