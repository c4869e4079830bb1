import type { SessionGate } from './first-read';
import type { ShopperClaims, StaffClaims } from './tokens';

/**
 * Who is calling: the types the HTTP layer hands to services. Their own module, so that services and commons
 * (the audit entry's actor, say) can name a caller without importing the HTTP layer.
 */
/**
 * A staff session as its account is now (role, scope and permission read on this request, not taken from the
 * token); `region` is the region the account works in (its region, or its store's), null for the chain.
 */
export type StaffPrincipal = StaffClaims & {
  kind: 'staff';
  region: string | null;
  /**
   * Present when the route reads the session with its own first read (`readTogether`): until it is admitted the
   * role, scope and permission are the token's (which are the account's while its generation is), `region` null.
   */
  gate?: SessionGate;
};
export type ShopperPrincipal = ShopperClaims & { kind: 'shopper' };
export type MemberPrincipal = ShopperClaims & { kind: 'member'; memberId: string };
/** A register: a cashier's session at it, or the register itself signing with its key. */
export type PosPrincipal = { kind: 'pos'; storeId: string; registerId: string | null; staff: StaffPrincipal | null };
export type ChannelPrincipal = { kind: 'channel'; platform: string };

/** A cashier's view is their register's store, whatever their account's scope says. */
export const viewScope = (p: StaffPrincipal) => (p.reg ? ({ level: 'store', storeId: p.reg.storeId } as const) : p.scope);
