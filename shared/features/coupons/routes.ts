import { route, member, staff } from '../../route-def';
import { memberIdParams } from '../../schemas';
import {
  claimCouponRequest,
  claimCouponResponse,
  couponCentreResponse,
  couponCodeResponse,
  couponPacksResponse,
  couponPackView,
  couponTemplatesQuery,
  couponTemplatesResponse,
  couponTemplateView,
  createCouponPackRequest,
  createCouponTemplateRequest,
  grantIdParams,
  issueCompensationCouponRequest,
  memberCouponSchema,
  memberGrantParams,
  myCouponDetail,
  myCouponsQuery,
  myCouponsResponse,
  revokeCouponRequest,
  staffMemberCouponsQuery,
  staffMemberCouponsResponse,
  templateIdParams,
  templateStatusRequest,
} from './schemas';

/**
 * Coupons (issue 10): templates and packs (ops, chain-wide: a template names the stores it applies to, so only a
 * chain-scoped account designs one), claiming in the coupon centre, the member's coupons and their rotating QR,
 * customer service's compensation coupon and revocation. Redemption at the register rides the sale and the quote
 * (shared/features/sales) and the holds (`redemption-routes.ts`).
 */
export const couponsRoutes = {
  couponTemplates: route({ method: 'GET', path: '/staff/coupon-templates', group: 'staff', auth: staff('ops', 'finance', 'service'), scope: 'none', summary: 'Coupon templates, newest first (live or ended), with stock, issued, redeemed and budget', query: couponTemplatesQuery, response: couponTemplatesResponse }),
  couponTemplate: route({ method: 'GET', path: '/staff/coupon-templates/{templateId}', group: 'staff', auth: staff('ops', 'finance', 'service'), scope: 'none', summary: 'One coupon template with its stock and budget', params: templateIdParams, response: couponTemplateView, errors: [404] }),
  createCouponTemplate: route({ method: 'POST', path: '/staff/coupon-templates', group: 'staff', auth: staff('ops'), scope: 'chain', audited: true, status: 201, summary: 'Create a coupon template (its id is the once-only key: the same design again answers the first, another design 409)', body: createCouponTemplateRequest, response: couponTemplateView, errors: [409] }),
  changeCouponTemplateStatus: route({ method: 'POST', path: '/staff/coupon-templates/{templateId}/status', group: 'staff', auth: staff('ops'), scope: 'chain', audited: true, summary: 'Activate, pause, resume or end a template early (ending revokes nothing already granted)', params: templateIdParams, body: templateStatusRequest, response: couponTemplateView, errors: [404, 409] }),
  couponPacks: route({ method: 'GET', path: '/staff/coupon-packs', group: 'staff', auth: staff('ops', 'finance', 'service'), scope: 'none', summary: 'Coupon packs (券包)', response: couponPacksResponse }),
  createCouponPack: route({ method: 'POST', path: '/staff/coupon-packs', group: 'staff', auth: staff('ops'), scope: 'chain', audited: true, status: 201, summary: 'Create a coupon pack: several templates granted together, all or nothing', body: createCouponPackRequest, response: couponPackView, errors: [404, 409] }),
  memberCoupons: route({ method: 'GET', path: '/staff/members/{memberId}/coupons', group: 'staff', auth: staff('ops', 'service', 'finance'), scope: 'none', summary: 'A member’s coupons, newest first, with how each ended', params: memberIdParams, query: staffMemberCouponsQuery, response: staffMemberCouponsResponse, errors: [404] }),
  issueCompensationCoupon: route({ method: 'POST', path: '/staff/members/{memberId}/coupons', group: 'staff', auth: staff('ops', 'service'), scope: 'member', audited: true, status: 201, summary: 'Issue a compensation coupon to a member under a case, within the per-case cap of face value', params: memberIdParams, body: issueCompensationCouponRequest, response: memberCouponSchema, errors: [404, 409] }),
  revokeCoupon: route({ method: 'POST', path: '/staff/members/{memberId}/coupons/{grantId}/revoke', group: 'staff', auth: staff('ops'), scope: 'member', audited: true, summary: 'Revoke a member’s unused coupon (its budget reservation released)', params: memberGrantParams, body: revokeCouponRequest, response: memberCouponSchema, errors: [404, 409] }),
  couponCentre: route({ method: 'GET', path: '/me/coupon-centre', group: 'shopper', auth: member, summary: 'The coupon centre (领券中心): templates the member may claim, with how many they have and what is left', response: couponCentreResponse }),
  claimCoupon: route({ method: 'POST', path: '/me/coupons/claims', group: 'shopper', auth: member, summary: 'Claim a coupon (or a pack) from the coupon centre; a retry with the same key answers the first result', body: claimCouponRequest, response: claimCouponResponse, errors: [404, 409] }),
  myCoupons: route({ method: 'GET', path: '/me/coupons', group: 'shopper', auth: member, summary: 'My coupons: usable ones soonest-expiring first; used and expired apart', query: myCouponsQuery, response: myCouponsResponse }),
  myCoupon: route({ method: 'GET', path: '/me/coupons/{grantId}', group: 'shopper', auth: member, summary: 'One of my coupons: its rules, stores and validity', params: grantIdParams, response: myCouponDetail, errors: [404] }),
  myCouponCode: route({ method: 'GET', path: '/me/coupons/{grantId}/code', group: 'shopper', auth: member, summary: 'The coupon’s rotating QR (扫码核销): shown at the register instead of the member code', params: grantIdParams, response: couponCodeResponse, errors: [404, 409] }),
};
