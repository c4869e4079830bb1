import * as z from 'zod';
import { staffRoles, type StaffRole } from './staff-roles';

export { staffRoleLabels, staffRoles, type StaffRole } from './staff-roles';
export const staffRoleSchema = z.enum(staffRoles);

/** Where a staff account may act: the whole chain, one region, or one store. */
export const staffScopeSchema = z.discriminatedUnion('level', [
  z.object({ level: z.literal('chain') }),
  z.object({ level: z.literal('region'), region: z.string().min(1).max(40) }),
  z.object({ level: z.literal('store'), storeId: z.string().min(1).max(40) }),
]);
export type StaffScope = z.infer<typeof staffScopeSchema>;

/** A store is within a scope when the scope is the chain, its region, or the store itself. */
export function scopeCoversStore(scope: StaffScope, store: { storeId: string; region: string }): boolean {
  switch (scope.level) {
    case 'chain':
      return true;
    case 'region':
      return scope.region === store.region;
    case 'store':
      return scope.storeId === store.storeId;
  }
}

export function sameScope(a: StaffScope, b: StaffScope): boolean {
  if (a.level !== b.level) return false;
  if (a.level === 'region') return a.region === (b as typeof a).region;
  if (a.level === 'store') return a.storeId === (b as typeof a).storeId;
  return true;
}

// ---- scope containment and "no escalation" (BUSINESS-RULES item 8) --------------------------------

/** The region a store-scoped scope lies in, when the caller knows it (it needs the store item). */
export type RegionOf = (storeId: string) => string | null | undefined;

/**
 * `outer` contains `inner` when everything `inner` reaches, `outer` reaches too:
 *   chain ⊇ every scope; region r ⊇ region r and every store in region r; store s ⊇ store s only.
 * A store's region is not in the scope itself: `regionOf` supplies it (an unknown store is in no region).
 */
export function scopeContains(outer: StaffScope, inner: StaffScope, regionOf: RegionOf = () => null): boolean {
  switch (outer.level) {
    case 'chain':
      return true;
    case 'region':
      if (inner.level === 'region') return inner.region === outer.region;
      if (inner.level === 'store') return regionOf(inner.storeId) === outer.region;
      return false;
    case 'store':
      return inner.level === 'store' && inner.storeId === outer.storeId;
  }
}

export const isChainScoped = (scope: StaffScope) => scope.level === 'chain';

/** What an account may do: its role, where, and whether it may see full phone numbers. */
export interface StaffGrant {
  role: StaffRole;
  scope: StaffScope;
  canRevealPhone: boolean;
}

/** An admin covers every role (it manages accounts); any other role covers only itself. */
export const roleCovers = (actor: StaffRole, target: StaffRole) => actor === 'admin' || actor === target;

/** `target` is no wider than `actor`: covered role, contained scope, and no permission the actor lacks. */
export function grantWithin(actor: StaffGrant, target: StaffGrant, regionOf?: RegionOf): boolean {
  return roleCovers(actor.role, target.role) && scopeContains(actor.scope, target.scope, regionOf) && (!target.canRevealPhone || actor.canRevealPhone);
}

export type EscalationProblem =
  /** The account as it is now is wider than the actor: the actor may not touch it at all. */
  | 'targetOutside'
  | 'role'
  | 'scope'
  | 'permission'
  /** Only chain-scoped admins make admins (create one, or turn an account into one). */
  | 'adminByChainOnly';

/**
 * Why `actor` may not create (`before` null) or change `before` into `after`; empty when it may. An account
 * acting on itself is the same check: it can't widen itself, because its own grant is the bound.
 */
export function escalationProblems(actor: StaffGrant, before: StaffGrant | null, after: StaffGrant, regionOf?: RegionOf): EscalationProblem[] {
  const problems: EscalationProblem[] = [];
  if (before && !grantWithin(actor, before, regionOf)) problems.push('targetOutside');
  if (!roleCovers(actor.role, after.role)) problems.push('role');
  if (!scopeContains(actor.scope, after.scope, regionOf)) problems.push('scope');
  if (after.canRevealPhone && !actor.canRevealPhone) problems.push('permission');
  const becomesAdmin = after.role === 'admin' && before?.role !== 'admin';
  if (becomesAdmin && !(actor.role === 'admin' && actor.scope.level === 'chain')) problems.push('adminByChainOnly');
  return problems;
}

/**
 * A member's home store: where they joined, else where they first bought; null for neither (an online join
 * with no purchase yet), which only chain-scoped staff may change.
 */
export function homeStoreOf(member: { joinStoreId?: string | null; firstPurchaseStoreId?: string | null }): string | null {
  return member.joinStoreId || member.firstPurchaseStoreId || null;
}

/** Changing a member's points: chain-scoped staff, or staff whose scope covers the member's home store. */
export function mayChangeMember(scope: StaffScope, home: { storeId: string; region: string } | null): boolean {
  if (scope.level === 'chain') return true;
  return home !== null && scopeCoversStore(scope, home);
}
