import { member, route } from '../../route-def';
import { consentPatch, consentsResponse, dataExportSchema, deleteMembershipRequest, deleteMembershipResponse, deletionPreviewResponse } from './privacy-schemas';

/** The member's privacy rights (issue 9 §4, BUSINESS-RULES item 15): consents, the export, the deletion. Members feature. */
export const privacyRoutes = {
  myConsents: route({ method: 'GET', path: '/me/consent', group: 'shopper', auth: member, summary: 'The member’s consents: privacy policy, terms, marketing', response: consentsResponse, errors: [404] }),
  updateMyConsent: route({ method: 'PATCH', path: '/me/consent', group: 'shopper', auth: member, summary: 'Give or withdraw marketing consent (audit-logged)', body: consentPatch, response: consentsResponse, errors: [404] }),
  myDataExport: route({ method: 'GET', path: '/me/data-export', group: 'shopper', auth: member, summary: 'Everything held about the member, as JSON (audit-logged)', response: dataExportSchema, errors: [404] }),
  myDeletionPreview: route({ method: 'GET', path: '/me/deletion-preview', group: 'shopper', auth: member, summary: 'What deleting the membership forfeits, and what blocks it', response: deletionPreviewResponse, errors: [404] }),
  deleteMyMembership: route({ method: 'POST', path: '/me/delete-membership', group: 'shopper', auth: member, leavesMembership: true, summary: 'Delete the membership (rule 15.3; audit-logged; a retry answers the first result)', body: deleteMembershipRequest, response: deleteMembershipResponse, errors: [404, 409] }),
};
