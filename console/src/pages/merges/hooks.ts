import type { RouteResponse } from '../../../../shared/routes';
import { useQueue } from '../../components/useQueue';
import { api } from '../../shell/api';

export type MergeRequest = RouteResponse<'listMergeRequests'>['items'][number];

/** The open merge requests in the account's scope. */
export function useMergeQueue() {
  const { items, setItems, loading, error, reload } = useQueue(async () => (await api.call('listMergeRequests')).items);
  /** The request as the server answered it replaces the listed one (an open queue drops it). */
  const replace = (updated: MergeRequest) =>
    setItems((prev) => (updated.status === 'open' ? prev.map((m) => (m.mergeId === updated.mergeId ? updated : m)) : prev.filter((m) => m.mergeId !== updated.mergeId)));
  return { items, loading, error, reload, replace };
}

export const rejectMerge = (mergeId: string, note: string) => api.call('rejectMerge', { params: { mergeId }, body: { note } });
