import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ApiError } from '../../shared/api-client';
import type { TimelineEntry } from '../../shared/features/members/schemas';
import { nowIso } from '../../functions/commons/clock';
import { getConfig } from '../../functions/commons/config';
import { sealCursor } from '../../functions/commons/cursor';
import { ddb } from '../../functions/commons/dynamodb';
import { keys } from '../../functions/commons/keys';
import { messagePut } from '../../functions/features/points/messages';
import { startFakeWechat, type FakeWechat } from '../support/fake-wechat';
import { joinShopper, saleOf, staffToken } from '../support/shoppers';
import { startTestApi, type TestApi } from '../support/test-api';

/**
 * The staff console's member pages: finding a member by phone or number, the member's timeline (every source,
 * merged newest first, paged without skips or repeats by a sealed composite cursor), and rejecting merge requests.
 */
let api: TestApi;
let wechat: FakeWechat;
let ops: string;
let service: string;
let admin: string;
let cashier: string;
const scene = (storeId: string) => api.seed.stores.find((s) => s.storeId === storeId)!.registers[0].scene;

beforeAll(async () => {
  wechat = await startFakeWechat();
  api = await startTestApi({ WECHAT_APP_ID: wechat.appId, WECHAT_API_BASE: wechat.baseUrl }, { wechatAppSecret: wechat.appSecret });
  [ops, service, admin, cashier] = await Promise.all([
    staffToken(api, 'ops', 'ops-demo-2026'),
    staffToken(api, 'service', 'service-demo-2026'),
    staffToken(api, 'admin', 'admin-demo-2026'),
    staffToken(api, 'cashier', 'cashier-demo-2026', 'S001-R1'),
  ]);
}, 60_000);
afterAll(async () => {
  await api?.close();
  await wechat?.close();
});

const refused = async (p: Promise<unknown>) => (await p.then(() => undefined, (e: ApiError) => e)) as ApiError | undefined;
async function get(path: string, token: string) {
  const res = await fetch(api.url + path, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: await res.json() };
}
const expectCursorRefused = (r: { status: number; body: { error: { code: string; details: unknown } } }) => {
  expect(r.status).toBe(400);
  expect(r.body.error.code).toBe('VALIDATION_FAILED');
  expect(r.body.error.details).toEqual([expect.objectContaining({ path: ['query', 'cursor'] })]);
};

describe('finding a member', () => {
  let memberId: string;
  beforeAll(async () => {
    memberId = (await joinShopper(api, '13611110001', scene('S001'))).memberId;
  });

  it('by phone, through the blind index, in the look-up view (phone masked)', async () => {
    const found = await api.client(ops).call('findMembers', { query: { phone: '13611110001' } });
    expect(found.items).toEqual([await api.client(ops).call('getMember', { params: { memberId } })]);
    expect(found.items[0]).toMatchObject({ memberId, phoneMasked: '136****0001', joinStoreId: 'S001' });
    // The same phone as the shopper's form may send it.
    expect((await api.client(service).call('findMembers', { query: { phone: '+86 136 1111 0001' } })).items.map((m) => m.memberId)).toEqual([memberId]);
  });

  it('by member number', async () => {
    expect((await api.client(service).call('findMembers', { query: { memberId } })).items.map((m) => m.memberId)).toEqual([memberId]);
  });

  it('an unknown phone or number finds nobody', async () => {
    expect(await api.client(ops).call('findMembers', { query: { phone: '13611119999' } })).toEqual({ items: [] });
    expect(await api.client(ops).call('findMembers', { query: { memberId: '999999999' } })).toEqual({ items: [] });
  });

  it('asks for exactly one of phone and member number', async () => {
    expect((await get('/staff/members', ops)).status).toBe(400);
    expect((await get(`/staff/members?phone=13611110001&memberId=${memberId}`, ops)).status).toBe(400);
    expect((await get('/staff/members?phone=12345', ops)).body.error.details).toEqual([expect.objectContaining({ path: ['query', 'phone'] })]);
  });

  it('is for the roles that look members up', async () => {
    const finance = await staffToken(api, 'finance', 'finance-demo-2026');
    expect(await refused(api.client(finance).call('findMembers', { query: { memberId } }))).toMatchObject({ status: 403 });
  });
});

