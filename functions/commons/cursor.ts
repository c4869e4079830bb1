import { createHmac, timingSafeEqual } from 'node:crypto';
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { ErrorCode } from '../../shared/errors';
import { getConfig, type AppConfig } from './config';
import { ddb } from './dynamodb';
import { badRequest, msg } from './errors';

/**
 * List cursors, the one helper every paged list uses. A cursor is the page's last key (DynamoDB's
 * LastEvaluatedKey), opaque to the client and authenticated: signed with the cursor key (HMAC-SHA256, derived in
 * config.ts) over the key AND the list it was issued for (its scope: which list, whose, which day…). So a cursor
 * the API did not issue, one edited, or one issued for another member or another list is a 400 on
 * `query.cursor`, and never reaches DynamoDB as an ExclusiveStartKey (a foreign key there answered 500).
 *
 *   cursor = base64url(JSON(lastKey)) "." base64url(first 16 bytes of HMAC(key, "cursor/v1\n<scope>\n<payload>"))
 *
 * Scopes name everything that picks the partition or index the query reads (e.g. `member:<id>:LEDGER#`,
 * `audit:day:2026-12-01`), so a signed key is always a valid start key for the query it comes back to.
 */
const MAC_BYTES = 16;

const mac = (key: Buffer, scope: string, payload: string) =>
  createHmac('sha256', key).update(`cursor/v1\n${scope}\n${payload}`).digest().subarray(0, MAC_BYTES);

export const invalidCursor = () =>
  badRequest(ErrorCode.VALIDATION, msg('翻页参数无效，请从第一页重新加载', 'Invalid cursor: load the list again from its first page'), [
    { path: ['query', 'cursor'], message: 'not a cursor this API issued for this list', code: 'invalid_cursor' },
  ]);

/** The cursor for the next page, or null on the last page. */
export function sealCursor(key: Buffer, scope: string, lastKey: Record<string, unknown> | undefined): string | null {
  if (!lastKey) return null;
  const payload = Buffer.from(JSON.stringify(lastKey)).toString('base64url');
  return `${payload}.${mac(key, scope, payload).toString('base64url')}`;
}

/** The start key a cursor carries; undefined for no cursor (an empty one included: the first page). */
export function openCursor(key: Buffer, scope: string, cursor: string | undefined): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  const parts = cursor.split('.');
  if (parts.length !== 2) throw invalidCursor();
  const [payload, signature] = parts;
  const bytes = Buffer.from(payload, 'base64url');
  const given = Buffer.from(signature, 'base64url');
  // Node's base64 decoder skips what it can't read: only the exact text we issued counts.
  if (bytes.toString('base64url') !== payload || given.toString('base64url') !== signature) throw invalidCursor();
  const expected = mac(key, scope, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalidCursor();
  const value: unknown = JSON.parse(bytes.toString('utf8')); // we signed it, so it is our JSON
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw invalidCursor();
  return value as Record<string, unknown>;
}

export async function readCursor(scope: string, cursor: string | undefined) {
  return openCursor((await getConfig()).keys.cursor, scope, cursor);
}
export async function issueCursor(scope: string, lastKey: Record<string, unknown> | undefined) {
  return sealCursor((await getConfig()).keys.cursor, scope, lastKey);
}

/** One page of a query, started from the caller's cursor, with the cursor of the next page. */
export async function queryPage(config: AppConfig, scope: string, cursor: string | undefined, input: Omit<QueryCommandInput, 'ExclusiveStartKey'>) {
  const out = await ddb().send(new QueryCommand({ ...input, ExclusiveStartKey: openCursor(config.keys.cursor, scope, cursor) }));
  return { items: out.Items ?? [], cursor: sealCursor(config.keys.cursor, scope, out.LastEvaluatedKey) };
}
