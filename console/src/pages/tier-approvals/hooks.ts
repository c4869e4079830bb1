import { useCallback, useEffect, useRef, useState } from 'react';
import type { RouteResponse } from '../../../../shared/routes';
import { api, errorMessage } from '../../shell/api';

export type TierApproval = RouteResponse<'tierApprovals'>['items'][number];
export type TierNames = Partial<Record<TierApproval['tier'], { zh: string; en: string }>>;

/** The approval queue, and the tiers' names from the settings (a queue without them still works: codes show). */
export function useTierApprovals() {
  const [items, setItems] = useState<TierApproval[]>([]);
  const [names, setNames] = useState<TierNames>({});
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);
  const reload = useCallback(async () => {
    const mine = ++seq.current;
    setLoading(true);
    setError(null);
    const settings = api.call('getSettings').then(
      (s) => Object.fromEntries(s.settings.tiers.map((t) => [t.code, t.name])) as TierNames,
      () => null,
    );
    try {
      const res = await api.call('tierApprovals');
      if (mine !== seq.current) return;
      setItems(res.items);
    } catch (err) {
      if (mine === seq.current) setError(errorMessage(err));
    } finally {
      if (mine === seq.current) setLoading(false);
    }
    const n = await settings;
    if (n && mine === seq.current) setNames(n);
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  const remove = (memberId: string) => setItems((prev) => prev.filter((i) => i.memberId !== memberId));
  return { items, names, loading, error, reload, remove };
}

export const decideTierApproval = (memberId: string, decision: 'approve' | 'reject', note: string) =>
  api.call('decideTierApproval', { params: { memberId }, body: { decision, ...(note.trim() ? { note: note.trim() } : {}) } });
