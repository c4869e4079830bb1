import { startFakeWechat, type FakeWechat, type FakeWechatOptions } from '../../tests/support/fake-wechat';
import { createWechatClient, INVALID_RESPONSE_ERRCODE, NETWORK_ERRCODE, WechatApiError, type WechatConfig } from './wechat';

const fakes: FakeWechat[] = [];
async function fake(opts?: FakeWechatOptions): Promise<FakeWechat> {
  const started = await startFakeWechat(opts);
  fakes.push(started);
  return started;
}
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});

const configOf = (f: FakeWechat, overrides: Partial<WechatConfig> = {}): WechatConfig => ({
  appId: f.appId,
  appSecret: f.appSecret,
  baseUrl: f.baseUrl,
  ...overrides,
});
const calls = (f: FakeWechat, path: string) => f.requests.filter((r) => r.path === path);
const TOKEN = '/cgi-bin/stable_token';
const PHONE = '/wxa/business/getuserphonenumber';

async function rejection(promise: Promise<unknown>): Promise<WechatApiError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WechatApiError);
  return err as WechatApiError;
}

describe('code2Session', () => {
  it('exchanges a login code for openid, unionid and session_key', async () => {
    const f = await fake();
    f.registerLogin('code-1', { openid: 'o-1', unionid: 'u-1' });

    const session = await createWechatClient(configOf(f)).code2Session('code-1');

    expect(session).toEqual({ openid: 'o-1', unionid: 'u-1', sessionKey: expect.any(String) });
    expect(f.requests).toEqual([
      {
        method: 'GET',
        path: '/sns/jscode2session',
        query: { appid: f.appId, secret: f.appSecret, js_code: 'code-1', grant_type: 'authorization_code' },
        body: undefined,
      },
    ]);
  });

  it('leaves unionid out when WeChat sends none', async () => {
    const f = await fake();
    f.registerLogin('code-2', { openid: 'o-2' });

    const session = await createWechatClient(configOf(f)).code2Session('code-2');

    expect(session).toEqual({ openid: 'o-2', sessionKey: expect.any(String) });
    expect(session).not.toHaveProperty('unionid');
  });

  it('rejects an unknown code with 40029, not retryable', async () => {
    const f = await fake();

    const err = await rejection(createWechatClient(configOf(f)).code2Session('nope'));

    expect(err).toMatchObject({ errcode: 40029, api: 'code2Session', retryable: false });
    expect(err.errmsg).toMatch(/^invalid code rid: /);
  });

  it('rejects a code used twice with 40163', async () => {
    const f = await fake();
    f.registerLogin('once', { openid: 'o-3' });
    const client = createWechatClient(configOf(f));
    await client.code2Session('once');

    const err = await rejection(client.code2Session('once'));

    expect(err).toMatchObject({ errcode: 40163, api: 'code2Session' });
  });

  it('reports a wrong secret (40125) or appid (40013) without quoting the secret', async () => {
    const f = await fake();
    f.registerLogin('code-4', { openid: 'o-4' });
    const wrongSecret = 'not-the-secret-5f2c';

    const badSecret = await rejection(createWechatClient(configOf(f, { appSecret: wrongSecret })).code2Session('code-4'));
    const badAppId = await rejection(createWechatClient(configOf(f, { appId: 'wx-unknown' })).code2Session('code-4'));

    expect(badSecret).toMatchObject({ errcode: 40125, retryable: false });
    expect(badAppId).toMatchObject({ errcode: 40013 });
    expect(`${badSecret.message} ${badSecret.stack} ${JSON.stringify(badSecret)}`).not.toContain(wrongSecret);
  });
});

