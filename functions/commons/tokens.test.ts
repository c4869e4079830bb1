import { createHmac } from 'node:crypto';
import { randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { signToken, verifyToken } from './tokens';

const key = randomBytes(32);
const now = Date.UTC(2026, 10, 23, 4, 0, 0);

describe('session tokens', () => {
  it('round-trips shopper and staff claims', async () => {
    const { token } = await signToken(key, { typ: 'shopper', sub: '100000001', phh: 'x' }, 3600, now);
    expect(await verifyToken(key, token, now)).toMatchObject({ typ: 'shopper', sub: '100000001', phh: 'x' });
    const staff = await signToken(key, { typ: 'staff', sub: 'cashier', sid: 'session-0123456789abcdef', gen: 3, role: 'cashier', scope: { level: 'store', storeId: 'S001' }, rev: false, reg: { storeId: 'S001', registerId: 'S001-R1' } }, 3600, now);
    expect(await verifyToken(key, staff.token, now)).toMatchObject({ typ: 'staff', role: 'cashier', gen: 3, reg: { registerId: 'S001-R1' } });
  });

  it('refuses an expired token, another key, or a token with unknown claims', async () => {
    const { token, expiresAt } = await signToken(key, { typ: 'shopper', sub: '100000001' }, 60, now);
    expect(expiresAt).toBe(new Date(now + 60_000).toISOString());
    await expect(verifyToken(key, token, now + 61_000)).rejects.toMatchObject({ status: 401 });
    await expect(verifyToken(randomBytes(32), token, now)).rejects.toMatchObject({ status: 401 });
    const odd = await signToken(key, { typ: 'staff', sub: 'x', role: 'owner' } as never, 60, now);
    await expect(verifyToken(key, odd.token, now)).rejects.toMatchObject({ status: 401 });
    // A staff token from before sessions had generations names no session: refused.
    const old = await signToken(key, { typ: 'staff', sub: 'x', role: 'ops', scope: { level: 'chain' }, rev: false } as never, 60, now);
    await expect(verifyToken(key, old.token, now)).rejects.toMatchObject({ status: 401 });
  });

  it('are standard HS256 JWTs: a JWT library accepts ours, and we accept its', async () => {
    const { token } = await signToken(key, { typ: 'staff', sub: 'cashier', sid: 'session-0123456789abcdef', gen: 1, role: 'cashier', scope: { level: 'store', storeId: 'S001' }, rev: false }, 3600, now);
    const { payload, protectedHeader } = await jwtVerify(token, key, { issuer: 'membership', algorithms: ['HS256'], currentDate: new Date(now) });
    expect(protectedHeader).toEqual({ alg: 'HS256' });
    expect(payload).toMatchObject({ typ: 'staff', sub: 'cashier', gen: 1, iss: 'membership', iat: now / 1000, exp: now / 1000 + 3600 });
    const theirs = await new SignJWT({ typ: 'shopper', sub: '100000002' }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setIssuer('membership').setIssuedAt(now / 1000).setExpirationTime(now / 1000 + 60).sign(key);
    expect(await verifyToken(key, theirs, now)).toMatchObject({ typ: 'shopper', sub: '100000002' });
  });

  it('refuses another algorithm, a critical extension, another issuer, a token not yet valid, a forged or re-encoded MAC, and junk', async () => {
    const at = now / 1000;
    const sign = (header: Record<string, unknown>, payload: Record<string, unknown>) => new SignJWT(payload).setProtectedHeader(header as never).sign(key);
    const good = { typ: 'shopper', sub: '1', iss: 'membership', iat: at, exp: at + 60 };
    // A header no library would sign (a critical extension nobody understands), MACed by hand.
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const handMade = (header: Record<string, unknown>, payload: Record<string, unknown>) => {
      const input = `${b64(header)}.${b64(payload)}`;
      return `${input}.${createHmac('sha256', key).update(input).digest('base64url')}`;
    };
    await expect(verifyToken(key, await sign({ alg: 'HS512' }, good), now)).rejects.toMatchObject({ status: 401 });
    await expect(verifyToken(key, handMade({ alg: 'HS256', crit: ['urn:example:unknown'], 'urn:example:unknown': 1 }, good), now)).rejects.toMatchObject({ status: 401 });
    await expect(verifyToken(key, await sign({ alg: 'HS256' }, { ...good, iss: 'someone-else' }), now)).rejects.toMatchObject({ status: 401 });
    await expect(verifyToken(key, await sign({ alg: 'HS256' }, { ...good, nbf: at + 30 }), now)).rejects.toMatchObject({ status: 401 });
    await expect(verifyToken(key, await sign({ alg: 'HS256' }, { ...good, exp: at }), now)).rejects.toMatchObject({ status: 401 });
    const { token } = await signToken(key, { typ: 'shopper', sub: '1' }, 60, now);
    const [h, p, sig] = token.split('.');
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${p}.`;
    const otherClaims = `${h}.${Buffer.from(JSON.stringify({ ...good, sub: '2' })).toString('base64url')}.${sig}`;
    // A MAC changed in its data bits, and the same MAC re-encoded with other spare bits in its last character.
    const b64url = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const flipped = `${h}.${p}.${sig.slice(0, 10)}${sig[10] === 'A' ? 'B' : 'A'}${sig.slice(11)}`;
    const last = b64url.indexOf(sig[sig.length - 1]);
    const respelled = `${h}.${p}.${sig.slice(0, -1)}${b64url[last ^ 1]}`;
    for (const bad of [unsigned, otherClaims, flipped, respelled, `${token}.x`, 'x.y.z', '', `${h}.${p}`]) {
      await expect(verifyToken(key, bad, now)).rejects.toMatchObject({ status: 401 });
    }
  });
});
