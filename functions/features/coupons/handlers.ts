import type { couponsRoutes } from '../../../shared/features/coupons/routes';
import type { FeatureImpls } from '../../commons/http';
import { changeTemplateStatus, createPack, createTemplate, getTemplate, listPacks, listTemplates } from './templates';
import { claimCoupon, couponCentre, issueCompensationCoupon, memberCouponsForStaff, myCoupon, myCouponCode, myCoupons, revokeCoupon } from './coupons';

type Routes = typeof couponsRoutes;

export const staffRoutes: FeatureImpls<Routes, 'staff'> = {
  couponTemplates: async ({ config, query }) => listTemplates(config, query),
  couponTemplate: async ({ config, params }) => getTemplate(config, params.templateId),
  createCouponTemplate: async ({ config, principal, body }) => createTemplate(config, principal, body),
  changeCouponTemplateStatus: async ({ config, principal, params, body }) => changeTemplateStatus(config, principal, params.templateId, body),
  couponPacks: async ({ config }) => listPacks(config),
  createCouponPack: async ({ config, principal, body }) => createPack(config, principal, body),
  memberCoupons: async ({ config, params, query }) => memberCouponsForStaff(config, params.memberId, query),
  issueCompensationCoupon: async ({ config, principal, params, body }) => issueCompensationCoupon(config, principal, params.memberId, body),
  revokeCoupon: async ({ config, principal, params, body }) => revokeCoupon(config, principal, params.memberId, params.grantId, body.reason),
};

export const shopperRoutes: FeatureImpls<Routes, 'shopper'> = {
  couponCentre: async ({ config, principal }) => couponCentre(config, principal),
  claimCoupon: async ({ config, principal, body }) => claimCoupon(config, principal, body),
  myCoupons: async ({ config, principal, query }) => myCoupons(config, principal, query),
  myCoupon: async ({ config, principal, params }) => myCoupon(config, principal, params.grantId),
  myCouponCode: async ({ config, principal, params }) => myCouponCode(config, principal, params.grantId),
};
