import type { AuthLookups } from '../commons/http';
import { checkStaffSession, staffSessionGate } from '../features/staff/staff-accounts';
import { assertRegisterExists } from '../features/staff/stores';

/** The staff feature answers authentication's look-ups for the groups with staff and register routes. */
export const staffLookups: AuthLookups = { staffAccount: checkStaffSession, sessionGate: staffSessionGate, assertRegister: assertRegisterExists };
