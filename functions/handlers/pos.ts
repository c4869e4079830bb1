import { routeGroupHandler } from '../commons/http';
import { identifyMember } from '../services/members';

/** Lambda for the register (POS) routes. */
export const handler = routeGroupHandler('pos', {
  identifyMember: async ({ config, principal, body }) => identifyMember(config, principal, body.code),
});
