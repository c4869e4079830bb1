import type { z } from 'zod';
import type { RouteDef, RouteGroup, RouteScope } from './route-def';
import { platformRoutes } from './features/platform/routes';
import { membersRoutes } from './features/members/routes';
import { privacyRoutes } from './features/members/privacy-routes';
import { staffRoutes } from './features/staff/routes';
import { settingsRoutes } from './features/settings/routes';
import { pointsRoutes } from './features/points/routes';
import { salesRoutes } from './features/sales/routes';
import { couponsRoutes } from './features/coupons/routes';
import { couponRedemptionRoutes } from './features/coupons/redemption-routes';

export type { ErrorStatus, HttpMethod, RouteAuth, RouteDef, RouteGroup, RouteScope } from './route-def';

/**
 * The route table: the single source that the Lambda handlers, the local server, the CDK HTTP API, the OpenAPI
 * document and the mini-program's typed client all read. It is assembled from the features' fragments
 * (shared/features/<feature>/routes.ts): a new feature adds its fragment here, one line. Route ids are unique
 * across features (routes.test.ts checks paths).
 */
export const routes = {
  ...platformRoutes,
  ...membersRoutes,
  ...privacyRoutes,
  ...staffRoutes,
  ...settingsRoutes,
  ...pointsRoutes,
  ...salesRoutes,
  ...couponsRoutes,
  ...couponRedemptionRoutes,
};

export type Routes = typeof routes;
export type RouteId = keyof Routes;

/** Each staff and register route's scope rule (declared on the route; `route()` requires it). */
export type ScopedRouteId = { [K in RouteId]: Routes[K]['auth']['kind'] extends 'staff' | 'pos' ? K : never }[RouteId];
export const routeScopes = Object.fromEntries(
  (Object.entries(routes) as Array<[RouteId, RouteDef]>).filter(([, r]) => r.scope).map(([id, r]) => [id, r.scope!]),
) as { readonly [K in ScopedRouteId]: RouteScope };
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

export { fillPath } from './route-paths';
