import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ApiError } from '../../shared/api-client';
import type { StaffRole, StaffScope } from '../../shared/roles';
import { defaultChainSettings } from '../../shared/settings';
import { ddb } from '../../functions/commons/dynamodb';
import { keys } from '../../functions/commons/keys';
import { clearSettingsCache } from '../../functions/features/settings/settings';
import { joinShopper, staffToken } from '../support/shoppers';
import { startTestApi, type TestApi } from '../support/test-api';

/**
 * Staff points adjustments (BUSINESS-RULES item 8): scope by the member's home store, compensation capped per
 * case and per account per day under concurrency, idempotency by key and body, explicit debt, internal notes.
 */
let api: TestApi;
let admin: string;
let ops: string;
let service: string;
let phone = 13900000000;
let sceneS001: string;
let sceneS002: string;
beforeAll(async () => {
  api = await startTestApi();
  admin = await staffToken(api, 'admin', 'admin-demo-2026');
  ops = await staffToken(api, 'ops', 'ops-demo-2026');
  service = await staffToken(api, 'service', 'service-demo-2026');
  sceneS001 = api.seed.stores.find((s) => s.storeId === 'S001')!.registers[0].scene;
  sceneS002 = api.seed.stores.find((s) => s.storeId === 'S002')!.registers[0].scene;
});
afterAll(() => api.close());

const PASSWORD = 'Str0ng-Enough-26';
let n = 0;
async function account(role: StaffRole, scope: StaffScope) {
  const username = `adj.${role}.${++n}`;
  await api.client(admin).call('createStaff', { body: { username, displayName: username, password: PASSWORD, role, scope } });
  return staffToken(api, username, PASSWORD);
}
const member = (scene?: string) => joinShopper(api, String(++phone), scene);
const err = (p: Promise<unknown>) => p.then(() => ({ status: 200 }) as unknown as ApiError, (e: ApiError) => e);
let key = 0;
const k = () => `key-${Date.now()}-${++key}`;

describe('who may change a member’s points', () => {
  it('scoped ops change members homed in scope only; chain ops anyone; a member without a home store only chain-scoped', async () => {
    const shanghaiOps = await account('ops', { level: 'region', region: 'shanghai' });
    const storeOps = await account('ops', { level: 'store', storeId: 'S002' });
    const inShanghai = await member(sceneS001);
    const inHangzhou = await member(sceneS002);
    const online = await member();
    const adjust = (token: string, memberId: string) => err(api.client(token).call('adjustPoints', { params: { memberId }, body: { points: 10, note: '活动补发', idempotencyKey: k() } }));

    expect(await adjust(shanghaiOps, inShanghai.memberId)).toMatchObject({ status: 200 });
    expect(await adjust(shanghaiOps, inHangzhou.memberId)).toMatchObject({ status: 403, code: 'OUT_OF_SCOPE' });
    expect(await adjust(storeOps, inHangzhou.memberId)).toMatchObject({ status: 200 });
    expect(await adjust(storeOps, inShanghai.memberId)).toMatchObject({ status: 403, code: 'OUT_OF_SCOPE' });
    expect(await adjust(shanghaiOps, online.memberId)).toMatchObject({ status: 403, code: 'OUT_OF_SCOPE' });
    expect(await adjust(ops, online.memberId)).toMatchObject({ status: 200 });
    // Scoped staff still look members up anywhere.
    expect(await api.client(storeOps).call('getMember', { params: { memberId: inShanghai.memberId } })).toMatchObject({ memberId: inShanghai.memberId });

    // The home store falls back to the store of the first purchase (recorded by the sale).
    await ddb().send(new UpdateCommand({ TableName: api.tableName, Key: keys.member(online.memberId), UpdateExpression: 'SET firstPurchaseStoreId = :s', ExpressionAttributeValues: { ':s': 'S001' } }));
    expect(await adjust(shanghaiOps, online.memberId)).toMatchObject({ status: 200 });
    expect(await adjust(storeOps, online.memberId)).toMatchObject({ status: 403 });
  });

  it('tier approvals: scoped ops see and decide only members homed in scope', async () => {
    const storeOps = await account('ops', { level: 'store', storeId: 'S002' });
    const inShanghai = await member(sceneS001);
    await ddb().send(
      new UpdateCommand({
        TableName: api.tableName,
        Key: keys.tierApproval(inShanghai.memberId),
        UpdateExpression: 'SET memberId = :m, tier = :t, growthFen = :g, requestedAt = :at, #s = :open, GSI1PK = :pk, GSI1SK = :at',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':m': inShanghai.memberId, ':t': 'diamond', ':g': 5_000_000, ':at': new Date().toISOString(), ':open': 'open', ':pk': keys.openTierApprovals() },
      }),
    );
    expect((await api.client(ops).call('tierApprovals')).items.map((i) => i.memberId)).toContain(inShanghai.memberId);
    expect((await api.client(storeOps).call('tierApprovals')).items.map((i) => i.memberId)).not.toContain(inShanghai.memberId);
    expect(await err(api.client(storeOps).call('decideTierApproval', { params: { memberId: inShanghai.memberId }, body: { decision: 'approve' } }))).toMatchObject({ status: 403, code: 'OUT_OF_SCOPE' });
    await api.client(ops).call('decideTierApproval', { params: { memberId: inShanghai.memberId }, body: { decision: 'reject' } });
  });
});

