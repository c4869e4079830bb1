import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ApiError } from '../../shared/api-client';
import { dataExportSections, type DataExport } from '../../shared/features/members/privacy-schemas';
import { nowIso } from '../../functions/commons/clock';
import { getConfig } from '../../functions/commons/config';
import { ddb } from '../../functions/commons/dynamodb';
import { onInterleavePoint } from '../../functions/commons/interleave';
import { keys } from '../../functions/commons/keys';
import { allEntities } from '../../functions/entities';
import { privacyScan } from '../../functions/audits/privacy-scan';
import { reconcile } from '../../functions/audits/reconcile';
import { registerReactions } from '../../functions/events/consumer';
import { member as memberEntity } from '../../functions/features/members/entities';
import { mayReceiveNewMemberBenefit, mayReceiveReferralReward } from '../../shared/rules/privacy';
import { deleteMembership, deletionLimits } from '../../functions/features/members/privacy';
import type { MemberPrincipal } from '../../functions/commons/principals';
import { startFakeWechat, type FakeWechat } from '../support/fake-wechat';
import { memberCodeFor, saleOf, staffToken } from '../support/shoppers';
import { startTestApi, type TestApi } from '../support/test-api';
import { lastDevOtp } from '../../functions/adapters/dev-sms';

/**
 * Issue 9 §4, the member's rights under PIPL (BUSINESS-RULES item 15): marketing consent apart from membership, the
 * export of everything held (generated from the entity declarations: every section an entity names comes back filled),
 * and the deletion: personal data gone from the whole table (an offline scan finds no plaintext, ciphertext or blind
 * index of the phone, name or openid, only the anti-abuse hash), ledgers kept and reconciling, sessions ended, retries
 * answering the first result, a sale racing it leaving no points, and a returning phone joining as a new member
 * without the welcome benefits it had.
 */
let api: TestApi;
let wechat: FakeWechat;
let ops: string;
let cashier: string;
beforeAll(async () => {
  wechat = await startFakeWechat();
  api = await startTestApi({ WECHAT_APP_ID: wechat.appId, WECHAT_API_BASE: wechat.baseUrl }, { wechatAppSecret: wechat.appSecret });
  ops = await staffToken(api, 'ops', 'ops-demo-2026');
  cashier = await staffToken(api, 'cashier', 'cashier-demo-2026', 'S001-R1');
  // A coupon every rich member claims (grants and counts: the export's coupons section; forfeited by the deletion).
  await api.client(ops).call('createCouponTemplate', {
    body: {
      templateId: 'PRIV-CPN',
      name: { zh: '隐私测试券', en: 'Privacy test coupon' },
      benefit: { kind: 'cash-off', thresholdFen: 10000, offFen: 1000 },
      validity: { type: 'after-receipt', days: 30 },
      scope: {},
      limits: { stock: 10000, perMember: 10, budgetFen: 1000000 },
      stacking: { group: 'cash-off' },
      claimChannel: 'centre',
    } as never,
  });
});
afterAll(async () => {
  await api?.close();
  await wechat?.close();
});

const consent = { accepted: true as const, privacyPolicyVersion: '2026-11-01', termsVersion: '2026-11-01' };
const err = (p: Promise<unknown>) => p.then(() => ({ status: 200 }) as unknown as ApiError, (e: ApiError) => e);
const pos = () => api.client(cashier);
let n = 0;
const uniq = () => `${Date.now().toString(36)}${++n}`;
let phoneNo = 13620000000;
const nextPhone = () => String(++phoneNo);
const rawMember = async (memberId: string) => (await ddb().send(new GetCommand({ TableName: api.tableName, Key: keys.member(memberId), ConsistentRead: true }))).Item;

