import type { staffRoutes as routes } from '../../../shared/features/staff/routes';
import type { FeatureImpls, StaffPrincipal } from '../../commons/http';
import { actorOf } from '../../commons/audit';
import { viewScope } from '../../commons/principals';
import { listAudit } from './audit-log';
import { createStaff, getStaffProfile, listStaff, signInStaff, signOutStaff, updateStaff, type StaffActor } from './staff-accounts';
import { createRegister, createStore, listStores, registerJoinCode, revealRegisterKey } from './stores';

type Routes = typeof routes;
const staffActorOf = (p: StaffPrincipal): StaffActor => ({ ...actorOf(p), canRevealPhone: p.rev });

export const publicRoutes: FeatureImpls<Routes, 'public'> = {
  staffLogin: async ({ config, body, sourceIp }) => signInStaff(config, body, sourceIp),
};

/** The route table declares which roles reach each route and what bounds its target by scope; the services enforce it. */
export const staffRoutes: FeatureImpls<Routes, 'staff'> = {
  staffMe: async ({ config, principal }) => getStaffProfile(config.tableName, principal),
  listStores: async ({ config, principal }) => listStores(config.tableName, viewScope(principal)),
  createRegister: async ({ config, principal, params, body }) => createRegister(config.tableName, actorOf(principal), principal.scope, params.storeId, body),
  registerJoinCode: async ({ config, principal, params }) => registerJoinCode(config.tableName, principal, params.storeId, params.registerId),
  registerApiKey: async ({ config, principal, params }) => revealRegisterKey(config.tableName, config.keys.integration, actorOf(principal), params.storeId, params.registerId),
  listStaff: async ({ config, principal }) => listStaff(config.tableName, principal.scope),
  createStaff: async ({ config, principal, body }) => createStaff(config.tableName, staffActorOf(principal), body),
  updateStaff: async ({ config, principal, params, body }) => updateStaff(config.tableName, staffActorOf(principal), params.username, body),
  signOutStaff: async ({ config, principal, params }) => signOutStaff(config.tableName, staffActorOf(principal), params.username),
  auditLog: async ({ config, principal, query }) => listAudit(config, principal.scope, query),
  createStore: async ({ config, principal, body }) => createStore(config.tableName, actorOf(principal), body),
};
