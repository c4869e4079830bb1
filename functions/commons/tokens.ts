import { jwtVerify, SignJWT } from 'jose';
import * as z from 'zod';
import { staffRoleSchema, staffScopeSchema } from '../../shared/roles';
import { msg, unauthenticated } from './errors';

/**
 * Session tokens (HS256 JWTs with jose). A shopper token names the member once they have joined; before
 * that it carries the verified identity (openid, encrypted phone) that joining needs.
 */
const ISSUER = 'membership';

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
  const token = await new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(key);
  return { token, expiresAt: new Date(exp * 1000).toISOString() };
}

export async function verifyToken(key: Uint8Array, token: string, nowMs: number): Promise<ShopperClaims | StaffClaims> {
  try {
    // One token, one spelling: base64url's last character carries spare bits, so a MAC re-encoded with other spare
    // bits decodes the same; jose accepts it, we refuse it (a token is the string we issued, nothing else).
    const mac = token.slice(token.lastIndexOf('.') + 1);
    if (Buffer.from(mac, 'base64url').toString('base64url') !== mac) throw new Error('non-canonical MAC');
    const { payload } = await jwtVerify(token, key, {
      issuer: ISSUER,
      algorithms: ['HS256'],
      currentDate: new Date(nowMs),
    });
    return payload.typ === 'staff' ? staffClaimsSchema.parse(payload) : shopperClaimsSchema.parse(payload);
  } catch {
    throw unauthenticated(msg('登录已过期或无效，请重新登录', 'Your session has expired or is invalid; sign in again'));
  }
}
