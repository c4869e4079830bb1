import { createHmac, timingSafeEqual } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { ErrorCode } from '../../shared/errors';
import type { StaffRole, StaffScope } from '../../shared/roles';
import { keys } from '../commons/keys';
import { ddb } from '../commons/dynamodb';
import { badRequest, msg } from '../commons/errors';
import { businessDay } from '../commons/clock';

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
const cursorKeySchema = z.object({ PK: z.string(), SK: z.string(), GSI1PK: z.string().optional(), GSI1SK: z.string().optional() }).strict();

/** Cursors are opaque and signed: a cursor this API did not issue, or issued for another query, is a 400. */
function cursorMac(key: Uint8Array, body: string) {
  return createHmac('sha256', key).update(`audit-cursor\n${body}`).digest().subarray(0, 16);
}
export function encodeAuditCursor(key: Uint8Array, start: Key): string {
  const body = Buffer.from(JSON.stringify(start)).toString('base64url');
  return `${body}.${cursorMac(key, body).toString('base64url')}`;
}
function decodeAuditCursor(key: Uint8Array, cursor: string, partition: { name: 'PK' | 'GSI1PK'; value: string }): Key {
  const invalid = () =>
    badRequest(ErrorCode.VALIDATION, msg('分页游标无效', 'Invalid cursor'), [{ path: ['query', 'cursor'], message: 'not a cursor this API returned for this query' }]);
  const [body, mac] = cursor.split('.');
  if (!body || !mac) throw invalid();
  const given = Buffer.from(mac, 'base64url');
  const expected = cursorMac(key, body);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
  let parsed: z.infer<typeof cursorKeySchema>;
  try {
    parsed = cursorKeySchema.parse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
  } catch {
    throw invalid();
  }
  if (parsed[partition.name] !== partition.value) throw invalid();
  return parsed as Key;
}

function scopeFilter(viewer: StaffScope) {
  if (viewer.level === 'region') return { FilterExpression: 'actorRegion = :viewerRegion', values: { ':viewerRegion': viewer.region } };
  if (viewer.level === 'store') return { FilterExpression: 'actorStoreId = :viewerStore', values: { ':viewerStore': viewer.storeId } };
  return { FilterExpression: undefined, values: {} };
}

export async function listAudit(
  config: { tableName: string; keys: { token: Uint8Array } },
  viewer: StaffScope,
  q: { date?: string; actor?: string; cursor?: string; limit: number },
) {
  const byActor = q.actor !== undefined;
  const partition = byActor ? { name: 'GSI1PK' as const, value: keys.auditByActor(q.actor!) } : { name: 'PK' as const, value: keys.auditDay(q.date ?? businessDay()) };
  let start: Key | undefined = q.cursor ? decodeAuditCursor(config.keys.token, q.cursor, partition) : undefined;
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
    cursor: cursor ? encodeAuditCursor(config.keys.token, cursor) : null,
  };
}

const keyOf = (item: Record<string, unknown>, byActor: boolean): Key => ({
  PK: item.PK as string,
  SK: item.SK as string,
  ...(byActor ? { GSI1PK: item.GSI1PK as string, GSI1SK: item.GSI1SK as string } : {}),
});
