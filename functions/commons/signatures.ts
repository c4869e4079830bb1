import { createHmac, timingSafeEqual } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { unauthenticated } from './errors';
import { nowMs } from './clock';

/**
 * Request signing for machines: a register (POS) without a cashier session, and delivery/e-commerce platforms.
 * Each gets its own key, derived from the integration key, so no per-register secret needs storing:
 *   signature = hex HMAC-SHA256(key, `${timestamp}\n${METHOD}\n${path}\n${body}`), timestamp in epoch seconds,
 * sent as `x-signature` and `x-timestamp`; requests more than 5 minutes off are refused (replays).
 */
export const SIGNATURE_WINDOW_SECONDS = 300;

export const registerKey = (integration: Buffer, storeId: string, registerId: string) =>
  createHmac('sha256', integration).update(`register:${storeId}:${registerId}`).digest('hex');
export const channelKey = (integration: Buffer, platform: string) => createHmac('sha256', integration).update(`channel:${platform}`).digest('hex');

export function signRequest(key: string, timestamp: number, method: string, path: string, body: string): string {
  return createHmac('sha256', key).update(`${timestamp}\n${method.toUpperCase()}\n${path}\n${body}`).digest('hex');
}

export function verifySignedRequest(event: APIGatewayProxyEventV2, key: string): void {
  const timestamp = Number(event.headers?.['x-timestamp']);
  const signature = event.headers?.['x-signature'] ?? '';
  if (!Number.isFinite(timestamp) || Math.abs(nowMs() / 1000 - timestamp) > SIGNATURE_WINDOW_SECONDS) {
    throw unauthenticated('Missing or stale x-timestamp', 'BAD_SIGNATURE');
  }
  const body = event.body ? (event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body) : '';
  const expected = Buffer.from(signRequest(key, timestamp, event.requestContext.http.method, event.rawPath, body), 'hex');
  const given = Buffer.from(signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw unauthenticated('Bad x-signature', 'BAD_SIGNATURE');
}
