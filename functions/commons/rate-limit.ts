import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ddb, isConditionFailure } from './dynamodb';
import { keys, TTL_ATTRIBUTE } from './keys';
import { nowMs } from './clock';
import { msg, tooManyRequests } from './errors';


/**
 * Fixed-window counters in the table (one small item per key and window, expired by TTL). Used where
 * guessing must be slow: staff passwords, member codes at the register.
 */
export interface RateLimit {
  bucket: string;
  limit: number;
  windowSeconds: number;
}

const windowOf = (rule: RateLimit) => Math.floor(nowMs() / 1000 / rule.windowSeconds);
const tooManyAttempts = (rule: RateLimit) =>
  tooManyRequests(msg(`尝试次数过多，请 ${rule.windowSeconds} 秒后再试`, `Too many attempts; try again in ${rule.windowSeconds} seconds`), rule.windowSeconds);

/** Refuses with 429 when `key` has used up its window (counts nothing). */
export async function assertUnderLimit(tableName: string, rule: RateLimit, key: string): Promise<void> {
  const out = await ddb().send(new GetCommand({ TableName: tableName, Key: rateWindowKey(rule, key) }));
  assertUnderLimitOf(rule, out.Item);
}

/** The item holding `key`'s current window, to read with other items. */
export const rateWindowKey = (rule: RateLimit, key: string) => keys.rateWindow(rule.bucket, key, windowOf(rule));

/** `assertUnderLimit` on the window item as read (undefined: nothing counted yet). */
export function assertUnderLimitOf(rule: RateLimit, window: Record<string, unknown> | undefined): void {
  if (((window?.n as number | undefined) ?? 0) >= rule.limit) throw tooManyAttempts(rule);
}

/** Counts one use of `key`; refuses with 429 once the window is full. */
export async function countAttempt(tableName: string, rule: RateLimit, key: string): Promise<void> {
  const window = windowOf(rule);
  try {
    await ddb().send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.rateWindow(rule.bucket, key, window),
        UpdateExpression: 'ADD n :one SET #ttl = :ttl',
        ConditionExpression: 'attribute_not_exists(n) OR n < :limit',
        ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
        ExpressionAttributeValues: { ':one': 1, ':limit': rule.limit, ':ttl': (window + 2) * rule.windowSeconds },
      }),
    );
  } catch (err) {
    if (isConditionFailure(err)) throw tooManyAttempts(rule);
    throw err;
  }
}
