import type { RouteResponse } from '../../../../shared/routes';
import type { DayRange } from '../../components/days';
import { useLoad } from '../../components/useLoad';
import { api } from '../../shell/api';

export type LiabilityDays = RouteResponse<'pointsLiabilityDays'>;
export type LiabilityDayRow = LiabilityDays['rows'][number];
export type LiabilityStores = RouteResponse<'pointsLiabilityStores'>;
export type LiabilityStoreRow = LiabilityStores['rows'][number];
export type StoreList = RouteResponse<'listStores'>['items'];

/** The chain's liability per day for a range (null: the range is not valid, nothing is asked). */
export function useLiabilityDays(range: DayRange | null) {
  return useLoad(range ? `days:${range.from}:${range.to}` : null, () => api.call('pointsLiabilityDays', { query: { from: range!.from, to: range!.to } }));
}

/** Points moved per store and day; only asked for while its tab is open. */
export function useLiabilityStores(range: DayRange | null, storeId: string | undefined, active: boolean) {
  return useLoad(active && range ? `stores:${range.from}:${range.to}:${storeId ?? ''}` : null, () =>
    api.call('pointsLiabilityStores', { query: { from: range!.from, to: range!.to, storeId } }),
  );
}

/** The stores the account may see (the API limits the list to its scope). */
export function useStores(active = true) {
  return useLoad(active ? 'stores' : null, () => api.call('listStores'));
}
