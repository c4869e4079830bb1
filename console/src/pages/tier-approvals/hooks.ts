import { useState } from 'react';
import type { RouteResponse } from '../../../../shared/routes';
import { useQueue } from '../../components/useQueue';
import { api } from '../../shell/api';

export type TierApproval = RouteResponse<'tierApprovals'>['items'][number];
export type TierNames = Partial<Record<TierApproval['tier'], { zh: string; en: string }>>;

/** The approval queue, and the tiers' names from the settings (a queue without them still works: codes show). */
export function useTierApprovals() {
  const [names, setNames] = useState<TierNames>({});
  const { items, setItems, loading, error, reload } = useQueue(async (isCurrent) => {
    // The names come beside the queue; a queue read that fails still shows them.
    void api.call('getSettings').then(
      (s) => isCurrent() && setNames(Object.fromEntries(s.settings.tiers.map((t) => [t.code, t.name])) as TierNames),
      () => undefined,
    );
    return (await api.call('tierApprovals')).items;
  });
  const remove = (memberId: string) => setItems((prev) => prev.filter((i) => i.memberId !== memberId));
  return { items, names, loading, error, reload, remove };
}

export const decideTierApproval = (memberId: string, decision: 'approve' | 'reject', note: string) =>
  api.call('decideTierApproval', { params: { memberId }, body: { decision, ...(note.trim() ? { note: note.trim() } : {}) } });
