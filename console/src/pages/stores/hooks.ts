import { routeManifest } from '../../../../shared/route-manifest';
import type { RouteId, RouteResponse } from '../../../../shared/routes';
import type { StaffRole } from '../../../../shared/staff-roles';
import { useLoad } from '../../components/useLoad';
import { api } from '../../shell/api';

export type Store = RouteResponse<'listStores'>['items'][number];
export type Register = Store['registers'][number];
export type JoinCode = RouteResponse<'registerJoinCode'>;

export const useStoreList = () => useLoad('stores', () => api.call('listStores'));

/** The route table's answer (the API enforces the same), for showing only the buttons that can work. */
export function mayCall(role: StaffRole | undefined, route: RouteId): boolean {
  const auth = routeManifest[route].auth as { kind: string; roles?: readonly string[] };
  return role !== undefined && auth.kind === 'staff' && (auth.roles ?? []).includes(role);
}

/** The H5 origin, when the deployment's /config.js names it (the console's config carries only the API address today). */
export function h5BaseUrl(): string | null {
  const config = (globalThis as { __MEMBERSHIP_CONFIG__?: { h5BaseUrl?: unknown; appBaseUrl?: unknown } }).__MEMBERSHIP_CONFIG__;
  const base = config?.h5BaseUrl ?? config?.appBaseUrl;
  return typeof base === 'string' && /^https?:\/\//.test(base) ? base.replace(/\/+$/, '') : null;
}

/** What the printed QR code holds: the H5 join link (hash routing, as the H5 build serves pages) or else the scene. */
export function joinQrContent(code: Pick<JoinCode, 'scene' | 'path'>, base: string | null = h5BaseUrl()): { text: string; link: string | null } {
  if (!base) return { text: code.scene, link: null };
  const link = `${base}/#/${code.path.replace(/^\/+/, '')}`;
  return { text: link, link };
}
