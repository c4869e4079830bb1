import { z } from 'zod';
import type { StaffRole } from './roles';
import * as s from './schemas';
import * as pts from './points';
import * as sales from './sales';

/**
 * The route table: the single source that the Lambda handlers, the local server, the CDK HTTP API,
 * the OpenAPI document and the mini-program's typed client all read.
 *
 * `group` names the Lambda function that serves the route (one function per group).
 * `auth` is checked before the handler runs:
 *   public  — anyone;
 *   shopper — a signed-in shopper, who may not have joined yet;
 *   member  — a signed-in shopper who is a member; the member id comes from the token, never the request;
 *   staff   — a staff session whose role is listed;
 *   pos     — a register: a cashier session, or the register's API key signing the request (HMAC);
 *   channel — a delivery/e-commerce platform signing the request with its key (HMAC).
 */
export type RouteGroup = 'public' | 'shopper' | 'staff' | 'pos' | 'channel';
export type RouteAuth =
  | { kind: 'public' }
  | { kind: 'shopper' }
  | { kind: 'member' }
  | { kind: 'staff'; roles: readonly StaffRole[] }
  | { kind: 'pos' }
  | { kind: 'channel' };
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteDef {
  method: HttpMethod;
  path: string;
  group: RouteGroup;
  auth: RouteAuth;
  summary: string;
  /** Staff writes are audit-logged; the handler says what changed. */
  audited?: boolean;
  /** Takes a member code: wrong codes count against the caller's limit (shared by every such route). */
  takesMemberCode?: boolean;
  /** May spend a member's balance (points, stored value, coupons): only with the member code shown for that sale. */
  spends?: boolean;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response: z.ZodType;
  status?: number;
  /**
   * Error statuses this route answers besides those its metadata implies (400 with any input, 401/403 unless
   * public, 413 with a body, 429 if it takes a member code; shared/openapi.ts `errorStatusesOf`): read from its
   * service's throw sites.
   */
  errors?: readonly ErrorStatus[];
}
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 423 | 429 | 503;

const route = <R extends RouteDef>(r: R) => r;
const pub = { kind: 'public' } as const;
const staff = (...roles: StaffRole[]) => ({ kind: 'staff', roles }) as const;
const pos = { kind: 'pos' } as const;
const member = { kind: 'member' } as const;

