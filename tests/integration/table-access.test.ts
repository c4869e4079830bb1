import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { businessDay, nowMs, shiftClockForTests } from '../../functions/commons/clock';
import { getConfig } from '../../functions/commons/config';
import { ddb, plainDdb, resetDdb } from '../../functions/commons/dynamodb';
import { keys } from '../../functions/commons/keys';
import { memberCodePrf } from '../../functions/commons/crypto';
import { encodeCouponCode } from '../../shared/features/coupons/coupon-code';
import { timeStepOf } from '../../shared/rules/member-code';
import { type FunctionName, leadingKeyPatterns, tableAccess } from '../../functions/commons/table-access';
import { routeGroups, routeKeyOf, routes } from '../../shared/routes';
import { channelKey, registerKey, signRequest } from '../../functions/commons/signatures';
import { handler as consume } from '../../functions/events/consumer';
import { handler as jobs } from '../../functions/handlers/jobs';
import { addBusinessDays } from '../../shared/rules/business-time';
import { streamPoller } from '../../local/stream-poller';
import { startFakeWechat, type FakeWechat } from '../support/fake-wechat';
import { asFunction, prefixOf, recordTableAccess, type TableAccess } from '../support/table-access';
import { joinShopper, memberCodeFor, saleOf, signInAgain, staffToken } from '../support/shoppers';
import { startTestApi, type TestApi } from '../support/test-api';
import { changeSettings } from '../support/settings';
import { forgetTemplateDesignsForTests } from '../../functions/features/coupons/grants';

// Each route group's handler runs in its own scope, as each is its own Lambda; the settings cache is per
// container, so it is dropped before each invocation (every function reads the settings when cold).
jest.mock('../../local/api-server', () => {
  const actual = jest.requireActual('../../local/api-server');
  const { asFunction: scoped } = jest.requireActual('../support/table-access');
  const { clearSettingsCache } = jest.requireActual('../../functions/features/settings/settings');
  return {
    ...actual,
    startApiServer: (opts: { handlers: Record<string, (e: unknown, c: unknown) => Promise<unknown>> }) =>
      actual.startApiServer({
        ...opts,
        handlers: Object.fromEntries(
          Object.entries(opts.handlers).map(([group, h]) => [
            group,
            (e: { routeKey: string }, c: unknown) =>
              scoped(group, () => {
                (globalThis as { drivenRoutes?: Set<string> }).drivenRoutes?.add(e.routeKey);
                clearSettingsCache();
                return h(e, c);
              }),
          ]),
        ),
      }),
  };
});

const drivenRoutes = ((globalThis as { drivenRoutes?: Set<string> }).drivenRoutes = new Set<string>());
let api: TestApi;
let wechat: FakeWechat;
let recorder: ReturnType<typeof recordTableAccess>;
beforeAll(async () => {
  wechat = await startFakeWechat();
  api = await startTestApi({ WECHAT_APP_ID: wechat.appId, WECHAT_API_BASE: wechat.baseUrl }, { wechatAppSecret: wechat.appSecret });
  // Fresh clients, so the recorder is in their middleware before any command resolves it (the plain client caches it).
  resetDdb();
  recorder = recordTableAccess(ddb(), plainDdb());
}, 60_000);
afterAll(async () => {
  shiftClockForTests(0);
  recorder?.stop();
  await api?.close();
  await wechat?.close();
});

const consent = { accepted: true as const, privacyPolicyVersion: '2026-11-01', termsVersion: '2026-11-01' };
let codeNo = 0;
const uniq = () => `${Date.now().toString(36)}${++codeNo}`;

async function signed(path: string, key: string, body: unknown, headers: Record<string, string> = {}) {
  const raw = JSON.stringify(body);
  const ts = Math.floor(nowMs() / 1000);
  const res = await fetch(api.url + path, { method: 'POST', headers: { 'content-type': 'application/json', 'x-timestamp': String(ts), 'x-signature': signRequest(key, ts, 'POST', path, raw), ...headers }, body: raw });
  return { status: res.status, body: await res.json() };
}
const ignoreRefusal = (p: Promise<unknown>) => p.catch(() => undefined);

