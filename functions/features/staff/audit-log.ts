import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { StaffRole, StaffScope } from '../../../shared/roles';
import { keys } from '../../commons/keys';
import { ddb } from '../../commons/dynamodb';
import { openCursor, sealCursor } from '../../commons/cursor';
import { businessDay } from '../../commons/clock';

/**
 * Reading the audit log: one business day, or one actor across days, newest first, paged by cursor.
 * A scoped viewer sees only entries whose actor lies within its scope: a region viewer the actors of its
 * region (region accounts and accounts of its stores), a store viewer the accounts of its store. Each entry
 * carries its actor's scope, so this is a filter, not a read per entry.
 *
 * A filter makes DynamoDB pages short, so a page is gathered over a few reads; when it holds more matches
 * than asked, the cursor is the key of the last entry returned, so nothing is skipped or repeated.
 */
const ROUND_SIZE = 100;
const MAX_ROUNDS = 5;

type Key = Record<string, string>;

function scopeFilter(viewer: StaffScope) {
  if (viewer.level === 'region') return { FilterExpression: 'actorRegion = :viewerRegion', values: { ':viewerRegion': viewer.region } };
  if (viewer.level === 'store') return { FilterExpression: 'actorStoreId = :viewerStore', values: { ':viewerStore': viewer.storeId } };
  return { FilterExpression: undefined, values: {} };
}

export async function listAudit(
  config: { tableName: string; keys: { cursor: Buffer } },
  viewer: StaffScope,
  q: { date?: string; actor?: string; cursor?: string; limit: number },
) {
  const byActor = q.actor !== undefined;
  const partition = byActor ? { name: 'GSI1PK' as const, value: keys.auditByActor(q.actor!) } : { name: 'PK' as const, value: keys.auditDay(q.date ?? businessDay()) };
  // A cursor pages only the day or the actor it was issued for.
  const cursorScope = `audit:${partition.name}:${partition.value}`;
  let start = openCursor(config.keys.cursor, cursorScope, q.cursor) as Key | undefined;
  const filter = scopeFilter(viewer);
  const found: Array<Record<string, unknown>> = [];
  let cursor: Key | undefined;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const out = await ddb().send(
      new QueryCommand({
        TableName: config.tableName,
        ...(byActor ? { IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk' } : { KeyConditionExpression: 'PK = :pk' }),
        FilterExpression: filter.FilterExpression,
        ExpressionAttributeValues: { ':pk': partition.value, ...filter.values },
        ScanIndexForward: false,
        // Unfiltered, a page is exactly what was asked; filtered, read ahead and cut.
        Limit: filter.FilterExpression ? ROUND_SIZE : q.limit - found.length,
        ExclusiveStartKey: start,
      }),
    );
    const items = out.Items ?? [];
    const room = q.limit - found.length;
    if (items.length >= room) {
      found.push(...items.slice(0, room));
      const last = found[found.length - 1];
      const moreAfterLast = items.length > room || out.LastEvaluatedKey !== undefined;
      cursor = moreAfterLast ? keyOf(last, byActor) : undefined;
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

const keyOf = (item: Record<string, unknown>, byActor: boolean): Key => ({
  PK: item.PK as string,
  SK: item.SK as string,
  ...(byActor ? { GSI1PK: item.GSI1PK as string, GSI1SK: item.GSI1SK as string } : {}),
});