export const routes = {
  openapi: route({ method: 'GET', path: '/openapi.json', group: 'public', auth: pub, summary: 'This API as an OpenAPI 3.1 document', response: z.record(z.string(), z.unknown()) }),
  health: route({ method: 'GET', path: '/health', group: 'public', auth: pub, summary: 'Liveness', response: s.healthResponse }),
  publicInfo: route({ method: 'GET', path: '/info', group: 'public', auth: pub, summary: 'Chain name, consent versions and sign-in methods', response: s.publicInfoResponse }),
  sceneInfo: route({ method: 'GET', path: '/join/scenes/{scene}', group: 'public', auth: pub, summary: 'Resolve a scan-to-join scene to its store and register', params: s.sceneParams, response: s.sceneInfoResponse, errors: [404] }),
  wechatSignIn: route({ method: 'POST', path: '/auth/wechat', group: 'public', auth: pub, summary: 'Sign in with a wx.login code (code2Session)', body: s.wechatSignInRequest, response: s.shopperSessionResponse, errors: [503] }),
  devSendOtp: route({ method: 'POST', path: '/auth/dev/otp', group: 'public', auth: pub, summary: 'Dev sign-in: send a one-time code (printed in the server log)', body: s.devOtpRequest, response: s.devOtpResponse, errors: [403, 429] }),
  devVerifyOtp: route({ method: 'POST', path: '/auth/dev/verify', group: 'public', auth: pub, summary: 'Dev sign-in: exchange phone + one-time code for a session', body: s.devVerifyRequest, response: s.shopperSessionResponse, errors: [401, 403] }),
  staffLogin: route({ method: 'POST', path: '/staff/login', group: 'public', auth: pub, summary: 'Staff sign-in; cashiers name their register', body: s.staffLoginRequest, response: s.staffSessionResponse, errors: [401, 403, 429] }),

  join: route({ method: 'POST', path: '/members/join', group: 'shopper', auth: { kind: 'shopper' }, summary: 'Join (会员注册) with consent; idempotent per openid and phone', body: s.joinRequest, response: s.joinResponse, errors: [404, 409, 503] }),
  myCard: route({ method: 'GET', path: '/me', group: 'shopper', auth: { kind: 'member' }, summary: 'The member card', response: s.memberCardSchema, errors: [404] }),
  myCode: route({ method: 'GET', path: '/me/code', group: 'shopper', auth: { kind: 'member' }, summary: 'The current rotating member code', response: s.memberCodeResponse }),

  pointsRules: route({ method: 'GET', path: '/points/rules', group: 'public', auth: pub, summary: 'The points and tier rules, for the rules page', response: pts.pointsRulesResponse }),
  myPoints: route({ method: 'GET', path: '/me/points', group: 'shopper', auth: member, summary: 'Points: available, pending, debt, expiring soon, sign-in streak', response: pts.pointsSummarySchema, errors: [404] }),
  myPointsHistory: route({ method: 'GET', path: '/me/points/history', group: 'shopper', auth: member, summary: 'Points ledger, newest first', query: pts.pointsHistoryQuery, response: pts.pointsHistoryResponse }),
  signIn: route({ method: 'POST', path: '/me/sign-in', group: 'shopper', auth: member, summary: 'Daily sign-in (once per Shanghai day, with a streak cycle)', response: pts.signInResponse, errors: [404, 409] }),
  myTier: route({ method: 'GET', path: '/me/tier', group: 'shopper', auth: member, summary: 'Tier, growth and progress to the next tier', response: pts.tierStatusSchema, errors: [404] }),
  myMessages: route({ method: 'GET', path: '/me/messages', group: 'shopper', auth: member, summary: 'Message centre (expiry reminders, tier changes)', query: pts.pointsHistoryQuery, response: pts.messagesResponse }),

  recordSale: route({ method: 'POST', path: '/pos/sales', group: 'pos', auth: pos, takesMemberCode: true, spends: true, summary: 'Record a sale: earn points, take a points payment; idempotent per store and receipt', body: sales.saleRequest, response: sales.saleResultSchema, errors: [404, 409] }),
  recordReturn: route({ method: 'POST', path: '/pos/returns', group: 'pos', auth: pos, summary: 'Return a sale (whole or some lines): reverse its points, give back points it spent', body: sales.returnRequest, response: sales.returnResultSchema, errors: [404, 409] }),
  quoteBasket: route({ method: 'POST', path: '/pos/quote', group: 'pos', auth: pos, takesMemberCode: true, summary: 'What the member may use on a basket: tier discount and points deduction', body: sales.quoteRequest, response: sales.quoteResponse, errors: [404] }),
  channelOrder: route({ method: 'POST', path: '/channels/{platform}/orders', group: 'channel', auth: { kind: 'channel' }, summary: 'An order pushed by a delivery/e-commerce platform (signed), recorded as a sale', params: z.object({ platform: sales.channelPlatformSchema }), body: z.record(z.string(), z.unknown()), response: sales.saleResultSchema, errors: [404, 409] }),

  identifyMember: route({ method: 'POST', path: '/pos/identify', group: 'pos', auth: staff('cashier'), takesMemberCode: true, summary: 'Identify a member at the register by the member code', body: s.memberCodeRequest, response: s.identifyResponse, errors: [404] }),

  staffMe: route({ method: 'GET', path: '/staff/me', group: 'staff', auth: staff('admin', 'ops', 'finance', 'service', 'cashier'), summary: 'The signed-in staff account', response: s.staffProfileSchema, errors: [404] }),
  listStores: route({ method: 'GET', path: '/staff/stores', group: 'staff', auth: staff('admin', 'ops', 'finance', 'service', 'cashier'), summary: 'Stores and registers within the caller’s scope', response: s.storeListResponse }),
  createRegister: route({ method: 'POST', path: '/staff/stores/{storeId}/registers', group: 'staff', auth: staff('admin', 'ops'), audited: true, summary: 'Add a register (with its join QR scene) to a store', params: s.storeIdParams, body: s.createRegisterRequest, response: s.registerSchema, status: 201, errors: [404, 409] }),
  registerJoinCode: route({ method: 'GET', path: '/staff/stores/{storeId}/registers/{registerId}/join-code', group: 'staff', auth: staff('admin', 'ops', 'cashier'), summary: 'A register’s scan-to-join QR scene', params: s.registerParams, response: s.joinCodeResponse, errors: [404] }),
  registerApiKey: route({ method: 'POST', path: '/staff/stores/{storeId}/registers/{registerId}/api-key', group: 'staff', auth: staff('admin'), audited: true, summary: 'The register’s signing key, to configure a register that posts sales without a cashier session (audit-logged)', params: s.registerParams, response: z.object({ storeId: z.string(), registerId: z.string(), key: z.string(), signing: z.string() }), errors: [404] }),
  getMember: route({ method: 'GET', path: '/staff/members/{memberId}', group: 'staff', auth: staff('ops', 'service'), summary: 'Look up a member (phone masked)', params: s.memberIdParams, response: s.staffMemberViewSchema, errors: [404] }),
  revealPhone: route({ method: 'POST', path: '/staff/members/{memberId}/reveal-phone', group: 'staff', auth: staff('ops', 'service', 'admin'), audited: true, summary: 'Show a member’s full phone number (needs the reveal permission; audit-logged)', params: s.memberIdParams, response: s.revealPhoneResponse, errors: [404] }),
  listMergeRequests: route({ method: 'GET', path: '/staff/merges', group: 'staff', auth: staff('service', 'ops'), summary: 'Open member merge requests (an openid and a phone on two members)', response: s.mergeListResponse }),
  listStaff: route({ method: 'GET', path: '/staff/accounts', group: 'staff', auth: staff('admin'), summary: 'Staff accounts', response: s.staffListResponse }),
  createStaff: route({ method: 'POST', path: '/staff/accounts', group: 'staff', auth: staff('admin'), audited: true, summary: 'Create a staff account', body: s.createStaffRequest, response: s.staffAccountSchema, status: 201, errors: [409] }),
  updateStaff: route({ method: 'PATCH', path: '/staff/accounts/{username}', group: 'staff', auth: staff('admin'), audited: true, summary: 'Change a staff account (role, scope, disable, password)', params: s.usernameParams, body: s.updateStaffRequest, response: s.staffAccountSchema, errors: [404, 409] }),
  signOutStaff: route({ method: 'POST', path: '/staff/accounts/{username}/sign-out', group: 'staff', auth: staff('admin'), audited: true, summary: 'End every session of a staff account (forced sign-out; audit-logged)', params: s.usernameParams, response: s.staffSignOutResponse, errors: [404, 409] }),
  auditLog: route({ method: 'GET', path: '/staff/audit', group: 'staff', auth: staff('admin'), summary: 'Audit log by day or by actor', query: s.auditQuery, response: s.auditListResponse }),
  adjustPoints: route({ method: 'POST', path: '/staff/members/{memberId}/points-adjustments', group: 'staff', auth: staff('ops', 'service'), audited: true, summary: 'Adjust a member’s points with a reason (customer service: compensation up to a cap)', params: s.memberIdParams, body: pts.pointsAdjustmentRequest, response: pts.pointsAdjustmentResponse, errors: [404, 409] }),
  tierApprovals: route({ method: 'GET', path: '/staff/tier-approvals', group: 'staff', auth: staff('ops'), summary: 'Members waiting for the top tier', response: pts.tierApprovalListResponse }),
  decideTierApproval: route({ method: 'POST', path: '/staff/tier-approvals/{memberId}', group: 'staff', auth: staff('ops'), audited: true, summary: 'Approve or reject a top-tier upgrade', params: s.memberIdParams, body: pts.tierApprovalDecision, response: pts.tierApprovalSchema.extend({ decision: z.enum(['approve', 'reject']) }), errors: [404, 409] }),
  pointsLiability: route({ method: 'GET', path: '/staff/reports/points-liability', group: 'staff', auth: staff('finance', 'ops'), summary: 'Outstanding points and their value', response: pts.liabilityReportSchema }),
  getSettings: route({ method: 'GET', path: '/staff/settings', group: 'staff', auth: staff('admin', 'ops', 'finance', 'service'), summary: 'Chain settings', response: s.settingsResponse }),
  updateSettings: route({ method: 'PUT', path: '/staff/settings', group: 'staff', auth: staff('ops', 'admin'), audited: true, summary: 'Change chain settings (chain-scoped accounts only)', body: s.updateSettingsRequest, response: s.settingsResponse, errors: [409] }),
} as const;

