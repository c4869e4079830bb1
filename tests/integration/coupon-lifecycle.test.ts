import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ApiClient } from '../../shared/api-client';
import { reconcile } from '../../functions/audits/reconcile';
import { nowIso, shiftClockForTests } from '../../functions/commons/clock';
import { getConfig } from '../../functions/commons/config';
import { TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { ddb, plainDdb } from '../../functions/commons/dynamodb';
import { keys } from '../../functions/commons/keys';
import { onInterleavePoint } from '../../functions/commons/interleave';
import { couponGrant } from '../../functions/features/coupons/entities';
import { grantCoupons } from '../../functions/features/coupons/grants';
import { expireGrant } from '../../functions/features/coupons/jobs';
import { grantNewMemberPack } from '../../functions/features/coupons/reactions';
import { deletionLimits } from '../../functions/features/members/privacy';
import { handler as jobs } from '../../functions/handlers/jobs';
import { startFakeWechat, type FakeWechat } from '../support/fake-wechat';
import { changeSettings } from '../support/settings';
import { joinShopper as joinWithPhone, signInAgain, staffToken } from '../support/shoppers';
import { startTestApi, type TestApi } from '../support/test-api';

/**
 * Issue 10 §5–§7, a coupon's life after it is made: the new-member pack from MemberJoined (once per member, however
 * they joined, never again to a phone that had it), the expiry job at the day boundary (budget released, reruns
 * change nothing, missed nights caught up through the watermark), the reminder 3 days before (once), and the
 * deletion forfeiting coupons. Reconcile stays at 0 drift throughout; the last part corrupts each coupon invariant
 * in turn and sees reconcile report it.
 */
let api: TestApi;
let wechat: FakeWechat;
let ops: string;
beforeAll(async () => {
  wechat = await startFakeWechat();
  api = await startTestApi({ WECHAT_APP_ID: wechat.appId, WECHAT_API_BASE: wechat.baseUrl }, { wechatAppSecret: wechat.appSecret });
  ops = await staffToken(api, 'ops', 'ops-demo-2026');
});
afterAll(async () => {
  shiftClockForTests(0);
  await api?.close();
  await wechat?.close();
});

const at = (iso: string) => shiftClockForTests(Date.parse(iso) - Date.now());
/** Moves the clock; the ops session is signed anew, as a real one would have been. */
async function travel(iso: string) {
  at(iso);
  ops = await staffToken(api, 'ops', 'ops-demo-2026');
}
type JobResult = { result: { itemsRead: number; acted: number; days: string[] } };
const run = async (job: string, date: string) => (await jobs({ job, date })) as unknown as JobResult;

let phoneNo = 13530000000;
const nextPhone = () => String(++phoneNo);
/** The dev phone each member joined with, by member id (sessions are signed anew after the clock moves). */
const phones = new Map<string, string>();
const phoneOf = (memberId: string) => phones.get(memberId)!;
async function joinShopper(_api: TestApi, phone: string, scene?: string) {
  const m = await joinWithPhone(api, phone, scene);
  phones.set(m.memberId, phone);
  return m;
}
let n = 0;
const uniq = () => `${Date.now().toString(36)}${++n}`;
const consent = { accepted: true as const, privacyPolicyVersion: '2026-11-01', termsVersion: '2026-11-01' };
const rawMember = async (memberId: string) => (await ddb().send(new GetCommand({ TableName: api.tableName, Key: keys.member(memberId), ConsistentRead: true }))).Item!;
const rawShard = async (templateId: string, shard = 0) => (await ddb().send(new GetCommand({ TableName: api.tableName, Key: keys.couponStock(templateId, shard), ConsistentRead: true }))).Item!;
async function grantsOf(memberId: string) {
  const out = await ddb().send(new QueryCommand({ TableName: api.tableName, KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)', ExpressionAttributeValues: { ':pk': keys.member(memberId).PK, ':p': keys.couponGrantPrefix }, ConsistentRead: true }));
  return couponGrant.parseAll(out.Items);
}
async function expectNoDrift() {
  await api.drainEvents();
  expect((await reconcile(api.tableName)).drift).toEqual([]);
}

/** A template as ops makes it: `days` valid from the day received, a budget unless null. */
async function template(templateId: string, over: { days?: number; claimChannel?: 'centre' | 'issued'; perMember?: number; budgetFen?: number | null; shards?: number; offFen?: number } = {}) {
  return api.client(ops).call('createCouponTemplate', {
    body: {
      templateId,
      name: { zh: `券 ${templateId}`, en: `Coupon ${templateId}` },
      benefit: { kind: 'cash-off', thresholdFen: 10000, offFen: over.offFen ?? 1000 },
      validity: { type: 'after-receipt', days: over.days ?? 30 },
      scope: {},
      limits: { stock: 1000, perMember: over.perMember ?? 5, budgetFen: over.budgetFen === undefined ? 500000 : over.budgetFen },
      stacking: { group: 'cash-off' },
      claimChannel: over.claimChannel ?? 'centre',
      ...(over.shards ? { shards: over.shards } : {}),
    } as never,
  });
}
const claim = (client: ApiClient, templateId: string) => client.call('claimCoupon', { body: { templateId, idempotencyKey: `k-${uniq()}` } });
const usable = async (client: ApiClient) => (await client.call('myCoupons', { query: { view: 'usable' } })).items;

// ---- §5 the new-member pack ----------------------------------------------------------------------------------

describe('the new-member pack', () => {
  beforeAll(async () => {
    await template('NM-5OFF', { claimChannel: 'issued', perMember: 1, offFen: 500 });
    await template('NM-20OFF', { claimChannel: 'issued', perMember: 2, offFen: 2000, shards: 2 });
    await api.client(ops).call('createCouponPack', { body: { packId: 'NEW-MEMBER', name: { zh: '新人礼包', en: 'Welcome pack' }, items: [{ templateId: 'NM-5OFF', count: 1 }, { templateId: 'NM-20OFF', count: 2 }] } });
    await api.drainEvents();
    await changeSettings(api, ops, (s) => ({ ...s, coupons: { ...s.coupons, newMemberPackId: 'NEW-MEMBER' } }));
  });
  afterAll(async () => {
    await api.drainEvents();
    await changeSettings(api, ops, (s) => ({ ...s, coupons: { ...s.coupons, newMemberPackId: null } }));
  });

  it('is granted once through MemberJoined, however the member joined: a phone, a register’s QR, WeChat', async () => {
    const byPhone = await joinShopper(api, nextPhone());
    const scene = api.seed.stores.find((s) => s.storeId === 'S001')!.registers[0].scene;
    const byScan = await joinShopper(api, nextPhone(), scene);
    const code = `login-${uniq()}`;
    wechat.registerLogin(code, { openid: `o-cpn-${uniq()}`, unionid: `u-cpn-${uniq()}` });
    const s = await api.client().call('wechatSignIn', { body: { code } });
    const joined = await api.client(s.token).call('join', { body: { consent } });
    const byWechat = { memberId: joined.card.memberId, client: api.client(joined.token) };
    expect(await usable(byPhone.client)).toEqual([]); // the join answers before the stream is read
    await api.drainEvents();
    for (const m of [byPhone, byScan, byWechat]) {
      const mine = await usable(m.client);
      expect(mine.map((c) => c.templateId).sort()).toEqual(['NM-20OFF', 'NM-20OFF', 'NM-5OFF']);
      expect(mine.every((c) => c.source === 'new-member' && c.state === 'usable')).toBe(true);
      expect((await rawMember(m.memberId)).newMemberPack).toMatchObject({ packId: 'NEW-MEMBER', granted: 3, why: null });
    }
    await expectNoDrift();
  });

  it('a replayed MemberJoined, or deliveries racing, give nothing more', async () => {
    const m = await joinShopper(api, nextPhone());
    const config = await getConfig();
    // Deliveries racing each other before the stream's own, then the stream's.
    const answers = await Promise.all(Array.from({ length: 4 }, () => grantNewMemberPack(config, m.memberId)));
    expect(answers.every((a) => a?.granted === 3)).toBe(true);
    await api.drainEvents();
    expect(await grantNewMemberPack(config, m.memberId)).toMatchObject({ granted: 3, why: null });
    expect(await grantsOf(m.memberId)).toHaveLength(3);
    expect(await usable(m.client)).toHaveLength(3);
    await expectNoDrift();
  });

  it('a phone whose deleted membership had it joins again and gets no pack', async () => {
    const phone = nextPhone();
    const first = await joinShopper(api, phone);
    await api.drainEvents();
    expect(await usable(first.client)).toHaveLength(3);
    await first.client.call('deleteMyMembership', { body: { confirm: true, idempotencyKey: `del-${uniq()}` } });
    await api.drainEvents();
    const again = await joinShopper(api, phone);
    await api.drainEvents();
    expect(again.memberId).not.toBe(first.memberId);
    expect(await usable(again.client)).toEqual([]);
    expect(await grantsOf(again.memberId)).toEqual([]);
    expect((await rawMember(again.memberId)).newMemberPack).toMatchObject({ packId: 'NEW-MEMBER', granted: 0, why: 'had-before' });
    expect(await grantNewMemberPack(await getConfig(), again.memberId)).toMatchObject({ granted: 0, why: 'had-before' });
    await expectNoDrift();
  });

  it('a paused template in the pack means no pack at all (all or nothing), recorded with why; stock untouched', async () => {
    await api.client(ops).call('changeCouponTemplateStatus', { params: { templateId: 'NM-20OFF' }, body: { action: 'pause', reason: '测试' } });
    const before = await api.client(ops).call('couponTemplate', { params: { templateId: 'NM-5OFF' } });
    const m = await joinShopper(api, nextPhone());
    await api.drainEvents();
    expect(await grantsOf(m.memberId)).toEqual([]);
    expect((await rawMember(m.memberId)).newMemberPack).toMatchObject({ granted: 0, why: expect.stringContaining('COUPON_NOT_CLAIMABLE:NM-20OFF') });
    expect(await api.client(ops).call('couponTemplate', { params: { templateId: 'NM-5OFF' } })).toEqual(before);
    await api.client(ops).call('changeCouponTemplateStatus', { params: { templateId: 'NM-20OFF' }, body: { action: 'resume' } });
    const later = await joinShopper(api, nextPhone());
    await api.drainEvents();
    expect(await grantsOf(later.memberId)).toHaveLength(3);
    await expectNoDrift();
  });
});

// ---- §6 expiry and reminders --------------------------------------------------------------------------------

describe('the expiry job', () => {
  it('expires exactly the grants whose last valid day was yesterday, releasing their budget; a rerun changes nothing', async () => {
    await travel('2027-05-10T04:00:00Z'); // noon on 10 May in Shanghai
    await template('EXP-2D', { days: 2 }); // valid 10 and 11 May
    const a = await joinShopper(api, nextPhone());
    const b = await joinShopper(api, nextPhone());
    await claim(a.client, 'EXP-2D');
    await claim(a.client, 'EXP-2D');
    await claim(b.client, 'EXP-2D');
    await api.drainEvents();
    expect(await rawShard('EXP-2D')).toMatchObject({ reservedFen: 3000, budgetRemainingFen: 497000 });
    expect((await run('coupon-expiry', '2027-05-10')).result).toMatchObject({ itemsRead: 0, acted: 0 });

    await travel('2027-05-11T15:00:00Z'); // 23:00 on 11 May: the last valid day
    expect((await run('coupon-expiry', '2027-05-11')).result).toMatchObject({ itemsRead: 0, acted: 0 });
    const aNow = await signInAgain(api, phoneOf(a.memberId));
    expect(await usable(aNow)).toHaveLength(2);

    await travel('2027-05-11T16:15:00Z'); // 00:15 on 12 May
    expect((await run('coupon-expiry', '2027-05-12')).result).toMatchObject({ itemsRead: 3, acted: 3 });
    expect(await rawShard('EXP-2D')).toMatchObject({ reservedFen: 0, budgetRemainingFen: 500000, released: 3, remaining: 997 });
    expect((await rawMember(a.memberId)).couponWallet).toEqual({});
    expect((await grantsOf(a.memberId)).map((g) => g.status)).toEqual(['expired', 'expired']);
    expect((await grantsOf(a.memberId))[0]).not.toHaveProperty('GSI2PK');
    const aLater = await signInAgain(api, phoneOf(a.memberId));
    expect(await usable(aLater)).toEqual([]);
    expect((await aLater.call('myCoupons', { query: { view: 'expired' } })).items.map((c) => c.state)).toEqual(['expired', 'expired']);
    // A rerun reads nothing (the index keys are gone) and changes nothing; two at once expire nothing twice.
    expect((await run('coupon-expiry', '2027-05-12')).result).toMatchObject({ itemsRead: 0, acted: 0 });
    await Promise.all([run('coupon-expiry', '2027-05-12'), run('coupon-expiry', '2027-05-12')]);
    await expectNoDrift();
  });

  it('a grant revoked (or redeemed) after the index was read is left as it is: the first to commit wins', async () => {
    await travel('2027-05-12T04:00:00Z');
    await template('EXP-RACE', { days: 1 });
    const m = await joinShopper(api, nextPhone());
    const [claimed] = (await claim(m.client, 'EXP-RACE')).grants;
    const stale = (await grantsOf(m.memberId))[0];
    await api.client(ops).call('revokeCoupon', { params: { memberId: m.memberId, grantId: claimed.grantId }, body: { reason: '测试作废' } });
    expect(await expireGrant(await getConfig(), stale, nowIso())).toBe(false);
    expect(await rawShard('EXP-RACE')).toMatchObject({ released: 1, reservedFen: 0, budgetRemainingFen: 500000 });
    expect((await grantsOf(m.memberId))[0]).toMatchObject({ status: 'revoked' });
    await expectNoDrift();
  });

  it('a transaction real DynamoDB cancels for a conflict (a hot shard) is tried again, and releases once', async () => {
    await travel('2027-05-12T04:30:00Z');
    await template('EXP-HOT', { days: 1 });
    const m = await joinShopper(api, nextPhone());
    await claim(m.client, 'EXP-HOT');
    const [grant] = await grantsOf(m.memberId);
    let injected = 0;
    const client = plainDdb() as unknown as { send: (command: never) => Promise<unknown> };
    const send = client.send.bind(client);
    const spy = jest.spyOn(client, 'send').mockImplementation((async (command: unknown) => {
      if (command instanceof TransactWriteItemsCommand && injected < 2) {
        injected++;
        throw Object.assign(new Error('Transaction cancelled'), { name: 'TransactionCanceledException', CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict' }, { Code: 'None' }] });
      }
      return send(command as never);
    }) as never);
    try {
      expect(await expireGrant(await getConfig(), grant, nowIso())).toBe(true);
    } finally {
      spy.mockRestore();
    }
    expect(injected).toBe(2);
    expect(await rawShard('EXP-HOT')).toMatchObject({ released: 1, reservedFen: 0, budgetRemainingFen: 500000 });
    expect(await expireGrant(await getConfig(), grant, nowIso())).toBe(false);
    await expectNoDrift();
  });

  it('catches up the nights it missed through its watermark', async () => {
    await travel('2027-05-12T05:00:00Z');
    await template('EXP-1D', { days: 1 });
    const m = await joinShopper(api, nextPhone());
    await claim(m.client, 'EXP-1D'); // last valid day 12 May
    await travel('2027-05-13T05:00:00Z');
    await claim(await signInAgain(api, phoneOf(m.memberId)), 'EXP-1D'); // last valid day 13 May
    await claim(await signInAgain(api, phoneOf(m.memberId)), 'EXP-2D'); // valid through 14 May
    // No run on 13, 14 or 15 May; the run of 16 May does every day since the last (12 May).
    await travel('2027-05-15T16:15:00Z');
    const caughtUp = await run('coupon-expiry', '2027-05-16');
    expect(caughtUp.result.days).toEqual(['2027-05-13', '2027-05-14', '2027-05-15', '2027-05-16']);
    expect(caughtUp.result).toMatchObject({ itemsRead: 3, acted: 3 });
    expect((await grantsOf(m.memberId)).map((g) => g.status)).toEqual(['expired', 'expired', 'expired']);
    expect((await rawMember(m.memberId)).couponWallet).toEqual({});
    await expectNoDrift();
  });
});

describe('the expiry reminder', () => {
  it('tells each member once, 3 days before, how many coupons expire that day', async () => {
    await travel('2027-05-20T02:05:00Z'); // 10:05 on 20 May
    await template('REM-4D', { days: 4 }); // valid through 23 May
    const r = await joinShopper(api, nextPhone());
    const s = await joinShopper(api, nextPhone());
    const gone = await joinShopper(api, nextPhone());
    await claim(r.client, 'REM-4D');
    await claim(r.client, 'REM-4D');
    await claim(s.client, 'REM-4D');
    const [revoked] = (await claim(gone.client, 'REM-4D')).grants;
    await api.client(ops).call('revokeCoupon', { params: { memberId: gone.memberId, grantId: revoked.grantId }, body: { reason: '测试作废' } });
    await api.drainEvents();
    expect((await run('coupon-expiry-reminder', '2027-05-20')).result).toMatchObject({ itemsRead: 3, acted: 2 });
    expect((await run('coupon-expiry-reminder', '2027-05-20')).result).toMatchObject({ itemsRead: 3, acted: 0 });
    const messages = async (phone: string) => (await (await signInAgain(api, phone)).call('myMessages', { query: { limit: 10 } })).items.filter((x) => x.kind === 'coupon-expiry');
    const toR = await messages(phoneOf(r.memberId));
    expect(toR).toHaveLength(1);
    expect(toR[0].body.zh).toContain('2 张优惠券将于 2027-05-23');
    expect(toR[0].body.en).toContain('2 of your coupons expire after 2027-05-23');
    expect((await messages(phoneOf(s.memberId)))[0].body.zh).toContain('1 张优惠券');
    expect(await messages(phoneOf(gone.memberId))).toEqual([]);
    expect((await (await signInAgain(api, phoneOf(r.memberId))).call('myMessages', { query: { limit: 10 } })).unread).toBe(1);
    await expectNoDrift();
  });
});

// ---- deletion forfeits coupons ------------------------------------------------------------------------------

describe('deleting the membership', () => {
  it('forfeits every available coupon: revoked, budget released on its shard, the wallet gone; the preview counts them', async () => {
    await travel('2027-06-01T04:00:00Z');
    await template('DEL-A', { days: 10, shards: 2 });
    await template('DEL-B', { days: 10, budgetFen: null });
    const m = await joinShopper(api, nextPhone());
    for (let i = 0; i < 4; i++) await claim(m.client, 'DEL-A');
    for (let i = 0; i < 2; i++) await claim(m.client, 'DEL-B');
    const used = (await usable(m.client))[0];
    await api.client(ops).call('revokeCoupon', { params: { memberId: m.memberId, grantId: used.grantId }, body: { reason: '测试作废' } });
    expect((await m.client.call('myDeletionPreview')).forfeits.coupons).toBe(5);
    // Few items per transaction: the deletion goes in steps (coupons in batches), each guarded, and still balances.
    const limit = deletionLimits.maxItems;
    deletionLimits.maxItems = 7;
    try {
      const answer = await m.client.call('deleteMyMembership', { body: { confirm: true, idempotencyKey: `del-${uniq()}` } });
      expect(answer.forfeited.coupons).toBe(5);
    } finally {
      deletionLimits.maxItems = limit;
    }
    const grants = await grantsOf(m.memberId);
    expect(grants.filter((g) => g.status === 'available')).toEqual([]);
    expect(grants.filter((g) => g.revokeReason === 'membership deleted')).toHaveLength(5);
    expect(grants.every((g) => !('GSI2PK' in g))).toBe(true);
    expect(await rawMember(m.memberId)).not.toHaveProperty('couponWallet');
    const shards = [await rawShard('DEL-A', 0), await rawShard('DEL-A', 1)];
    expect(shards.reduce((x, s) => x + s.reservedFen, 0)).toBe(0);
    expect(shards.reduce((x, s) => x + s.budgetRemainingFen, 0)).toBe(500000);
    await expectNoDrift();
  });

  it('a coupon granted while the deletion plans is forfeited too (the wallet is guarded as read)', async () => {
    await travel('2027-06-02T04:00:00Z');
    const m = await joinShopper(api, nextPhone());
    await claim(m.client, 'DEL-A');
    const config = await getConfig();
    // A coupon lands between the deletion's reads and its commit (it moves no points: the member's points revision
    // stays as the deletion read it); the wallet's guard makes the deletion plan again and forfeit it too.
    let raced = 0;
    const off = onInterleavePoint(async (point, detail) => {
      if (point !== 'deletion:coupons' || detail.memberId !== m.memberId || raced++) return;
      await grantCoupons(config, { memberId: m.memberId, lines: [{ templateId: 'DEL-A', count: 1 }], via: 'issue', source: { kind: 'compensation', ref: 'CASE-1' }, claimKey: 'race', request: 'race' });
    });
    try {
      const answer = await m.client.call('deleteMyMembership', { body: { confirm: true, idempotencyKey: `del-${uniq()}` } });
      expect(answer.forfeited.coupons).toBe(2); // planned again on the membership as it then stood
    } finally {
      off();
    }
    expect(raced).toBeGreaterThanOrEqual(2);
    expect((await grantsOf(m.memberId)).map((g) => g.status)).toEqual(['revoked', 'revoked']);
    await expectNoDrift();
  });
});

// ---- §7 reconcile -------------------------------------------------------------------------------------------

describe('reconcile for coupons', () => {
  it('reports each broken invariant, and nothing once it is put back', async () => {
    await travel('2027-06-03T04:00:00Z');
    await template('REC', { days: 10 });
    const m = await joinShopper(api, nextPhone());
    await claim(m.client, 'REC');
    await claim(m.client, 'REC');
    const [g1, g2] = await grantsOf(m.memberId);
    const other = await joinShopper(api, nextPhone());
    const [ended] = (await claim(other.client, 'REC')).grants;
    await api.client(ops).call('revokeCoupon', { params: { memberId: other.memberId, grantId: ended.grantId }, body: { reason: '测试作废' } });
    await expectNoDrift();

    const t = api.tableName;
    const update = (Key: Record<string, unknown>, UpdateExpression: string, values?: Record<string, unknown>, names?: Record<string, string>) =>
      ddb().send(new UpdateCommand({ TableName: t, Key, UpdateExpression, ...(values ? { ExpressionAttributeValues: values } : {}), ...(names ? { ExpressionAttributeNames: names } : {}) }));
    const shard = keys.couponStock('REC', 0);
    const cases: Array<{ what: RegExp; break: () => Promise<unknown>; mend: () => Promise<unknown> }> = [
      { what: /Σ shards' stock 1001/, break: () => update(shard, 'SET stock = stock + :one', { ':one': 1 }), mend: () => update(shard, 'SET stock = stock - :one', { ':one': 1 }) },
      { what: /issued .* 4 ≠ 3 grants/, break: () => update(shard, 'SET remaining = remaining - :one', { ':one': 1 }), mend: () => update(shard, 'SET remaining = remaining + :one', { ':one': 1 }) },
      { what: /budget remaining .* ≠ budget 500000/, break: () => update(shard, 'SET budgetRemainingFen = budgetRemainingFen + :one', { ':one': 1 }), mend: () => update(shard, 'SET budgetRemainingFen = budgetRemainingFen - :one', { ':one': 1 }) },
      {
        what: /reserved 2001 ≠ Σ reservations of its available grants 2000/,
        break: () => update(shard, 'SET reservedFen = reservedFen + :one, budgetRemainingFen = budgetRemainingFen - :one', { ':one': 1 }),
        mend: () => update(shard, 'SET reservedFen = reservedFen - :one, budgetRemainingFen = budgetRemainingFen + :one', { ':one': 1 }),
      },
      { what: /Σ shards' redeemed 1 ≠ 0 redeemed/, break: () => update(shard, 'SET redeemed = redeemed + :one', { ':one': 1 }), mend: () => update(shard, 'SET redeemed = redeemed - :one', { ':one': 1 }) },
      { what: /Σ shards' released 2 ≠ 1 expired or revoked/, break: () => update(shard, 'SET released = released + :one', { ':one': 1 }), mend: () => update(shard, 'SET released = released - :one', { ':one': 1 }) },
      {
        what: /wallet: names coupon BOGUS/,
        break: () => update(keys.member(m.memberId), 'SET couponWallet.#g = :e', { ':e': 'REC|2027-06-03|2027-06-12' }, { '#g': 'BOGUS' }),
        mend: () => update(keys.member(m.memberId), 'REMOVE couponWallet.#g', undefined, { '#g': 'BOGUS' }),
      },
      {
        what: new RegExp(`wallet: available coupon ${g1.grantId} is missing`),
        break: () => update(keys.member(m.memberId), 'REMOVE couponWallet.#g', undefined, { '#g': g1.grantId }),
        mend: () => update(keys.member(m.memberId), 'SET couponWallet.#g = :e', { ':e': `REC|${g1.validFrom}|${g1.validThrough}` }, { '#g': g1.grantId }),
      },
      {
        what: /count of REC: received 3, 2 grants/,
        break: () => update(keys.couponCount(m.memberId, 'REC'), 'SET received = received + :one', { ':one': 1 }),
        mend: () => update(keys.couponCount(m.memberId, 'REC'), 'SET received = received - :one', { ':one': 1 }),
      },
      {
        what: new RegExp(`coupon ${g2.grantId}: available, but its expiry index keys`),
        break: () => update(keys.couponGrant(m.memberId, g2.grantId), 'REMOVE GSI2PK, GSI2SK'),
        mend: () => update(keys.couponGrant(m.memberId, g2.grantId), 'SET GSI2PK = :pk, GSI2SK = :sk', { ':pk': keys.couponExpiryIndex(m.memberId, g2.validThrough, g2.grantId).GSI2PK, ':sk': keys.couponExpiryIndex(m.memberId, g2.validThrough, g2.grantId).GSI2SK }),
      },
      {
        what: new RegExp(`coupon ${ended.grantId}: revoked, but still in the expiry index`),
        break: () => update(keys.couponGrant(other.memberId, ended.grantId), 'SET GSI2PK = :pk, GSI2SK = :sk', { ':pk': 'CPNEXP#2027-06-12#0', ':sk': 'x' }),
        mend: () => update(keys.couponGrant(other.memberId, ended.grantId), 'REMOVE GSI2PK, GSI2SK'),
      },
    ];
    for (const c of cases) {
      await c.break();
      const { drift } = await reconcile(t);
      expect([String(c.what), drift.some((d) => c.what.test(d.problem))]).toEqual([String(c.what), true]);
      await c.mend();
      expect((await reconcile(t)).drift).toEqual([]);
    }
  });
});

