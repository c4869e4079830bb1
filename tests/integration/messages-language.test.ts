import { lastDevOtp } from '../../functions/adapters/dev-sms';
import { getConfig } from '../../functions/commons/config';
import { channelKey, signRequest } from '../../functions/commons/signatures';
import { startTestApi, type TestApi } from '../support/test-api';
import { joinShopper, staffToken } from '../support/shoppers';

/**
 * Server messages speak the caller's language (Accept-Language; zh-CN when absent or unknown), one language
 * per message, and the code beside them does not change with the language.
 */
let api: TestApi;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  api = await startTestApi();
  tokens.ops = await staffToken(api, 'ops', 'ops-demo-2026');
  tokens.cashier = await staffToken(api, 'cashier', 'cashier-demo-2026', 'S001-R1');
  const phone = '13700000001';
  await api.client().call('devSendOtp', { body: { phone } });
  tokens.shopper = (await api.client().call('devVerifyOtp', { body: { phone, code: lastDevOtp(phone)! } })).token;
  tokens.member = (await joinShopper(api, '13700000002')).token;
});
afterAll(() => api.close());

const CJK = /[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]/;
const LATIN_WORDS = /[A-Za-z]{3,}(\s+[A-Za-z]{2,}){2,}/; // an English phrase, not a lone term such as JSON

type Ask = { method?: string; path: string; token?: string; body?: string; headers?: Record<string, string> };
async function ask(language: string | null, a: Ask) {
  const res = await fetch(api.url + a.path, {
    method: a.method ?? 'GET',
    headers: {
      ...(language ? { 'accept-language': language } : {}),
      ...(a.token ? { authorization: `Bearer ${a.token}` } : {}),
      ...(a.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...a.headers,
    },
    body: a.body,
  });
  const body = (await res.json()) as { error: { code: string; message: string } };
  return { status: res.status, code: body.error.code, message: body.error.message };
}

/** The same request in English, in Chinese, and with no preference (which must be Chinese). */
async function inBothLanguages(a: Ask | (() => Ask)) {
  const next = typeof a === 'function' ? a : () => a;
  const en = await ask('en-US,en;q=0.9', next());
  const zh = await ask('zh-CN,zh;q=0.9,en;q=0.8', next());
  const none = await ask(null, next());
  expect({ status: zh.status, code: zh.code }).toEqual({ status: en.status, code: en.code });
  expect({ status: none.status, code: none.code }).toEqual({ status: en.status, code: en.code });
  expect(none.message).toBe(zh.message);
  // One language per message: Chinese in the zh answer, none of it in the en answer.
  expect({ message: zh.message, chinese: CJK.test(zh.message), englishPhrase: LATIN_WORDS.test(zh.message) }).toEqual({ message: zh.message, chinese: true, englishPhrase: false });
  expect({ message: en.message, chinese: CJK.test(en.message) }).toEqual({ message: en.message, chinese: false });
  return { status: en.status, code: en.code, en: en.message, zh: zh.message };
}

const consentBody = (version: string) => JSON.stringify({ consent: { accepted: true, privacyPolicyVersion: version, termsVersion: version } });

it('validation and malformed JSON', async () => {
  expect(await inBothLanguages({ method: 'POST', path: '/auth/dev/otp', body: '{"phone":"12"}' })).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', en: 'Invalid body', zh: '请求内容有误' });
  expect(await inBothLanguages({ method: 'POST', path: '/auth/dev/otp', body: '{"phone":' })).toMatchObject({ status: 400, code: 'MALFORMED_JSON' });
});

it('sessions: none, a staff session on a shopper route, a shopper who has not joined', async () => {
  expect(await inBothLanguages({ path: '/me' })).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  expect(await inBothLanguages({ path: '/me', token: tokens.ops })).toMatchObject({ status: 403, code: 'FORBIDDEN' });
  expect(await inBothLanguages({ path: '/me', token: tokens.shopper })).toMatchObject({ status: 403, code: 'NOT_A_MEMBER' });
});

it('joining with outdated consent', async () => {
  expect(await inBothLanguages({ method: 'POST', path: '/members/join', token: tokens.shopper, body: consentBody('2020-01-01') })).toMatchObject({ status: 409, code: 'CONSENT_OUTDATED' });
});

it('dev sign-in: a wrong code, and a second code within the minute', async () => {
  const phone = '13700000003';
  await api.client().call('devSendOtp', { body: { phone } });
  const wrong = lastDevOtp(phone) === '000000' ? '111111' : '000000';
  expect(await inBothLanguages({ method: 'POST', path: '/auth/dev/verify', body: JSON.stringify({ phone, code: wrong }) })).toMatchObject({ status: 401, code: 'OTP_INVALID' });
  expect(await inBothLanguages({ method: 'POST', path: '/auth/dev/otp', body: JSON.stringify({ phone }) })).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
});

it('WeChat sign-in when WeChat is not connected', async () => {
  expect(await inBothLanguages({ method: 'POST', path: '/auth/wechat', body: '{"code":"abc"}' })).toMatchObject({ status: 400, code: 'WECHAT_UNAVAILABLE' });
});

it('the register: a mistyped member code', async () => {
  expect(await inBothLanguages({ method: 'POST', path: '/pos/identify', token: tokens.cashier, body: JSON.stringify({ code: '680000000000000001' }) })).toMatchObject({ status: 400, code: 'MEMBER_CODE_MISTYPED' });
});

it('signed requests: a bad signature or a stale timestamp', async () => {
  const path = '/channels/meituan/orders';
  const key = channelKey((await getConfig()).keys.integration, 'meituan');
  const body = '{}';
  const ts = Math.floor(Date.now() / 1000);
  expect(await inBothLanguages({ method: 'POST', path, body, headers: { 'x-timestamp': String(ts), 'x-signature': signRequest(key, ts, 'POST', path, '{"x":1}') } })).toMatchObject({ status: 401, code: 'BAD_SIGNATURE' });
  expect(await inBothLanguages({ method: 'POST', path, body, headers: { 'x-timestamp': String(ts - 3600), 'x-signature': signRequest(key, ts - 3600, 'POST', path, body) } })).toMatchObject({ status: 401, code: 'BAD_SIGNATURE' });
});

it('the gateway: an oversize body and an unknown route', async () => {
  expect(await inBothLanguages({ method: 'POST', path: '/auth/dev/otp', body: JSON.stringify({ phone: 'x'.repeat(2 * 1024 * 1024) }) })).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
  expect(await inBothLanguages({ path: '/no/such/route' })).toMatchObject({ status: 404, code: 'NOT_FOUND' });
});

it('the typed client sends its locale', async () => {
  const en = await api.client(null, { locale: 'en' }).call('myCard').catch((e: Error) => e.message);
  const zh = await api.client(null, { locale: 'zh-CN' }).call('myCard').catch((e: Error) => e.message);
  expect({ en: CJK.test(String(en)), zh: CJK.test(String(zh)) }).toEqual({ en: false, zh: true });
});