export type Routes = typeof routes;
export type RouteId = keyof Routes;

/**
 * What bounds a staff or register route's target by the caller's scope (BUSINESS-RULES item 8); the role ×
 * scope matrix test reads it, and every staff/pos route must say (the type requires an entry):
 *   none     — nothing beyond the caller, or a member look-up (members are chain-wide);
 *   list     — answers only what lies within the caller's scope;
 *   store    — a store in the path, which must lie within the caller's scope;
 *   register — the signed-in register's own store (a body naming another store is refused);
 *   member   — changes a member: chain-scoped callers, or the member's home store within scope;
 *   account  — a staff account (path or body), before and after, within the caller's own grant;
 *   chain    — chain-scoped callers only.
 */
export type RouteScope = 'none' | 'list' | 'store' | 'register' | 'member' | 'account' | 'chain';
export type ScopedRouteId = { [K in RouteId]: Routes[K]['auth']['kind'] extends 'staff' | 'pos' ? K : never }[RouteId];
export const routeScopes: { readonly [K in ScopedRouteId]: RouteScope } = {
  recordSale: 'register',
  recordReturn: 'register',
  quoteBasket: 'register',
  identifyMember: 'none',
  staffMe: 'none',
  listStores: 'list',
  createRegister: 'store',
  registerJoinCode: 'store',
  registerApiKey: 'store',
  getMember: 'none',
  revealPhone: 'none',
  listMergeRequests: 'list',
  listStaff: 'list',
  createStaff: 'account',
  updateStaff: 'account',
  signOutStaff: 'account',
  auditLog: 'list',
  adjustPoints: 'member',
  tierApprovals: 'list',
  decideTierApproval: 'member',
  pointsLiability: 'chain',
  getSettings: 'none',
  updateSettings: 'chain',
};
export const routeGroups: readonly RouteGroup[] = ['public', 'shopper', 'staff', 'pos', 'channel'];

