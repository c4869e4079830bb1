import type { z } from 'zod';
import type { StaffRole } from './roles';

/**
 * What a route is: the shape every feature's route fragment (shared/features/<feature>/routes.ts) declares and
 * shared/routes.ts assembles into the one route table.
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
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 423 | 429 | 503;

/**
 * What bounds a staff or register route's target by the caller's scope (BUSINESS-RULES item 8); the role ×
 * scope matrix test reads it, and every staff/pos route must say (`route()` requires it):
 *   none     — nothing beyond the caller, or a member look-up (members are chain-wide);
 *   list     — answers only what lies within the caller's scope;
 *   store    — a store in the path, which must lie within the caller's scope;
 *   register — the signed-in register's own store (a body naming another store is refused);
 *   member   — changes a member: chain-scoped callers, or the member's home store within scope;
 *   account  — a staff account (path or body), before and after, within the caller's own grant;
 *   chain    — chain-scoped callers only.
 */
export type RouteScope = 'none' | 'list' | 'store' | 'register' | 'member' | 'account' | 'chain';

export interface RouteDef {
  method: HttpMethod;
  path: string;
  group: RouteGroup;
  auth: RouteAuth;
  summary: string;
  /** Staff and register routes: what bounds the target by the caller's scope. */
  scope?: RouteScope;
  /** Staff writes are audit-logged; the handler says what changed. */
  audited?: boolean;
  /** Takes a member code: wrong codes count against the caller's limit (shared by every such route). */
  takesMemberCode?: boolean;
  /** May spend a member's balance (points, stored value, coupons): only with the member code shown for that sale. */
  spends?: boolean;
  /**
   * The member's own deletion: it answers its retries after the membership has ended. Every other route refuses a
   * session whose membership has ended (or is ending) with 401 `MEMBERSHIP_ENDED` (functions/commons/http.ts).
   */
  leavesMembership?: boolean;
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

/** A staff or register route must say what bounds it by scope; the others must not. */
type ScopeRule<R extends RouteDef> = R['auth']['kind'] extends 'staff' | 'pos' ? { scope: RouteScope } : { scope?: never };
export const route = <const R extends RouteDef>(r: R & ScopeRule<R>): R => r;

export const pub = { kind: 'public' } as const;
export const shopper = { kind: 'shopper' } as const;
export const member = { kind: 'member' } as const;
export const pos = { kind: 'pos' } as const;
export const channel = { kind: 'channel' } as const;
export const staff = <const Roles extends StaffRole[]>(...roles: Roles) => ({ kind: 'staff', roles }) as const;
