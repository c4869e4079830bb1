/**
 * A local stand-in for the API Gateway HTTP API: matches requests against the shared route table, hands each group's
 * Lambda handler the same payload v2.0 event the cloud would, and maps the result back the way API Gateway does.
 * It is also the target of the benchmarks, so the per-request path stays lean (routes compiled once, no logging
 * unless asked).
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { routes, routeKeyOf, type RouteDef, type RouteGroup } from '../shared/routes';
import { MAX_REQUEST_BODY_BYTES } from '../shared/http-limits';
import { langOf, type Lang } from '../functions/commons/errors';
import { listen } from './listen';
import { corsPolicy } from '../shared/cors';

export type HttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyResultV2>;

export interface ApiServerOptions {
  host?: string;
  /** 0 or undefined: a free port. */
  port?: number;
  handlers: Record<RouteGroup, HttpHandler>;
  /** Errors are always logged; each request only when `logRequests`. */
  log?: (line: string) => void;
  logRequests?: boolean;
  /** Largest accepted request body; default the API's own limit (shared/http-limits.ts). */
  maxBodyBytes?: number;
  /** Like the HTTP API's integration timeout (30 s). */
  timeoutMs?: number;
  /** Values placed in requestContext; defaults look like the China region. */
  region?: string;
  /** Sees every answer after it is sent (tests check each against the OpenAPI document). */
  onResponse?: (answer: ApiServerAnswer) => void;
}

export interface ApiServerAnswer {
  method: string;
  rawPath: string;
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

export interface ApiServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

interface CompiledRoute {
  def: RouteDef;
  routeKey: string;
  regex: RegExp | null; // null: a path without parameters, matched by string equality
  paramNames: string[];
}

/** The cloud API's CORS policy (shared/cors.ts), answered the way API Gateway answers it. */
const ALLOWED_METHODS = corsPolicy.allowMethods.join(',');
const ALLOWED_HEADERS = corsPolicy.allowHeaders.join(',');
const CORS_HEADERS = { 'access-control-allow-origin': corsPolicy.allowOrigins.join(',') } as const;

/** Compiled once at import: `/staff/members/{memberId}` → /^\/staff\/members\/([^/]+)$/. */
function compileRoutes(): { byPath: Map<string, CompiledRoute[]>; templated: CompiledRoute[] } {
  const byPath = new Map<string, CompiledRoute[]>();
  const templated: CompiledRoute[] = [];
  for (const def of Object.values(routes) as RouteDef[]) {
    const paramNames: string[] = [];
    const source = def.path
      .split(/(\{\w+\})/)
      .map((part) => {
        const m = /^\{(\w+)\}$/.exec(part);
        if (!m) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        paramNames.push(m[1]);
        return '([^/]+)';
      })
      .join('');
    const compiled: CompiledRoute = {
      def,
      routeKey: routeKeyOf(def),
      regex: paramNames.length ? new RegExp(`^${source}$`) : null,
      paramNames,
    };
    if (compiled.regex) templated.push(compiled);
    else byPath.set(def.path, [...(byPath.get(def.path) ?? []), compiled]);
  }
  return { byPath, templated };
}
const table = compileRoutes();

/** Routes whose template matches the path, with their (decoded) parameters. */
function matchPath(rawPath: string): Array<{ route: CompiledRoute; params?: Record<string, string> }> {
  const out: Array<{ route: CompiledRoute; params?: Record<string, string> }> = [];
  for (const route of table.byPath.get(rawPath) ?? []) out.push({ route });
  for (const route of table.templated) {
    const m = route.regex!.exec(rawPath);
    if (!m) continue;
    const params: Record<string, string> = {};
    try {
      route.paramNames.forEach((name, i) => (params[name] = decodeURIComponent(m[i + 1])));
    } catch {
      continue; // malformed %-escape: API Gateway would not match either
    }
    out.push({ route, params });
  }
  return out;
}

const errorBody = (code: string, message: string) => JSON.stringify({ error: { code, message, details: null } });

/** API Gateway's `time` format: 12/Mar/2020:19:03:58 +0000. */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
function gatewayTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** API Gateway passes these bodies as text; everything else is base64. */
function isTextContent(contentType: string | undefined, body: Buffer): boolean {
  if (!contentType) return isUtf8(body);
  const ct = contentType.toLowerCase();
  return (
    ct.startsWith('text/') ||
    ct.includes('json') ||
    ct.includes('xml') ||
    ct.includes('javascript') ||
    ct.startsWith('application/x-www-form-urlencoded')
  );
}
function isUtf8(buf: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return true;
  } catch {
    return false;
  }
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      req.resume(); // drain so the connection can answer
      resolve('too-large');
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      if (over) return;
      size += c.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
      } else chunks.push(c);
    });
    req.on('end', () => resolve(over ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Headers as API Gateway sends them: lower-case names, repeats joined with commas, cookies moved out. */
function gatewayHeaders(req: http.IncomingMessage): { headers: Record<string, string>; cookies?: string[] } {
  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i].toLowerCase();
    const value = raw[i + 1];
    if (name === 'cookie') {
      cookies ??= [];
      for (const c of value.split(';')) if (c.trim()) cookies.push(c.trim());
      continue;
    }
    headers[name] = name in headers ? `${headers[name]},${value}` : value;
  }
  return { headers, cookies };
}

