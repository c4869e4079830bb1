import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import * as z from 'zod';
import { channelOrderSchemas } from './features/sales/channels';
import { ErrorCode, errorCodeMeanings, type ApiErrorBody } from './errors';
import { MAX_REQUEST_BODY_BYTES } from './http-limits';
import { routes, type RouteDef, type RouteId } from './routes';
import { SIGNING_RULE } from './signing';

/**
 * The OpenAPI 3.1 document, generated from the route table (served at /openapi.json, written by
 * `npm run openapi`). Every status a route can answer is listed, with the error schema: the generic ones
 * follow from the route's metadata, the specific ones are the route's `errors` (read from its throw sites).
 */

const codeList = (Object.entries(errorCodeMeanings) as Array<[ErrorCode, string]>).map(([code, meaning]) => `- \`${code}\`: ${meaning}`).join('\n');

/** Every 4xx/5xx body has this shape (`ApiErrorBody` in shared/errors.ts); `details` carries zod field paths for validation errors, else null or facts. */
export const apiErrorSchema = z
  .object({
    error: z.object({
      code: z.enum(Object.values(ErrorCode) as [ErrorCode, ...ErrorCode[]]).meta({ description: `A stable code to branch on:\n${codeList}` }),
      message: z.string().meta({ description: 'For people, in the caller’s language (Accept-Language: zh-CN by default, or en); one language per message.' }),
      details: z.unknown().meta({ description: 'null, or facts about the error: field paths and messages for VALIDATION_FAILED ([{path, message, code}]), the current versions for CONSENT_OUTDATED, retryAfterSeconds for RATE_LIMITED, …' }),
    }),
  })
  .meta({ id: 'ApiError', description: 'The body of every error answer.' }) satisfies z.ZodType<ApiErrorBody>;

/** Statuses a route answers besides its success, sorted. */
export function errorStatusesOf(r: RouteDef): number[] {
  const out = new Set<number>(r.errors ?? []);
  if (r.params || r.query || r.body) out.add(400); // the schemas' own refusals
  if (r.body) out.add(413); // above MAX_REQUEST_BODY_BYTES
  if (r.takesMemberCode) out.add(429); // wrong member codes count against the caller's limit
  if (r.auth.kind !== 'public') out.add(401); // no session, or a bad signature
  if (r.auth.kind !== 'public' && r.auth.kind !== 'channel') out.add(403); // wrong kind of session or role
  out.add(500); // only ever our bug
  return [...out].sort((a, b) => a - b);
}

export const successStatusOf = (r: RouteDef) => r.status ?? 200;

/** The request bodies the document describes more exactly than the route's own schema. */
const documentedBodies: Partial<Record<RouteId, z.ZodType>> = {
  // The route takes any JSON object and the mapping validates it per platform: the document shows the three.
  channelOrder: z.union([channelOrderSchemas.meituan, channelOrderSchemas.douyin, channelOrderSchemas.tmall]).meta({
    description: 'The order as the platform in the path sends it: MeituanOrder for meituan, DouyinOrder for douyin, TmallOrder for tmall.',
  }),
};

const SIGNED_AT = { type: 'apiKey', in: 'header', name: 'x-timestamp', description: 'The signing time, epoch seconds; refused when more than 5 minutes off the server clock (replays).' } as const;
const securitySchemes = {
  bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A session from /auth/wechat or /auth/dev/verify (shoppers) or /staff/login (staff, cashiers at a register).' },
  registerSignature: { type: 'apiKey', in: 'header', name: 'x-signature', description: `A register posting without a cashier session signs with its own key (POST /staff/stores/{storeId}/registers/{registerId}/api-key hands it out). ${SIGNING_RULE}` },
  registerStore: { type: 'apiKey', in: 'header', name: 'x-store-id', description: 'The signing register’s store.' },
  registerId: { type: 'apiKey', in: 'header', name: 'x-register-id', description: 'The signing register.' },
  platformSignature: { type: 'apiKey', in: 'header', name: 'x-signature', description: `A platform pushing orders signs with its platform key. ${SIGNING_RULE}` },
  signedAt: SIGNED_AT,
} as const;
type SchemeName = keyof typeof securitySchemes;
const security = (r: RouteDef): Array<Partial<Record<SchemeName, string[]>>> => {
  switch (r.auth.kind) {
    case 'public':
      return [];
    case 'channel':
      return [{ platformSignature: [], signedAt: [] }];
    case 'pos':
      return [{ bearer: [] }, { registerSignature: [], signedAt: [], registerStore: [], registerId: [] }];
    default:
      return [{ bearer: [] }];
  }
};