/** "POST /members/join": API Gateway's routeKey. */
export const routeKeyOf = (r: RouteDef) => `${r.method} ${r.path}`;

type InferOr<T, D> = T extends z.ZodType ? z.infer<T> : D;
type InputOr<T, D> = T extends z.ZodType ? z.input<T> : D;
/** What a client sends (before zod transforms) and what a handler receives (after). */
export type RouteInput<K extends RouteId> = {
  params: InputOr<Routes[K] extends { params: infer P } ? P : undefined, undefined>;
  query: InputOr<Routes[K] extends { query: infer Q } ? Q : undefined, undefined>;
  body: InputOr<Routes[K] extends { body: infer B } ? B : undefined, undefined>;
};
export type RouteParsed<K extends RouteId> = {
  params: InferOr<Routes[K] extends { params: infer P } ? P : undefined, Record<string, never>>;
  query: InferOr<Routes[K] extends { query: infer Q } ? Q : undefined, Record<string, never>>;
  body: InferOr<Routes[K] extends { body: infer B } ? B : undefined, undefined>;
};
export type RouteResponse<K extends RouteId> = z.infer<Routes[K]['response']>;
export type RoutesInGroup<G extends RouteGroup> = {
  [K in RouteId]: Routes[K]['group'] extends G ? K : never;
}[RouteId];

/** Fills `{name}` placeholders; used by the typed client and tests. */
export function fillPath(path: string, params: Record<string, string> | undefined): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(value);
  });
}
