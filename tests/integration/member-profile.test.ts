import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ApiError } from '../../shared/api-client';
import type { StaffRole, StaffScope } from '../../shared/roles';
import { businessMonthOf } from '../../shared/rules/business-time';
import { nowIso } from '../../functions/commons/clock';
import { ddb } from '../../functions/commons/dynamodb';
import { keys } from '../../functions/commons/keys';
import { joinShopper, saleOf, staffToken } from '../support/shoppers';
import { startTestApi, type TestApi } from '../support/test-api';

/**
 * Issue 9 §1–§2: the member's profile (birthday set once, staff corrections audited and scoped, personal fields
 * encrypted at rest), staff search by exact name (a blind index, names not unique), the member's purchases
 * (paged, with returns, forged cursors 400) and receipts (another member's: 404), the birthday double at sale.
 */
let api: TestApi;
let admin: string;
let ops: string;
let service: string;
let cashier: string;
let sceneS001: string;
let sceneS002: string;
let phone = 13710000000;
beforeAll(async () => {
  api = await startTestApi();
  admin = await staffToken(api, 'admin', 'admin-demo-2026');
  ops = await staffToken(api, 'ops', 'ops-demo-2026');
  service = await staffToken(api, 'service', 'service-demo-2026');
  cashier = await staffToken(api, 'cashier', 'cashier-demo-2026', 'S001-R1');
  sceneS001 = api.seed.stores.find((s) => s.storeId === 'S001')!.registers[0].scene;
  sceneS002 = api.seed.stores.find((s) => s.storeId === 'S002')!.registers[0].scene;
});
afterAll(() => api.close());

const member = (scene?: string) => joinShopper(api, String(++phone), scene);
const err = (p: Promise<unknown>) => p.then(() => ({ status: 200 }) as unknown as ApiError, (e: ApiError) => e);
const pos = () => api.client(cashier);
const rawMember = async (memberId: string) => (await ddb().send(new GetCommand({ TableName: api.tableName, Key: keys.member(memberId) }))).Item!;

const PASSWORD = 'Str0ng-Enough-26';
let n = 0;
async function account(role: StaffRole, scope: StaffScope) {
  const username = `prof.${role}.${++n}`;
  await api.client(admin).call('createStaff', { body: { username, displayName: username, password: PASSWORD, role, scope } });
  return staffToken(api, username, PASSWORD);
}

describe('the profile', () => {
  it('starts empty; the member sets nickname, gender, region and the birthday once; a second birthday is 409 in both languages', async () => {
    const m = await member();
    expect(await m.client.call('myProfile')).toEqual({ memberId: m.memberId, nickname: null, gender: null, birthday: null, region: null, birthdayEditable: true });

    const set = await m.client.call('updateMyProfile', { body: { nickname: ' 小明 ', gender: 'male', birthday: '1990-06-15', region: '上海' } });
    expect(set).toEqual({ memberId: m.memberId, nickname: '小明', gender: 'male', birthday: '1990-06-15', region: '上海', birthdayEditable: false });

    // Encrypted at rest: neither the nickname nor the birthday in plaintext; the birth month only.
    const raw = await rawMember(m.memberId);
    expect(JSON.stringify(raw)).not.toContain('小明');
    expect(JSON.stringify(raw)).not.toContain('1990-06-15');
    expect(raw).toMatchObject({ birthMonth: 6, birthdaySetBy: 'member' });
    expect(raw.birthdayEnc).toMatch(/^v1:/);
    expect(raw.nicknameEnc).toMatch(/^v1:/);

    // The same birthday again is fine (a retry); another one is refused.
    expect(await m.client.call('updateMyProfile', { body: { birthday: '1990-06-15', region: '杭州' } })).toMatchObject({ birthday: '1990-06-15', region: '杭州' });
    const zh = await err(m.client.call('updateMyProfile', { body: { birthday: '1990-07-15' } }));
    expect(zh).toMatchObject({ status: 409, code: 'BIRTHDAY_LOCKED' });
    expect(zh.message).toMatch(/生日已设置/);
    const en = await err(api.client(m.token, { locale: 'en' }).call('updateMyProfile', { body: { birthday: '1990-07-15' } }));
    expect(en).toMatchObject({ status: 409, code: 'BIRTHDAY_LOCKED' });
    expect(en.message).toMatch(/customer service/);
    expect((await m.client.call('myProfile')).birthday).toBe('1990-06-15');

    // Other fields still change, and clear.
    expect(await m.client.call('updateMyProfile', { body: { nickname: '小明明', gender: null, region: null } })).toMatchObject({ nickname: '小明明', gender: null, region: null, birthday: '1990-06-15' });
  });

  it('two devices setting the birthday at once: exactly one wins', async () => {
    const m = await member();
    const tries = await Promise.all(['1991-01-01', '1992-02-02', '1993-03-03', '1994-04-04'].map((b) => err(m.client.call('updateMyProfile', { body: { birthday: b } }))));
    expect(tries.filter((t) => t.status === 200)).toHaveLength(1);
    expect(tries.filter((t) => t.status === 409).length).toBe(3);
  });

  it('bad input is 400: not a date, a future date, unknown fields, an empty patch', async () => {
    const m = await member();
    for (const body of [{ birthday: '1990-02-30' }, { birthday: '2999-01-01' }, { birthday: '19900101' }, { nickname: '' }, { gender: 'x' }, { other: 1 }, {}]) {
      expect(await err(m.client.call('updateMyProfile', { body: body as never }))).toMatchObject({ status: 400 });
    }
  });
});

