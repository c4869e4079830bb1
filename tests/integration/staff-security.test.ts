import { ApiError } from '../../shared/api-client';
import type { StaffRole, StaffScope } from '../../shared/roles';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { shiftClockForTests } from '../../functions/commons/clock';
import { ddb } from '../../functions/commons/dynamodb';
import { keys } from '../../functions/commons/keys';
import { staffToken } from '../support/shoppers';
import { startTestApi, type TestApi } from '../support/test-api';

/**
 * Staff account security (BUSINESS-RULES item 8): no escalation, revocation of sessions on every change that
 * matters, lockout per account, idle timeout, admin's forced sign-out, password policy.
 */
let api: TestApi;
let admin: string;
beforeAll(async () => {
  api = await startTestApi();
  admin = await staffToken(api, 'admin', 'admin-demo-2026');
});
afterAll(async () => {
  shiftClockForTests(0);
  await api.close();
});
afterEach(() => shiftClockForTests(0));

const PASSWORD = 'Str0ng-Enough-26';
let n = 0;
async function account(role: StaffRole, scope: StaffScope, opts: { canRevealPhone?: boolean; by?: string } = {}) {
  const username = `sec.${role}.${++n}`;
  await api.client(opts.by ?? admin).call('createStaff', { body: { username, displayName: username, password: PASSWORD, role, scope, canRevealPhone: opts.canRevealPhone ?? false } });
  return { username, token: await staffToken(api, username, PASSWORD) };
}
const err = (p: Promise<unknown>) => p.then(() => ({ status: 200 }) as unknown as ApiError, (e: ApiError) => e);
const s001: StaffScope = { level: 'store', storeId: 'S001' };

describe('no escalation', () => {
  it('a store-scoped admin cannot create a chain admin, any admin, a wider scope or a permission it lacks', async () => {
    const storeAdmin = await account('admin', s001);
    const c = api.client(storeAdmin.token);
    const create = (role: StaffRole, scope: StaffScope, canRevealPhone = false) =>
      err(c.call('createStaff', { body: { username: `esc.${++n}`, displayName: 'x', password: PASSWORD, role, scope, canRevealPhone } }));
    expect(await create('admin', { level: 'chain' })).toMatchObject({ status: 403, code: 'ESCALATION' });
    expect(await create('admin', s001)).toMatchObject({ status: 403, code: 'ESCALATION' });
    expect(await create('ops', { level: 'region', region: 'shanghai' })).toMatchObject({ status: 403, code: 'ESCALATION' });
    expect(await create('ops', { level: 'store', storeId: 'S002' })).toMatchObject({ status: 403, code: 'ESCALATION' });
    expect(await create('service', s001, true)).toMatchObject({ status: 403, code: 'ESCALATION' });
    // Within its own grant it may.
    expect((await c.call('createStaff', { body: { username: `ok.${++n}`, displayName: 'x', password: PASSWORD, role: 'service', scope: s001 } })).scope).toEqual(s001);
  });

  it('a store-scoped admin cannot widen itself, promote another account, or touch a wider account', async () => {
    const storeAdmin = await account('admin', s001);
    const c = api.client(storeAdmin.token);
    expect(await err(c.call('updateStaff', { params: { username: storeAdmin.username }, body: { scope: { level: 'chain' } } }))).toMatchObject({ status: 403, code: 'ESCALATION' });
    expect(await err(c.call('updateStaff', { params: { username: storeAdmin.username }, body: { canRevealPhone: true } }))).toMatchObject({ status: 403, code: 'ESCALATION' });
    const ops = await account('ops', s001);
    expect(await err(c.call('updateStaff', { params: { username: ops.username }, body: { role: 'admin' } }))).toMatchObject({ status: 403, code: 'ESCALATION' });
    expect(await err(c.call('updateStaff', { params: { username: ops.username }, body: { scope: { level: 'chain' } } }))).toMatchObject({ status: 403, code: 'ESCALATION' });
    // The chain admin is wider: not even a password reset (which would hand over the account).
    expect(await err(c.call('updateStaff', { params: { username: 'admin' }, body: { password: 'Taken-0ver-2026' } }))).toMatchObject({ status: 403, code: 'ESCALATION' });
    expect(await err(c.call('updateStaff', { params: { username: 'admin' }, body: { disabled: true } }))).toMatchObject({ status: 403, code: 'ESCALATION' });
    // Nothing changed.
    const me = await api.client(storeAdmin.token).call('staffMe');
    expect(me).toMatchObject({ role: 'admin', scope: s001, canRevealPhone: false });
    expect(await staffToken(api, 'admin', 'admin-demo-2026')).toBeTruthy();
  });

  it('an account in a store of another region is outside a region admin; a store in the region is inside', async () => {
    const regionAdmin = await account('admin', { level: 'region', region: 'shanghai' });
    const c = api.client(regionAdmin.token);
    const inside = await c.call('createStaff', { body: { username: `in.${++n}`, displayName: 'x', password: PASSWORD, role: 'cashier', scope: s001 } });
    expect(inside.scope).toEqual(s001);
    expect(await err(c.call('createStaff', { body: { username: `out.${++n}`, displayName: 'x', password: PASSWORD, role: 'cashier', scope: { level: 'store', storeId: 'S002' } } }))).toMatchObject({ status: 403 });
    expect(await err(c.call('createStaff', { body: { username: `nowhere.${++n}`, displayName: 'x', password: PASSWORD, role: 'cashier', scope: { level: 'store', storeId: 'S999' } } }))).toMatchObject({ status: 400 });
    // Its account list shows only accounts within its scope.
    const listed = (await c.call('listStaff')).items;
    expect(listed.map((a) => a.username)).toContain(inside.username);
    expect(listed.every((a) => a.scope.level === 'store' ? a.scope.storeId !== 'S002' : a.scope.level === 'region' && a.scope.region === 'shanghai')).toBe(true);
  });
});

