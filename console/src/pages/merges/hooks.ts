import { useCallback, useEffect, useRef, useState } from 'react';
import type { RouteResponse } from '../../../../shared/routes';
import { api, errorMessage } from '../../shell/api';

export type MergeRequest = RouteResponse<'listMergeRequests'>['items'][number];

/** The open merge requests in the account's scope. */
export function useMergeQueue() {
  const [items, setItems] = useState<MergeRequest[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);
  const reload = useCallback(async () => {
    const mine = ++seq.current;
    setLoading(true);
    setError(null);
    try {
      const res = await api.call('listMergeRequests');
      if (mine === seq.current) setItems(res.items);
    } catch (err) {
      if (mine === seq.current) setError(errorMessage(err));
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  /** The request as the server answered it replaces the listed one (an open queue drops it). */
  const replace = (updated: MergeRequest) =>
    setItems((prev) => (updated.status === 'open' ? prev.map((m) => (m.mergeId === updated.mergeId ? updated : m)) : prev.filter((m) => m.mergeId !== updated.mergeId)));
  return { items, loading, error, reload, replace };
}

export const rejectMerge = (mergeId: string, note: string) => api.call('rejectMerge', { params: { mergeId }, body: { note } });
