import { useCallback, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { errorMessage } from '../../services/api';
import { cachedPointsRules, loadPointsRules, type PointsRules } from '../../services/points-rules';

/** The rules page's data: the chain's points and tier rules (public: no sign-in needed). */
export function useRules() {
  const [rules, setRules] = useState<PointsRules | undefined>(cachedPointsRules);
  const [error, setError] = useState<string>();

  const load = useCallback(async (force = false) => {
    try {
      setRules(await loadPointsRules(force));
      setError(undefined);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, []);

  useDidShow(() => {
    load();
  });
  usePullDownRefresh(() => {
    load(true).finally(() => Taro.stopPullDownRefresh());
  });

  return { rules, error, reload: () => load(true) };
}
