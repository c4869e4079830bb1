/**
 * A local stand-in for api.weixin.qq.com, speaking the three endpoints the backend uses with WeChat's field
 * names and error codes: GET /sns/jscode2session, POST /cgi-bin/stable_token and
 * POST /wxa/business/getuserphonenumber. Like WeChat, it answers HTTP 200 with `errcode` in the body and
 * appends a `rid` to every errmsg.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeWechatOptions {
  appId?: string;
  appSecret?: string;
  /** Lifetime of an issued access token; WeChat's is 7200 s. */
  tokenTtlSeconds?: number;
  /** Answer every request this late, after handling it (codes are used up even if the caller gave up). */
  delayMs?: number;
  /** Sign phone watermarks with another appid, as a response meant for another mini-program would be. */
  watermarkAppId?: string;
}

export interface FakeWechatRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
}

export interface FakeWechat {
  baseUrl: string;
  appId: string;
  appSecret: string;
  registerLogin(code: string, session: { openid: string; unionid?: string }): void;
  /** An 11-digit mainland number; WeChat gives it as both phoneNumber and purePhoneNumber with countryCode 86. */
  registerPhone(code: string, phone: string): void;
  /** Invalidate the current access token, as expiry or someone else's force_refresh would. */
  expireAccessToken(): void;
  /** Another caller force-refreshed: the current token stops working and normal mode hands out the new one. */
  rotateAccessToken(): void;
  /** The current token is refused by the APIs but normal mode still hands it back; only force_refresh helps. */
  distrustAccessToken(): void;
  requests: FakeWechatRequest[];
  close(): Promise<void>;
}

type Json = Record<string, unknown>;

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const failure = (errcode: number, errmsg: string): Json => ({ errcode, errmsg: `${errmsg} rid: ${hex(4)}-${hex(4)}-${hex(4)}` });

export async function startFakeWechat(opts: FakeWechatOptions = {}): Promise<FakeWechat> {
  const appId = opts.appId ?? `wx${hex(8)}`;
  const appSecret = opts.appSecret ?? hex(16);
  const tokenTtlMs = (opts.tokenTtlSeconds ?? 7200) * 1000;

  const logins = new Map<string, { openid: string; unionid?: string }>();
  const usedLoginCodes = new Set<string>();
  const phones = new Map<string, string>();
  let token: { value: string; expiresAt: number; distrusted?: boolean } | undefined;
  const requests: FakeWechatRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();

  function jscode2session(method: string, q: Record<string, string>): Json {
    if (method !== 'GET') return failure(43001, 'require GET method');
    if (!q.appid) return failure(41002, 'appid missing');
    if (q.appid !== appId) return failure(40013, 'invalid appid');
    if (!q.secret) return failure(41004, 'appsecret missing');
    if (q.secret !== appSecret) return failure(40125, 'invalid appsecret');
    if (!q.js_code) return failure(41008, 'missing code');
    if (q.grant_type !== 'authorization_code') return failure(40002, 'invalid grant_type');
    if (usedLoginCodes.has(q.js_code)) return failure(40163, 'code been used');
    const session = logins.get(q.js_code);
    if (!session) return failure(40029, 'invalid code');
    logins.delete(q.js_code);
    usedLoginCodes.add(q.js_code);
    // No errcode on success, as WeChat sends it; session_key is base64 of 16 bytes.
    return { session_key: randomBytes(16).toString('base64'), openid: session.openid, ...(session.unionid ? { unionid: session.unionid } : {}) };
  }

  function stableToken(method: string, body: unknown): Json {
    if (method !== 'POST') return failure(43002, 'require POST method');
    if (typeof body !== 'object' || body === null) return failure(47001, 'data format error');
    const b = body as Json;
    if (b.grant_type !== 'client_credential') return failure(40002, 'invalid grant_type');
    if (b.appid !== appId) return failure(40013, 'invalid appid');
    if (b.secret !== appSecret) return failure(40125, 'invalid appsecret');
    const now = Date.now();
    // Normal mode hands back the current token while it lives; force_refresh replaces (and so invalidates) it.
    if (b.force_refresh === true || !token || token.expiresAt <= now) token = { value: `${hex(4)}_${hex(32)}`, expiresAt: now + tokenTtlMs };
    return { access_token: token.value, expires_in: Math.floor((token.expiresAt - now) / 1000) };
  }

  function getUserPhoneNumber(method: string, q: Record<string, string>, body: unknown): Json {
    if (method !== 'POST') return failure(43002, 'require POST method');
    if (!q.access_token) return failure(41001, 'access_token missing');
    if (!token || q.access_token !== token.value || token.expiresAt <= Date.now() || token.distrusted) {
      return failure(40001, 'invalid credential, access_token is invalid or not latest');
    }
    if (typeof body !== 'object' || body === null) return failure(47001, 'data format error');
    const code = (body as Json).code;
    if (typeof code !== 'string' || !code) return failure(41008, 'missing code');
    const phone = phones.get(code);
    // A phone code is single-use too; WeChat documents only 40029 for it.
    if (!phone) return failure(40029, 'invalid code');
    phones.delete(code);
    return {
      errcode: 0,
      errmsg: 'ok',
      phone_info: {
        phoneNumber: phone,
        purePhoneNumber: phone,
        countryCode: '86',
        watermark: { timestamp: Math.floor(Date.now() / 1000), appid: opts.watermarkAppId ?? appId },
      },
    };
  }

  function respond(res: ServerResponse, status: number, payload: Json | string): void {
    const send = () => {
      if (res.destroyed) return;
      res.writeHead(status, { 'content-type': typeof payload === 'string' ? 'text/plain' : 'application/json; encoding=utf-8' });
      res.end(typeof payload === 'string' ? payload : JSON.stringify(payload));
    };
    if (!opts.delayMs) return send();
    const timer = setTimeout(() => {
      timers.delete(timer);
      send();
    }, opts.delayMs);
    timers.add(timer);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const query = Object.fromEntries(url.searchParams);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = raw;
    }
    const method = req.method ?? 'GET';
    requests.push({ method, path: url.pathname, query, body });

    switch (url.pathname) {
      case '/sns/jscode2session':
        return respond(res, 200, jscode2session(method, query));
      case '/cgi-bin/stable_token':
        return respond(res, 200, stableToken(method, body));
      case '/wxa/business/getuserphonenumber':
        return respond(res, 200, getUserPhoneNumber(method, query, body));
      default:
        return respond(res, 404, 'not found');
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => respond(res, 500, 'fake-wechat failed'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    appId,
    appSecret,
    registerLogin: (code, session) => void logins.set(code, session),
    registerPhone: (code, phone) => void phones.set(code, phone),
    expireAccessToken: () => {
      if (token) token.expiresAt = 0;
    },
    rotateAccessToken: () => {
      token = { value: `${hex(4)}_${hex(32)}`, expiresAt: Date.now() + tokenTtlMs };
    },
    distrustAccessToken: () => {
      if (token) token.distrusted = true;
    },
    requests,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      // fetch keeps connections alive; drop them so close() does not wait on idle sockets.
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}