function queryParams(raw: string): Record<string, string> | undefined {
  if (!raw) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(raw)) out[k] = k in out ? `${out[k]},${v}` : v;
  return out;
}

export function buildEvent(
  req: http.IncomingMessage,
  route: CompiledRoute,
  rawPath: string,
  rawQueryString: string,
  pathParameters: Record<string, string> | undefined,
  body: Buffer,
  opts: { requestId: string; now: Date },
): APIGatewayProxyEventV2 {
  const { headers, cookies } = gatewayHeaders(req);
  const host = headers.host ?? 'localhost';
  const text = body.length === 0 || isTextContent(headers['content-type'], body);
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey: route.routeKey,
    rawPath,
    rawQueryString,
    ...(cookies ? { cookies } : {}),
    headers,
    ...(rawQueryString ? { queryStringParameters: queryParams(rawQueryString) } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: host,
      domainPrefix: host.split('.')[0].split(':')[0],
      http: {
        method: req.method!,
        path: rawPath,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: opts.requestId,
      routeKey: route.routeKey,
      stage: '$default',
      time: gatewayTime(opts.now),
      timeEpoch: opts.now.getTime(),
    },
    ...(pathParameters ? { pathParameters } : {}),
    isBase64Encoded: !text,
    ...(body.length ? { body: text ? body.toString('utf8') : body.toString('base64') } : {}),
  };
  return event;
}

