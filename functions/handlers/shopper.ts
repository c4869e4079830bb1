import { routeGroupHandler } from '../commons/http';
import { currentMemberCode, getCard, joinMember } from '../services/members';
import { dailySignIn, messages, myTier, pointsHistory, pointsSummary } from '../services/points';

/** Lambda for the shopper's own routes; the member is always the caller's, from the token. */
export const handler = routeGroupHandler('shopper', {
  join: async ({ config, principal, body }) => joinMember(config, principal, body),
  myCard: async ({ config, principal }) => getCard(config, principal),
  myCode: async ({ config, principal }) => currentMemberCode(config, principal),
  myPoints: async ({ config, principal }) => pointsSummary(config, principal),
  myPointsHistory: async ({ config, principal, query }) => pointsHistory(config, principal, query),
  signIn: async ({ config, principal }) => dailySignIn(config, principal),
  myTier: async ({ config, principal }) => myTier(config, principal),
  myMessages: async ({ config, principal, query }) => messages(config, principal, query),
});
