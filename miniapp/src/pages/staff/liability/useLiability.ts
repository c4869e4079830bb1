import { useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import type { RouteResponse } from '@shared/routes';
import { errorMessage, staffApi } from '../../../services/api';
import { useStaffTool } from '../../../services/staff-guard';
import { pages } from '../../../utils/links';

type Report = RouteResponse<'pointsLiability'>;

/** 积分负债 (finance, ops): the points members hold and their face value, read fresh each time the page shows. */
export function useLiability() {
  const [report, setReport] = useState<Report>();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string>();

  async function reload() {
    setLoading(true);
    try {
      setReport(await staffApi.call('pointsLiability'));
      setError(undefined);
    } catch (err) {
      if (!guard.forbiddenBy(err)) setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }

  const guard = useStaffTool('liability', pages.staffLiability, () => {
    reload();
  });

  usePullDownRefresh(() => {
    (guard.state === 'ok' ? reload() : Promise.resolve()).finally(() => Taro.stopPullDownRefresh());
  });

  return { guard, report, loading, error, reload };
}
