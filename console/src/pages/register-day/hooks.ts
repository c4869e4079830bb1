import { useLoad } from '../../components/useLoad';
import { api } from '../../shell/api';

export function useRegisterDay(day: string, storeId: string | undefined) {
  return useLoad(`registers:${day}:${storeId ?? ''}`, () => api.call('registerDayReport', { query: { day, storeId } }));
}
export const useStores = () => useLoad('stores', () => api.call('listStores'));