/** Tags by feature, matched on the path in order (first match wins); a route no rule matches is tagged by its group. */
const FEATURES: Array<{ name: string; description: string; match: RegExp }> = [
  { name: 'About the API', description: 'This document, liveness, public chain information.', match: /^\/(openapi\.json|health|info)$/ },
  { name: 'Sign-in', description: 'Shopper sign-in (WeChat, dev one-time code) and staff sign-in.', match: /^\/(auth\/|staff\/login$)/ },
  { name: 'Joining and the card', description: 'Scan-to-join scenes, joining with consent, the member card and its rotating code.', match: /^\/(join\/|members\/|me$|me\/code$)/ },
  { name: 'Coupons', description: 'The coupon centre, claiming, the shopper’s coupons and their QR.', match: /^\/me\/(coupon-centre|coupons)/ },
  { name: 'Points and tiers', description: 'The shopper’s points, history, daily sign-in, tier and messages; the rules page.', match: /^\/(points\/|me\/)/ },
  { name: 'At the register', description: 'Identify a member, quote a basket, record sales and returns (cashier session or register signature).', match: /^\/pos\// },
  { name: 'Platform orders', description: 'Orders pushed by Meituan, Douyin and Tmall, signed with the platform key.', match: /^\/channels\// },
  { name: 'Staff: stores and registers', description: 'Stores, registers, join QR scenes, register signing keys.', match: /^\/staff\/stores/ },
  { name: 'Staff: points and tiers', description: 'Points adjustments, tier approvals, the points liability report.', match: /^\/staff\/(members\/\{memberId\}\/points-adjustments|tier-approvals|reports\/)/ },
  { name: 'Staff: coupons', description: 'Coupon templates and packs; a member’s coupons, compensation coupons, revocation.', match: /^\/staff\/(coupon-|members\/\{memberId\}\/coupons)/ },
  { name: 'Staff: members', description: 'Member look-up, revealing a phone number, merge requests.', match: /^\/staff\/(members|merges)/ },
  { name: 'Staff: accounts', description: 'The signed-in account and staff account administration.', match: /^\/staff\/(me|accounts)/ },
  { name: 'Staff: settings and audit', description: 'Chain settings and the audit log.', match: /^\/staff\/(settings|audit)/ },
];
export const featureOf = (r: RouteDef) => FEATURES.find((f) => f.match.test(r.path))?.name ?? r.group;

const STATUS_TEXT: Record<number, (r: RouteDef) => string> = {
  400: () => 'Invalid input: VALIDATION_FAILED (details list every field path), MALFORMED_JSON, or a rule of this route refused it (see the codes).',
  401: (r) => (r.auth.kind === 'channel' ? 'BAD_SIGNATURE: missing, wrong or stale x-signature / x-timestamp.' : r.auth.kind === 'pos' ? 'No valid session (UNAUTHENTICATED), or a bad register signature (BAD_SIGNATURE).' : 'No valid session (UNAUTHENTICATED): sign in again.'),
  403: () => 'FORBIDDEN: this kind of session, role, scope or register may not do this (NOT_A_MEMBER: join first).',
  404: () => 'NOT_FOUND, or a more precise code (MEMBER_CODE_UNKNOWN, SCENE_UNKNOWN, NOT_A_MEMBER).',
  409: () => 'CONFLICT or a more precise code: it already exists, it was recorded with other content, or it changed meanwhile.',
  413: () => `PAYLOAD_TOO_LARGE: the body is above ${MAX_REQUEST_BODY_BYTES / 1024} KB.`,
  423: () => 'Locked.',
  429: () => 'RATE_LIMITED: too many attempts; details.retryAfterSeconds and the Retry-After header say when to try again.',
  500: () => 'INTERNAL: our bug; nothing the caller can fix.',
  503: () => 'WECHAT_BUSY: WeChat is busy or unreachable; retry shortly.',
};

export interface OpenApiOptions {
  /** The deployed API's URL (API_PUBLIC_URL); a placeholder until it is known. */
  publicUrl?: string;
  /** Where `npm start` serves the API. */
  localUrl?: string;
}
export const PLACEHOLDER_PUBLIC_URL = 'https://api.example.cn';

export function buildOpenApiDocument(opts: OpenApiOptions = {}) {
  const registry = new OpenAPIRegistry();
  for (const [name, scheme] of Object.entries(securitySchemes)) registry.registerComponent('securitySchemes', name, scheme);
  const errorResponse = (r: RouteDef, status: number) => ({
    description: STATUS_TEXT[status]?.(r) ?? `HTTP ${status}`,
    ...(status === 429 ? { headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' as const } } } } : {}),
    content: { 'application/json': { schema: apiErrorSchema } },
  });
  for (const [id, r] of Object.entries(routes) as Array<[RouteId, RouteDef]>) {
    const roles = r.auth.kind === 'staff' ? ` Staff roles: ${r.auth.roles.join(', ')}.` : r.auth.kind === 'pos' ? ' A cashier session at a register, or the register signing the request.' : '';
    const body = documentedBodies[id] ?? r.body;
    registry.registerPath({
      operationId: id,
      method: r.method.toLowerCase() as 'get',
      path: r.path,
      summary: r.summary,
      description: `Access: ${r.auth.kind}.${roles}${r.audited ? ' Audit-logged.' : ''}`,
      tags: [featureOf(r)],
      security: security(r),
      request: {
        headers: z.object({ 'accept-language': z.string().optional().meta({ description: 'zh-CN (default) or en: the language of error messages.' }) }),
        ...(r.params ? { params: r.params as never } : {}),
        ...(r.query ? { query: r.query as never } : {}),
        ...(body ? { body: { required: true, content: { 'application/json': { schema: body } } } } : {}),
      },
      responses: {
        [successStatusOf(r)]: { description: 'OK', content: { 'application/json': { schema: r.response } } },
        ...Object.fromEntries(errorStatusesOf(r).map((status) => [status, errorResponse(r, status)])),
      },
      'x-lambda-group': r.group,
    });
  }
  const doc = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Retail membership API',
      version: '1.0.0',
      description:
        'Members, staff, register and platform API of the membership platform. Money in fen, points as integers, times in RFC 3339. ' +
        'Errors are `{error:{code,message,details}}`: `code` is one of a stable set (ApiError), `message` is in the caller’s language (Accept-Language: zh-CN by default, or en).',
    },
    servers: [
      { url: opts.publicUrl ?? PLACEHOLDER_PUBLIC_URL, description: opts.publicUrl ? 'This deployment' : 'Production (placeholder: set API_PUBLIC_URL)' },
      { url: opts.localUrl ?? 'http://localhost:3000', description: 'npm start' },
    ],
    tags: [...FEATURES.map(({ name, description }) => ({ name, description }))],
  });
  // A body matches exactly one platform's order: say oneOf, which zod's union (anyOf) cannot.
  const channelBody = (doc.paths?.[routes.channelOrder.path]?.post?.requestBody as { content: Record<string, { schema: Record<string, unknown> }> } | undefined)?.content['application/json'].schema;
  if (channelBody?.anyOf) {
    channelBody.oneOf = channelBody.anyOf;
    delete channelBody.anyOf;
  }
  return doc;
}
export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;
