import { useCallback, useRef, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import type { RouteResponse } from '@shared/routes';
import { api } from '../../services/api';
import { useCursorList } from '../../services/cursor-list';
import { ensureMember } from '../../services/member-guard';
import { isCouponTab, type CouponTab } from '../../utils/coupons';
import { pages, withQuery } from '../../utils/links';

export type MyCoupon = RouteResponse<'myCoupons'>['items'][number];

/**
 * My coupons in three tabs: usable (usable first, then not yet valid, soonest-expiring first: the API's order), used,
 * expired or revoked; the used and expired tabs page with the API's cursor. The usable count comes with every page.
 */
export function useMyCoupons() {
  const router = useRouter();
  const [tab, setTab] = useState<CouponTab>(() => (isCouponTab(router.params.tab) ? router.params.tab : 'usable'));
  const [usable, setUsable] = useState<number>();
  const tabRef = useRef(tab);
  tabRef.current = tab;
  const list = useCursorList(
    async (cursor) => {
      const page = await api.call('myCoupons', { query: { view: tabRef.current, cursor } });
      setUsable(page.usable);
      return page;
    },
    (c: MyCoupon) => c.grantId,
  );
  const reload = list.reload;

  useDidShow(() => {
    if (ensureMember(withQuery(pages.coupons, { tab: tabRef.current }))) reload();
  });
  useReachBottom(() => {
    list.loadMore();
  });
  usePullDownRefresh(() => {
    reload().finally(() => Taro.stopPullDownRefresh());
  });

  const choose = useCallback(
    (next: CouponTab) => {
      if (next === tabRef.current) return;
      tabRef.current = next;
      setTab(next);
      reload();
    },
    [reload],
  );

  return { tab, choose, usable, list };
}