async function devSession(phone: string) {
  await api.client().call('devSendOtp', { body: { phone } });
  return api.client().call('devVerifyOtp', { body: { phone, code: lastDevOtp(phone)! } });
}
async function phoneMember(phone = nextPhone(), extra: { marketing?: boolean } = {}) {
  const s = await devSession(phone);
  const joined = await api.client(s.token).call('join', { body: { consent: { ...consent, ...extra } } });
  return { phone, memberId: joined.card.memberId, token: joined.token, client: api.client(joined.token) };
}
/** A WeChat shopper (openid, unionid) who joins sharing a phone through getPhoneNumber. */
async function wechatMember(phone = nextPhone()) {
  const openid = `o-priv-${uniq()}`;
  const unionid = `u-priv-${uniq()}`;
  const code = `login-${uniq()}`;
  wechat.registerLogin(code, { openid, unionid });
  const s = await api.client().call('wechatSignIn', { body: { code } });
  const phoneCode = `phone-${uniq()}`;
  wechat.registerPhone(phoneCode, phone);
  const joined = await api.client(s.token).call('join', { body: { consent, phoneCode } });
  return { phone, openid, unionid, memberId: joined.card.memberId, token: joined.token, client: api.client(joined.token) };
}
const deleteBody = (key = `del-${uniq()}`) => ({ confirm: true as const, idempotencyKey: key });

describe('marketing consent, apart from membership', () => {
  it('is off unless given; given at join or later, withdrawn at any time, each change audit-logged once', async () => {
    const m = await phoneMember();
    const first = await m.client.call('myConsents');
    expect(first).toMatchObject({ privacyPolicy: { version: '2026-11-01' }, terms: { version: '2026-11-01' }, marketing: { granted: false, at: null } });
    const on = await m.client.call('updateMyConsent', { body: { marketing: true } });
    expect(on.marketing).toMatchObject({ granted: true });
    expect(on.marketing.at).not.toBeNull();
    expect(await m.client.call('updateMyConsent', { body: { marketing: true } })).toEqual(on); // the same choice again: no change
    const off = await m.client.call('updateMyConsent', { body: { marketing: false } });
    expect(off.marketing.granted).toBe(false);
    expect(off.privacyPolicy).toEqual(first.privacyPolicy); // membership consents untouched
    const audit = await ddb().send(new QueryCommand({ TableName: api.tableName, IndexName: 'GSI2', KeyConditionExpression: 'GSI2PK = :pk', ExpressionAttributeValues: { ':pk': keys.auditOnTarget(`member:${m.memberId}`) } }));
    expect((audit.Items ?? []).map((a) => [a.action, a.after])).toEqual([
      ['member.self.consent', { marketing: true }],
      ['member.self.consent', { marketing: false }],
    ]);

    const optedIn = await phoneMember(nextPhone(), { marketing: true });
    expect((await optedIn.client.call('myConsents')).marketing.granted).toBe(true);
    // Joining again (the same person) records the documents again; the marketing choice stands.
    await optedIn.client.call('join', { body: { consent } });
    expect((await optedIn.client.call('myConsents')).marketing.granted).toBe(true);
  });

  it('refuses anything but a boolean, and extra fields', async () => {
    const m = await phoneMember();
    for (const body of [{}, { marketing: 'yes' }, { marketing: true, privacyPolicy: false }, { marketing: null }]) {
      expect(await err(m.client.call('updateMyConsent', { body: body as never }))).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    }
  });
});

/** A member with an item of every kind that holds member data: the export must show each section filled. */
async function richMember() {
  const m = await wechatMember();
  // A birthday of its own (the scan looks for it across the whole table, other members' included).
  const birthday = `${1950 + (n % 50)}-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`;
  await m.client.call('updateMyProfile', { body: { nickname: `隐私${uniq()}`, birthday, gender: 'female', region: '上海' } });
  const nickname = (await m.client.call('myProfile')).nickname!;
  // Available points (an adjustment: ledger, lot, audit entry, and a message from the stream) and a spend.
  await api.client(ops).call('adjustPoints', { params: { memberId: m.memberId }, body: { points: 3000, note: '隐私测试', idempotencyKey: `priv-${uniq()}` } });
  await pos().call('recordSale', { body: saleOf(m.memberId, 50, { points: 1000 }) });
  // Pending points (the default 7-day return window), a return, and a diamond-sized sale queued for approval.
  const sale = saleOf(m.memberId, 120, { member: { memberId: m.memberId } });
  await pos().call('recordSale', { body: sale });
  await pos().call('recordReturn', { body: { returnNo: `T${uniq()}`, storeId: 'S001', original: { storeId: 'S001', receiptNo: sale.receiptNo }, returnedAt: nowIso(), lines: [{ lineNo: 1, qtyMilli: 500 }] } });
  const big = saleOf(m.memberId, 60000, { member: { memberId: m.memberId } });
  await pos().call('recordSale', { body: big });
  await m.client.call('signIn');
  // A coupon (a grant, its member count and the wallet entry).
  await m.client.call('claimCoupon', { body: { templateId: 'PRIV-CPN', idempotencyKey: `priv-${uniq()}` } });
  // An open merge request naming the member: another WeChat member arrives with this member's phone.
  const other = await wechatMember();
  const phoneCode = `phone-${uniq()}`;
  wechat.registerPhone(phoneCode, m.phone);
  await other.client.call('join', { body: { consent, phoneCode } });
  await api.drainEvents();
  return { ...m, nickname, birthday, sale, big };
}

