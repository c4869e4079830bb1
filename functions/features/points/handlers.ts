import type { pointsRoutes } from '../../../shared/features/points/routes';
import type { FeatureImpls } from '../../commons/http';
import { pointsLiabilityDays, pointsLiabilityStores } from './liability';
import { adjustPoints, previewAdjustment, dailySignIn, decideTierApproval, listTierApprovals, messages, myTier, readAllMessages, pointsHistory, pointsLiability, pointsRules, pointsSummary } from './points';

type Routes = typeof pointsRoutes;

export const publicRoutes: FeatureImpls<Routes, 'public'> = {
  pointsRules: async ({ config }) => pointsRules(config),
};

export const shopperRoutes: FeatureImpls<Routes, 'shopper'> = {
  myPoints: async ({ config, principal }) => pointsSummary(config, principal),
  myPointsHistory: async ({ config, principal, query }) => pointsHistory(config, principal, query),
  signIn: async ({ config, principal }) => dailySignIn(config, principal),
  myTier: async ({ config, principal }) => myTier(config, principal),
  myMessages: async ({ config, principal, query }) => messages(config, principal, query),
  readAllMessages: async ({ config, principal }) => readAllMessages(config, principal),
};

export const staffRoutes: FeatureImpls<Routes, 'staff'> = {
  adjustPoints: async ({ config, principal, params, body }) => adjustPoints(config, principal, params.memberId, body),
  tierApprovals: async ({ config, principal }) => listTierApprovals(config, principal),
  decideTierApproval: async ({ config, principal, params, body }) => decideTierApproval(config, principal, params.memberId, body.decision, body.note),
  pointsLiability: async ({ config, principal }) => pointsLiability(config, principal),
  previewPointsAdjustment: async ({ config, principal, params, body }) => previewAdjustment(config, principal, params.memberId, body),
  pointsLiabilityDays: async ({ config, principal, query }) => pointsLiabilityDays(config, principal, query),
  pointsLiabilityStores: async ({ config, principal, query }) => pointsLiabilityStores(config, principal, query),
};
