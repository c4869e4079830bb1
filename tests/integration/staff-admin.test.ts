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
  await api.client(admin).call('createStaff', { body: { username: 'temp', displayName: '临时', password: 'temporary-2026', role: 'service', scope: { level: 'chain' } } });
  const token = (await api.client().call('staffLogin', { body: { username: 'temp', password: 'temporary-2026' } })).token;
  await api.client(token).call('staffMe');
  const after = await api.client(admin).call('updateStaff', { params: { username: 'temp' }, body: { disabled: true } });
  expect(after.disabled).toBe(true);
  await expect(api.client(token).call('staffMe')).rejects.toMatchObject({ status: 401 });
  await expect(api.client().call('staffLogin', { body: { username: 'temp', password: 'temporary-2026' } })).rejects.toMatchObject({ status: 401 });
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
  const bad = await api.client(ops).call('updateSettings', { body: { version: (await api.client(ops).call('getSettings')).version, settings: { ...defaultChainSettings, lateSaleMaxDays: -1 } } }).catch((e: ApiError) => e);
  expect(bad).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
  expect((bad as ApiError).details).toEqual([expect.objectContaining({ path: ['body', 'settings', 'lateSaleMaxDays'] })]);
  const changed = { ...defaultChainSettings, lateSaleMaxDays: 5 };
  await api.client(ops).call('updateSettings', { body: { version: (await api.client(ops).call('getSettings')).version, settings: changed } });
  const finance = (await api.client().call('staffLogin', { body: { username: 'finance', password: 'finance-demo-2026' } })).token;
  expect((await api.client(finance).call('getSettings')).settings.lateSaleMaxDays).toBe(5);
  await expect(api.client(finance).call('updateSettings', { body: { version: 0, settings: defaultChainSettings } })).rejects.toMatchObject({ status: 403 });
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
