import { createHmac, timingSafeEqual } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ErrorCode } from '../../shared/errors';
import { canonicalQuery } from '../../shared/signing';
import { msg, unauthenticated } from './errors';
import { nowMs } from './clock';

export { canonicalQuery, SIGNING_RULE } from '../../shared/signing';

/**
 * Request signing for machines: a register (POS) without a cashier session, and delivery/e-commerce platforms.
 * Each gets its own key, derived from the integration key, so no per-register secret needs storing:
 *   signature = hex HMAC-SHA256(key, `${timestamp}\n${METHOD}\n${path}\n${canonicalQuery}\n${body}`),
 * timestamp in epoch seconds, sent as `x-signature` and `x-timestamp`; requests more than 5 minutes off are
 * refused (replays). The query is part of what is signed, so no parameter can be changed, added or dropped
 * on the way (see `canonicalQuery`).
 */
export const SIGNATURE_WINDOW_SECONDS = 300;

export const registerKey = (integration: Buffer, storeId: string, registerId: string) =>
  createHmac('sha256', integration).update(`register:${storeId}:${registerId}`).digest('hex');
export const channelKey = (integration: Buffer, platform: string) => createHmac('sha256', integration).update(`channel:${platform}`).digest('hex');

/** `target` is the path, with its query string if it has one: "/pos/sales" or "/x?b=2&a=1". */
export function signRequest(key: string, timestamp: number, method: string, target: string, body: string): string {
  const q = target.indexOf('?');
  const path = q < 0 ? target : target.slice(0, q);
  const query = q < 0 ? '' : canonicalQuery(target.slice(q + 1));
  return createHmac('sha256', key).update(`${timestamp}\n${method.toUpperCase()}\n${path}\n${query}\n${body}`).digest('hex');
}

const badSignature = () =>
  unauthenticated(msg('请求签名 (x-signature) 无效', 'Bad x-signature: it must cover the timestamp, method, path, query and body'), ErrorCode.BAD_SIGNATURE);

export function verifySignedRequest(event: APIGatewayProxyEventV2, key: string): void {
  const timestamp = Number(event.headers?.['x-timestamp']);
  const signature = event.headers?.['x-signature'] ?? '';
  if (!Number.isFinite(timestamp) || Math.abs(nowMs() / 1000 - timestamp) > SIGNATURE_WINDOW_SECONDS) {
    throw unauthenticated(msg('缺少 x-timestamp 或时间相差超过 5 分钟', 'Missing x-timestamp, or more than 5 minutes off the server clock'), ErrorCode.BAD_SIGNATURE);
  }
  const body = event.body ? (event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body) : '';
  let target = event.rawPath;
  try {
    if (event.rawQueryString) target += `?${canonicalQuery(event.rawQueryString)}`;
  } catch {
    throw badSignature(); // a malformed %-escape can't have been signed
  }
  const expected = Buffer.from(signRequest(key, timestamp, event.requestContext.http.method, target, body), 'hex');
  const given = Buffer.from(signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw badSignature();
}