describe('revocation: the next request after a change is refused', () => {
  const changes: Array<[string, Record<string, unknown>]> = [
    ['password change', { password: 'An0ther-Pass-26' }],
    ['role change', { role: 'finance' }],
    ['scope change', { scope: s001 }],
    ['permission change', { canRevealPhone: true }],
    ['disabling', { disabled: true }],
  ];
  it.each(changes)('%s ends the existing sessions', async (_, patch) => {
    const a = await account('ops', { level: 'chain' });
    await api.client(a.token).call('staffMe');
    await api.client(admin).call('updateStaff', { params: { username: a.username }, body: patch });
    expect(await err(api.client(a.token).call('staffMe'))).toMatchObject({ status: 401 });
  });

  it('a change written by another container is seen on the next request (no per-container cache window)', async () => {
    const a = await account('ops', { level: 'chain' });
    await api.client(a.token).call('staffMe');
    // As if another Lambda container had disabled the account: this process's memory knows nothing of it.
    await ddb().send(new UpdateCommand({ TableName: api.tableName, Key: keys.staff(a.username), UpdateExpression: 'SET disabled = :t', ExpressionAttributeValues: { ':t': true } }));
    expect(await err(api.client(a.token).call('staffMe'))).toMatchObject({ status: 401 });
  });

  it('renaming the display name keeps sessions', async () => {
    const a = await account('ops', { level: 'chain' });
    await api.client(admin).call('updateStaff', { params: { username: a.username }, body: { displayName: '新名字' } });
    expect((await api.client(a.token).call('staffMe')).displayName).toBe('新名字');
  });

  it('re-enabling does not revive old tokens', async () => {
    const a = await account('service', { level: 'chain' });
    await api.client(admin).call('updateStaff', { params: { username: a.username }, body: { disabled: true } });
    await api.client(admin).call('updateStaff', { params: { username: a.username }, body: { disabled: false } });
    expect(await err(api.client(a.token).call('staffMe'))).toMatchObject({ status: 401 });
    expect(await api.client(await staffToken(api, a.username, PASSWORD)).call('staffMe')).toMatchObject({ username: a.username });
  });

  it('an admin signs an account out everywhere (audited); a fresh sign-in works', async () => {
    const a = await account('finance', { level: 'chain' });
    const second = await staffToken(api, a.username, PASSWORD);
    const out = await api.client(admin).call('signOutStaff', { params: { username: a.username } });
    expect(out).toMatchObject({ username: a.username });
    expect(await err(api.client(a.token).call('staffMe'))).toMatchObject({ status: 401 });
    expect(await err(api.client(second).call('staffMe'))).toMatchObject({ status: 401 });
    expect(await api.client(await staffToken(api, a.username, PASSWORD)).call('staffMe')).toMatchObject({ username: a.username });
    const log = await api.client(admin).call('auditLog', { query: { actor: 'admin' } });
    expect(log.items.find((i) => i.action === 'staff.signOut' && i.target === `staff:${a.username}`)).toBeTruthy();
    // Not for an account wider than the admin.
    const storeAdmin = await account('admin', s001);
    expect(await err(api.client(storeAdmin.token).call('signOutStaff', { params: { username: 'admin' } }))).toMatchObject({ status: 403 });
  });

  it('a cashier at the register is refused at once too', async () => {
    const username = `sec.cashier.${++n}`;
    await api.client(admin).call('createStaff', { body: { username, displayName: username, password: PASSWORD, role: 'cashier', scope: s001 } });
    const token = await staffToken(api, username, PASSWORD, 'S001-R1');
    await api.client(token).call('registerJoinCode', { params: { storeId: 'S001', registerId: 'S001-R1' } });
    await api.client(admin).call('updateStaff', { params: { username }, body: { disabled: true } });
    expect(await err(api.client(token).call('registerJoinCode', { params: { storeId: 'S001', registerId: 'S001-R1' } }))).toMatchObject({ status: 401 });
  });
});