describe('getPhoneNumber', () => {
  it('fetches a stable token, then the phone number', async () => {
    const f = await fake();
    f.registerPhone('phone-1', '13800138000');

    const phone = await createWechatClient(configOf(f)).getPhoneNumber('phone-1');

    expect(phone).toEqual({ phoneNumber: '13800138000', purePhoneNumber: '13800138000', countryCode: '86' });
    const [tokenCall, phoneCall] = f.requests;
    expect(tokenCall).toMatchObject({
      method: 'POST',
      path: TOKEN,
      body: { grant_type: 'client_credential', appid: f.appId, secret: f.appSecret, force_refresh: false },
    });
    expect(phoneCall).toMatchObject({ method: 'POST', path: PHONE, query: { access_token: expect.any(String) }, body: { code: 'phone-1' } });
  });

  it('rejects an unknown or reused phone code with 40029', async () => {
    const f = await fake();
    f.registerPhone('phone-2', '13800138001');
    const client = createWechatClient(configOf(f));
    await client.getPhoneNumber('phone-2');

    const err = await rejection(client.getPhoneNumber('phone-2'));

    expect(err).toMatchObject({ errcode: 40029, api: 'getPhoneNumber' });
  });

  it('reports a wrong secret from the token API (40125) without refreshing', async () => {
    const f = await fake();
    f.registerPhone('phone-3', '13800138002');

    const err = await rejection(createWechatClient(configOf(f, { appSecret: 'wrong' })).getPhoneNumber('phone-3'));

    expect(err).toMatchObject({ errcode: 40125, api: 'getStableAccessToken' });
    expect(calls(f, TOKEN)).toHaveLength(1);
    expect(calls(f, PHONE)).toHaveLength(0);
  });

  it('rejects a phone watermark issued for another appid', async () => {
    const f = await fake({ watermarkAppId: 'wx-someone-else' });
    f.registerPhone('phone-4', '13800138003');

    const err = await rejection(createWechatClient(configOf(f)).getPhoneNumber('phone-4'));

    expect(err).toMatchObject({ errcode: INVALID_RESPONSE_ERRCODE, api: 'getPhoneNumber', retryable: false });
    expect(err.errmsg).toMatch(/watermark/);
  });
});