function lambdaContext(group: RouteGroup, requestId: string, timeoutMs: number, region: string): Context {
  const deadline = Date.now() + timeoutMs;
  const functionName = `membership-${group}`;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws-cn:lambda:${region}:000000000000:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `local/[$LATEST]${process.pid}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** The HTTP API's mapping of a payload v2.0 result. */
function toResponse(result: unknown): { status: number; headers: Record<string, string | string[]>; body: Buffer } {
  if (result && typeof result === 'object' && typeof (result as { statusCode?: unknown }).statusCode === 'number') {
    const r = result as { statusCode: number; headers?: Record<string, unknown>; body?: unknown; isBase64Encoded?: boolean; cookies?: string[] };
    const headers: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(r.headers ?? {})) if (v !== undefined && v !== null) headers[k.toLowerCase()] = String(v);
    if (r.cookies?.length) headers['set-cookie'] = r.cookies;
    const raw = r.body === undefined || r.body === null ? '' : String(r.body);
    return { status: r.statusCode, headers, body: r.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8') };
  }
  // No statusCode: API Gateway assumes 200 and JSON; a string is the body as it is.
  const body = typeof result === 'string' ? result : JSON.stringify(result ?? null);
  return { status: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(body, 'utf8') };
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout;
  return Promise.race([p, new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), ms)))]).finally(() =>
    clearTimeout(timer),
  );
}

export async function startApiServer(opts: ApiServerOptions): Promise<ApiServer> {
  const host = opts.host ?? '127.0.0.1';
  const log = opts.log ?? ((line: string) => console.log(line));
  const maxBody = opts.maxBodyBytes ?? MAX_REQUEST_BODY_BYTES;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const region = opts.region ?? process.env.AWS_REGION ?? 'cn-north-1';

  const send = (res: http.ServerResponse, status: number, headers: Record<string, string | string[]>, body: Buffer | string) => {
    res.writeHead(status, { ...headers, ...CORS_HEADERS, 'content-length': Buffer.byteLength(body) });
    res.end(body);
    if (opts.onResponse) {
      const url = res.req.url ?? '/';
      const q = url.indexOf('?');
      opts.onResponse({ method: res.req.method ?? 'GET', rawPath: q < 0 ? url : url.slice(0, q), status, headers, body: Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8') });
    }
  };
  const sendError = (res: http.ServerResponse, status: number, code: string, message: string, extra: Record<string, string> = {}) =>
    send(res, status, { 'content-type': 'application/json', ...extra }, errorBody(code, message));
  /** The gateway's own answers speak the caller's language too. */
  const say = (lang: Lang, zh: string, en: string) => (lang === 'zh' ? zh : en);

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const started = process.hrtime.bigint();
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const rawPath = q < 0 ? url : url.slice(0, q);
    const rawQueryString = q < 0 ? '' : url.slice(q + 1);
    const method = req.method ?? 'GET';
    const requestId = randomUUID();
    const lang = langOf(req.headers['accept-language']);
    res.setHeader('apigw-requestid', requestId); // the header the HTTP API adds to every answer

    // CORS preflight: API Gateway answers it before any route matching, without calling a Lambda.
    if (method === 'OPTIONS') {
      req.resume();
      res.writeHead(204, {
        ...CORS_HEADERS,
        'access-control-allow-methods': ALLOWED_METHODS,
        'access-control-allow-headers': ALLOWED_HEADERS,
        'access-control-max-age': String(corsPolicy.maxAgeSeconds),
      });
      res.end();
      return;
    }

    const candidates = matchPath(rawPath);
    const hit = candidates.find((c) => c.route.def.method === method);
    if (!hit) {
      req.resume();
      // The HTTP API answers 404 for a missing route and for a wrong method alike; `allow` is a local courtesy.
      if (candidates.length) {
        const allow = [...new Set(candidates.map((c) => c.route.def.method))].join(', ');
        sendError(res, 404, 'NOT_FOUND', say(lang, `没有这个接口：${method} ${rawPath}（可用：${allow}）`, `No route for ${method} ${rawPath} (allowed: ${allow})`), { allow });
      } else sendError(res, 404, 'NOT_FOUND', say(lang, `没有这个接口：${method} ${rawPath}`, `No route for ${method} ${rawPath}`));
      return;
    }

    const body = await readBody(req, maxBody);
    if (body === 'too-large') {
      sendError(res, 413, 'PAYLOAD_TOO_LARGE', say(lang, `请求内容过大（上限 ${maxBody} 字节）`, `Request body exceeds ${maxBody} bytes`), { connection: 'close' });
      return;
    }
    const group = hit.route.def.group;
    const event = buildEvent(req, hit.route, rawPath, rawQueryString, hit.params, body, { requestId, now: new Date() });
    let status: number;
    try {
      const result = await withTimeout(opts.handlers[group](event, lambdaContext(group, requestId, timeoutMs, region)), timeoutMs);
      if (result === 'timeout') {
        log(`[api] ${hit.route.routeKey} timed out after ${timeoutMs} ms (request ${requestId})`);
        sendError(res, 504, 'INTERNAL', say(lang, '服务响应超时，请稍后再试', 'The handler did not answer in time'));
        status = 504;
      } else {
        const r = toResponse(result);
        send(res, r.status, r.headers, r.body);
        status = r.status;
      }
    } catch (err) {
      log(`[api] ${hit.route.routeKey} threw (request ${requestId}): ${(err as Error)?.stack ?? String(err)}`);
      sendError(res, 500, 'INTERNAL', say(lang, '系统繁忙，请稍后再试', 'Internal server error'));
      status = 500;
    }
    if (opts.logRequests) {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      log(`[api] ${method} ${url} → ${status} ${ms.toFixed(1)} ms`);
    }
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err) => {
      log(`[api] unexpected error: ${(err as Error)?.stack ?? String(err)}`);
      if (!res.headersSent) sendError(res, 500, 'INTERNAL', 'Internal server error');
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 65_000; // load generators reuse connections; don't drop them between bursts

  return listen(server, host, opts.port);
}
