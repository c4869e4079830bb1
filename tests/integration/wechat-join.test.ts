import { ApiError } from '../../shared/api-client';
import { lastDevOtp } from '../../functions/adapters/dev-sms';
import { startFakeWechat, type FakeWechat } from '../support/fake-wechat';
import { startTestApi, type TestApi } from '../support/test-api';

/** WeChat sign-in and phone exchange through the real adapter, against a local server speaking WeChat's API. */
let wechat: FakeWechat;
let api: TestApi;

beforeAll(async () => {
  wechat = await startFakeWechat();
  api = await startTestApi({ WECHAT_APP_ID: wechat.appId, WECHAT_API_BASE: wechat.baseUrl }, { wechatAppSecret: wechat.appSecret });
});
afterAll(async () => {
  await api.close();
  await wechat.close();
});

const consent = { accepted: true as const, privacyPolicyVersion: '2026-11-01', termsVersion: '2026-11-01' };
let codeNo = 0;
function loginCode(openid: string, unionid?: string) {
  const code = `login-${++codeNo}`;
  wechat.registerLogin(code, { openid, unionid });
  return code;
}
function phoneCode(phone: string) {
  const code = `phone-${++codeNo}`;
  wechat.registerPhone(code, phone);
  return code;
}
async function devMember(phone: string) {
  await api.client().call('devSendOtp', { body: { phone } });
  const s = await api.client().call('devVerifyOtp', { body: { phone, code: lastDevOtp(phone)! } });
  return (await api.client(s.token).call('join', { body: { consent } })).card.memberId;
}

it('reports WeChat sign-in as available', async () => {
  expect(await api.client().call('publicInfo')).toMatchObject({ wechatSignIn: true, devSignIn: true });
});

it('joins with WeChat, keeps the unionid, and shares the phone through getPhoneNumber', async () => {
  const session = await api.client().call('wechatSignIn', { body: { code: loginCode('o-alice', 'u-alice') } });
  expect(session.memberId).toBeNull();
  const joined = await api.client(session.token).call('join', { body: { consent, phoneCode: phoneCode('13511112222') } });
  expect(joined.created).toBe(true);
  expect(joined.card.phoneMasked).toBe('135****2222');

  // Signing in again (a new wx.login code) finds the same member.
  const again = await api.client().call('wechatSignIn', { body: { code: loginCode('o-alice', 'u-alice') } });
  expect(again.memberId).toBe(joined.card.memberId);
  // The same person through another of the chain's apps (same unionid, other openid) is the same member.
  const otherApp = await api.client().call('wechatSignIn', { body: { code: loginCode('o-alice-2', 'u-alice') } });
  expect(otherApp.memberId).toBe(joined.card.memberId);
});

it('a WeChat account arriving with a known phone merges into that member', async () => {
  const phoneMember = await devMember('13522223333');
  const session = await api.client().call('wechatSignIn', { body: { code: loginCode('o-bob') } });
  const joined = await api.client(session.token).call('join', { body: { consent, phoneCode: phoneCode('13522223333') } });
  expect(joined.created).toBe(false);
  expect(joined.card.memberId).toBe(phoneMember);
  const again = await api.client().call('wechatSignIn', { body: { code: loginCode('o-bob') } });
  expect(again.memberId).toBe(phoneMember);
});

it('an openid and a phone on two members are queued for customer service, not merged', async () => {
  const phoneMember = await devMember('13533334444');
  const s1 = await api.client().call('wechatSignIn', { body: { code: loginCode('o-carol') } });
  const wechatMember = (await api.client(s1.token).call('join', { body: { consent } })).card.memberId;
  expect(wechatMember).not.toBe(phoneMember);

  const s2 = await api.client().call('wechatSignIn', { body: { code: loginCode('o-carol') } });
  const res = await api.client(s2.token).call('join', { body: { consent, phoneCode: phoneCode('13533334444') } });
  expect(res.card.memberId).toBe(wechatMember);
  expect(res.card.mergePending).toBe(true);
  // Retrying does not queue it twice.
  const s3 = await api.client().call('wechatSignIn', { body: { code: loginCode('o-carol') } });
  await api.client(s3.token).call('join', { body: { consent, phoneCode: phoneCode('13533334444') } });

  const service = (await api.client().call('staffLogin', { body: { username: 'service', password: 'service-demo-2026' } })).token;
  const merges = await api.client(service).call('listMergeRequests');
  expect(merges.items.filter((m) => m.wechatMemberId === wechatMember)).toEqual([
    expect.objectContaining({ wechatMemberId: wechatMember, phoneMemberId: phoneMember, status: 'open' }),
  ]);
});

it('a used or unknown wx.login code is a 400 from WeChat, not a 500', async () => {
  const code = loginCode('o-dave');
  await api.client().call('wechatSignIn', { body: { code } });
  const err = await api.client().call('wechatSignIn', { body: { code } }).catch((e: ApiError) => e);
  expect(err).toMatchObject({ status: 400, code: 'WECHAT_REJECTED' });
  const unknown = await api.client().call('wechatSignIn', { body: { code: 'never-issued' } }).catch((e: ApiError) => e);
  expect(unknown).toMatchObject({ status: 400, code: 'WECHAT_REJECTED' });
});
