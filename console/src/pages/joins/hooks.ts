import type { RouteResponse } from '../../../../shared/routes';
import type { DayRange } from '../../components/days';
import { useLoad } from '../../components/useLoad';
import { api } from '../../shell/api';

export type JoinStats = RouteResponse<'joinStats'>;
export type JoinRow = JoinStats['rows'][number];
export type JoinAlert = JoinStats['alerts'][number];

export function useJoinStats(range: DayRange | null, storeId: string | undefined) {
  return useLoad(range ? `joins:${range.from}:${range.to}:${storeId ?? ''}` : null, () => api.call('joinStats', { query: { from: range!.from, to: range!.to, storeId } }));
}
export const useStores = () => useLoad('stores', () => api.call('listStores'));

/** A weekday average as people read it: 7, 7.5, 7.25 (the average of 4 weeks has at most two decimals). */
export const formatAverage = (n: number): string => String(Math.round(n * 100) / 100);