describe('the export', () => {
  it('every section an entity that holds member data names comes back filled (generated from the declarations), the phone in full', async () => {
    const m = await richMember();
    const doc = await m.client.call('myDataExport');
    const sectionsNamed = new Set(allEntities.flatMap((e) => (e.memberData !== 'none' && e.memberData.export ? [e.memberData.export] : [])));
    expect([...sectionsNamed].sort()).toEqual([...dataExportSections].sort());
    const filled = (section: (typeof dataExportSections)[number]) => {
      const v = doc[section] as unknown;
      if (v === null || v === undefined) return false;
      if (Array.isArray(v)) return v.length > 0;
      if (section === 'messages') return (v as DataExport['messages']).items.length > 0;
      if (section === 'purchases') return (v as DataExport['purchases']).sales.length > 0 && (v as DataExport['purchases']).returns.length > 0;
      if (section === 'coupons') return (v as DataExport['coupons']).grants.length > 0 && (v as DataExport['coupons']).received.length > 0;
      return true;
    };
    for (const e of allEntities) {
      if (e.memberData === 'none' || !e.memberData.export) continue;
      expect([e.name, e.memberData.export, filled(e.memberData.export)]).toEqual([e.name, e.memberData.export, true]);
    }
    expect(doc.member).toMatchObject({ memberId: m.memberId, phone: m.phone, nickname: m.nickname, birthday: m.birthday, gender: 'female', region: '上海' });
    expect(doc.identities).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'openid', value: m.openid, appId: wechat.appId }),
        expect.objectContaining({ kind: 'unionid', value: m.unionid }),
        expect.objectContaining({ kind: 'phone', value: m.phone }),
        expect.objectContaining({ kind: 'name', value: m.nickname }),
      ]),
    );
    expect(doc.ledger.map((e) => e.kind)).toEqual(expect.arrayContaining(['adjust', 'spend', 'earn']));
    expect(doc.purchases.sales.map((s) => s.receiptNo)).toEqual(expect.arrayContaining([m.sale.receiptNo, m.big.receiptNo]));
    expect(doc.tierApproval).toMatchObject({ tier: 'diamond' });
    expect(doc.coupons).toEqual({ grants: [expect.objectContaining({ templateId: 'PRIV-CPN', status: 'available', source: 'centre' })], received: [{ templateId: 'PRIV-CPN', received: 1 }] });
    expect(doc.merges).toEqual([expect.objectContaining({ phoneMemberId: m.memberId, status: 'open' })]);
    // Staff's internal notes stay with the business: the audit section has when, what and the role only.
    expect(JSON.stringify(doc.audit)).not.toContain('隐私测试');
    expect(doc.audit).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'points.adjust', role: 'ops' })]));
    // The export is audit-logged with counts, never the data.
    const audit = await ddb().send(new QueryCommand({ TableName: api.tableName, IndexName: 'GSI2', KeyConditionExpression: 'GSI2PK = :pk', ExpressionAttributeValues: { ':pk': keys.auditOnTarget(`member:${m.memberId}`) } }));
    const exported = (audit.Items ?? []).find((a) => a.action === 'member.self.export')!;
    expect(exported.after).toMatchObject({ ledger: doc.ledger.length, sales: doc.purchases.sales.length });
    expect(JSON.stringify(exported)).not.toContain(m.phone);
  });

  it('is the caller’s own: another member’s token exports the other member; staff and shoppers who have not joined are refused', async () => {
    const a = await phoneMember();
    const b = await phoneMember();
    expect((await b.client.call('myDataExport')).memberId).toBe(b.memberId);
    expect((await a.client.call('myDataExport')).member.phone).toBe(a.phone);
    expect(await err(api.client(ops).call('myDataExport'))).toMatchObject({ status: 403 });
    expect(await err(api.client().call('myDataExport'))).toMatchObject({ status: 401 });
    const visitor = await devSession(nextPhone());
    expect(await err(api.client(visitor.token).call('myDataExport'))).toMatchObject({ status: 403, code: 'NOT_A_MEMBER' });
  });
});

