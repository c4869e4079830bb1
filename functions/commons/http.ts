import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { ZodError, type z } from 'zod';
import { ErrorCode } from '../../shared/errors';
import { MAX_REQUEST_BODY_BYTES } from '../../shared/http-limits';
import { routeKeyOf, routes, type RouteAuth, type RouteDef, type RouteGroup, type RouteId, type RouteParsed, type RouteResponse, type Routes, type RoutesInGroup } from '../../shared/routes';
import { getConfig, type AppConfig } from './config';
import { HttpError, forbidden, langOf, msg, notFound, payloadTooLarge, unauthenticated } from './errors';
import { logger } from './logger';
import { httpObservability } from './observability';
import { nowMs } from './clock';
import { verifyToken, type ShopperClaims, type StaffClaims } from './tokens';
import { channelKey, registerKey, verifySignedRequest } from './signatures';
import type { SessionGate } from './first-read';

/**
 * The HTTP layer every route group shares: find the route in the route table, parse JSON and validate
 * params/query/body with the route's zod schemas, check the caller against the route's `auth`, call the
 * route's service function, and turn every failure into `{error:{code,message,details}}`.
 */
export type { ChannelPrincipal, MemberPrincipal, PosPrincipal, ShopperPrincipal, StaffPrincipal } from './principals';
import type { ChannelPrincipal, MemberPrincipal, PosPrincipal, ShopperPrincipal, StaffPrincipal } from './principals';

type PrincipalFor<A extends RouteAuth> = A extends { kind: 'public' }
  ? null
  : A extends { kind: 'shopper' }
    ? ShopperPrincipal
    : A extends { kind: 'member' }
      ? MemberPrincipal
      : A extends { kind: 'pos' }
        ? PosPrincipal
        : A extends { kind: 'channel' }
          ? ChannelPrincipal
          : StaffPrincipal;

export type RouteContext<K extends RouteId> = RouteParsed<K> & {
  principal: PrincipalFor<Routes[K]['auth']>;
  config: AppConfig;
  requestId: string;
  sourceIp: string;
};
export type RouteImpl<K extends RouteId> = (ctx: RouteContext<K>) => Promise<RouteResponse<K>>;
export type GroupImpls<G extends RouteGroup> = { [K in RoutesInGroup<G>]: RouteImpl<K> };
/**
 * A feature's implementations of its own routes in one group (`F` is its route fragment): every one of them,
 * and nothing else. The group's Lambda (functions/handlers/<group>.ts) spreads each feature's in.
 */
export type FeatureImpls<F, G extends RouteGroup> = { [K in Extract<keyof F, RoutesInGroup<G>>]: RouteImpl<K> };

/**
 * What authentication must look up in the business's own data, handed in by the route groups that need it
 * (staff and register routes), so this layer calls no service: the staff account behind a session as it is now
 * (refusing a revoked, disabled or idle session), and whether a register that signs its own requests exists.
 */
export interface AuthLookups {
  staffAccount: (tableName: string, claims: StaffClaims) => Promise<StaffAccountNow>;
  /** The same check, deferred to the route's own first read (`sessionWithFirstRead`): `onAdmit` fills the principal. */
  sessionGate: (tableName: string, claims: StaffClaims, onAdmit: (account: StaffAccountNow) => void) => SessionGate;
  assertRegister: (tableName: string, storeId: string, registerId: string) => Promise<void>;
}
type StaffAccountNow = { role: StaffPrincipal['role']; scope: StaffPrincipal['scope']; canRevealPhone: boolean; region: string | null };

type Entry = { id: RouteId; route: RouteDef; impl: (ctx: never) => Promise<unknown> };

const json = (statusCode: number, body: unknown): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify(body),
});

export const errorBody = (code: string, message: string, details?: unknown) => ({ error: { code, message, details: details ?? null } });

/** zod issues → field paths prefixed with where they came from: ["body","consent","accepted"]. */
function validationDetails(where: string, err: ZodError) {
  return err.issues.map((i) => ({ path: [where, ...i.path.map(String)], message: i.message, code: i.code }));
}

function parsePart(where: 'params' | 'query' | 'body', schema: z.ZodType | undefined, value: unknown) {
  if (!schema) return where === 'body' ? undefined : {};
  const result = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
  if (!result.success) {
    throw new HttpError(400, ErrorCode.VALIDATION, msg(`${{ params: '路径参数', query: '查询参数', body: '请求内容' }[where]}有误`, `Invalid ${where}`), validationDetails(where, result.error));
  }
  return result.data;
}

