import * as z from 'zod';
import { route, pub, staff } from '../../route-def';
import { auditListResponse, auditQuery, createRegisterRequest, createStoreRequest, storeSchema, createStaffRequest, joinCodeResponse, registerSchema, staffAccountSchema, staffListResponse, staffLoginRequest, staffProfileSchema, staffSessionResponse, staffSignOutResponse, storeListResponse, updateStaffRequest } from './schemas';
import { registerParams, storeIdParams, usernameParams } from '../../schemas';

/** Staff accounts and sessions, stores and registers, the audit log. */
export const staffRoutes = {
  staffLogin: route({ method: 'POST', path: '/staff/login', group: 'public', auth: pub, summary: 'Staff sign-in; cashiers name their register', body: staffLoginRequest, response: staffSessionResponse, errors: [401, 403, 429] }),
  staffMe: route({ method: 'GET', path: '/staff/me', group: 'staff', auth: staff('admin', 'ops', 'finance', 'service', 'cashier'), scope: 'none', summary: 'The signed-in staff account', response: staffProfileSchema, errors: [404] }),
  listStores: route({ method: 'GET', path: '/staff/stores', group: 'staff', auth: staff('admin', 'ops', 'finance', 'service', 'cashier'), scope: 'list', summary: 'Stores and registers within the caller’s scope', response: storeListResponse }),
  createStore: route({ method: 'POST', path: '/staff/stores', group: 'staff', auth: staff('admin'), audited: true, scope: 'chain', summary: 'Open a store (chain-scoped admins)', body: createStoreRequest, response: storeSchema, status: 201, errors: [409] }),
  createRegister: route({ method: 'POST', path: '/staff/stores/{storeId}/registers', group: 'staff', auth: staff('admin', 'ops'), audited: true, scope: 'store', summary: 'Add a register (with its join QR scene) to a store', params: storeIdParams, body: createRegisterRequest, response: registerSchema, status: 201, errors: [404, 409] }),
  registerJoinCode: route({ method: 'GET', path: '/staff/stores/{storeId}/registers/{registerId}/join-code', group: 'staff', auth: staff('admin', 'ops', 'cashier'), scope: 'store', summary: 'A register’s scan-to-join QR scene', params: registerParams, response: joinCodeResponse, errors: [404] }),
  registerApiKey: route({ method: 'POST', path: '/staff/stores/{storeId}/registers/{registerId}/api-key', group: 'staff', auth: staff('admin'), audited: true, scope: 'store', summary: 'The register’s signing key, to configure a register that posts sales without a cashier session (audit-logged)', params: registerParams, response: z.object({ storeId: z.string(), registerId: z.string(), key: z.string(), signing: z.string() }), errors: [404] }),
  listStaff: route({ method: 'GET', path: '/staff/accounts', group: 'staff', auth: staff('admin'), scope: 'list', summary: 'Staff accounts', response: staffListResponse }),
  createStaff: route({ method: 'POST', path: '/staff/accounts', group: 'staff', auth: staff('admin'), audited: true, scope: 'account', summary: 'Create a staff account', body: createStaffRequest, response: staffAccountSchema, status: 201, errors: [409] }),
  updateStaff: route({ method: 'PATCH', path: '/staff/accounts/{username}', group: 'staff', auth: staff('admin'), audited: true, scope: 'account', summary: 'Change a staff account (role, scope, disable, password)', params: usernameParams, body: updateStaffRequest, response: staffAccountSchema, errors: [404, 409] }),
  signOutStaff: route({ method: 'POST', path: '/staff/accounts/{username}/sign-out', group: 'staff', auth: staff('admin'), audited: true, scope: 'account', summary: 'End every session of a staff account (forced sign-out; audit-logged)', params: usernameParams, response: staffSignOutResponse, errors: [404, 409] }),
  auditLog: route({ method: 'GET', path: '/staff/audit', group: 'staff', auth: staff('admin'), scope: 'list', summary: 'Audit log by day, actor or target, optionally one action', query: auditQuery, response: auditListResponse }),
};
