import { createCipheriv, createDecipheriv, createHmac, randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { KeyedPrf } from '../../shared/rules/member-code';

/**
 * Personal data at rest: AES-256-GCM field encryption, and a keyed hash (blind index) to find a record by
 * phone without storing the phone in a key.
 */
const FIELD_VERSION = 'v1';

export function encryptField(key: Buffer, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `${FIELD_VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
}

export function decryptField(key: Buffer, sealed: string): string {
  const [version, payload] = sealed.split(':');
  if (version !== FIELD_VERSION || !payload) throw new Error('unknown field encryption version');
  const raw = Buffer.from(payload, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

export function blindIndex(key: Buffer, purpose: string, value: string): string {
  return createHmac('sha256', key).update(`${purpose}:${value}`).digest('base64url').slice(0, 32);
}

/**
 * A released identity's anti-abuse hash (rule 15.4): HMAC-SHA256 under the released-identity key, which is not the
 * blind index's key, of the kind and the value (a phone's 11 digits, `<appId>:<openid>`, a unionid). Full length:
 * it is a key of its own and must not collide.
 */
export function releasedIdentityHash(key: Buffer, kind: 'phone' | 'openid' | 'unionid', value: string): string {
  return createHmac('sha256', key).update(`released:${kind}:${value}`).digest('base64url');
}

/** The member code's keyed PRF: HMAC-SHA256, first 48 bits. */
export function memberCodePrf(key: Buffer): KeyedPrf {
  return (message) => createHmac('sha256', key).update(message).digest().readUIntBE(0, 6);
}

export function randomDigits(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += String(randomInt(10));
  return out;
}

/** Short codes for QR scenes: no 0/O/1/I/L, so a code read aloud or typed survives. */
const SCENE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export function randomSceneCode(length = 8): string {
  let out = '';
  for (let i = 0; i < length; i++) out += SCENE_ALPHABET[randomInt(SCENE_ALPHABET.length)];
  return out;
}

// ---- staff passwords: node's scrypt, parameters stored with the hash so they can be raised later ----
const scryptAsync = promisify(scrypt) as (pw: string, salt: Buffer, len: number, opts: object) => Promise<Buffer>;
const SCRYPT = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(password, salt, 32, SCRYPT);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: SCRYPT.maxmem,
  });
  return timingSafeEqual(actual, expected);
}

/** Checked against when the account does not exist, so a wrong username costs as long as a wrong password. */
export const DUMMY_PASSWORD_HASH =
  'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