function readBody(event: APIGatewayProxyEventV2): unknown {
  if (!event.body) return undefined;
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  // The gateway takes up to 10 MB and answers beyond that in its own format; we refuse far less, in ours.
  if (Buffer.byteLength(text, 'utf8') > MAX_REQUEST_BODY_BYTES) throw payloadTooLarge();
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, ErrorCode.MALFORMED_JSON, msg('请求内容不是有效的 JSON', 'The request body is not valid JSON'));
  }
}

async function authenticate(auth: RouteAuth, event: APIGatewayProxyEventV2, config: AppConfig, lookups: AuthLookups | undefined, sessionWithFirstRead = false, memberSession?: MemberSessionCheck) {
  if (auth.kind === 'public') return null;
  if (auth.kind === 'channel') {
    const platform = event.pathParameters?.platform ?? '';
    verifySignedRequest(event, channelKey(config.keys.integration, platform));
    return { kind: 'channel', platform } as ChannelPrincipal;
  }
  const storeHeader = event.headers?.['x-store-id'];
  const registerHeader = event.headers?.['x-register-id'];
  if (auth.kind === 'pos' && storeHeader && registerHeader && !event.headers?.authorization) {
    verifySignedRequest(event, registerKey(config.keys.integration, storeHeader, registerHeader));
    await lookups!.assertRegister(config.tableName, storeHeader, registerHeader);
    return { kind: 'pos', storeId: storeHeader, registerId: registerHeader, staff: null } as PosPrincipal;
  }
  const header = event.headers?.authorization ?? event.headers?.Authorization;
  const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
  if (!token) throw unauthenticated();
  const claims = await verifyToken(config.keys.token, token, nowMs());
  if (auth.kind === 'staff' || auth.kind === 'pos') {
    if (claims.typ !== 'staff') throw forbidden(msg('这是员工页面', 'This is a staff page'));
    let staff: StaffPrincipal;
    if (sessionWithFirstRead) {
      // Checked on the route's first read (one round trip for both), or by the handler before any answer.
      staff = { ...claims, region: null, kind: 'staff' };
      staff.gate = lookups!.sessionGate(config.tableName, claims, (account) => Object.assign(staff, { role: account.role, scope: account.scope, rev: account.canRevealPhone, region: account.region }));
    } else {
      // Exact on every request: a revoked, disabled or idle session is refused here, not a minute later.
      const account = await lookups!.staffAccount(config.tableName, claims);
      staff = { ...claims, role: account.role, scope: account.scope, rev: account.canRevealPhone, region: account.region, kind: 'staff' };
    }
    const roles: readonly string[] = auth.kind === 'pos' ? ['cashier'] : auth.roles;
    const refuse = async (err: HttpError): Promise<never> => {
      await staff.gate?.verify(); // a revoked session hears 401, as it would before
      throw err;
    };
    if (!roles.includes(staff.role)) return refuse(forbidden());
    if (auth.kind === 'staff') return staff;
    if (!claims.reg) return refuse(forbidden(msg('请先在收银台登录', 'Sign in at a register first')));
    return { kind: 'pos', storeId: claims.reg.storeId, registerId: claims.reg.registerId, staff } as PosPrincipal;
  }
  if (claims.typ !== 'shopper') throw forbidden(msg('员工登录不能使用会员功能', 'Staff sessions cannot use shopper routes'));
  // A session naming a member lasts only as long as the membership (a deletion ends it): one small consistent read,
  // unless the route's own first read is of the member and refuses an ended membership itself.
  if (claims.sub && memberSession && !sessionWithFirstRead) await memberSession(config.tableName, claims.sub);
  if (auth.kind === 'member') {
    if (!claims.sub) throw forbidden(msg('请先注册会员，再使用会员卡', 'Join first to use your member card'), ErrorCode.NOT_A_MEMBER);
    return { ...claims, kind: 'member', memberId: claims.sub } as MemberPrincipal;
  }
  return { ...claims, kind: 'shopper' } as ShopperPrincipal;
}

