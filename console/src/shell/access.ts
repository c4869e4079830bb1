import { routeManifest } from '../../../shared/route-manifest';
import type { RouteId } from '../../../shared/routes';
import type { StaffRole } from '../../../shared/staff-roles';

/** May this role call this route? (The route table's answer; the API enforces the same.) Menus and actions ask it. */
export function roleMayCall(role: StaffRole, route: RouteId): boolean {
  const auth = routeManifest[route].auth as { kind: string; roles?: readonly string[] };
  return auth.kind === 'staff' && (auth.roles ?? []).includes(role);
}
