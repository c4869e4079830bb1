import * as z from 'zod';
import { route, member, pub, staff } from '../../route-def';
import { liabilityDaysResponse, liabilityStoresQuery, liabilityStoresResponse, pointsAdjustmentPreviewRequest, pointsAdjustmentPreviewResponse, liabilityReportSchema, messagesResponse, pointsAdjustmentRequest, pointsAdjustmentResponse, pointsHistoryQuery, pointsHistoryResponse, pointsRulesResponse, pointsSummarySchema, signInResponse, tierApprovalDecision, tierApprovalListResponse, tierApprovalSchema, tierStatusSchema } from './schemas';
import { dayRangeQuery, memberIdParams } from '../../schemas';

/** The points ledger, daily sign-in, tiers, the message centre, adjustments, tier approvals, the liability report. */
export const pointsRoutes = {
  pointsRules: route({ method: 'GET', path: '/points/rules', group: 'public', auth: pub, summary: 'The points and tier rules, for the rules page', response: pointsRulesResponse }),
  myPoints: route({ method: 'GET', path: '/me/points', group: 'shopper', auth: member, summary: 'Points: available, pending, debt, expiring soon, sign-in streak', response: pointsSummarySchema, errors: [404] }),
  myPointsHistory: route({ method: 'GET', path: '/me/points/history', group: 'shopper', auth: member, summary: 'Points ledger, newest first', query: pointsHistoryQuery, response: pointsHistoryResponse }),
  signIn: route({ method: 'POST', path: '/me/sign-in', group: 'shopper', auth: member, summary: 'Daily sign-in (once per Shanghai day, with a streak cycle)', response: signInResponse, errors: [404, 409] }),
  myTier: route({ method: 'GET', path: '/me/tier', group: 'shopper', auth: member, summary: 'Tier, growth and progress to the next tier', response: tierStatusSchema, errors: [404] }),
  myMessages: route({ method: 'GET', path: '/me/messages', group: 'shopper', auth: member, summary: 'Message centre (expiry reminders, tier changes)', query: pointsHistoryQuery, response: messagesResponse }),
  adjustPoints: route({ method: 'POST', path: '/staff/members/{memberId}/points-adjustments', group: 'staff', auth: staff('ops', 'service'), audited: true, scope: 'member', summary: 'Adjust a member’s points with a reason (customer service: compensation up to a cap)', params: memberIdParams, body: pointsAdjustmentRequest, response: pointsAdjustmentResponse, errors: [404, 409] }),
  tierApprovals: route({ method: 'GET', path: '/staff/tier-approvals', group: 'staff', auth: staff('ops'), scope: 'list', summary: 'Members waiting for the top tier', response: tierApprovalListResponse }),
  decideTierApproval: route({ method: 'POST', path: '/staff/tier-approvals/{memberId}', group: 'staff', auth: staff('ops'), audited: true, scope: 'member', summary: 'Approve or reject a top-tier upgrade', params: memberIdParams, body: tierApprovalDecision, response: tierApprovalSchema.extend({ decision: z.enum(['approve', 'reject']) }), errors: [404, 409] }),
  previewPointsAdjustment: route({ method: 'POST', path: '/staff/members/{memberId}/points-adjustments/preview', group: 'staff', auth: staff('ops', 'service'), scope: 'member', summary: 'What an adjustment would do (balance and debt after, caps left, the shopper’s text); writes nothing', params: memberIdParams, body: pointsAdjustmentPreviewRequest, response: pointsAdjustmentPreviewResponse, errors: [404] }),
  pointsLiabilityDays: route({ method: 'GET', path: '/staff/reports/points-liability/days', group: 'staff', auth: staff('finance', 'ops'), scope: 'chain', summary: 'The chain’s available points per business day: opening, earned, spent, expired, adjusted, closing, and their value', query: dayRangeQuery, response: liabilityDaysResponse }),
  pointsLiabilityStores: route({ method: 'GET', path: '/staff/reports/points-liability/stores', group: 'staff', auth: staff('finance', 'ops'), scope: 'list', summary: 'Points that moved at each store per business day (sales and returns there)', query: liabilityStoresQuery, response: liabilityStoresResponse }),
  pointsLiability: route({ method: 'GET', path: '/staff/reports/points-liability', group: 'staff', auth: staff('finance', 'ops'), scope: 'chain', summary: 'Outstanding points and their value', response: liabilityReportSchema }),
};
