import type { privacyRoutes } from '../../../shared/features/members/privacy-routes';
import type { FeatureImpls } from '../../commons/http';
import { deleteMembership, deletionPreview, exportMyData, myConsents, setMarketingConsent } from './privacy';

/**
 * The member's privacy rights (functions/features/members/privacy.ts): shopper routes only, in a module of their own
 * so that the other groups' Lambdas don't carry the export's reads.
 */
export const shopperRoutes: FeatureImpls<typeof privacyRoutes, 'shopper'> = {
  myConsents: async ({ config, principal }) => myConsents(config, principal),
  updateMyConsent: async ({ config, principal, body }) => setMarketingConsent(config, principal, body.marketing),
  myDataExport: async ({ config, principal }) => exportMyData(config, principal),
  myDeletionPreview: async ({ config, principal }) => deletionPreview(config, principal),
  deleteMyMembership: async ({ config, principal, body }) => deleteMembership(config, principal, body),
};

/** The shopper group's session check: a member's session ends with the membership (rule 15.3). */
export { assertMembershipActive as memberSession } from './privacy';