describe('staff correct a birthday', () => {
  it('ops and service correct it (audited, months only in the entry); the member then sees it and still cannot change it', async () => {
    const m = await member(sceneS001);
    await m.client.call('updateMyProfile', { body: { birthday: '1990-06-15' } });
    const fixed = await api.client(service).call('correctMemberProfile', { params: { memberId: m.memberId }, body: { birthday: '1990-08-15', note: '会员出示身份证更正' } });
    expect(fixed).toMatchObject({ birthday: '1990-08-15', birthdayEditable: false });
    expect(await rawMember(m.memberId)).toMatchObject({ birthMonth: 8, birthdaySetBy: 'staff:service' });
    expect(await m.client.call('myProfile')).toMatchObject({ birthday: '1990-08-15' });
    expect(await err(m.client.call('updateMyProfile', { body: { birthday: '1990-09-15' } }))).toMatchObject({ status: 409 });

    const log = await api.client(admin).call('auditLog', { query: { target: `member:${m.memberId}` } });
    const entry = log.items.find((e) => e.action === 'member.correctBirthday');
    expect(entry).toMatchObject({ actor: 'service', before: { birthMonth: 6, birthdaySet: true }, after: { birthMonth: 8, note: '会员出示身份证更正' } });
    expect(JSON.stringify(entry)).not.toContain('1990-');

    // Ops may set one the member never gave.
    const none = await member();
    expect(await api.client(ops).call('correctMemberProfile', { params: { memberId: none.memberId }, body: { birthday: '1985-12-01', note: 'phone call' } })).toMatchObject({ birthday: '1985-12-01' });
  });

  it('scope "member": scoped staff correct members homed in scope only; other roles 403; an unknown member 404', async () => {
    const storeService = await account('service', { level: 'store', storeId: 'S002' });
    const inS001 = await member(sceneS001);
    const inS002 = await member(sceneS002);
    const correct = (token: string, memberId: string) => err(api.client(token).call('correctMemberProfile', { params: { memberId }, body: { birthday: '1990-01-01', note: 'fix' } }));
    expect(await correct(storeService, inS002.memberId)).toMatchObject({ status: 200 });
    expect(await correct(storeService, inS001.memberId)).toMatchObject({ status: 403, code: 'OUT_OF_SCOPE' });
    expect(await correct(admin, inS001.memberId)).toMatchObject({ status: 403 });
    expect(await correct(cashier, inS001.memberId)).toMatchObject({ status: 403 });
    expect(await correct(ops, '999999998')).toMatchObject({ status: 404 });
    expect((await rawMember(inS001.memberId)).birthdayEnc).toBeUndefined();
  });
});

describe('staff find members by name', () => {
  it('exact name (normalised) through the blind index: two members sharing a name, both found; a renamed member leaves the old name', async () => {
    const name = `王芳${Date.now().toString(36)}`;
    const a = await member();
    const b = await member();
    const c = await member();
    await a.client.call('updateMyProfile', { body: { nickname: name } });
    await b.client.call('updateMyProfile', { body: { nickname: ` ${name.toUpperCase()} ` } });
    await c.client.call('updateMyProfile', { body: { nickname: `${name}2` } });
    const find = async (q: string) => (await api.client(service).call('findMembers', { query: { name: q } })).items.map((i) => i.memberId);
    expect(await find(name)).toEqual([a.memberId, b.memberId].sort());
    expect(await find(`${name}2`)).toEqual([c.memberId]);
    expect(await find(name.slice(0, 3))).toEqual([]);

    await a.client.call('updateMyProfile', { body: { nickname: `${name}2` } });
    expect(await find(name)).toEqual([b.memberId]);
    expect(await find(`${name}2`)).toEqual([a.memberId, c.memberId].sort());
    await b.client.call('updateMyProfile', { body: { nickname: null } });
    expect(await find(name)).toEqual([]);

    // One of phone, member number or name.
    expect(await err(api.client(service).call('findMembers', { query: { name, memberId: a.memberId } }))).toMatchObject({ status: 400 });
    expect(await err(api.client(service).call('findMembers', { query: {} }))).toMatchObject({ status: 400 });
  });
});