describe('a member’s timeline', () => {
  const phone = '13611120001';
  let memberId: string;
  let full: TimelineEntry[];
  let big: ReturnType<typeof saleOf>;
  const returnNo = `TLR${Date.now().toString(36)}`;

  beforeAll(async () => {
    const m = await joinShopper(api, phone, scene('S001'));
    memberId = m.memberId;
    // A sale that moves the member up at once (gold) and queues them for the approval tier (diamond).
    big = saleOf(memberId, 50_000);
    const sold = await api.client(cashier).call('recordSale', { body: big });
    expect(sold.tier).toMatchObject({ code: 'gold', upgradedFrom: 'base', approvalQueued: 'diamond' });
    await api.client(cashier).call('recordReturn', { body: { returnNo, storeId: 'S001', registerId: 'S001-R1', original: { storeId: 'S001', receiptNo: big.receiptNo }, returnedAt: nowIso(), lines: [{ lineNo: 1, qtyMilli: 100 }] } });
    await m.client.call('signIn');
    await api.client(ops).call('adjustPoints', { params: { memberId }, body: { points: 120, note: '活动补发 OPS-7', shopperReason: { zh: '活动奖励', en: 'Campaign bonus' }, idempotencyKey: `tl-${memberId}` } });
    await api.client(ops).call('decideTierApproval', { params: { memberId }, body: { decision: 'approve', note: '核实消费' } });
    // A message from elsewhere (a campaign, say): not every message is about tiers.
    const at = nowIso();
    await ddb().send(new PutCommand(messagePut(api.tableName, { memberId, messageId: 'tl-campaign', sortAt: at, at, kind: 'campaign', title: { zh: '新品上市', en: 'New arrivals' }, body: { zh: '本周新品八折', en: '20% off new arrivals this week' } }).Put));
    await api.client(service).call('revealPhone', { params: { memberId } });
    full = (await api.client(ops).call('memberTimeline', { params: { memberId }, query: { limit: 100 } })).items;
  }, 60_000);

  it('has every kind of entry, newest first', () => {
    expect(new Set(full.map((e) => e.kind))).toEqual(new Set(['joined', 'sale', 'return', 'points', 'tier', 'message', 'audit']));
    const times = full.map((e) => e.at);
    expect(times).toEqual([...times].sort().reverse());
    expect(full[full.length - 1]).toMatchObject({ kind: 'joined', storeId: 'S001', registerId: 'S001-R1' });
    // What happened, in the order it happened (newest first).
    const story = full.map((e) => (e.kind === 'audit' ? `audit:${e.internalNote}` : e.kind));
    const order = ['audit:member.revealPhone', 'message', 'audit:tier.approve', 'points', 'return', 'sale', 'joined'];
    expect(story.filter((s) => order.includes(s) && s !== 'points')).toEqual(order.filter((s) => s !== 'points'));
    expect(story.indexOf('audit:points.adjust')).toBeLessThan(story.indexOf('return'));
  });

  it('shows each source’s facts', () => {
    const sale = full.find((e) => e.kind === 'sale')!;
    expect(sale).toMatchObject({ storeId: 'S001', registerId: 'S001-R1', amountFen: 5_000_000, ref: big.receiptNo, points: null, actor: null });
    expect(full.find((e) => e.kind === 'return')).toMatchObject({ storeId: 'S001', amountFen: 500_000, ref: returnNo });
    // The sale's upgrade, right before the sale (newest first), at its time.
    const saleAt = full.indexOf(sale);
    expect(full[saleAt - 1]).toMatchObject({ kind: 'tier', at: sale.at, ref: big.receiptNo, shopperText: { zh: expect.stringContaining('金卡'), en: expect.stringContaining('Diamond') } });
    // The approval's message is a tier entry; the campaign message is a message.
    expect(full.filter((e) => e.kind === 'tier')).toHaveLength(2);
    expect(full.find((e) => e.kind === 'message')).toMatchObject({ ref: 'tl-campaign', shopperText: { zh: '新品上市：本周新品八折', en: 'New arrivals: 20% off new arrivals this week' } });
    // Ledger entries: points, balance, the shopper's text, and for an adjustment its internal note and actor.
    const adjust = full.find((e) => e.kind === 'points' && e.ref === `ADJUST#tl-${memberId}`)!;
    expect(adjust).toMatchObject({ points: 120, internalNote: '活动补发 OPS-7', actor: 'ops', shopperText: { zh: '活动奖励', en: 'Campaign bonus' } });
    expect(adjust.balanceAfter).toBe(adjust.points! + full.find((e) => e.kind === 'points' && e.ref?.startsWith('SIGNIN#'))!.balanceAfter!);
    expect(full.find((e) => e.kind === 'points' && e.ref?.startsWith('SIGNIN#'))).toMatchObject({ internalNote: null, actor: null });
    // Audit entries about the member, with who did it.
    expect(full.filter((e) => e.kind === 'audit').map((e) => [e.internalNote, e.actor])).toEqual([
      ['member.revealPhone', 'service'],
      ['tier.approve', 'ops'],
      ['points.adjust', 'ops'],
    ]);
    expect(new Set(full.map((e) => e.id)).size).toBe(full.length);
  });

  it.each([1, 2, 3, 5])('pages of %i give every entry exactly once, in the same order', async (limit) => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 50; page++) {
      const res = await api.client(ops).call('memberTimeline', { params: { memberId }, query: { limit, cursor } });
      expect(res.items.length).toBeLessThanOrEqual(limit);
      seen.push(...res.items.map((e) => e.id));
      if (!res.cursor) break;
      expect(res.items).toHaveLength(limit);
      cursor = res.cursor;
    }
    expect(seen).toEqual(full.map((e) => e.id));
  });

  it('a new entry arriving between pages does not shift what the next page holds', async () => {
    const first = await api.client(ops).call('memberTimeline', { params: { memberId }, query: { limit: 4 } });
    await api.client(service).call('revealPhone', { params: { memberId } });
    const rest: string[] = [];
    let cursor = first.cursor ?? undefined;
    while (cursor) {
      const res = await api.client(ops).call('memberTimeline', { params: { memberId }, query: { limit: 4, cursor } });
      rest.push(...res.items.map((e) => e.id));
      cursor = res.cursor ?? undefined;
    }
    expect([...first.items.map((e) => e.id), ...rest]).toEqual(full.map((e) => e.id));
  });

  it('a cursor forged, edited, or issued for another member or list is a 400', async () => {
    const page = await api.client(ops).call('memberTimeline', { params: { memberId }, query: { limit: 2 } });
    const cursor = page.cursor!;
    const other = (await joinShopper(api, '13611120002')).memberId;
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const [payload, sig] = cursor.split('.');
    const edited = Buffer.from(Buffer.from(payload, 'base64url').toString().replace('"v":1', '"v":2')).toString('base64url');
    const audit = (await api.client(admin).call('auditLog', { query: { limit: 1 } })).cursor!;
    for (const bad of [`${b64({ v: 1, p: [null, null, null, null, null] })}.${sig}`, `${edited}.${sig}`, 'x.y', 'not-a-cursor', audit]) {
      expectCursorRefused(await get(`/staff/members/${memberId}/timeline?limit=2&cursor=${encodeURIComponent(bad)}`, ops));
    }
    expectCursorRefused(await get(`/staff/members/${other}/timeline?limit=2&cursor=${encodeURIComponent(cursor)}`, ops));
    // Even one signed for this member's timeline, when it does not hold a position for every source, is a 400, never a 500.
    const key = (await getConfig()).keys.cursor;
    for (const p of [{ v: 1, p: [[0, 'x'], null, null, null, null] }, { v: 1, p: [null, null, null, null] }, { v: 1, p: [[2], null, null, null, null] }, { v: 1, p: 'x' }]) {
      expectCursorRefused(await get(`/staff/members/${memberId}/timeline?limit=2&cursor=${encodeURIComponent(sealCursor(key, `timeline:${memberId}`, p)!)}`, ops));
    }
    expect((await get(`/staff/members/${memberId}/timeline?limit=2&cursor=${encodeURIComponent(cursor)}`, ops)).status).toBe(200);
  });

  it('an unknown member is a 404; a member with nothing but the join has one entry', async () => {
    expect(await refused(api.client(ops).call('memberTimeline', { params: { memberId: '999999998' }, query: {} }))).toMatchObject({ status: 404 });
    const quiet = (await joinShopper(api, '13611120003')).memberId;
    const only = await api.client(service).call('memberTimeline', { params: { memberId: quiet }, query: {} });
    expect(only).toEqual({ items: [expect.objectContaining({ kind: 'joined', storeId: null })], cursor: null });
  });

  it('the member index is on members’ sales and returns only, written with the sale', async () => {
    const anonymous = saleOf(null, 10);
    await api.client(cashier).call('recordSale', { body: anonymous });
    const item = (await ddb().send(new GetCommand({ TableName: api.tableName, Key: keys.sale('S001', anonymous.receiptNo) }))).Item!;
    expect(item.GSI1PK).toBeUndefined();
    const memberSale = (await ddb().send(new GetCommand({ TableName: api.tableName, Key: keys.sale('S001', big.receiptNo) }))).Item!;
    expect(memberSale).toMatchObject(keys.memberSalesIndex(memberId, big.soldAt, 'S001', big.receiptNo));
  });
});