/** Every route at least once, with its main paths, every job and the stream consumer; returns the accesses. */
async function driveEverything(): Promise<TableAccess[]> {
  const config = await getConfig();
  const anon = api.client();
  // ---- public
  await anon.call('health');
  await anon.call('openapi');
  await anon.call('publicInfo');
  await anon.call('pointsRules');
  await anon.call('sceneInfo', { params: { scene: api.seed.stores[0].registers[0].scene } });
  await ignoreRefusal(anon.call('sceneInfo', { params: { scene: 'ZZZZZZZZ' } }));
  const admin = await staffToken(api, 'admin', 'admin-demo-2026');
  const ops = await staffToken(api, 'ops', 'ops-demo-2026');
  const finance = await staffToken(api, 'finance', 'finance-demo-2026');
  const service = await staffToken(api, 'service', 'service-demo-2026');
  const cashier = await staffToken(api, 'cashier', 'cashier-demo-2026', 'S001-R1');
  await ignoreRefusal(anon.call('staffLogin', { body: { username: 'finance', password: 'wrong-password' } }));
  await ignoreRefusal(anon.call('staffLogin', { body: { username: 'nobody-here', password: 'wrong-password' } }));
  await ignoreRefusal(anon.call('devVerifyOtp', { body: { phone: '13800040009', code: '000000' } }));

  // ---- shoppers: dev sign-in and join, WeChat sign-in and join with the phone (link, and a merge request)
  const a = await joinShopper(api, '13800040001');
  const b = await joinShopper(api, '13800040002');
  const login = (openid: string, unionid?: string) => {
    const code = `login-${uniq()}`;
    wechat.registerLogin(code, { openid, unionid });
    return code;
  };
  const phone = (p: string) => {
    const code = `phone-${uniq()}`;
    wechat.registerPhone(code, p);
    return code;
  };
  const w1 = await anon.call('wechatSignIn', { body: { code: login('o-access-1', 'u-access-1') } });
  await api.client(w1.token).call('join', { body: { consent, phoneCode: phone('13800040003') } });
  await anon.call('wechatSignIn', { body: { code: login('o-access-1b', 'u-access-1') } });
  const w2 = await anon.call('wechatSignIn', { body: { code: login('o-access-2') } });
  await api.client(w2.token).call('join', { body: { consent, phoneCode: phone('13800040002') } }); // b's phone: linked
  const w3 = await anon.call('wechatSignIn', { body: { code: login('o-access-3') } });
  await api.client(w3.token).call('join', { body: { consent } });
  const w3b = await anon.call('wechatSignIn', { body: { code: login('o-access-3') } });
  await api.client(w3b.token).call('join', { body: { consent, phoneCode: phone('13800040001') } }); // a's phone: a merge request
  await a.client.call('join', { body: { consent } }); // joining twice answers the same member
  const me = await signInAgain(api, '13800040001');
  await me.call('myCard');
  await me.call('myCode');
  await me.call('signIn');
  await me.call('signIn');
  await me.call('myTier');

  // ---- points at the register: earn, spend with the code, quote, identify, returns; a register signing its own
  const pos = api.client(cashier);
  await api.client(ops).call('adjustPoints', { params: { memberId: a.memberId }, body: { points: 2000, note: '权限测试', idempotencyKey: `acc-${uniq()}` } });
  await api.client(ops).call('adjustPoints', { params: { memberId: a.memberId }, body: { points: -10, note: '权限测试', idempotencyKey: `acc-${uniq()}` } });
  await api.client(service).call('adjustPoints', { params: { memberId: a.memberId }, body: { points: 20, note: '配送延误', caseRef: `CS-${uniq()}`, idempotencyKey: `acc-${uniq()}` } });
  const earn = saleOf(a.memberId, 150);
  const earned = await pos.call('recordSale', { body: earn });
  await pos.call('recordSale', { body: earn }); // a replay answers as the first did
  const pay = saleOf(a.memberId, 60, { points: 500 });
  await pos.call('recordSale', { body: pay });
  await pos.call('recordSale', { body: saleOf(null, 20) });
  await pos.call('recordSale', { body: saleOf(null, 25, { member: { phone: '13800040002' } }) });
  const payer = saleOf(null, 30);
  await pos.call('recordSale', { body: { ...payer, payments: [{ method: 'wechat' as const, amountFen: 3000, payerOpenid: `o-payer-${uniq()}`, payerAuthorisedMembership: true }] } });
  const big = saleOf(b.memberId, 50_000); // reaches the approval tier: queued for ops
  await pos.call('recordSale', { body: big });
  await pos.call('quoteBasket', { body: { storeId: 'S001', member: { code: memberCodeFor(a.memberId) }, lines: [{ lineNo: 1, sku: 'A', category: 'grocery', qtyMilli: 1000, unitPriceFen: 5000 }] } });
  await pos.call('quoteBasket', { body: { storeId: 'S001', member: { memberId: b.memberId }, lines: [{ lineNo: 1, sku: 'A', category: 'grocery', qtyMilli: 1000, unitPriceFen: 5000 }] } });
  await pos.call('identifyMember', { body: { code: memberCodeFor(a.memberId) } });
  await ignoreRefusal(pos.call('identifyMember', { body: { code: '680000000000000000' } }));
  await pos.call('recordReturn', { body: { returnNo: `R-${uniq()}`, storeId: 'S001', original: { storeId: 'S001', receiptNo: pay.receiptNo }, returnedAt: new Date().toISOString(), lines: [{ lineNo: 1, qtyMilli: 500 }] } });
  const whole = { returnNo: `R-${uniq()}`, storeId: 'S001', original: { storeId: 'S001', receiptNo: earn.receiptNo }, returnedAt: new Date().toISOString() };
  await pos.call('recordReturn', { body: whole });
  await pos.call('recordReturn', { body: whole });
  const register = registerKey(config.keys.integration, 'S001', 'S001-R2');
  expect((await signed('/pos/sales', register, saleOf(a.memberId, 12), { 'x-store-id': 'S001', 'x-register-id': 'S001-R2' })).status).toBe(200);

  // ---- platform orders
  const order = { order_id: `acc${uniq()}`, poi_code: 'S002', ctime: Math.floor(Date.now() / 1000) - 60, recipient_phone: '13800040001', detail: [{ app_food_code: 'M', food_name: '牛奶', quantity: 2, price: 6.5 }] };
  const meituan = channelKey(config.keys.integration, 'meituan');
  expect((await signed('/channels/meituan/orders', meituan, order)).status).toBe(200);
  expect((await signed('/channels/meituan/orders', meituan, order)).status).toBe(200);
  expect((await signed('/channels/meituan/orders', meituan, { ...order, order_id: `acc${uniq()}`, recipient_phone: '13912345678' })).status).toBe(200);

  // ---- staff
  const adm = api.client(admin);
  await adm.call('staffMe');
  await api.client(cashier).call('staffMe');
  await adm.call('listStores');
  await api.client(cashier).call('listStores');
  await adm.call('createRegister', { params: { storeId: 'S002' }, body: { registerId: 'S002-R7', name: '七号收银台' } });
  await ignoreRefusal(adm.call('createRegister', { params: { storeId: 'S002' }, body: { registerId: 'S002-R7', name: '七号收银台' } }));
  await adm.call('registerJoinCode', { params: { storeId: 'S002', registerId: 'S002-R7' } });
  await adm.call('registerApiKey', { params: { storeId: 'S002', registerId: 'S002-R7' } });
  await api.client(ops).call('getMember', { params: { memberId: a.memberId } });
  await api.client(service).call('revealPhone', { params: { memberId: a.memberId } });
  const merges = await api.client(service).call('listMergeRequests');
  await api.client(service).call('rejectMerge', { params: { mergeId: merges.items[0].mergeId }, body: { note: '不是同一人' } });
  await api.client(service).call('findMembers', { query: { phone: '13800040001' } });
  await api.client(ops).call('findMembers', { query: { memberId: a.memberId } });
  const timeline = await api.client(ops).call('memberTimeline', { params: { memberId: a.memberId }, query: { limit: 3 } });
  await api.client(ops).call('memberTimeline', { params: { memberId: a.memberId }, query: { limit: 3, cursor: timeline.cursor ?? undefined } });
  await adm.call('createStore', { body: { storeId: 'S-ACCESS', name: '权限测试店', region: 'shanghai', address: '上海市测试路 1 号' } });
  await adm.call('listStaff');
  const username = `acc-${uniq()}`.toLowerCase().slice(0, 30);
  await adm.call('createStaff', { body: { username, displayName: '权限测试', password: 'Blue-Harbour-2026', role: 'service', scope: { level: 'chain' } } });
  const other = await staffToken(api, username, 'Blue-Harbour-2026');
  await api.client(other).call('staffMe');
  await adm.call('updateStaff', { params: { username }, body: { displayName: '权限测试二' } });
  await adm.call('updateStaff', { params: { username }, body: { password: 'Green-Valley-2027' } });
  await adm.call('signOutStaff', { params: { username } });
  await ignoreRefusal(api.client(other).call('staffMe'));
  await adm.call('updateStaff', { params: { username }, body: { disabled: true } });
  const audit = await adm.call('auditLog', { query: { limit: 1 } });
  await adm.call('auditLog', { query: { limit: 1, cursor: audit.cursor ?? undefined } });
  await adm.call('auditLog', { query: { actor: 'ops', limit: 5 } });
  await adm.call('auditLog', { query: { target: `member:${a.memberId}`, action: 'points.adjust', limit: 5 } });
  const approvals = await api.client(ops).call('tierApprovals');
  expect(approvals.items.map((i) => i.memberId)).toContain(b.memberId);
  await api.client(ops).call('decideTierApproval', { params: { memberId: b.memberId }, body: { decision: 'approve' } });
  await api.client(finance).call('pointsLiability');
  // The console's reports and the adjustment preview (reads only).
  const today = businessDay();
  await api.client(ops).call('previewPointsAdjustment', { params: { memberId: a.memberId }, body: { points: -50, allowDebt: false } });
  await api.client(service).call('previewPointsAdjustment', { params: { memberId: a.memberId }, body: { points: 50, caseRef: `CS-${uniq()}`, allowDebt: false } });
  await api.client(finance).call('pointsLiabilityDays', { query: { from: addBusinessDays(today, -3), to: today } });
  await api.client(finance).call('pointsLiabilityStores', { query: { from: addBusinessDays(today, -3), to: today } });
  await api.client(finance).call('pointsLiabilityStores', { query: { from: today, to: today, storeId: 'S001' } });
  await api.client(ops).call('joinStats', { query: { from: addBusinessDays(today, -3), to: today } });
  await api.client(ops).call('registerDayReport', { query: { day: today } });
  const settings = await api.client(ops).call('getSettings');
  await api.client(ops).call('updateSettings', { body: { version: settings.version, settings: settings.settings } });

  // ---- the shopper's lists (after the points moved)
  const history = await me.call('myPointsHistory', { query: { limit: 2 } });
  await me.call('myPointsHistory', { query: { limit: 2, cursor: history.cursor ?? undefined } });
  await me.call('myPoints');
  // ---- the profile (the member item and its NAME# items), staff name search and correction, the purchases (GSI1)
  await me.call('updateMyProfile', { body: { nickname: '权限测试', birthday: '1990-06-15', gender: 'female', region: '上海' } });
  await me.call('updateMyProfile', { body: { nickname: '权限测试二' } });
  await me.call('myProfile');
  await api.client(service).call('findMembers', { query: { name: '权限测试二' } });
  await api.client(ops).call('correctMemberProfile', { params: { memberId: a.memberId }, body: { birthday: '1990-07-15', note: '权限测试' } });
  const purchases = await me.call('myPurchases', { query: { limit: 1 } });
  await me.call('myPurchases', { query: { limit: 1, cursor: purchases.cursor ?? undefined } });
  await me.call('myReceipt', { params: { storeId: earn.storeId, receiptNo: earn.receiptNo } });

  // ---- a member written before the lots moved into the member item: each points change reads their LOT# items
  const legacy = await joinShopper(api, '13800040005');
  await api.client(ops).call('adjustPoints', { params: { memberId: legacy.memberId }, body: { points: 500, note: '权限测试', idempotencyKey: `acc-${uniq()}` } });
  const makeLegacy = () => ddb().send(new UpdateCommand({ TableName: api.tableName, Key: keys.member(legacy.memberId), UpdateExpression: 'REMOVE lots' }));
  await makeLegacy();
  await legacy.client.call('myPoints');
  await makeLegacy();
  await pos.call('recordSale', { body: saleOf(legacy.memberId, 10) });
  await makeLegacy();
  expect((await signed('/channels/meituan/orders', meituan, { ...order, order_id: `acc${uniq()}`, recipient_phone: '13800040005' })).status).toBe(200);
  await makeLegacy();
  await api.client(ops).call('adjustPoints', { params: { memberId: legacy.memberId }, body: { points: 5, note: '权限测试', idempotencyKey: `acc-${uniq()}` } });

  // ---- lots past their last day are expired by whichever change comes first, in any function
  const stale = [];
  for (const p of ['13800040011', '13800040012', '13800040013', '13800040014']) {
    const m = await joinShopper(api, p);
    await api.client(ops).call('adjustPoints', { params: { memberId: m.memberId }, body: { points: 100, note: '权限测试', idempotencyKey: `acc-${uniq()}` } });
    stale.push(m);
  }
  const lotDay = (await stale[0].client.call('myPoints')).expiring[0].expiryDay;
  shiftClockForTests(Date.parse(`${addBusinessDays(lotDay, 2)}T04:00:00Z`) - Date.now());
  try {
    const laterOps = await staffToken(api, 'ops', 'ops-demo-2026');
    const laterCashier = await staffToken(api, 'cashier', 'cashier-demo-2026', 'S001-R1');
    await (await signInAgain(api, '13800040011')).call('signIn');
    await api.client(laterCashier).call('recordSale', { body: saleOf(stale[1].memberId, 10) });
    const later = { ...order, order_id: `acc${uniq()}`, ctime: Math.floor(nowMs() / 1000) - 60, recipient_phone: '13800040013' };
    expect((await signed('/channels/meituan/orders', meituan, later)).status).toBe(200);
    await api.client(laterOps).call('adjustPoints', { params: { memberId: stale[3].memberId }, body: { points: 5, note: '权限测试', idempotencyKey: `acc-${uniq()}` } });
  } finally {
    shiftClockForTests(0);
  }

  // ---- coupons: ops design a template and a pack (and pause and resume it), the member claims in the centre and
  // reads their coupons and a coupon's QR; customer service compensates and lists; ops revoke
  const tpl = {
    templateId: `ACC${uniq()}`.slice(0, 40),
    name: { zh: '满100减10', en: '¥10 off ¥100' },
    benefit: { kind: 'cash-off' as const, thresholdFen: 10000, offFen: 1000 },
    validity: { type: 'after-receipt' as const, days: 7 },
    scope: {},
    limits: { stock: 100, perMember: 5, budgetFen: 100_000, minOrderFen: 0 },
    stacking: { group: 'cash-off' },
    claimChannel: 'centre' as const,
    shards: 2,
  };
  await api.client(ops).call('createCouponTemplate', { body: tpl });
  await api.client(ops).call('couponTemplates', { query: {} });
  await api.client(finance).call('couponTemplate', { params: { templateId: tpl.templateId } });
  await api.client(ops).call('changeCouponTemplateStatus', { params: { templateId: tpl.templateId }, body: { action: 'pause' } });
  await api.client(ops).call('changeCouponTemplateStatus', { params: { templateId: tpl.templateId }, body: { action: 'resume' } });
  await api.client(ops).call('createCouponPack', { body: { packId: `P${tpl.templateId}`.slice(0, 40), name: { zh: '礼包', en: 'Pack' }, items: [{ templateId: tpl.templateId, count: 2 }] } });
  await api.client(service).call('couponPacks');
  await me.call('couponCentre');
  const claimed = await me.call('claimCoupon', { body: { templateId: tpl.templateId, idempotencyKey: `acc-${uniq()}` } });
  await me.call('myCoupons', { query: {} });
  await me.call('myCoupons', { query: { view: 'used' } });
  await me.call('myCoupon', { params: { grantId: claimed.grants[0].grantId } });
  await me.call('myCouponCode', { params: { grantId: claimed.grants[0].grantId } });
  const comp = await api.client(service).call('issueCompensationCoupon', { params: { memberId: a.memberId }, body: { templateId: tpl.templateId, caseRef: `CASE${uniq()}`, reason: '补偿测试', idempotencyKey: `acc-${uniq()}` } });
  await api.client(service).call('memberCoupons', { params: { memberId: a.memberId }, query: {} });
  await api.client(ops).call('revokeCoupon', { params: { memberId: a.memberId, grantId: comp.grantId }, body: { reason: '权限测试' } });

  // ---- coupons at the register: a quote shows them, a hold and its release, a sale redeems one (by its own QR), a
  // whole return gives it back
  const grantId = claimed.grants[0].grantId;
  const couponQr = encodeCouponCode(a.memberId, grantId, timeStepOf(nowMs()), memberCodePrf(config.keys.memberCode));
  await pos.call('quoteBasket', { body: { storeId: 'S001', member: { code: memberCodeFor(a.memberId) }, lines: [{ lineNo: 1, sku: 'A', category: 'grocery', qtyMilli: 1000, unitPriceFen: 12000 }] } });
  const hold = await pos.call('createCouponHold', { body: { storeId: 'S001', grantIds: [grantId], codes: [couponQr], orderRef: `ACC${uniq()}` } });
  await pos.call('releaseCouponHold', { params: { holdId: hold.holdId } });
  const withCoupon = { ...saleOf(a.memberId, 120), payments: [{ method: 'cash' as const, amountFen: 11000 }], coupons: { grantIds: [grantId], codes: [couponQr] } };
  await pos.call('recordSale', { body: withCoupon });
  await pos.call('recordReturn', { body: { returnNo: `R-${uniq()}`, storeId: 'S001', original: { storeId: 'S001', receiptNo: withCoupon.receiptNo }, returnedAt: new Date().toISOString() } });

  // ---- the new-member pack (granted by the events function from MemberJoined, at the drain below) and the coupon
  // jobs on days they have work (the reminder: a message; the expiry: a grant released on its shard)
  const couponDesign = (templateId: string, days: number, claimChannel: 'centre' | 'issued') => ({
    templateId,
    name: { zh: `权限券 ${templateId}`, en: `Access coupon ${templateId}` },
    benefit: { kind: 'cash-off' as const, thresholdFen: 10000, offFen: 1000 },
    validity: { type: 'after-receipt' as const, days },
    scope: {},
    limits: { stock: 100, perMember: 5, budgetFen: 100_000, minOrderFen: 0 },
    stacking: { group: 'cash-off' },
    claimChannel,
  });
  await api.client(ops).call('createCouponTemplate', { body: couponDesign('ACC-1D', 1, 'centre') });
  await api.client(ops).call('createCouponTemplate', { body: couponDesign('ACC-4D', 4, 'centre') });
  await api.client(ops).call('createCouponTemplate', { body: couponDesign('ACC-NEW', 30, 'issued') });
  await api.client(ops).call('createCouponPack', { body: { packId: 'ACC-PACK', name: { zh: '新人礼包', en: 'Welcome pack' }, items: [{ templateId: 'ACC-NEW', count: 1 }] } });
  await changeSettings(api, ops, (s) => ({ ...s, coupons: { ...s.coupons, newMemberPackId: 'ACC-PACK' } }));
  const holder = await joinShopper(api, '13800040021');
  await holder.client.call('claimCoupon', { body: { templateId: 'ACC-1D', idempotencyKey: `acc-${uniq()}` } });
  await holder.client.call('claimCoupon', { body: { templateId: 'ACC-4D', idempotencyKey: `acc-${uniq()}` } });
  // The jobs function is a container of its own: it has read no template's design yet.
  forgetTemplateDesignsForTests();
  await asFunction('jobs', () => jobs({ job: 'coupon-expiry-reminder', date: businessDay(), allowFuture: true }));
  await asFunction('jobs', () => jobs({ job: 'coupon-expiry', date: addBusinessDays(businessDay(), 1), allowFuture: true }));

  // ---- every job, on days it has work: activation, reminder, expiry (of a legacy member too), the yearly review, join stats
  const points = await me.call('myPoints');
  const expiryDay = points.expiring[0].expiryDay;
  await makeLegacy();
  const runJob = (job: string, date: string) => asFunction('jobs', () => jobs({ job, date, allowFuture: true }));
  await runJob('pending-activation', earned.points.availableOn!);
  await runJob('expiry-reminder', addBusinessDays(expiryDay, -7));
  await runJob('points-expiry', addBusinessDays(expiryDay, 1));
  await runJob('tier-review', `${Number(expiryDay.slice(0, 4)) + 1}-01-01`);
  await runJob('join-stats', addBusinessDays(new Date().toISOString().slice(0, 10), 1));
  await me.call('myMessages', { query: { limit: 5 } });
  await me.call('readAllMessages');

  // ---- the member's privacy rights: consents, the export (audit entries about them: GSI2), the deletion preview and
  // the deletion (identities, name index, pending, lots, released identities, the closed inbox); the stream then
  // erases the member's messages (the events function's Query and Delete)
  await me.call('myConsents');
  await me.call('updateMyConsent', { body: { marketing: true } });
  await me.call('myDataExport');
  await me.call('myDeletionPreview');
  await me.call('deleteMyMembership', { body: { confirm: true, idempotencyKey: `acc-${uniq()}` } });

  // ---- last, as they lock things: a cashier who names no register is shown the store's; five wrong passwords
  // lock an account, which is audited
  await ignoreRefusal(anon.call('staffLogin', { body: { username: 'cashier', password: 'cashier-demo-2026' } }));
  for (let i = 0; i < 5; i++) await ignoreRefusal(anon.call('staffLogin', { body: { username: 'locked-out', password: 'wrong-password' } }));

  // ---- the stream consumer over everything above
  const poller = await streamPoller(process.env.TEST_DYNAMODB_ENDPOINT!, api.tableName, (batch) => asFunction('events', () => consume(batch)));
  await poller.drain();
  await poller.stop();
  return recorder.accesses.filter((x) => x.fn !== null);
}

