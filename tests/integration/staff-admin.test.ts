import { ApiError } from '../../shared/api-client';
import { defaultChainSettings } from '../../shared/settings';
import { lastDevOtp } from '../../functions/adapters/dev-sms';
import { startTestApi, type TestApi } from '../support/test-api';

/** Staff accounts, scopes, settings and the audit log: every staff write leaves who/when/what/before/after. */
let api: TestApi;
let admin: string;
let ops: string;
beforeAll(async () => {
  api = await startTestApi();
  admin = (await api.client().call('staffLogin', { body: { username: 'admin', password: 'admin-demo-2026' } })).token;
  ops = (await api.client().call('staffLogin', { body: { username: 'ops', password: 'ops-demo-2026' } })).token;
});
afterAll(() => api.close());

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

it('admin creates a region-scoped account; the audit log records it without the password', async () => {
  const created = await api.client(admin).call('createStaff', {
    body: { username: 'ops.hz', displayName: '杭州运营', password: 'hangzhou-2026', role: 'ops', scope: { level: 'region', region: 'hangzhou' } },
  });
  expect(created).toMatchObject({ username: 'ops.hz', role: 'ops', disabled: false, canRevealPhone: false });
  const dup = await api.client(admin).call('createStaff', { body: { username: 'ops.hz', displayName: 'x', password: 'another-2026', role: 'ops', scope: { level: 'chain' } } }).catch((e: ApiError) => e);
  expect(dup).toMatchObject({ status: 409 });

  const log = await api.client(admin).call('auditLog', { query: { actor: 'admin' } });
  const entry = log.items.find((i) => i.action === 'staff.create' && i.target === 'staff:ops.hz')!;
  expect(entry).toMatchObject({ actor: 'admin', role: 'admin', before: null });
  expect(JSON.stringify(entry.after)).not.toContain('hangzhou-2026');
  expect(JSON.stringify(entry.after)).not.toContain('scrypt');

  // A region-scoped account sees only its region's stores.
  const hz = (await api.client().call('staffLogin', { body: { username: 'ops.hz', password: 'hangzhou-2026' } })).token;
  const stores = await api.client(hz).call('listStores');
  expect(stores.items.map((s) => s.storeId)).toEqual(['S002']);
  const outside = await api.client(hz).call('createRegister', { params: { storeId: 'S001' }, body: { registerId: 'S001-R9', name: '9号' } }).catch((e: ApiError) => e);
  expect(outside).toMatchObject({ status: 403 });
});

it('disabling an account ends its sessions, with before/after in the audit log', async () => {
  await api.client(admin).call('createStaff', { body: { username: 'temp', displayName: '临时', password: 'Provisional-2026', role: 'service', scope: { level: 'chain' } } });
  const token = (await api.client().call('staffLogin', { body: { username: 'temp', password: 'Provisional-2026' } })).token;
  await api.client(token).call('staffMe');
  const after = await api.client(admin).call('updateStaff', { params: { username: 'temp' }, body: { disabled: true } });
  expect(after.disabled).toBe(true);
  await expect(api.client(token).call('staffMe')).rejects.toMatchObject({ status: 401 });
  await expect(api.client().call('staffLogin', { body: { username: 'temp', password: 'Provisional-2026' } })).rejects.toMatchObject({ status: 401 });
  const log = await api.client(admin).call('auditLog', { query: { date: today() } });
  const entry = log.items.find((i) => i.action === 'staff.update' && i.target === 'staff:temp')!;
  expect(entry.before).toMatchObject({ disabled: false });
  expect(entry.after).toMatchObject({ disabled: true });
});

it('ops adds a register with a fresh join scene; the scene resolves to it', async () => {
  const register = await api.client(ops).call('createRegister', { params: { storeId: 'S002' }, body: { registerId: 'S002-R2', name: '2号收银台' } });
  expect(register.joinScene).toMatch(/^[A-Z2-9]{8}$/);
  expect(await api.client().call('sceneInfo', { params: { scene: register.joinScene } })).toMatchObject({ registerId: 'S002-R2', store: { storeId: 'S002' } });
  await expect(api.client(ops).call('createRegister', { params: { storeId: 'S002' }, body: { registerId: 'S002-R2', name: 'again' } })).rejects.toMatchObject({ status: 409 });
});