describe('sign-in lockout, per account', () => {
  it('five wrong passwords lock the account for 15 minutes, whatever address they come from; it is audited', async () => {
    const a = await account('service', { level: 'chain' });
    for (let i = 0; i < 5; i++) {
      expect(await err(api.client().call('staffLogin', { body: { username: a.username, password: `wrong-${i}` } }))).toMatchObject({ status: 401, code: 'BAD_CREDENTIALS' });
    }
    // Even the right password is refused now.
    const locked = await err(api.client().call('staffLogin', { body: { username: a.username, password: PASSWORD } }));
    expect(locked).toMatchObject({ status: 429, code: 'ACCOUNT_LOCKED' });
    const log = await api.client(admin).call('auditLog', { query: {} });
    expect(log.items.find((i) => i.action === 'staff.locked' && i.target === `staff:${a.username}`)).toBeTruthy();
    shiftClockForTests(14 * 60_000);
    expect(await err(api.client().call('staffLogin', { body: { username: a.username, password: PASSWORD } }))).toMatchObject({ status: 429 });
    shiftClockForTests(15 * 60_000 + 1000);
    expect(await staffToken(api, a.username, PASSWORD)).toBeTruthy();
  });

  it('concurrent wrong passwords cannot slip past the lock', async () => {
    const a = await account('service', { level: 'chain' });
    // The address limit (100 wrong passwords per 10-minute window from one address) counts this file's earlier
    // failures too, all from 127.0.0.1: start in a fresh window, so only the account's own lock is tested here.
    shiftClockForTests(Math.ceil(Date.now() / 600_000) * 600_000 + 1_000 - Date.now());
    const tries = await Promise.all(Array.from({ length: 12 }, (_, i) => err(api.client().call('staffLogin', { body: { username: a.username, password: `wrong-${i}` } }))));
    expect(tries.filter((t) => t.status === 401)).toHaveLength(5);
    expect(tries.filter((t) => t.status === 429)).toHaveLength(7);
  });

  it('a success clears earlier failures; an unknown username is answered like a known one', async () => {
    const a = await account('service', { level: 'chain' });
    for (let i = 0; i < 4; i++) await err(api.client().call('staffLogin', { body: { username: a.username, password: 'wrong' } }));
    await staffToken(api, a.username, PASSWORD);
    for (let i = 0; i < 4; i++) await err(api.client().call('staffLogin', { body: { username: a.username, password: 'wrong' } }));
    expect(await staffToken(api, a.username, PASSWORD)).toBeTruthy();
    for (let i = 0; i < 5; i++) await err(api.client().call('staffLogin', { body: { username: 'no.such.user', password: 'wrong' } }));
    expect(await err(api.client().call('staffLogin', { body: { username: 'no.such.user', password: 'wrong' } }))).toMatchObject({ status: 429, code: 'ACCOUNT_LOCKED' });
  });
});

describe('idle timeout', () => {
  it('30 minutes without a request ends a session; activity keeps it alive', async () => {
    const a = await account('finance', { level: 'chain' });
    const busy = await staffToken(api, a.username, PASSWORD);
    for (const minutes of [10, 20, 35, 50, 65]) {
      shiftClockForTests(minutes * 60_000);
      await api.client(busy).call('staffMe');
    }
    // `a.token` has been idle for 65 minutes; `busy` was used 15 minutes ago.
    expect(await err(api.client(a.token).call('staffMe'))).toMatchObject({ status: 401, code: 'SESSION_IDLE' });
    shiftClockForTests(65 * 60_000 + 31 * 60_000);
    expect(await err(api.client(busy).call('staffMe'))).toMatchObject({ status: 401, code: 'SESSION_IDLE' });
  });
});

describe('password policy', () => {
  it.each([
    ['short', 'Ab1-xyz'],
    ['two classes', 'abcdefghij12'],
    ['contains the username', 'pw.policy-Is-Here-1'],
  ])('refuses a password that is %s, on create and on change', async (_, password) => {
    const created = await err(api.client(admin).call('createStaff', { body: { username: 'pw.policy', displayName: 'x', password, role: 'ops', scope: { level: 'chain' } } }));
    expect(created).toMatchObject({ status: 400, code: 'PASSWORD_POLICY' });
    expect(created.details).toEqual([expect.objectContaining({ path: ['body', 'password'] })]);
    const a = await account('ops', { level: 'chain' });
    const changed = await err(api.client(admin).call('updateStaff', { params: { username: a.username }, body: { password: password.replace('pw.policy', a.username) } }));
    expect(changed).toMatchObject({ status: 400, code: 'PASSWORD_POLICY' });
    expect(await api.client(a.token).call('staffMe')).toMatchObject({ username: a.username });
  });
});
