import type { ApiError } from '../../shared/api-client';
import { joinShopper, staffToken } from '../support/shoppers';
import { startTestApi, type TestApi } from '../support/test-api';

/**
 * The staff console's audit log filters (by target on its own index, by action as a filter on whichever
 * partition is read, and their combinations, within the viewer's scope) and opening a store.
 */
let api: TestApi;
let admin: string;
let ops: string;
let service: string;
let opsSh: string;
let m1: string;
let m2: string;
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const scene = (storeId: string) => api.seed.stores.find((s) => s.storeId === storeId)!.registers[0].scene;
const refused = async (p: Promise<unknown>) => (await p.then(() => undefined, (e: ApiError) => e)) as ApiError | undefined;

beforeAll(async () => {
  api = await startTestApi();
  [admin, ops, service, opsSh] = await Promise.all([
    staffToken(api, 'admin', 'admin-demo-2026'),
    staffToken(api, 'ops', 'ops-demo-2026'),
    staffToken(api, 'service', 'service-demo-2026'),
    staffToken(api, 'ops.sh', 'ops-demo-2026'),
  ]);
  m1 = (await joinShopper(api, '13622220001', scene('S001'))).memberId;
  m2 = (await joinShopper(api, '13622220002', scene('S001'))).memberId;
  let n = 0;
  const adjust = (token: string, memberId: string, points: number, extra: Record<string, unknown> = {}) =>
    api.client(token).call('adjustPoints', { params: { memberId }, body: { points, note: '审计筛选测试', idempotencyKey: `audit-filter-${++n}`, ...extra } });
  // About m1: ops twice, customer service once, the Shanghai region's ops once, a phone reveal; about m2: ops once.
  await adjust(ops, m1, 10);
  await adjust(ops, m1, 20);
  await adjust(service, m1, 30, { caseRef: 'CS-AUDIT-1' });
  await adjust(opsSh, m1, 40);
  await api.client(admin).call('revealPhone', { params: { memberId: m1 } });
  await adjust(ops, m2, 50);
  const settings = await api.client(ops).call('getSettings');
  await api.client(ops).call('updateSettings', { body: { version: settings.version, settings: settings.settings } });
}, 60_000);
afterAll(() => api.close());

const log = (token: string, query: Record<string, string | number | undefined>) => api.client(token).call('auditLog', { query: query as never });
const pointsOf = (items: Array<{ after: unknown }>) => items.map((i) => (i.after as { points: number }).points);

describe('the audit log by target', () => {
  it('answers only entries about that target, newest first', async () => {
    const res = await log(admin, { target: `member:${m1}` });
    expect(res.items.map((i) => i.action)).toEqual(['member.revealPhone', 'points.adjust', 'points.adjust', 'points.adjust', 'points.adjust']);
    expect(res.items.every((i) => i.target === `member:${m1}`)).toBe(true);
    expect(pointsOf(res.items.slice(1))).toEqual([40, 30, 20, 10]);
    expect(res.cursor).toBeNull();
    expect((await log(admin, { target: `member:${m2}` })).items.map((i) => i.actor)).toEqual(['ops']);
    expect((await log(admin, { target: 'settings' })).items.map((i) => i.action)).toEqual(['settings.update']);
    expect((await log(admin, { target: 'member:999999999' })).items).toEqual([]);
  });

  it('with an action, an actor, or both', async () => {
    expect(pointsOf((await log(admin, { target: `member:${m1}`, action: 'points.adjust' })).items)).toEqual([40, 30, 20, 10]);
    expect((await log(admin, { target: `member:${m1}`, action: 'member.revealPhone' })).items.map((i) => i.actor)).toEqual(['admin']);
    expect(pointsOf((await log(admin, { target: `member:${m1}`, actor: 'ops' })).items)).toEqual([20, 10]);
    expect(pointsOf((await log(admin, { target: `member:${m1}`, actor: 'service', action: 'points.adjust' })).items)).toEqual([30]);
    expect((await log(admin, { target: `member:${m1}`, actor: 'service', action: 'member.revealPhone' })).items).toEqual([]);
  });

  it('pages by cursor without skips or repeats, filters and all', async () => {
    for (const query of [{ target: `member:${m1}` }, { target: `member:${m1}`, action: 'points.adjust' }, { target: `member:${m1}`, actor: 'ops' }]) {
      const all = (await log(admin, { ...query, limit: 100 })).items;
      const paged: typeof all = [];
      let cursor: string | undefined;
      do {
        const page = await log(admin, { ...query, limit: 1, cursor });
        paged.push(...page.items);
        cursor = page.cursor ?? undefined;
      } while (cursor);
      expect(paged).toEqual(all);
    }
  });

  it('a cursor pages only the target and filters it was issued for', async () => {
    const page = await log(admin, { target: `member:${m1}`, limit: 1 });
    const cursor = page.cursor!;
    expect((await log(admin, { target: `member:${m1}`, limit: 1, cursor })).items).toHaveLength(1);
    for (const other of [{ target: `member:${m2}` }, { target: `member:${m1}`, action: 'points.adjust' }, { target: `member:${m1}`, actor: 'ops' }, { actor: 'ops' }, {}]) {
      expect(await refused(log(admin, { ...other, limit: 1, cursor }))).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', details: [expect.objectContaining({ path: ['query', 'cursor'] })] });
    }
  });

  it('keeps to the viewer’s scope: a region viewer sees only its region’s actors', async () => {
    await api.client(admin).call('createStaff', { body: { username: 'admin.sh', displayName: '上海区域管理员', password: 'Shanghai-Audit-2026', role: 'admin', scope: { level: 'region', region: 'shanghai' } } });
    const adminSh = await staffToken(api, 'admin.sh', 'Shanghai-Audit-2026');
    const seen = await log(adminSh, { target: `member:${m1}` });
    expect(seen.items.map((i) => i.actor)).toEqual(['ops.sh']);
    expect(pointsOf(seen.items)).toEqual([40]);
    expect((await log(adminSh, { target: `member:${m1}`, action: 'member.revealPhone' })).items).toEqual([]);
  });

  it('refuses a target or an action that is not spelled as entries spell them', async () => {
    expect(await refused(log(admin, { target: 'Member 1' }))).toMatchObject({ status: 400, details: [expect.objectContaining({ path: ['query', 'target'] })] });
    expect(await refused(log(admin, { action: 'points adjust' }))).toMatchObject({ status: 400, details: [expect.objectContaining({ path: ['query', 'action'] })] });
  });
});