it('settings changes are validated and audit-logged; finance may read but not change them', async () => {
  const bad = await api.client(ops).call('updateSettings', { body: { settings: { ...defaultChainSettings, lateSaleMaxDays: -1 } } }).catch((e: ApiError) => e);
  expect(bad).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
  expect((bad as ApiError).details).toEqual([expect.objectContaining({ path: ['body', 'settings', 'lateSaleMaxDays'] })]);
  const changed = { ...defaultChainSettings, lateSaleMaxDays: 5 };
  await api.client(ops).call('updateSettings', { body: { settings: changed } });
  const finance = (await api.client().call('staffLogin', { body: { username: 'finance', password: 'finance-demo-2026' } })).token;
  expect((await api.client(finance).call('getSettings')).settings.lateSaleMaxDays).toBe(5);
  await expect(api.client(finance).call('updateSettings', { body: { settings: defaultChainSettings } })).rejects.toMatchObject({ status: 403 });
  const log = await api.client(admin).call('auditLog', { query: { actor: 'ops' } });
  expect(log.items.find((i) => i.action === 'settings.update')).toMatchObject({ before: expect.objectContaining({ lateSaleMaxDays: 7 }), after: expect.objectContaining({ lateSaleMaxDays: 5 }) });
});

it('the phone is masked for staff; revealing it needs the permission and is audit-logged', async () => {
  const phone = '15012345678';
  await api.client().call('devSendOtp', { body: { phone } });
  const s = await api.client().call('devVerifyOtp', { body: { phone, code: lastDevOtp(phone)! } });
  const memberId = (await api.client(s.token).call('join', { body: { consent: { accepted: true, privacyPolicyVersion: '2026-11-01', termsVersion: '2026-11-01' } } })).card.memberId;

  expect((await api.client(ops).call('getMember', { params: { memberId } })).phoneMasked).toBe('150****5678');
  await expect(api.client(ops).call('revealPhone', { params: { memberId } })).rejects.toMatchObject({ status: 403 });
  const service = (await api.client().call('staffLogin', { body: { username: 'service', password: 'service-demo-2026' } })).token;
  expect(await api.client(service).call('revealPhone', { params: { memberId } })).toEqual({ memberId, phone });
  const log = await api.client(admin).call('auditLog', { query: { actor: 'service' } });
  expect(log.items[0]).toMatchObject({ action: 'member.revealPhone', target: `member:${memberId}` });
});

it('the audit log pages with a cursor', async () => {
  const first = await api.client(admin).call('auditLog', { query: { actor: 'system', limit: 3 } });
  expect(first.items).toHaveLength(3);
  expect(first.cursor).not.toBeNull();
  const second = await api.client(admin).call('auditLog', { query: { actor: 'system', limit: 3, cursor: first.cursor! } });
  expect(second.items[0].at <= first.items[2].at).toBe(true);
  await expect(api.client(admin).call('auditLog', { query: { cursor: '%%%' } })).rejects.toMatchObject({ status: 400 });
});

