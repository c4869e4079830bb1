import type { couponRedemptionRoutes } from '../../../shared/features/coupons/redemption-routes';
import type { FeatureImpls, PosPrincipal } from '../../commons/http';
import { createCouponHold, releaseCouponHold, type HoldPoster } from './redemption';

type Routes = typeof couponRedemptionRoutes;
/** The register holding: a cashier's session there (wrong codes count per cashier), or the register signing by itself. */
const holderOf = (p: PosPrincipal): HoldPoster => ({
  storeId: p.storeId,
  registerId: p.registerId,
  caller: p.staff ? `staff:${p.staff.sub}` : `register:${p.storeId}:${p.registerId ?? '-'}`,
  gate: p.staff?.gate ?? null,
});

export const posRoutes: FeatureImpls<Routes, 'pos'> = {
  createCouponHold: async ({ config, principal, body }) => createCouponHold(config, holderOf(principal), body),
  releaseCouponHold: async ({ config, principal, params }) => releaseCouponHold(config, principal, params.holdId),
};
