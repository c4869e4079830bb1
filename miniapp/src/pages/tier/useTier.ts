import { useCallback, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import type { RouteResponse } from '@shared/routes';
import { api, errorMessage } from '../../services/api';
import { ensureMember } from '../../services/member-guard';
import { pages } from '../../utils/links';

export type TierStatus = RouteResponse<'myTier'>;

/** The tier page's data: the member's tier, growth, progress to the next tier and every tier's benefits. */
export function useTier() {
  const [status, setStatus] = useState<TierStatus>();
  const [error, setError] = useState<string>();

  const load = useCallback(async () => {
    try {
      setStatus(await api.call('myTier'));
      setError(undefined);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, []);

  useDidShow(() => {
    if (ensureMember(pages.tier)) load();
  });
  usePullDownRefresh(() => {
    load().finally(() => Taro.stopPullDownRefresh());
  });

  return { status, error, reload: load };
}
