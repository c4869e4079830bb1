import { ErrorCode } from '../../shared/errors';
import { routeGroupHandler, type StaffPrincipal } from '../commons/http';
import { actorOf } from '../commons/audit';
import { forbidden, msg } from '../commons/errors';
import { listAudit } from '../services/audit-log';
import { getMemberForStaff, listOpenMerges, revealPhone } from '../services/members';
import { loadSettings, saveSettings } from '../services/settings';
import { adjustPoints, decideTierApproval, listTierApprovals, pointsLiability } from '../services/points';
import { createStaff, getStaffProfile, listStaff, signOutStaff, updateStaff, type StaffActor } from '../services/staff-accounts';
import { createRegister, listStores, registerJoinCode, revealRegisterKey } from '../services/stores';

/**
 * Lambda for the staff pages; the route table declares which roles reach each route and what bounds its
 * target by the caller's scope (`routeScopes`); the services enforce the scope.
 */
const staffActorOf = (p: StaffPrincipal): StaffActor => ({ ...actorOf(p), canRevealPhone: p.rev });
/** A cashier's view is their register's store, whatever their account's scope says. */
const viewScope = (p: StaffPrincipal) => (p.reg ? ({ level: 'store', storeId: p.reg.storeId } as const) : p.scope);

function assertChainScoped(p: StaffPrincipal) {
  if (p.scope.level !== 'chain') throw forbidden(msg('只有总部账号可以修改连锁设置', 'Only chain-scoped accounts may change chain settings'), ErrorCode.OUT_OF_SCOPE);
}

export const handler = routeGroupHandler('staff', {
  staffMe: async ({ config, principal }) => getStaffProfile(config.tableName, principal),
  listStores: async ({ config, principal }) => listStores(config.tableName, viewScope(principal)),
  createRegister: async ({ config, principal, params, body }) => createRegister(config.tableName, actorOf(principal), principal.scope, params.storeId, body),
  registerJoinCode: async ({ config, principal, params }) => registerJoinCode(config.tableName, principal, params.storeId, params.registerId),
  registerApiKey: async ({ config, principal, params }) => revealRegisterKey(config.tableName, config.keys.integration, actorOf(principal), params.storeId, params.registerId),
  getMember: async ({ config, params }) => getMemberForStaff(config, params.memberId),
  revealPhone: async ({ config, principal, params }) => revealPhone(config, principal, params.memberId),
  listMergeRequests: async ({ config, principal }) => listOpenMerges(config.tableName, viewScope(principal)),
  listStaff: async ({ config, principal }) => listStaff(config.tableName, principal.scope),
  createStaff: async ({ config, principal, body }) => createStaff(config.tableName, staffActorOf(principal), body),
  updateStaff: async ({ config, principal, params, body }) => updateStaff(config.tableName, staffActorOf(principal), params.username, body),
  signOutStaff: async ({ config, principal, params }) => signOutStaff(config.tableName, staffActorOf(principal), params.username),
  auditLog: async ({ config, principal, query }) => listAudit(config, principal.scope, query),
  adjustPoints: async ({ config, principal, params, body }) => adjustPoints(config, principal, params.memberId, body),
  tierApprovals: async ({ config, principal }) => listTierApprovals(config, principal),
  decideTierApproval: async ({ config, principal, params, body }) => decideTierApproval(config, principal, params.memberId, body.decision, body.note),
  pointsLiability: async ({ config, principal }) => pointsLiability(config, principal),
  getSettings: async ({ config }) => loadSettings(config.tableName, { fresh: true }),
  updateSettings: async ({ config, principal, body }) => {
    assertChainScoped(principal);
    return saveSettings(config.tableName, actorOf(principal), body.settings);
  },
});
