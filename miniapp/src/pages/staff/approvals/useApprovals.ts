import { useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import type { RouteResponse } from '@shared/routes';
import type { TierCode } from '@shared/settings';
import { ApiError, errorMessage, staffApi } from '../../../services/api';
import { cachedPointsRules, loadPointsRules } from '../../../services/points-rules';
import { useStaffTool } from '../../../services/staff-guard';
import { pages } from '../../../utils/links';

export type Approval = RouteResponse<'tierApprovals'>['items'][number];
export type Decision = 'approve' | 'reject';
/** How a decision ended: done, or someone else had already decided (the row leaves the list either way). */
export type DecisionOutcome = 'done' | 'alreadyDecided';

/** Ops' tier approval queue (等级审核): members who reached a reviewed tier, oldest first, and the decision on each. */
export function useApprovals() {
  const [items, setItems] = useState<Approval[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState<string>();
  // Tier names come with the public rules; the queue itself only has codes.
  const [rules, setRules] = useState(cachedPointsRules);

  async function reload() {
    setLoading(true);
    try {
      const res = await staffApi.call('tierApprovals');
      setItems([...res.items].sort((a, b) => a.requestedAt.localeCompare(b.requestedAt)));
      setError(undefined);
      setLoaded(true);
    } catch (err) {
      if (!guard.forbiddenBy(err)) setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }

  const guard = useStaffTool('approvals', pages.staffApprovals, () => {
    reload();
    loadPointsRules().then(setRules, () => undefined);
  });

  usePullDownRefresh(() => {
    (guard.state === 'ok' ? reload() : Promise.resolve()).finally(() => Taro.stopPullDownRefresh());
  });

  const tierName = (code: TierCode) => rules?.tiers.find((tier) => tier.code === code)?.name;

  /** Sends the decision; the row leaves the list when it is decided (by us or, as a 404 says, by someone else). */
  async function decide(memberId: string, decision: Decision): Promise<DecisionOutcome | undefined> {
    if (busy) return undefined;
    setBusy(memberId);
    setError(undefined);
    try {
      await staffApi.call('decideTierApproval', { params: { memberId }, body: { decision } });
      setItems((list) => list.filter((a) => a.memberId !== memberId));
      return 'done';
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) {
        setItems((list) => list.filter((a) => a.memberId !== memberId));
        return 'alreadyDecided';
      }
      if (!guard.forbiddenBy(err)) setError(errorMessage(err));
      return undefined;
    } finally {
      setBusy(undefined);
    }
  }

  return { guard, items, loaded, loading, error, busy, tierName, decide, reload };
}
