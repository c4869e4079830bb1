import type { RouteResponse } from '../../../../shared/routes';
import type { StaffGrant } from '../../../../shared/roles';
import { useLoad } from '../../components/useLoad';
import { api } from '../../shell/api';
import { useSession } from '../../shell/session';

export type StaffAccount = RouteResponse<'listStaff'>['items'][number];
export type Store = RouteResponse<'listStores'>['items'][number];

export const useStaffList = () => useLoad('staff', () => api.call('listStaff'));
export const useStoreList = () => useLoad('stores', () => api.call('listStores'));

/** The signed-in account's own grant: the bound on what it may hand out. */
export function useActorGrant(): StaffGrant | null {
  const session = useSession();
  if (!session) return null;
  const { role, scope, canRevealPhone } = session.staff;
  return { role, scope, canRevealPhone };
}