describe('deleting the membership', () => {
  it('erases every trace of the phone, name and openid (an offline scan of the whole table), keeps the ledgers reconciling, ends the sessions, and a retry answers the first result', async () => {
    const m = await richMember();
    const before = await m.client.call('myPoints');
    const preview = await m.client.call('myDeletionPreview');
    expect(preview).toEqual({
      memberId: m.memberId,
      forfeits: { availablePoints: before.available, pendingPoints: before.pending, coupons: 1, debtWrittenOff: 0 },
      blockedBy: [],
      releasedIdentityRetentionYears: 3,
    });
    expect(before.pending).toBeGreaterThan(0);
    expect(before.available).toBeGreaterThan(0);

    const key = `del-${uniq()}`;
    const answer = await m.client.call('deleteMyMembership', { body: deleteBody(key) });
    expect(answer).toMatchObject({ memberId: m.memberId, forfeited: preview.forfeits, releasedIdentities: 3 });
    // A retry, with the same key or another, answers what the deletion answered.
    expect(await m.client.call('deleteMyMembership', { body: deleteBody(key) })).toEqual(answer);
    expect(await m.client.call('deleteMyMembership', { body: deleteBody() })).toEqual(answer);

    // Every session of the membership has ended: 401 MEMBERSHIP_ENDED on every member route, and joining with it.
    for (const call of [() => m.client.call('myCard'), () => m.client.call('myPurchases', { query: { limit: 5 } }), () => m.client.call('myPointsHistory', { query: { limit: 5 } }), () => m.client.call('myCode'), () => m.client.call('myDataExport'), () => m.client.call('join', { body: { consent } })]) {
      expect(await err(call())).toMatchObject({ status: 401, code: 'MEMBERSHIP_ENDED' });
    }
    await api.drainEvents();

    const config = await getConfig();
    const scan = await privacyScan(api.tableName, config, { memberId: m.memberId, phone: m.phone, name: m.nickname, openids: [`${wechat.appId}:${m.openid}`], unionids: [m.unionid], other: [m.birthday] });
    expect(scan.findings).toEqual([]);
    expect(scan.releasedRecords).toBe(3); // only the anti-abuse hashes: phone, openid, unionid
    const { drift } = await reconcile(api.tableName);
    expect(drift).toEqual([]);

    // The ledger is kept under the member number, balanced at zero by one forfeit entry; messages are gone.
    const partition = (await ddb().send(new QueryCommand({ TableName: api.tableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.member(m.memberId).PK } }))).Items ?? [];
    const sks = partition.map((i) => String(i.SK));
    expect(sks.filter((s) => s.startsWith('MSG#') || s.startsWith('PENDING#') || s.startsWith('LOT#'))).toEqual([]);
    const ledger = partition.filter((i) => String(i.SK).startsWith('LEDGER#'));
    expect(ledger.at(-1)).toMatchObject({ kind: 'expire', points: -preview.forfeits.availablePoints, balanceAfter: 0, source: 'membership-deleted' });
    expect(await rawMember(m.memberId)).toMatchObject({ status: 'deleted', pointsAvailable: 0, pointsPending: 0, joinStoreId: null });
    expect(partition.find((i) => i.SK === 'INBOX')).toMatchObject({ closed: true });
    // The unused coupon is forfeited: revoked, out of the expiry index, the wallet gone (its budget back: reconcile).
    expect(partition.filter((i) => String(i.SK).startsWith('COUPON#'))).toEqual([expect.objectContaining({ status: 'revoked', revokeReason: 'membership deleted' })]);
    expect(partition.find((i) => String(i.SK).startsWith('COUPON#'))).not.toHaveProperty('GSI2PK');
    expect(await rawMember(m.memberId)).not.toHaveProperty('couponWallet');
    // The deletion's audit entry holds no personal data.
    const audit = await ddb().send(new QueryCommand({ TableName: api.tableName, IndexName: 'GSI2', KeyConditionExpression: 'GSI2PK = :pk', ExpressionAttributeValues: { ':pk': keys.auditOnTarget(`member:${m.memberId}`) } }));
    expect((audit.Items ?? []).filter((a) => a.action === 'member.self.delete')).toHaveLength(1);
    // Open merge requests naming the member are closed; the tier approval has left ops' queue.
    expect((await api.client(ops).call('tierApprovals')).items.map((i) => i.memberId)).not.toContain(m.memberId);
  });

  it('at the register and in the console the membership is gone; a return of its sale refunds the money and moves no points', async () => {
    const m = await phoneMember();
    const sale = saleOf(m.memberId, 80, { member: { memberId: m.memberId } });
    await pos().call('recordSale', { body: sale });
    const code = memberCodeFor(m.memberId);
    await m.client.call('deleteMyMembership', { body: deleteBody() });
    expect(await err(pos().call('identifyMember', { body: { code } }))).toMatchObject({ status: 404, code: 'MEMBERSHIP_ENDED' });
    expect(await err(pos().call('recordSale', { body: saleOf(m.memberId, 10, { member: { memberId: m.memberId } }) }))).toMatchObject({ status: 404, code: 'MEMBERSHIP_ENDED' });
    expect(await err(pos().call('recordSale', { body: saleOf(m.memberId, 10, { member: { phone: m.phone } }) }))).toMatchObject({ status: 404, code: 'NOT_A_MEMBER' });
    expect(await err(api.client(ops).call('getMember', { params: { memberId: m.memberId } }))).toMatchObject({ status: 404 });
    expect((await api.client(ops).call('findMembers', { query: { phone: m.phone } })).items).toEqual([]);
    expect(await err(api.client(ops).call('adjustPoints', { params: { memberId: m.memberId }, body: { points: 10, note: '已注销', idempotencyKey: `x-${uniq()}` } }))).toMatchObject({ status: 404 });
    const ret = await pos().call('recordReturn', { body: { returnNo: `T${uniq()}`, storeId: 'S001', original: { storeId: 'S001', receiptNo: sale.receiptNo }, returnedAt: nowIso() } });
    expect(ret).toMatchObject({ memberId: null, refundFen: 8000, points: { reversed: 0, balance: null } });
  });

  it('the phone joins again as a new member with nothing, and without the new-member or referral benefits it had', async () => {
    const benefits: Array<{ memberId: string; newMember: boolean; referral: boolean }> = [];
    // What a reaction to joining (the new-member pack, a referral reward) is told by the member item.
    const off = registerReactions({
      name: 'test-benefits',
      on: ['MemberJoined'],
      async react(event) {
        if (event.type !== 'MemberJoined') return;
        const joined = (await memberEntity.get(api.tableName, [event.memberId], { consistent: true }))!;
        benefits.push({ memberId: event.memberId, newMember: mayReceiveNewMemberBenefit(joined), referral: mayReceiveReferralReward(joined) });
      },
    });
    try {
      const m = await wechatMember();
      await ddb().send(new UpdateCommand({ TableName: api.tableName, Key: keys.member(m.memberId), UpdateExpression: 'SET referralRewardedAt = :at', ExpressionAttributeValues: { ':at': nowIso() } }));
      await api.client(ops).call('adjustPoints', { params: { memberId: m.memberId }, body: { points: 500, note: '测试', idempotencyKey: `priv-${uniq()}` } });
      await m.client.call('deleteMyMembership', { body: deleteBody() });

      const again = await phoneMember(m.phone);
      expect(again.memberId).not.toBe(m.memberId);
      expect(await again.client.call('myCard')).toMatchObject({ points: { available: 0, pending: 0 } });
      expect(await rawMember(again.memberId)).toMatchObject({ priorBenefits: { newMember: true, referral: true } });
      // The same WeChat account, without the phone: found by its released openid.
      const code = `login-${uniq()}`;
      wechat.registerLogin(code, { openid: m.openid });
      const s = await api.client().call('wechatSignIn', { body: { code } });
      expect(s.memberId).toBeNull(); // released: no member any more
      const viaWechat = await api.client(s.token).call('join', { body: { consent } });
      expect(viaWechat.created).toBe(true);
      expect(await rawMember(viaWechat.card.memberId)).toMatchObject({ priorBenefits: { newMember: true, referral: true } });
      // A phone never released joins with every benefit.
      const fresh = await phoneMember();
      await api.drainEvents();
      expect(benefits.find((b) => b.memberId === again.memberId)).toEqual({ memberId: again.memberId, newMember: false, referral: false });
      expect(benefits.find((b) => b.memberId === fresh.memberId)).toEqual({ memberId: fresh.memberId, newMember: true, referral: true });
      expect(await rawMember(fresh.memberId)).not.toHaveProperty('priorBenefits');
    } finally {
      off();
    }
  });

  it('a stored-value balance blocks it until refunded (the hook for stored value); nothing changes', async () => {
    const m = await phoneMember();
    await ddb().send(new UpdateCommand({ TableName: api.tableName, Key: keys.member(m.memberId), UpdateExpression: 'SET storedValueFen = :v', ExpressionAttributeValues: { ':v': 500 } }));
    expect((await m.client.call('myDeletionPreview')).blockedBy).toEqual(['stored-value']);
    const refused = await err(m.client.call('deleteMyMembership', { body: deleteBody() }));
    expect(refused).toMatchObject({ status: 409, code: 'DELETION_BLOCKED', details: { blockedBy: ['stored-value'] } });
    expect(await rawMember(m.memberId)).toMatchObject({ status: 'active' });
    await ddb().send(new UpdateCommand({ TableName: api.tableName, Key: keys.member(m.memberId), UpdateExpression: 'SET storedValueFen = :v', ExpressionAttributeValues: { ':v': 0 } }));
  });

  it('refuses hostile input with 4xx: no confirmation, a bad key, extra fields, another kind of session', async () => {
    const m = await phoneMember();
    for (const body of [{}, { confirm: false, idempotencyKey: 'abcd' }, { confirm: 'true', idempotencyKey: 'abcd' }, { confirm: true }, { confirm: true, idempotencyKey: 'x' }, { confirm: true, idempotencyKey: 'a b c d' }, { confirm: true, idempotencyKey: 'abcd', memberId: '100000001' }]) {
      expect(await err(m.client.call('deleteMyMembership', { body: body as never }))).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    }
    expect(await err(api.client(ops).call('deleteMyMembership', { body: deleteBody() }))).toMatchObject({ status: 403 });
    expect(await err(api.client(cashier).call('deleteMyMembership', { body: deleteBody() }))).toMatchObject({ status: 403 });
    expect(await err(api.client('not-a-token').call('deleteMyMembership', { body: deleteBody() }))).toMatchObject({ status: 401 });
    expect(await rawMember(m.memberId)).toMatchObject({ status: 'active' });
    expect(await m.client.call('myCard')).toMatchObject({ memberId: m.memberId });
  });
});

