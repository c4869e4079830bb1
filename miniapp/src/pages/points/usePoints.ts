import { useCallback, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import type { RouteResponse } from '@shared/routes';
import { api, errorMessage } from '../../services/api';
import { useCursorList } from '../../services/cursor-list';
import { ensureMember } from '../../services/member-guard';
import { cachedPointsRules, loadPointsRules } from '../../services/points-rules';
import { pages } from '../../utils/links';

type Summary = RouteResponse<'myPoints'>;
export type LedgerEntry = RouteResponse<'myPointsHistory'>['items'][number];
type SignInResult = RouteResponse<'signIn'>;

const PAGE_SIZE = 20;

/** The points page's data: the summary (balances, expiry, sign-in), the paged ledger, and the daily sign-in. */
export function usePoints() {
  const [summary, setSummary] = useState<Summary>();
  const [error, setError] = useState<string>();
  const [signingIn, setSigningIn] = useState(false);
  const [rules, setRules] = useState(cachedPointsRules);
  const history = useCursorList(
    (cursor) => api.call('myPointsHistory', { query: { cursor, limit: PAGE_SIZE } }),
    (entry: LedgerEntry) => String(entry.seq),
  );
  const reloadHistory = history.reload;

  const loadSummary = useCallback(async () => {
    try {
      setSummary(await api.call('myPoints'));
      setError(undefined);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, []);

  const refresh = useCallback(() => Promise.all([loadSummary(), reloadHistory()]), [loadSummary, reloadHistory]);

  useDidShow(() => {
    if (!ensureMember(pages.points)) return;
    refresh();
    // Only for "worth about ¥…": the page works without it.
    loadPointsRules().then(setRules, () => undefined);
  });
  useReachBottom(() => {
    history.loadMore();
  });
  usePullDownRefresh(() => {
    refresh().finally(() => Taro.stopPullDownRefresh());
  });

  /** Signs in for today; the answer says how many points it gave (or that today was already done). */
  const signIn = useCallback(async (): Promise<SignInResult | undefined> => {
    if (signingIn) return undefined;
    setSigningIn(true);
    try {
      const res = await api.call('signIn');
      // Show the new balance and streak at once; the refresh below brings the ledger and strip up to date.
      setSummary((s) => (s ? { ...s, available: res.balance, signIn: { ...s.signIn, signedInToday: true, streak: res.streak } } : s));
      await refresh();
      return res;
    } finally {
      setSigningIn(false);
    }
  }, [signingIn, refresh]);

  return { summary, error, rules, history, signIn, signingIn, refresh };
}
