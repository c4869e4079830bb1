import { routeGroupHandler } from '../commons/http';
import { currentMemberCode, getCard, joinMember } from '../services/members';

/** Lambda for the shopper's own routes; the member is always the caller's, from the token. */
export const handler = routeGroupHandler('shopper', {
  join: async ({ config, principal, body }) => joinMember(config, principal, body),
  myCard: async ({ config, principal }) => getCard(config, principal),
  myCode: async ({ config, principal }) => currentMemberCode(config, principal),
});