describe('deletion racing the register', () => {
  it('a sale with the member’s code committing between the deletion’s read and its commit: the deletion plans again and forfeits its points too', async () => {
    const m = await phoneMember();
    await api.client(ops).call('adjustPoints', { params: { memberId: m.memberId }, body: { points: 800, note: '测试', idempotencyKey: `priv-${uniq()}` } });
    const sale = saleOf(m.memberId, 200, { points: 300 });
    let armed = true;
    const off = onInterleavePoint(async (point, detail) => {
      if (point === 'points:read' && armed && detail.attempt === 0) {
        armed = false;
        await pos().call('recordSale', { body: sale });
      }
    });
    try {
      const answer = await m.client.call('deleteMyMembership', { body: deleteBody() });
      // The sale spent 300 of 800 and left pending points: all of it forfeited.
      expect(answer.forfeited.availablePoints).toBe(500);
      expect(answer.forfeited.pendingPoints).toBeGreaterThan(0);
    } finally {
      off();
    }
    expect(await rawMember(m.memberId)).toMatchObject({ status: 'deleted', pointsAvailable: 0, pointsPending: 0 });
    await api.drainEvents();
    expect((await reconcile(api.tableName)).drift).toEqual([]);
  });

  it('a sale planned before the deletion commits finds the membership ended: no points, no sale', async () => {
    const m = await phoneMember();
    await api.client(ops).call('adjustPoints', { params: { memberId: m.memberId }, body: { points: 800, note: '测试', idempotencyKey: `priv-${uniq()}` } });
    const sale = saleOf(m.memberId, 200, { points: 300 });
    let armed = true;
    const off = onInterleavePoint(async (point) => {
      if (point === 'points:planned' && armed) {
        armed = false;
        await m.client.call('deleteMyMembership', { body: deleteBody() });
      }
    });
    try {
      expect(await err(pos().call('recordSale', { body: sale }))).toMatchObject({ status: 404, code: 'MEMBERSHIP_ENDED' });
    } finally {
      off();
    }
    expect((await ddb().send(new GetCommand({ TableName: api.tableName, Key: keys.sale('S001', sale.receiptNo), ConsistentRead: true }))).Item).toBeUndefined();
    expect(await rawMember(m.memberId)).toMatchObject({ status: 'deleted', pointsAvailable: 0, pointsPending: 0 });
  });

  it('sales and a deletion sent together: whatever lands, nothing is left to the member and the ledger reconciles', async () => {
    const m = await phoneMember();
    await api.client(ops).call('adjustPoints', { params: { memberId: m.memberId }, body: { points: 5000, note: '测试', idempotencyKey: `priv-${uniq()}` } });
    const sales = [0, 1, 2, 3].map((i) => saleOf(m.memberId, 300 + i, i % 2 ? { points: 1000 } : { member: { memberId: m.memberId } }));
    const settle = <T,>(p: Promise<T>) => p.then((value) => ({ status: 200, value }), (e: ApiError) => ({ status: e.status, value: e.code }));
    const [deleted, ...sold] = await Promise.all([settle(m.client.call('deleteMyMembership', { body: deleteBody() })), ...sales.map((s) => settle(pos().call('recordSale', { body: s })))]);
    expect(deleted).toMatchObject({ status: 200, value: { memberId: m.memberId } });
    for (const o of sold) expect(o.status === 200 || (o.status === 404 && o.value === 'MEMBERSHIP_ENDED')).toBe(true);
    expect(await rawMember(m.memberId)).toMatchObject({ status: 'deleted', pointsAvailable: 0, pointsPending: 0, pointsDebt: 0 });
    await api.drainEvents();
    expect((await reconcile(api.tableName)).drift).toEqual([]);
  });
});