describe('access token', () => {
  it('is fetched once and reused across phone calls', async () => {
    const f = await fake();
    const client = createWechatClient(configOf(f));
    for (const n of [1, 2, 3]) f.registerPhone(`seq-${n}`, `1380013800${n}`);

    for (const n of [1, 2, 3]) await client.getPhoneNumber(`seq-${n}`);

    expect(calls(f, TOKEN)).toHaveLength(1);
    expect(calls(f, PHONE)).toHaveLength(3);
    expect(new Set(calls(f, PHONE).map((r) => r.query.access_token)).size).toBe(1);
  });

  it('is fetched once for concurrent first calls', async () => {
    const f = await fake();
    const client = createWechatClient(configOf(f));
    for (const n of [1, 2, 3]) f.registerPhone(`par-${n}`, `1390013900${n}`);

    const phones = await Promise.all([1, 2, 3].map((n) => client.getPhoneNumber(`par-${n}`)));

    expect(phones.map((p) => p.purePhoneNumber)).toEqual(['13900139001', '13900139002', '13900139003']);
    expect(calls(f, TOKEN)).toHaveLength(1);
  });

  it('is not reused within 5 minutes of its expiry', async () => {
    const f = await fake({ tokenTtlSeconds: 300 });
    const client = createWechatClient(configOf(f));
    f.registerPhone('short-1', '13700137001');
    f.registerPhone('short-2', '13700137002');

    await client.getPhoneNumber('short-1');
    await client.getPhoneNumber('short-2');

    expect(calls(f, TOKEN)).toHaveLength(2);
    expect(calls(f, TOKEN).every((r) => (r.body as { force_refresh: boolean }).force_refresh === false)).toBe(true);
  });

  it('on 40001 picks up the token another container refreshed, without forcing', async () => {
    const f = await fake();
    const client = createWechatClient(configOf(f));
    f.registerPhone('before', '13600136001');
    f.registerPhone('after', '13600136002');
    await client.getPhoneNumber('before');
    f.rotateAccessToken();

    const phone = await client.getPhoneNumber('after');

    expect(phone.purePhoneNumber).toBe('13600136002');
    expect(calls(f, TOKEN).map((r) => (r.body as { force_refresh: boolean }).force_refresh)).toEqual([false, false]);
    const tokensUsed = calls(f, PHONE).map((r) => r.query.access_token);
    expect(tokensUsed).toHaveLength(3);
    expect(tokensUsed[1]).toBe(tokensUsed[0]);
    expect(tokensUsed[2]).not.toBe(tokensUsed[1]);
  });

  it('forces a refresh only when WeChat hands back the very token it rejected', async () => {
    const f = await fake();
    const client = createWechatClient(configOf(f));
    f.registerPhone('before', '13600136001');
    f.registerPhone('after', '13600136002');
    await client.getPhoneNumber('before');
    f.distrustAccessToken();

    const phone = await client.getPhoneNumber('after');

    expect(phone.purePhoneNumber).toBe('13600136002');
    expect(calls(f, TOKEN).map((r) => (r.body as { force_refresh: boolean }).force_refresh)).toEqual([false, false, true]);
  });

  it('shares one forced refresh among concurrent calls rejected with the same token', async () => {
    const f = await fake();
    const client = createWechatClient(configOf(f));
    f.registerPhone('prime', '13500135000');
    for (const n of [1, 2, 3]) f.registerPhone(`burst-${n}`, `1350013500${n}`);
    await client.getPhoneNumber('prime');
    f.distrustAccessToken();

    await Promise.all([1, 2, 3].map((n) => client.getPhoneNumber(`burst-${n}`)));

    expect(calls(f, TOKEN).filter((r) => (r.body as { force_refresh: boolean }).force_refresh)).toHaveLength(1);
  });

  it('gives up after one refresh when the new token is rejected too', async () => {
    const f = await fake();
    f.registerPhone('doomed', '13400134000');
    // Every token dies as it arrives, as when another server keeps force-refreshing the same appid.
    const killTokens: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (String(input).includes(TOKEN)) f.expireAccessToken();
      return response;
    };

    const err = await rejection(createWechatClient(configOf(f), killTokens).getPhoneNumber('doomed'));

    expect(err).toMatchObject({ errcode: 40001, api: 'getPhoneNumber' });
    expect(calls(f, TOKEN)).toHaveLength(2);
    expect(calls(f, PHONE)).toHaveLength(2);
  });
});

describe('transport failures', () => {
  it('turns a timeout into a retryable -1, though the code may already be used up', async () => {
    const f = await fake({ delayMs: 400 });
    f.registerLogin('slow', { openid: 'o-slow' });
    const started = Date.now();

    const err = await rejection(createWechatClient(configOf(f, { timeoutMs: 50 })).code2Session('slow'));

    expect(Date.now() - started).toBeLessThan(400);
    expect(err).toMatchObject({ errcode: NETWORK_ERRCODE, api: 'code2Session', retryable: true });
    expect(err.errmsg).toBe('timed out after 50ms');
    expect(err.message).not.toContain(f.appSecret);
    // WeChat handled the request the caller gave up on, so retrying the same code cannot succeed.
    const retry = await rejection(createWechatClient(configOf(f, { timeoutMs: 2000 })).code2Session('slow'));
    expect(retry.errcode).toBe(40163);
  });

  it('turns a refused connection into a retryable -1', async () => {
    const f = await startFakeWechat();
    await f.close();

    const err = await rejection(createWechatClient(configOf(f)).code2Session('any'));

    expect(err).toMatchObject({ errcode: NETWORK_ERRCODE, errmsg: 'network error: ECONNREFUSED', retryable: true });
  });

  it('treats only system busy and the per-minute quota as retryable WeChat errors', () => {
    expect(new WechatApiError(-1, 'system error', 'code2Session').retryable).toBe(true);
    expect(new WechatApiError(45011, 'api minute-quota reach limit', 'code2Session').retryable).toBe(true);
    expect(new WechatApiError(45009, 'reach max api daily quota limit', 'getStableAccessToken').retryable).toBe(false);
    expect(new WechatApiError(40226, 'code blocked', 'code2Session').retryable).toBe(false);
  });
});