describe('rejecting a merge request', () => {
  let codeNo = 0;
  const consent = { accepted: true as const, privacyPolicyVersion: '2026-11-01', termsVersion: '2026-11-01' };
  const login = (openid: string) => {
    const code = `login-${++codeNo}`;
    wechat.registerLogin(code, { openid });
    return code;
  };
  const phoneCode = (p: string) => {
    const code = `phone-${++codeNo}`;
    wechat.registerPhone(code, p);
    return code;
  };
  /** A phone member (joined at a store) and a WeChat member (online) that then shares the same phone: a merge request. */
  async function mergePair(phone: string, storeId: string) {
    const phoneMember = (await joinShopper(api, phone, scene(storeId))).memberId;
    const s1 = await api.client().call('wechatSignIn', { body: { code: login(`o-${phone}`) } });
    const wechatMember = (await api.client(s1.token).call('join', { body: { consent } })).card.memberId;
    const s2 = await api.client().call('wechatSignIn', { body: { code: login(`o-${phone}`) } });
    const joined = await api.client(s2.token).call('join', { body: { consent, phoneCode: phoneCode(phone) } });
    expect(joined.card.mergePending).toBe(true);
    return { mergeId: `${wechatMember}-${phoneMember}`, wechatMember, phoneMember, token: s2.token };
  }
  const scoped = async (username: string, storeId: string) => {
    await api.client(admin).call('createStaff', { body: { username, displayName: username, password: 'Merge-Desk-2026', role: 'service', scope: { level: 'store', storeId } } });
    return staffToken(api, username, 'Merge-Desk-2026');
  };

  it('takes it out of the queue, clears the shopper’s pending flag, and is audited for both members', async () => {
    const pair = await mergePair('13611130001', 'S001');
    const [s001, s002] = await Promise.all([scoped('merge.s001', 'S001'), scoped('merge.s002', 'S002')]);
    // Out of the caller's scope: not in its queue, and not found.
    expect((await api.client(s002).call('listMergeRequests')).items.map((m) => m.mergeId)).not.toContain(pair.mergeId);
    expect(await refused(api.client(s002).call('rejectMerge', { params: { mergeId: pair.mergeId }, body: { note: '不是同一人' } }))).toMatchObject({ status: 404 });
    expect((await api.client(s001).call('listMergeRequests')).items.map((m) => m.mergeId)).toContain(pair.mergeId);

    const rejected = await api.client(s001).call('rejectMerge', { params: { mergeId: pair.mergeId }, body: { note: '不是同一人' } });
    expect(rejected).toMatchObject({ mergeId: pair.mergeId, wechatMemberId: pair.wechatMember, phoneMemberId: pair.phoneMember, status: 'rejected' });
    expect((await api.client(service).call('listMergeRequests')).items.map((m) => m.mergeId)).not.toContain(pair.mergeId);
    expect((await api.client(pair.token).call('myCard')).mergePending).toBe(false);

    for (const member of [pair.wechatMember, pair.phoneMember]) {
      const log = await api.client(admin).call('auditLog', { query: { target: `member:${member}`, action: 'merge.reject' } });
      expect(log.items).toEqual([expect.objectContaining({ actor: 'merge.s001', before: { status: 'open' }, after: expect.objectContaining({ status: 'rejected', mergeId: pair.mergeId, note: '不是同一人' }) })]);
      const timeline = await api.client(service).call('memberTimeline', { params: { memberId: member }, query: {} });
      expect(timeline.items[0]).toMatchObject({ kind: 'audit', internalNote: 'merge.reject', actor: 'merge.s001' });
    }

    // The same rejection again (a retry) answers as the first did; anything else is a 409.
    expect(await api.client(s001).call('rejectMerge', { params: { mergeId: pair.mergeId }, body: { note: '不是同一人' } })).toEqual(rejected);
    const other = await refused(api.client(s001).call('rejectMerge', { params: { mergeId: pair.mergeId }, body: { note: '另一个理由' } }));
    expect(other).toMatchObject({ status: 409, code: 'CONFLICT' });
    expect(await refused(api.client(service).call('rejectMerge', { params: { mergeId: pair.mergeId }, body: { note: '不是同一人' } }))).toMatchObject({ status: 409 });
    // Nothing more was logged.
    expect((await api.client(admin).call('auditLog', { query: { target: `member:${pair.wechatMember}`, action: 'merge.reject' } })).items).toHaveLength(1);
  });

  it('racing rejections: the same one twice both answer it; two callers, one wins and the other hears 409', async () => {
    const same = await mergePair('13611130002', 'S001');
    const twice = await Promise.all([0, 1].map(() => api.client(service).call('rejectMerge', { params: { mergeId: same.mergeId }, body: { note: '重复提交' } })));
    expect(twice.map((r) => r.status)).toEqual(['rejected', 'rejected']);

    const raced = await mergePair('13611130003', 'S001');
    const outcomes = await Promise.all(
      [service, ops].map((t) => api.client(t).call('rejectMerge', { params: { mergeId: raced.mergeId }, body: { note: '并发拒绝' } }).then(() => 200, (e: ApiError) => e.status)),
    );
    expect(outcomes.sort()).toEqual([200, 409]);
    expect((await api.client(admin).call('auditLog', { query: { target: `member:${raced.phoneMember}` } })).items.filter((i) => i.action === 'merge.reject')).toHaveLength(1);
  });

  it('an unknown merge request is a 404; a malformed id a 400', async () => {
    expect(await refused(api.client(service).call('rejectMerge', { params: { mergeId: '100000001-100000002' }, body: { note: '没有这个申请' } }))).toMatchObject({ status: 404 });
    const res = await fetch(`${api.url}/staff/merges/abc/reject`, { method: 'POST', headers: { authorization: `Bearer ${service}`, 'content-type': 'application/json' }, body: JSON.stringify({ note: '格式错误' }) });
    expect(res.status).toBe(400);
  });
});
