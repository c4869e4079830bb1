import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { staffRoleSchema, staffScopeSchema } from '../../shared/roles';
import { msg, unauthenticated } from './errors';

/**
 * Session tokens: HS256 JWTs (RFC 7519), signed and checked with node:crypto's HMAC, synchronously (jose's
 * WebCrypto HMAC is asynchronous: a thread-pool round trip on every request, a sixth of a sale's CPU). A shopper
 * token names the member once they have joined; before that it carries the verified identity (openid, encrypted
 * phone) that joining needs.
 */
const ISSUER = 'membership';
const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256' })).toString('base64url');
const hs256 = (key: Uint8Array, signingInput: string) => createHmac('sha256', key).update(signingInput).digest();

export const shopperClaimsSchema = z.object({
  typ: z.literal('shopper'),
  sub: z.string().optional(),
  oid: z.string().optional(),
  uid: z.string().optional(),
  app: z.string().optional(),
  /** Encrypted phone and its blind index. */
  ph: z.string().optional(),
  phh: z.string().optional(),
});
export type ShopperClaims = z.infer<typeof shopperClaimsSchema>;

/**
 * A staff token names its session (`sid`) and the account's session generation (`gen`) when it was issued:
 * every change that must end sessions (password, role, scope, permission, disabling, forced sign-out) bumps
 * the account's generation, and each request compares them against the account read consistently.
 */
export const staffClaimsSchema = z.object({
  typ: z.literal('staff'),
  sub: z.string(),
  sid: z.string().min(16),
  gen: z.number().int().nonnegative(),
  role: staffRoleSchema,
  scope: staffScopeSchema,
  rev: z.boolean(),
  reg: z.object({ storeId: z.string(), registerId: z.string() }).optional(),
});
export type StaffClaims = z.infer<typeof staffClaimsSchema>;

export const SHOPPER_TOKEN_SECONDS = 30 * 24 * 3600;
export const STAFF_TOKEN_SECONDS = 12 * 3600;

export async function signToken(key: Uint8Array, claims: ShopperClaims | StaffClaims, ttlSeconds: number, nowMs: number) {
  const iat = Math.floor(nowMs / 1000);
  const exp = iat + ttlSeconds;
  const signingInput = `${HEADER}.${Buffer.from(JSON.stringify({ ...claims, iss: ISSUER, iat, exp })).toString('base64url')}`;
  const token = `${signingInput}.${hs256(key, signingInput).toString('base64url')}`;
  return { token, expiresAt: new Date(exp * 1000).toISOString() };
}

const invalid = () => unauthenticated(msg('登录已过期或无效，请重新登录', 'Your session has expired or is invalid; sign in again'));

/**
 * A token this API signed and that is still good: HS256 only (the header names no other algorithm and no
 * critical extension), the MAC compared in constant time, issuer ours, `exp` after now, `nbf` (if any) not after
 * it, `iat` a number; then the claims' own schema.
 */
export async function verifyToken(key: Uint8Array, token: string, nowMs: number): Promise<ShopperClaims | StaffClaims> {
  const parts = token.split('.');
  if (parts.length !== 3) throw invalid();
  const [header, payload, signature] = parts;
  const mac = Buffer.from(signature, 'base64url');
  const expected = hs256(key, `${header}.${payload}`);
  if (mac.length !== expected.length || !timingSafeEqual(mac, expected) || mac.toString('base64url') !== signature) throw invalid();
  let claims: Record<string, unknown>;
  try {
    const h = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (h.alg !== 'HS256' || h.crit !== undefined || h.b64 !== undefined) throw invalid();
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    throw invalid();
  }
  const now = Math.floor(nowMs / 1000);
  if (!claims || typeof claims !== 'object' || Array.isArray(claims)) throw invalid();
  if (claims.iss !== ISSUER || typeof claims.exp !== 'number' || claims.exp <= now) throw invalid();
  if (claims.nbf !== undefined && (typeof claims.nbf !== 'number' || claims.nbf > now)) throw invalid();
  if (claims.iat !== undefined && typeof claims.iat !== 'number') throw invalid();
  const parsed = claims.typ === 'staff' ? staffClaimsSchema.safeParse(claims) : shopperClaimsSchema.safeParse(claims);
  if (!parsed.success) throw invalid();
  return parsed.data;
}
