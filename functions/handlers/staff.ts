import { routeGroupHandler } from '../commons/http';
import { actorOf } from '../commons/audit';
import { listAudit } from '../services/audit-log';
import { getMemberForStaff, listOpenMerges, revealPhone } from '../services/members';
import { loadSettings, saveSettings } from '../services/settings';
import { adjustPoints, decideTierApproval, listTierApprovals, pointsLiability } from '../services/points';
import { createStaff, getStaffProfile, listStaff, updateStaff } from '../services/staff-accounts';
import { createRegister, listStores, registerJoinCode, revealRegisterKey } from '../services/stores';

/** Lambda for the staff pages; the route table declares which roles reach each route. */
export const handler = routeGroupHandler('staff', {
  staffMe: async ({ config, principal }) => getStaffProfile(config.tableName, principal),
  listStores: async ({ config, principal }) =>
    listStores(config.tableName, principal.reg ? { level: 'store', storeId: principal.reg.storeId } : principal.scope),
  createRegister: async ({ config, principal, params, body }) => createRegister(config.tableName, actorOf(principal), principal.scope, params.storeId, body),
  registerJoinCode: async ({ config, principal, params }) => registerJoinCode(config.tableName, principal, params.storeId, params.registerId),
  registerApiKey: async ({ config, principal, params }) => revealRegisterKey(config.tableName, config.keys.integration, actorOf(principal), params.storeId, params.registerId),
  getMember: async ({ config, params }) => getMemberForStaff(config, params.memberId),
  revealPhone: async ({ config, principal, params }) => revealPhone(config, principal, params.memberId),
  listMergeRequests: async ({ config }) => listOpenMerges(config.tableName),
  listStaff: async ({ config }) => listStaff(config.tableName),
  createStaff: async ({ config, principal, body }) => createStaff(config.tableName, actorOf(principal), body),
  updateStaff: async ({ config, principal, params, body }) => updateStaff(config.tableName, actorOf(principal), params.username, body),
  auditLog: async ({ config, query }) => listAudit(config.tableName, query),
  adjustPoints: async ({ config, principal, params, body }) => adjustPoints(config, principal, params.memberId, body),
  tierApprovals: async ({ config }) => listTierApprovals(config),
  decideTierApproval: async ({ config, principal, params, body }) => decideTierApproval(config, principal, params.memberId, body.decision, body.note),
  pointsLiability: async ({ config }) => pointsLiability(config),
  getSettings: async ({ config }) => loadSettings(config.tableName, { fresh: true }),
  updateSettings: async ({ config, principal, body }) => saveSettings(config.tableName, actorOf(principal), body.settings, body.version),
});