const errorResponses = (): middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> => ({
  onError: (request) => {
    const err = request.error;
    const lang = langOf(request.event.headers?.['accept-language']);
    if (err instanceof HttpError) {
      request.response = json(err.status, errorBody(err.code, err.messageIn(lang), err.details));
      if (err.status === 429 && (err.details as { retryAfterSeconds?: number })?.retryAfterSeconds) {
        request.response.headers!['retry-after'] = String((err.details as { retryAfterSeconds: number }).retryAfterSeconds);
      }
      return;
    }
    if (err instanceof ZodError) {
      request.response = json(400, errorBody(ErrorCode.VALIDATION, lang === 'zh' ? '请求有误' : 'Invalid request', validationDetails('body', err)));
      return;
    }
    logger.error('unhandled error', { error: err as Error, routeKey: request.event.routeKey });
    request.response = json(500, errorBody(ErrorCode.INTERNAL, lang === 'zh' ? '系统繁忙，请稍后再试' : 'Something went wrong on our side; please try again'));
  },
});

/** The session a staff request has not checked yet (its route reads it with its own first read). */
const gateOf = (principal: unknown): SessionGate | undefined => {
  const p = principal as { kind?: string; gate?: SessionGate; staff?: { gate?: SessionGate } | null } | null;
  return p?.kind === 'staff' ? p.gate : p?.kind === 'pos' ? (p.staff?.gate ?? undefined) : undefined;
};

export interface RouteGroupOptions<G extends RouteGroup> {
  /**
   * Routes whose services read the staff session together with their own first read (`readTogether` with the
   * principal's `gate`) and put its `commitCheck()` into their transaction: one round trip fewer per request.
   * The handler still checks the session before answering anything the route did not (any error included), so
   * a revoked or idle session gets its 401 before any other answer, as on every other route.
   * Shopper routes: the service's first read is the member, and it answers an ended membership with the same 401
   * `MEMBERSHIP_ENDED` as `memberSession`, so that check's read is skipped.
   */
  sessionWithFirstRead?: ReadonlyArray<RoutesInGroup<G>>;
  /** Staff and register routes: the staff feature's look-ups (functions/handlers/auth-lookups.ts). */
  lookups?: AuthLookups;
  /**
   * Shopper routes: the members feature's check that the membership a session names still stands (throws 401 when
   * it was deleted). Skipped on a route that `leavesMembership` (the deletion answers its own retries).
   */
  memberSession?: MemberSessionCheck;
}
export type MemberSessionCheck = (tableName: string, memberId: string) => Promise<void>;

/** The Lambda handler for one route group: every route of the group, dispatched by API Gateway's routeKey. */
export function routeGroupHandler<G extends RouteGroup>(group: G, impls: GroupImpls<G>, options: RouteGroupOptions<G> = {}) {
  const { lookups } = options;
  const deferred = new Set<string>(options.sessionWithFirstRead ?? []);
  const byKey = new Map<string, Entry>();
  for (const [id, impl] of Object.entries(impls) as Array<[RouteId, Entry['impl']]>) {
    const route = routes[id] as RouteDef;
    if (route.group !== group) throw new Error(`route ${id} belongs to group ${route.group}, not ${group}`);
    if ((route.auth.kind === 'staff' || route.auth.kind === 'pos') && !lookups) throw new Error(`route ${id} needs staff look-ups; pass them to routeGroupHandler('${group}', impls, { lookups })`);
    byKey.set(routeKeyOf(route), { id, route, impl });
  }
  const validateResponses = process.env.VALIDATE_RESPONSES === '1';

  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, Context>()
    .use(httpObservability(group))
    .use(errorResponses())
    .handler(async (event, context) => {
      const entry = byKey.get(event.routeKey);
      if (!entry) throw notFound(msg(`没有这个接口：${event.routeKey}`, `No route ${event.routeKey}`));
      const { route, impl } = entry;
      const config = await getConfig();
      let gate: SessionGate | undefined;
      try {
        const principal = await authenticate(route.auth, event, config, lookups, deferred.has(entry.id), route.leavesMembership ? undefined : options.memberSession);
        gate = gateOf(principal);
        const ctx = {
          params: parsePart('params', route.params, event.pathParameters),
          query: parsePart('query', route.query, event.queryStringParameters),
          // A route that takes no body ignores one (as it ignores a query it takes none of), so junk sent along
          // with a sign-in can't turn it into a 400 the route never documents.
          body: route.body ? parsePart('body', route.body, readBody(event)) : undefined,
          principal,
          config,
          requestId: context.awsRequestId,
          sourceIp: event.requestContext?.http?.sourceIp ?? '',
        };
        const result = await impl(ctx as never);
        await gate?.verify(); // a no-op once the route's first read admitted it
        if (validateResponses) route.response.parse(result);
        return json(route.status ?? 200, result);
      } catch (err) {
        // A session not checked yet is checked first: its 401 comes before any other answer.
        await gate?.verify();
        throw err;
      }
    });
}