let observed: TableAccess[];
const fns: FunctionName[] = [...routeGroups, 'jobs', 'events'];
const actionsOf = (fn: string) => new Set(observed.filter((x) => x.fn === fn && !x.index).map((x) => x.action));
const indexesOf = (fn: string) => new Set(observed.filter((x) => x.fn === fn && x.index).map((x) => `${x.action}@${x.index}`));

beforeAll(async () => {
  observed = await driveEverything();
}, 300_000);

it('drove every route of the route table (a new route: drive it above, and declare what it needs)', () => {
  const missing = Object.values(routes).map(routeKeyOf).filter((k) => !drivenRoutes.has(k));
  expect(missing).toEqual([]);
  for (const fn of fns) expect([fn, observed.some((x) => x.fn === fn)]).toEqual([fn, true]);
});

describe.each(fns)('%s', (fn) => {
  const declared = tableAccess[fn];

  it('sends only what functions/commons/table-access.ts declares for it', () => {
    expect([...actionsOf(fn)].filter((a) => !declared.table.includes(a as never))).toEqual([]);
    expect([...indexesOf(fn)].filter((i) => !declared.indexes.some((d) => i === `Query@${d}`))).toEqual([]);
  });

  it('is declared nothing it does not use', () => {
    expect(declared.table.filter((a) => !actionsOf(fn).has(a))).toEqual([]);
    expect(declared.indexes.filter((d) => !indexesOf(fn).has(`Query@${d}`))).toEqual([]);
  });

  it('touches only the key prefixes it is limited to, and uses each', () => {
    if (!declared.leadingKeys) return;
    const patterns = leadingKeyPatterns(declared.leadingKeys);
    const matches = (pk: string, pattern: string) => (pattern.endsWith('*') ? pk.startsWith(pattern.slice(0, -1)) : pk === pattern);
    const mine = observed.filter((x) => x.fn === fn);
    expect(mine.filter((x) => !x.pk)).toEqual([]);
    expect([...new Set(mine.filter((x) => !patterns.some((p) => matches(x.pk!, p))).map((x) => `${x.action} ${prefixOf(x.pk!)}`))]).toEqual([]);
    expect(declared.leadingKeys.filter((p) => !mine.some((x) => prefixOf(x.pk!) === p))).toEqual([]);
  });
});