describe('the audit log by action', () => {
  it('on a day', async () => {
    const res = await log(admin, { date: today(), action: 'points.adjust' });
    expect(res.items.map((i) => i.action)).toEqual(Array(5).fill('points.adjust'));
    expect(pointsOf(res.items)).toEqual([50, 40, 30, 20, 10]);
    expect((await log(admin, { action: 'settings.update' })).items.map((i) => i.actor)).toEqual(['ops']);
    expect((await log(admin, { date: '2020-01-01', action: 'points.adjust' })).items).toEqual([]);
  });

  it('of an actor', async () => {
    expect(pointsOf((await log(admin, { actor: 'ops', action: 'points.adjust' })).items)).toEqual([50, 20, 10]);
    expect((await log(admin, { actor: 'ops', action: 'settings.update' })).items).toHaveLength(1);
    expect((await log(admin, { actor: 'ops', action: 'member.revealPhone' })).items).toEqual([]);
  });

  it('pages through a day’s matches one by one', async () => {
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await log(admin, { action: 'points.adjust', limit: 2, cursor });
      paged.push(...page.items.map((i) => i.at));
      cursor = page.cursor ?? undefined;
    } while (cursor);
    expect(paged).toEqual((await log(admin, { action: 'points.adjust' })).items.map((i) => i.at));
    expect(paged).toHaveLength(5);
  });
});

describe('opening a store', () => {
  const store = { storeId: 'S010', name: '鲜邻超市·徐汇店', region: 'shanghai', address: '上海市徐汇区漕溪北路 88 号' };

  it('a chain admin opens a store: it is listed, in its region, and audited', async () => {
    const created = await api.client(admin).call('createStore', { body: store });
    expect(created).toEqual({ ...store, registers: [] });
    expect((await api.client(admin).call('listStores')).items.map((s) => s.storeId)).toContain('S010');
    expect((await api.client(opsSh).call('listStores')).items.map((s) => s.storeId)).toContain('S010');
    // A register can be added to it at once.
    await api.client(admin).call('createRegister', { params: { storeId: 'S010' }, body: { registerId: 'S010-R1', name: '1号收银台' } });
    const entry = (await log(admin, { target: 'store:S010', action: 'store.create' })).items;
    expect(entry).toEqual([expect.objectContaining({ actor: 'admin', before: null, after: store })]);
  });

  it('an existing store id is a 409 in the caller’s language, and changes nothing', async () => {
    const zh = await refused(api.client(admin).call('createStore', { body: { ...store, name: '另一家店' } }));
    expect(zh).toMatchObject({ status: 409, code: 'CONFLICT', message: '门店 S010 已存在' });
    const en = await refused(api.client(admin, { locale: 'en' }).call('createStore', { body: { ...store, storeId: 'S001' } }));
    expect(en).toMatchObject({ status: 409, code: 'CONFLICT', message: 'Store S001 already exists' });
    expect((await api.client(admin).call('listStores')).items.find((s) => s.storeId === 'S010')?.name).toBe(store.name);
    expect((await log(admin, { target: 'store:S010', action: 'store.create' })).items).toHaveLength(1);
  });

  it('only chain-scoped admins', async () => {
    const storeAdmin = await staffToken(api, 'admin.s002', 'admin-demo-2026');
    expect(await refused(api.client(storeAdmin).call('createStore', { body: { ...store, storeId: 'S011' } }))).toMatchObject({ status: 403, code: 'OUT_OF_SCOPE' });
    expect(await refused(api.client(ops).call('createStore', { body: { ...store, storeId: 'S011' } }))).toMatchObject({ status: 403 });
    expect((await api.client(admin).call('listStores')).items.map((s) => s.storeId)).not.toContain('S011');
  });

  it('a region may not carry the index key separator', async () => {
    expect(await refused(api.client(admin).call('createStore', { body: { ...store, storeId: 'S012', region: 'shang#hai' } }))).toMatchObject({
      status: 400,
      details: [expect.objectContaining({ path: ['body', 'region'] })],
    });
  });
});