it('the audit log shows a scoped viewer only actors within its scope, and its pages neither skip nor repeat', async () => {
  const password = 'Scoped-Audit-2026';
  const make = async (username: string, scope: { level: 'region'; region: string } | { level: 'store'; storeId: string }) => {
    await api.client(admin).call('createStaff', { body: { username, displayName: username, password, role: 'admin', scope } });
    return (await api.client().call('staffLogin', { body: { username, password } })).token;
  };
  const shanghai = await make('audit.sh', { level: 'region', region: 'shanghai' });
  const s001 = await make('audit.s001', { level: 'store', storeId: 'S001' });
  const s002 = await make('audit.s002', { level: 'store', storeId: 'S002' });
  // Each writes a few entries: accounts in its own store.
  for (let i = 0; i < 3; i++) {
    await api.client(s001).call('createStaff', { body: { username: `a1.${i}`, displayName: 'x', password, role: 'cashier', scope: { level: 'store', storeId: 'S001' } } });
    await api.client(s002).call('createStaff', { body: { username: `a2.${i}`, displayName: 'x', password, role: 'cashier', scope: { level: 'store', storeId: 'S002' } } });
    await api.client(shanghai).call('createStaff', { body: { username: `a3.${i}`, displayName: 'x', password, role: 'cashier', scope: { level: 'store', storeId: 'S001' } } });
  }
  const all = async (token: string, query: { actor?: string; limit: number }) => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 50; page++) {
      const out = await api.client(token).call('auditLog', { query: { date: today(), ...query, cursor } });
      expect(out.items.length).toBeLessThanOrEqual(query.limit);
      seen.push(...out.items.map((i) => `${i.at} ${i.actor} ${i.action} ${i.target}`));
      if (!out.cursor) break;
      cursor = out.cursor;
    }
    return seen;
  };
  const everything = await all(admin, { limit: 100 });
  const byRegion = await all(shanghai, { limit: 2 });
  expect(new Set(byRegion).size).toBe(byRegion.length);
  expect(byRegion).toEqual(everything.filter((e) => / audit\.(sh|s001) /.test(e)));
  const byStore = await all(s001, { limit: 1 });
  expect(byStore).toEqual(everything.filter((e) => / audit\.s001 /.test(e)));
  // By actor: an actor outside the scope shows nothing.
  expect((await api.client(s001).call('auditLog', { query: { actor: 'audit.s002' } })).items).toEqual([]);
  expect((await api.client(s001).call('auditLog', { query: { actor: 'admin' } })).items).toEqual([]);
  expect((await api.client(shanghai).call('auditLog', { query: { actor: 'audit.s001' } })).items).toHaveLength(3);
  // A cursor issued for one query is refused for another.
  const first = await api.client(admin).call('auditLog', { query: { actor: 'system', limit: 1 } });
  await expect(api.client(admin).call('auditLog', { query: { actor: 'admin', cursor: first.cursor! } })).rejects.toMatchObject({ status: 400 });
  await expect(api.client(admin).call('auditLog', { query: { cursor: Buffer.from(JSON.stringify({ PK: 'x', SK: 'y' })).toString('base64url') } })).rejects.toMatchObject({ status: 400 });
});

it('registers, settings and reports are bounded by scope', async () => {
  const password = 'Scoped-Admin-2026';
  await api.client(admin).call('createStaff', { body: { username: 'admin.hz', displayName: 'x', password, role: 'admin', scope: { level: 'region', region: 'hangzhou' } } });
  await api.client(admin).call('createStaff', { body: { username: 'finance.hz', displayName: 'x', password, role: 'finance', scope: { level: 'region', region: 'hangzhou' } } });
  const hzAdmin = (await api.client().call('staffLogin', { body: { username: 'admin.hz', password } })).token;
  const hzFinance = (await api.client().call('staffLogin', { body: { username: 'finance.hz', password } })).token;
  await expect(api.client(hzAdmin).call('registerApiKey', { params: { storeId: 'S001', registerId: 'S001-R1' } })).rejects.toMatchObject({ status: 403, code: 'OUT_OF_SCOPE' });
  expect((await api.client(hzAdmin).call('registerApiKey', { params: { storeId: 'S002', registerId: 'S002-R1' } })).key).toMatch(/^[0-9a-f]{64}$/);
  await expect(api.client(hzAdmin).call('updateSettings', { body: { settings: defaultChainSettings } })).rejects.toMatchObject({ status: 403, code: 'OUT_OF_SCOPE' });
  await expect(api.client(hzFinance).call('pointsLiability')).rejects.toMatchObject({ status: 403, code: 'OUT_OF_SCOPE' });
  expect(await api.client(admin).call('updateSettings', { body: { settings: defaultChainSettings } })).toMatchObject({ settings: defaultChainSettings });
});
