import { route, pos } from '../../route-def';
import { couponHoldParams, couponHoldResponse, createCouponHoldRequest, releaseCouponHoldResponse } from './redemption-schemas';

/**
 * Coupons at the register besides the sale and the quote (which carry `coupons` in shared/features/sales): holding
 * coupons chosen for an unpaid order. A hold is decided by its expiry time (`heldUntil`), never by a TTL.
 */
export const couponRedemptionRoutes = {
  createCouponHold: route({ method: 'POST', path: '/pos/coupon-holds', group: 'pos', auth: pos, takesMemberCode: true, scope: 'register', status: 201, summary: 'Hold the member’s coupons for an unpaid order (up to 30 minutes), with the member code or the coupons’ own QR; a retry for the same order answers the same hold', body: createCouponHoldRequest, response: couponHoldResponse, errors: [404, 409] }),
  releaseCouponHold: route({ method: 'DELETE', path: '/pos/coupon-holds/{holdId}', group: 'pos', auth: pos, scope: 'list', summary: 'Release a hold made at this register’s store (a hold made elsewhere is not found here; an expired hold needs no release)', params: couponHoldParams, response: releaseCouponHoldResponse, errors: [404] }),
};