describe('customer-service compensation', () => {
  it('any member, with a case reference; positive only', async () => {
    const storeService = await account('service', { level: 'store', storeId: 'S002' });
    const m = await member(sceneS001);
    expect(await err(api.client(storeService).call('adjustPoints', { params: { memberId: m.memberId }, body: { points: 50, note: '配送延误', idempotencyKey: k() } }))).toMatchObject({ status: 400, code: 'CASE_REF_REQUIRED' });
    expect(await api.client(storeService).call('adjustPoints', { params: { memberId: m.memberId }, body: { points: 50, note: '配送延误', caseRef: `CS-${++n}`, idempotencyKey: k() } })).toMatchObject({ balance: 50 });
    expect(await err(api.client(storeService).call('adjustPoints', { params: { memberId: m.memberId }, body: { points: -5, note: '扣回', caseRef: `CS-${++n}`, idempotencyKey: k() } }))).toMatchObject({ status: 403 });
  });

  it('a case binds to its first member and caps all grants under it together, under 20 concurrent grants', async () => {
    const m = await member(sceneS001);
    const other = await member(sceneS001);
    const caseRef = `CS-CAP-${++n}`;
    const cap = defaultChainSettings.points.serviceCompensationCap; // 500
    const results = await Promise.all(
      Array.from({ length: 20 }, () => err(api.client(service).call('adjustPoints', { params: { memberId: m.memberId }, body: { points: 100, note: '多次补偿', caseRef, idempotencyKey: k() } }))),
    );
    const ok = results.filter((r) => r.status === 200);
    expect(ok).toHaveLength(cap / 100);
    expect(results.filter((r) => r.status !== 200).every((r) => r.status === 409 && r.code === 'COMPENSATION_CAP')).toBe(true);
    expect((await m.client.call('myPoints')).available).toBe(cap);
    // The same case for another member is refused, even within the cap.
    const moved = await err(api.client(service).call('adjustPoints', { params: { memberId: other.memberId }, body: { points: 1, note: '换个会员', caseRef: `CS-BIND-${n}`, idempotencyKey: k() } }));
    expect(moved).toMatchObject({ status: 200 });
    expect(await err(api.client(service).call('adjustPoints', { params: { memberId: m.memberId }, body: { points: 1, note: '换个会员', caseRef: `CS-BIND-${n}`, idempotencyKey: k() } }))).toMatchObject({ status: 409, code: 'CASE_OTHER_MEMBER' });
    // One request above the cap can never pass: 400 with the cap in the details.
    const tooBig = await err(api.client(service).call('adjustPoints', { params: { memberId: m.memberId }, body: { points: cap + 1, note: 'x'.repeat(5), caseRef: `CS-BIG-${n}`, idempotencyKey: k() } }));
    expect(tooBig).toMatchObject({ status: 400, details: [{ path: ['body', 'points'], message: `at most ${cap}` }] });
  });

  it('each account has a daily compensation cap across cases and members, under concurrency', async () => {
    await api.client(admin).call('updateSettings', { body: { version: (await api.client(admin).call('getSettings')).version, settings: { ...defaultChainSettings, points: { ...defaultChainSettings.points, serviceDailyCap: 1000 } } } });
    clearSettingsCache();
    const agent = await account('service', { level: 'chain' });
    const members = await Promise.all(Array.from({ length: 20 }, () => member(sceneS002)));
    const results = await Promise.all(
      members.map((m, i) => err(api.client(agent).call('adjustPoints', { params: { memberId: m.memberId }, body: { points: 150, note: '批量补偿', caseRef: `CS-DAY-${n}-${i}`, idempotencyKey: k() } }))),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(6); // 6 × 150 = 900 ≤ 1000 < 1050
    expect(results.filter((r) => r.status !== 200).every((r) => r.status === 409 && r.code === 'COMPENSATION_DAILY_CAP')).toBe(true);
    // Other accounts have their own allowance.
    expect(await api.client(service).call('adjustPoints', { params: { memberId: members[0].memberId }, body: { points: 150, note: '另一客服', caseRef: `CS-DAY-${n}-x`, idempotencyKey: k() } })).toBeTruthy();
    await api.client(admin).call('updateSettings', { body: { version: (await api.client(admin).call('getSettings')).version, settings: defaultChainSettings } });
    clearSettingsCache();
  });
});

describe('idempotency, debt and notes', () => {
  it('same key and body → the first result; same key, other body → 409; nothing applied twice', async () => {
    const m = await member(sceneS001);
    const body = { points: 120, note: '漏积分', idempotencyKey: k() };
    const first = await api.client(ops).call('adjustPoints', { params: { memberId: m.memberId }, body });
    await api.client(ops).call('adjustPoints', { params: { memberId: m.memberId }, body: { points: 30, note: '另一笔', idempotencyKey: k() } });
    expect(await api.client(ops).call('adjustPoints', { params: { memberId: m.memberId }, body })).toEqual(first);
    expect(await err(api.client(ops).call('adjustPoints', { params: { memberId: m.memberId }, body: { ...body, points: 999 } }))).toMatchObject({ status: 409, code: 'IDEMPOTENCY_CONFLICT' });
    expect((await m.client.call('myPoints')).available).toBe(150);

    // Racing retries of one request: one applies, every answer is the first result.
    const raced = { points: 7, note: '并发重试', idempotencyKey: k() };
    const answers = await Promise.all(Array.from({ length: 8 }, () => api.client(ops).call('adjustPoints', { params: { memberId: m.memberId }, body: raced })));
    for (const a of answers) expect(a).toEqual(answers[0]);
    expect((await m.client.call('myPoints')).available).toBe(157);
    // Racing different bodies under one key: exactly one applies, the others are 409.
    const key2 = k();
    const mixed = await Promise.all([1, 2, 3, 4].map((p) => err(api.client(ops).call('adjustPoints', { params: { memberId: m.memberId }, body: { points: p, note: '并发不同', idempotencyKey: key2 } }))));
    expect(mixed.filter((r) => r.status === 200)).toHaveLength(1);
    expect(mixed.filter((r) => r.status === 409 && r.code === 'IDEMPOTENCY_CONFLICT')).toHaveLength(3);
  });

  it('a deduction beyond the balance needs allowDebt', async () => {
    const m = await member(sceneS001);
    await api.client(ops).call('adjustPoints', { params: { memberId: m.memberId }, body: { points: 100, note: '开卡礼', idempotencyKey: k() } });
    const refused = await err(api.client(ops).call('adjustPoints', { params: { memberId: m.memberId }, body: { points: -300, note: '误发扣回', idempotencyKey: k() } }));
    expect(refused).toMatchObject({ status: 409, code: 'INSUFFICIENT_POINTS', details: { available: 100, requested: 300 } });
    expect((await m.client.call('myPoints')).available).toBe(100);
    const done = await api.client(ops).call('adjustPoints', { params: { memberId: m.memberId }, body: { points: -300, note: '误发扣回', allowDebt: true, idempotencyKey: k() } });
    expect(done).toMatchObject({ balance: 0, debt: 200 });
  });

  it('the staff note stays internal: the shopper sees the shopper-facing reason, the audit log sees the note', async () => {
    const m = await member(sceneS001);
    await api.client(ops).call('adjustPoints', { params: { memberId: m.memberId }, body: { points: 80, note: '误发积分扣回 OPS-002 内部', idempotencyKey: k() } });
    await api.client(ops).call('adjustPoints', {
      params: { memberId: m.memberId },
      body: { points: -20, note: '工单 OPS-003 客诉处理', shopperReason: { zh: '订单积分更正', en: 'Order points correction' }, idempotencyKey: k() },
    });
    const history = await m.client.call('myPointsHistory', { query: { limit: 10 } });
    expect(history.items.map((e) => e.reason)).toEqual([
      { zh: '订单积分更正', en: 'Order points correction' },
      { zh: '积分调整', en: 'Points adjustment' },
    ]);
    expect(JSON.stringify(history)).not.toMatch(/OPS-00|内部|客诉/);
    const audit = await api.client(admin).call('auditLog', { query: { actor: 'ops' } });
    const entry = audit.items.find((i) => i.action === 'points.adjust' && i.target === `member:${m.memberId}`);
    expect(JSON.stringify(entry)).toContain('工单 OPS-003 客诉处理');
  });
});