describe('the member’s purchases', () => {
  it('pages sales and returns newest first (store name, amounts, points, pending); forged and foreign cursors are 400', async () => {
    const m = await member();
    const other = await member();
    const receipts: string[] = [];
    for (let i = 0; i < 3; i++) {
      const s = saleOf(m.memberId, 10 + i);
      receipts.push(s.receiptNo);
      await pos().call('recordSale', { body: s });
    }
    await pos().call('recordSale', { body: saleOf(other.memberId, 50) });
    await pos().call('recordReturn', { body: { returnNo: `RT${Date.now().toString(36)}`, storeId: 'S001', original: { storeId: 'S001', receiptNo: receipts[0] }, returnedAt: nowIso() } });

    const page1 = await m.client.call('myPurchases', { query: { limit: 2 } });
    expect(page1.items).toHaveLength(2);
    expect(page1.cursor).toEqual(expect.any(String));
    const page2 = await m.client.call('myPurchases', { query: { limit: 2, cursor: page1.cursor! } });
    const all = [...page1.items, ...page2.items];
    if (page2.cursor) all.push(...(await m.client.call('myPurchases', { query: { limit: 2, cursor: page2.cursor } })).items);
    expect(all).toHaveLength(4);
    expect(all.map((p) => p.at)).toEqual([...all.map((p) => p.at)].sort().reverse());
    expect(all[0]).toMatchObject({ kind: 'return', storeId: 'S001', receiptNo: receipts[0], amountFen: 1000, pointsEarned: 10 });
    const sale = all.find((p) => p.kind === 'sale' && p.receiptNo === receipts[2])!;
    expect(sale).toMatchObject({ storeId: 'S001', amountFen: 1200, pointsEarned: 12, pointsPaid: 0, points: 'pending' });
    expect(sale.storeName).not.toBe('S001');
    expect(sale.availableOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(all.some((p) => p.receiptNo === receipts[1])).toBe(true);

    // A cursor edited, invented, or issued to another member is a 400 on query.cursor, never a 500.
    const [payload, sig] = page1.cursor!.split('.');
    for (const cursor of [`${payload}x.${sig}`, 'abc', 'a.b', `${Buffer.from('{"PK":"SALE#S001#X"}').toString('base64url')}.${sig}`]) {
      expect(await err(m.client.call('myPurchases', { query: { cursor } }))).toMatchObject({ status: 400 });
    }
    expect(await err(other.client.call('myPurchases', { query: { cursor: page1.cursor! } }))).toMatchObject({ status: 400 });
  });

  it('a receipt with its lines, only the member’s own: another member’s sale, or none, is 404', async () => {
    const m = await member();
    const other = await member();
    const s = saleOf(m.memberId, 25);
    await pos().call('recordSale', { body: s });
    const r = await m.client.call('myReceipt', { params: { storeId: 'S001', receiptNo: s.receiptNo } });
    expect(r).toMatchObject({ storeId: 'S001', receiptNo: s.receiptNo, netFen: 2500, pointsEarned: 25, returnedFen: 0, lines: [{ lineNo: 1, sku: 'SKU1', qtyMilli: 1000, netFen: 2500, points: 25, returnedMilli: 0 }] });
    expect(await err(other.client.call('myReceipt', { params: { storeId: 'S001', receiptNo: s.receiptNo } }))).toMatchObject({ status: 404 });
    expect(await err(m.client.call('myReceipt', { params: { storeId: 'S001', receiptNo: 'NOPE1' } }))).toMatchObject({ status: 404 });
    // A non-member sale is nobody's.
    const anon = saleOf(null, 5);
    await pos().call('recordSale', { body: anon });
    expect(await err(m.client.call('myReceipt', { params: { storeId: 'S001', receiptNo: anon.receiptNo } }))).toMatchObject({ status: 404 });
  });
});

describe('the birthday double', () => {
  it('a gold member earns double in their birth month (from the profile), single in another month', async () => {
    const month = Number(businessMonthOf(nowIso()).slice(5, 7));
    const pad = (x: number) => String(x).padStart(2, '0');
    const gold = async (birthMonth: number) => {
      const m = await member();
      await m.client.call('updateMyProfile', { body: { birthday: `1990-${pad(birthMonth)}-01` } });
      await ddb().send(new UpdateCommand({ TableName: api.tableName, Key: keys.member(m.memberId), UpdateExpression: 'SET tier = :g', ExpressionAttributeValues: { ':g': 'gold' } }));
      return m;
    };
    const birthday = await gold(month);
    const another = await gold((month % 12) + 1);
    const a = await pos().call('recordSale', { body: saleOf(birthday.memberId, 100) });
    const b = await pos().call('recordSale', { body: saleOf(another.memberId, 100) });
    expect(b.points.earned).toBeGreaterThan(0);
    expect(a.points.earned).toBe(2 * b.points.earned);

    // A staff correction moves the month, and the double with it.
    await api.client(ops).call('correctMemberProfile', { params: { memberId: another.memberId }, body: { birthday: `1990-${pad(month)}-20`, note: 'fix' } });
    const c = await pos().call('recordSale', { body: saleOf(another.memberId, 100) });
    expect(c.points.earned).toBe(a.points.earned);
  });
});
