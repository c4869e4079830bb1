/**
 * HTTP client of WeChat's server API for the mini-program: code2Session (wx.login code → openid) and
 * getPhoneNumber (phone code → number), with the stable access token the latter needs.
 *
 * Every failure is a WechatApiError:
 * - errcode > 0 or -1 as WeChat sent it (WeChat answers HTTP 200 with `errcode` in the body);
 * - errcode -1 (NETWORK_ERRCODE) for timeouts, connection failures, non-2xx or non-JSON answers. Like
 *   WeChat's own -1 ("system busy") it is retryable, but mind that a timed-out request may have reached
 *   WeChat and used up its single-use code: a retry with the same code can then get 40163 / 40029.
 * - errcode -2 (INVALID_RESPONSE_ERRCODE) for an answer this client refuses: fields missing, or a phone
 *   watermark issued for another appid. Not retryable.
 *
 * Nothing here logs, and no error message carries the app secret (which code2Session must send in the
 * query string, as WeChat specifies), the access token or the session_key.
 */

export interface WechatConfig {
  appId: string;
  appSecret: string;
  /** https://api.weixin.qq.com in production; the fake server's address in tests. */
  baseUrl: string;
  timeoutMs?: number;
}
export interface WechatSession {
  openid: string;
  unionid?: string;
  sessionKey: string;
}
export interface WechatPhone {
  phoneNumber: string;
  purePhoneNumber: string;
  countryCode: string;
}
export interface WechatClient {
  code2Session(code: string): Promise<WechatSession>;
  getPhoneNumber(code: string): Promise<WechatPhone>;
}

export const NETWORK_ERRCODE = -1;
export const INVALID_RESPONSE_ERRCODE = -2;

/** -1: system busy (or our network failure); 45011: per-minute quota, "retry next minute". */
const RETRYABLE_ERRCODES = new Set([NETWORK_ERRCODE, 45011]);
/** The access token is invalid, not the latest (someone force-refreshed), or expired. */
const TOKEN_REJECTED_ERRCODES = new Set([40001, 40014, 42001]);

const DEFAULT_TIMEOUT_MS = 5000;
/** WeChat renews a stable token in its last 5 minutes, so a token is only reused until then. */
const TOKEN_REFRESH_MARGIN_MS = 5 * 60 * 1000;

export class WechatApiError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
    readonly api: string,
  ) {
    super(`WeChat ${api} failed: ${errcode} ${errmsg}`);
    this.name = 'WechatApiError';
  }

  get retryable(): boolean {
    return RETRYABLE_ERRCODES.has(this.errcode);
  }
}

type Json = Record<string, unknown>;

