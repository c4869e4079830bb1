import { randomBytes } from 'node:crypto';
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
});
