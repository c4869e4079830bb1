// Generated from the route table (shared/routes.ts) by `npm run routes:manifest`: do not edit.
import type { HttpMethod, RouteAuth, RouteId } from './routes';

/**
 * The route table without its schemas: method, path and who may call. The mini-program's client reads this at
 * run time and takes its types from routes.ts (type-only imports, erased), so the shopper's package carries no zod.
 */
export interface RouteManifestEntry {
  method: HttpMethod;
  path: string;
  auth: RouteAuth;
  /** Takes a member code (wrong codes count against the caller's limit). */
  takesMemberCode?: boolean;
}

export const routeManifest = {
  openapi: { method: 'GET', path: '/openapi.json', auth: { kind: 'public' } },
  health: { method: 'GET', path: '/health', auth: { kind: 'public' } },
  publicInfo: { method: 'GET', path: '/info', auth: { kind: 'public' } },
  sceneInfo: { method: 'GET', path: '/join/scenes/{scene}', auth: { kind: 'public' } },
  wechatSignIn: { method: 'POST', path: '/auth/wechat', auth: { kind: 'public' } },
  devSendOtp: { method: 'POST', path: '/auth/dev/otp', auth: { kind: 'public' } },
  devVerifyOtp: { method: 'POST', path: '/auth/dev/verify', auth: { kind: 'public' } },
  join: { method: 'POST', path: '/members/join', auth: { kind: 'shopper' } },
  myCard: { method: 'GET', path: '/me', auth: { kind: 'member' } },
  myProfile: { method: 'GET', path: '/me/profile', auth: { kind: 'member' } },
  updateMyProfile: { method: 'PATCH', path: '/me/profile', auth: { kind: 'member' } },
  myCode: { method: 'GET', path: '/me/code', auth: { kind: 'member' } },
  identifyMember: { method: 'POST', path: '/pos/identify', auth: { kind: 'staff', roles: ['cashier'] }, takesMemberCode: true },
  getMember: { method: 'GET', path: '/staff/members/{memberId}', auth: { kind: 'staff', roles: ['ops', 'service'] } },
  revealPhone: { method: 'POST', path: '/staff/members/{memberId}/reveal-phone', auth: { kind: 'staff', roles: ['ops', 'service', 'admin'] } },
  findMembers: { method: 'GET', path: '/staff/members', auth: { kind: 'staff', roles: ['ops', 'service'] } },
  correctMemberProfile: { method: 'PATCH', path: '/staff/members/{memberId}/profile', auth: { kind: 'staff', roles: ['ops', 'service'] } },
  memberTimeline: { method: 'GET', path: '/staff/members/{memberId}/timeline', auth: { kind: 'staff', roles: ['ops', 'service'] } },
  rejectMerge: { method: 'POST', path: '/staff/merges/{mergeId}/reject', auth: { kind: 'staff', roles: ['service', 'ops'] } },
  joinStats: { method: 'GET', path: '/staff/reports/joins', auth: { kind: 'staff', roles: ['admin', 'ops'] } },
  listMergeRequests: { method: 'GET', path: '/staff/merges', auth: { kind: 'staff', roles: ['service', 'ops'] } },
  myConsents: { method: 'GET', path: '/me/consent', auth: { kind: 'member' } },
  updateMyConsent: { method: 'PATCH', path: '/me/consent', auth: { kind: 'member' } },
  myDataExport: { method: 'GET', path: '/me/data-export', auth: { kind: 'member' } },
  myDeletionPreview: { method: 'GET', path: '/me/deletion-preview', auth: { kind: 'member' } },
  deleteMyMembership: { method: 'POST', path: '/me/delete-membership', auth: { kind: 'member' } },
  staffLogin: { method: 'POST', path: '/staff/login', auth: { kind: 'public' } },
  staffMe: { method: 'GET', path: '/staff/me', auth: { kind: 'staff', roles: ['admin', 'ops', 'finance', 'service', 'cashier'] } },
  listStores: { method: 'GET', path: '/staff/stores', auth: { kind: 'staff', roles: ['admin', 'ops', 'finance', 'service', 'cashier'] } },
  createStore: { method: 'POST', path: '/staff/stores', auth: { kind: 'staff', roles: ['admin'] } },
  createRegister: { method: 'POST', path: '/staff/stores/{storeId}/registers', auth: { kind: 'staff', roles: ['admin', 'ops'] } },
  registerJoinCode: { method: 'GET', path: '/staff/stores/{storeId}/registers/{registerId}/join-code', auth: { kind: 'staff', roles: ['admin', 'ops', 'cashier'] } },
  registerApiKey: { method: 'POST', path: '/staff/stores/{storeId}/registers/{registerId}/api-key', auth: { kind: 'staff', roles: ['admin'] } },
  listStaff: { method: 'GET', path: '/staff/accounts', auth: { kind: 'staff', roles: ['admin'] } },
  createStaff: { method: 'POST', path: '/staff/accounts', auth: { kind: 'staff', roles: ['admin'] } },
  updateStaff: { method: 'PATCH', path: '/staff/accounts/{username}', auth: { kind: 'staff', roles: ['admin'] } },
  signOutStaff: { method: 'POST', path: '/staff/accounts/{username}/sign-out', auth: { kind: 'staff', roles: ['admin'] } },
  auditLog: { method: 'GET', path: '/staff/audit', auth: { kind: 'staff', roles: ['admin'] } },
  getSettings: { method: 'GET', path: '/staff/settings', auth: { kind: 'staff', roles: ['admin', 'ops', 'finance', 'service'] } },
  updateSettings: { method: 'PUT', path: '/staff/settings', auth: { kind: 'staff', roles: ['ops', 'admin'] } },
  pointsRules: { method: 'GET', path: '/points/rules', auth: { kind: 'public' } },
  myPoints: { method: 'GET', path: '/me/points', auth: { kind: 'member' } },
  myPointsHistory: { method: 'GET', path: '/me/points/history', auth: { kind: 'member' } },
  signIn: { method: 'POST', path: '/me/sign-in', auth: { kind: 'member' } },
  myTier: { method: 'GET', path: '/me/tier', auth: { kind: 'member' } },
  myMessages: { method: 'GET', path: '/me/messages', auth: { kind: 'member' } },
  readAllMessages: { method: 'POST', path: '/me/messages/read-all', auth: { kind: 'member' } },
  adjustPoints: { method: 'POST', path: '/staff/members/{memberId}/points-adjustments', auth: { kind: 'staff', roles: ['ops', 'service'] } },
  tierApprovals: { method: 'GET', path: '/staff/tier-approvals', auth: { kind: 'staff', roles: ['ops'] } },
  decideTierApproval: { method: 'POST', path: '/staff/tier-approvals/{memberId}', auth: { kind: 'staff', roles: ['ops'] } },
  previewPointsAdjustment: { method: 'POST', path: '/staff/members/{memberId}/points-adjustments/preview', auth: { kind: 'staff', roles: ['ops', 'service'] } },
  pointsLiabilityDays: { method: 'GET', path: '/staff/reports/points-liability/days', auth: { kind: 'staff', roles: ['finance', 'ops'] } },
  pointsLiabilityStores: { method: 'GET', path: '/staff/reports/points-liability/stores', auth: { kind: 'staff', roles: ['finance', 'ops'] } },
  pointsLiability: { method: 'GET', path: '/staff/reports/points-liability', auth: { kind: 'staff', roles: ['finance', 'ops'] } },
  recordSale: { method: 'POST', path: '/pos/sales', auth: { kind: 'pos' }, takesMemberCode: true },
  recordReturn: { method: 'POST', path: '/pos/returns', auth: { kind: 'pos' } },
  quoteBasket: { method: 'POST', path: '/pos/quote', auth: { kind: 'pos' }, takesMemberCode: true },
  registerDayReport: { method: 'GET', path: '/staff/reports/registers', auth: { kind: 'staff', roles: ['admin', 'ops'] } },
  myPurchases: { method: 'GET', path: '/me/purchases', auth: { kind: 'member' } },
  myReceipt: { method: 'GET', path: '/me/purchases/{storeId}/{receiptNo}', auth: { kind: 'member' } },
  channelOrder: { method: 'POST', path: '/channels/{platform}/orders', auth: { kind: 'channel' } },
} as const satisfies Record<RouteId, RouteManifestEntry>;
