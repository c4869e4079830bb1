import { roleCovers, scopeCoversStore, type StaffGrant, type StaffScope } from '../../../../shared/roles';
import { staffRoles, type StaffRole } from '../../../../shared/staff-roles';

/**
 * What the signed-in admin may hand out (BUSINESS-RULES 8.5, no escalation): roles it covers, scopes its own
 * contains, the phone-reveal permission only if it has it, and the admin role only from a chain-scoped admin.
 * The form offers nothing else; the API decides regardless and its refusal is shown as it says it.
 */
export type ScopeLevel = StaffScope['level'];
export interface StoreRef {
  storeId: string;
  name: string;
  region: string;
}
export interface Grantable {
  roles: StaffRole[];
  levels: ScopeLevel[];
  regions: string[];
  stores: StoreRef[];
  canRevealPhone: boolean;
}

export function grantable(actor: StaffGrant, stores: readonly StoreRef[], current?: { role: StaffRole; scope: StaffScope }): Grantable {
  const chainAdmin = actor.role === 'admin' && actor.scope.level === 'chain';
  // Keeping an existing admin an admin is not making one.
  const roles = staffRoles.filter((r) => roleCovers(actor.role, r) && (r !== 'admin' || chainAdmin || current?.role === 'admin'));
  const levels: ScopeLevel[] = actor.scope.level === 'chain' ? ['chain', 'region', 'store'] : actor.scope.level === 'region' ? ['region', 'store'] : ['store'];
  const inScope = stores.filter((s) => scopeCoversStore(actor.scope, s));
  let regions: string[] = [];
  if (actor.scope.level === 'region') regions = [actor.scope.region];
  else if (actor.scope.level === 'chain') {
    regions = [...new Set(stores.map((s) => s.region))];
    if (current?.scope.level === 'region' && !regions.includes(current.scope.region)) regions.push(current.scope.region);
    regions.sort();
  }
  return { roles, levels, regions, stores: inScope, canRevealPhone: actor.canRevealPhone };
}

/** Cashiers work at one store's registers (BUSINESS-RULES 8.1). */
export const levelsForRole = (role: StaffRole | undefined, levels: readonly ScopeLevel[]): ScopeLevel[] => (role === 'cashier' ? levels.filter((l) => l === 'store') : [...levels]);

export interface ScopeFields {
  level?: ScopeLevel;
  region?: string;
  storeId?: string;
}
export function scopeFromFields(v: ScopeFields): StaffScope | null {
  if (v.level === 'chain') return { level: 'chain' };
  if (v.level === 'region' && v.region) return { level: 'region', region: v.region };
  if (v.level === 'store' && v.storeId) return { level: 'store', storeId: v.storeId };
  return null;
}
export function fieldsFromScope(scope: StaffScope): ScopeFields {
  if (scope.level === 'region') return { level: 'region', region: scope.region };
  if (scope.level === 'store') return { level: 'store', storeId: scope.storeId };
  return { level: 'chain' };
}

/** Where a new account starts: the only store when there is one choice, else nothing chosen. */
export function defaultScopeFields(g: Grantable): ScopeFields {
  if (g.levels.length === 1 && g.levels[0] === 'store' && g.stores.length === 1) return { level: 'store', storeId: g.stores[0].storeId };
  if (g.levels[0] === 'region' && g.regions.length === 1) return { level: 'region', region: g.regions[0] };
  return {};
}