export function createWechatClient(config: WechatConfig, fetchImpl: typeof fetch = fetch): WechatClient {
  const baseUrl = config.baseUrl.replace(/\/+$/, '');
  // Fail on a bad base URL here: fetch's own "Failed to parse URL" message would quote the whole URL, secret included.
  new URL(baseUrl);
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  async function call(api: string, url: URL, init: RequestInit): Promise<Json> {
    let response: Response;
    let text: string;
    try {
      response = await fetchImpl(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
      text = await response.text();
    } catch (err) {
      throw new WechatApiError(NETWORK_ERRCODE, describeFetchFailure(err, timeoutMs), api);
    }
    if (!response.ok) throw new WechatApiError(NETWORK_ERRCODE, `HTTP ${response.status}`, api);
    // WeChat's Content-Type is not reliably application/json, so the body is parsed whatever it says.
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new WechatApiError(NETWORK_ERRCODE, 'response is not JSON', api);
    }
    if (typeof body !== 'object' || body === null) throw new WechatApiError(NETWORK_ERRCODE, 'response is not a JSON object', api);
    const { errcode, errmsg } = body as Json;
    // Successful code2Session / stable_token answers carry no errcode at all; getuserphonenumber sends 0.
    if (typeof errcode === 'number' && errcode !== 0) throw new WechatApiError(errcode, String(errmsg ?? ''), api);
    return body as Json;
  }

  function invalid(api: string, what: string): WechatApiError {
    return new WechatApiError(INVALID_RESPONSE_ERRCODE, what, api);
  }

  // ---- access token: cached per client (one Lambda container), one fetch in flight at a time ----------
  let cached: { token: string; reuseUntil: number } | undefined;
  let inflight: Promise<string> | undefined;

  function fetchToken(forceRefresh: boolean): Promise<string> {
    inflight ??= (async () => {
      const api = 'getStableAccessToken';
      const body = await call(api, new URL(`${baseUrl}/cgi-bin/stable_token`), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ grant_type: 'client_credential', appid: config.appId, secret: config.appSecret, force_refresh: forceRefresh }),
      });
      const { access_token: token, expires_in: expiresIn } = body;
      if (typeof token !== 'string' || !token || typeof expiresIn !== 'number') throw invalid(api, 'missing access_token or expires_in');
      cached = { token, reuseUntil: Date.now() + expiresIn * 1000 - TOKEN_REFRESH_MARGIN_MS };
      return token;
    })().finally(() => {
      inflight = undefined;
    });
    return inflight;
  }

  async function accessToken(): Promise<string> {
    if (cached && Date.now() < cached.reuseUntil) return cached.token;
    return fetchToken(false);
  }

  /**
   * A new token after WeChat rejected `rejected`. With stable tokens a rejection usually means another
   * container already refreshed, so ask in normal mode first and force a refresh only when WeChat hands back
   * the very token it rejected: each forced refresh invalidates everyone else's token, and WeChat allows only
   * 20 a day. Concurrent callers that saw the same rejection share one request.
   */
  async function replaceRejected(rejected: string): Promise<string> {
    if (inflight) {
      const token = await inflight;
      if (token !== rejected) return token;
    }
    if (cached && cached.token !== rejected) return cached.token;
    cached = undefined;
    const fresh = await fetchToken(false);
    if (fresh !== rejected) return fresh;
    cached = undefined;
    return fetchToken(true);
  }

  async function requestPhone(token: string, code: string): Promise<Json> {
    const url = new URL(`${baseUrl}/wxa/business/getuserphonenumber`);
    url.searchParams.set('access_token', token);
    return call('getPhoneNumber', url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
  }

  return {
    async code2Session(code) {
      const api = 'code2Session';
      const url = new URL(`${baseUrl}/sns/jscode2session`);
      url.search = new URLSearchParams({ appid: config.appId, secret: config.appSecret, js_code: code, grant_type: 'authorization_code' }).toString();
      const body = await call(api, url, { method: 'GET' });
      const { openid, session_key: sessionKey, unionid } = body;
      if (typeof openid !== 'string' || !openid || typeof sessionKey !== 'string' || !sessionKey) throw invalid(api, 'missing openid or session_key');
      // unionid comes only when the mini-program is bound to an Open Platform account.
      return typeof unionid === 'string' && unionid ? { openid, unionid, sessionKey } : { openid, sessionKey };
    },

    async getPhoneNumber(code) {
      const api = 'getPhoneNumber';
      const token = await accessToken();
      let body: Json;
      try {
        body = await requestPhone(token, code);
      } catch (err) {
        if (!(err instanceof WechatApiError && TOKEN_REJECTED_ERRCODES.has(err.errcode))) throw err;
        // The token check comes before the code is used, so the same phone code is still good for one retry.
        body = await requestPhone(await replaceRejected(token), code);
      }
      const info = body.phone_info as Json | undefined;
      const watermark = info?.watermark as Json | undefined;
      if (!info || typeof info.phoneNumber !== 'string' || typeof info.purePhoneNumber !== 'string' || info.countryCode === undefined) {
        throw invalid(api, 'missing phone_info');
      }
      if (watermark?.appid !== config.appId) throw invalid(api, 'phone watermark is for another appid');
      // The field table says countryCode is a string, the documented example shows the number 86.
      return { phoneNumber: info.phoneNumber, purePhoneNumber: info.purePhoneNumber, countryCode: String(info.countryCode) };
    },
  };
}

function describeFetchFailure(err: unknown, timeoutMs: number): string {
  // Duck-typed rather than `instanceof Error`: fetch's errors come from Node's own realm, not jest's sandbox.
  const { name, cause } = (err ?? {}) as { name?: unknown; cause?: { code?: unknown } };
  if (name === 'TimeoutError') return `timed out after ${timeoutMs}ms`;
  // undici puts the useful part (ECONNREFUSED, ENOTFOUND…) in `cause`; only its code is kept, never a URL.
  return `network error: ${typeof cause?.code === 'string' ? cause.code : typeof name === 'string' ? name : 'unknown'}`;
}