describe('a deletion too large for one transaction', () => {
  it('goes in steps, the first marking the membership deleting (sessions and sales refused); one that dies midway is finished by a retry', async () => {
    const m = await phoneMember();
    for (let i = 0; i < 5; i++) await pos().call('recordSale', { body: saleOf(m.memberId, 10 + i, { member: { memberId: m.memberId } }) });
    expect((await m.client.call('myPoints')).pending).toBe(60);
    const saved = deletionLimits.maxItems;
    deletionLimits.maxItems = 9;
    let planned = 0;
    const off = onInterleavePoint((point) => {
      if (point === 'points:planned' && ++planned === 2) throw new Error('the request died between two steps');
    });
    try {
      // In-process, as the Lambda would run it, dying between the two steps (no answer reaches anyone).
      const principal = { kind: 'member', typ: 'shopper', sub: m.memberId, memberId: m.memberId } as MemberPrincipal;
      await expect(deleteMembership(await getConfig(), principal, deleteBody('steps-1'))).rejects.toThrow('died between two steps');
      off();
      expect(await rawMember(m.memberId)).toMatchObject({ status: 'deleting', pointsPending: 0 });
      expect(await err(m.client.call('myCard'))).toMatchObject({ status: 401, code: 'MEMBERSHIP_ENDED' });
      expect(await err(pos().call('recordSale', { body: saleOf(m.memberId, 10, { member: { memberId: m.memberId } }) }))).toMatchObject({ status: 404, code: 'MEMBERSHIP_ENDED' });
      const answer = await m.client.call('deleteMyMembership', { body: deleteBody('steps-1') });
      expect(answer.forfeited).toMatchObject({ pendingPoints: 60, availablePoints: 0 });
    } finally {
      off();
      deletionLimits.maxItems = saved;
    }
    expect(await rawMember(m.memberId)).toMatchObject({ status: 'deleted' });
    await api.drainEvents();
    const scan = await privacyScan(api.tableName, await getConfig(), { memberId: m.memberId, phone: m.phone });
    expect(scan.findings).toEqual([]);
  });
});
