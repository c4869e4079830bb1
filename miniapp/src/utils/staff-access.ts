/**
 * Which staff tools a role may open: read from the route table (its zod-free manifest), so the app offers exactly
 * what the API lets the role do (the server checks again). Pure, so the home entries, the page guards and the
 * post-login landing agree.
 */
import { routeManifest as routes } from '@shared/route-manifest';
import type { StaffRole } from '@shared/staff-roles';
import { pages } from './links';

export type StaffTool = 'approvals' | 'memberPoints' | 'liability';

/** In the order the staff home lists them. */
export const staffTools: readonly StaffTool[] = ['approvals', 'memberPoints', 'liability'];

/** Every route a tool calls; a role needs all of them. */
const toolRoutes: Record<StaffTool, ReadonlyArray<{ auth: { kind: string; roles?: readonly StaffRole[] } }>> = {
  approvals: [routes.tierApprovals, routes.decideTierApproval],
  memberPoints: [routes.getMember, routes.adjustPoints],
  liability: [routes.pointsLiability],
};

export const staffToolPages: Record<StaffTool, string> = {
  approvals: pages.staffApprovals,
  memberPoints: pages.staffMemberPoints,
  liability: pages.staffLiability,
};

export function canUseTool(role: StaffRole | null | undefined, tool: StaffTool): boolean {
  if (!role) return false;
  return toolRoutes[tool].every((r) => r.auth.kind === 'staff' && (r.auth.roles ?? []).includes(role));
}

export function toolsFor(role: StaffRole | null | undefined): StaffTool[] {
  return staffTools.filter((tool) => canUseTool(role, tool));
}

/** What a staff tool page does when it is shown: send a visitor to staff login, tell another role it is not theirs. */
export type StaffPageAccess = 'login' | 'forbidden' | 'ok';
export function staffPageAccess(hasToken: boolean, role: StaffRole | null | undefined, tool: StaffTool): StaffPageAccess {
  if (!hasToken) return 'login';
  return canUseTool(role, tool) ? 'ok' : 'forbidden';
}

/**
 * Where staff land after signing in: cashiers at the register; others back on the tool page that sent them to
 * sign in when their role may use it (a 401 or a guard adds `redirect`), else the staff home.
 */
export function staffLandingPage(role: StaffRole, redirect: string | undefined): string {
  if (role === 'cashier') return pages.cashier;
  if (redirect) {
    const path = redirect.split('?')[0];
    const tool = staffTools.find((t) => staffToolPages[t] === path);
    if (tool && canUseTool(role, tool)) return redirect;
  }
  return pages.staffHome;
}
