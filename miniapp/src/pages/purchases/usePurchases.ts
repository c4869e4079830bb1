import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import type { RouteResponse } from '@shared/routes';
import { api } from '../../services/api';
import { useCursorList } from '../../services/cursor-list';
import { ensureMember } from '../../services/member-guard';
import { pages } from '../../utils/links';
import { purchaseKey } from '../../utils/purchases';

export type Purchase = RouteResponse<'myPurchases'>['items'][number];

const PAGE_SIZE = 20;

/** The purchases page's data: the member's sales and returns, newest first, page by page. */
export function usePurchases() {
  const list = useCursorList((cursor) => api.call('myPurchases', { query: { cursor, limit: PAGE_SIZE } }), purchaseKey);
  useDidShow(() => {
    if (ensureMember(pages.purchases)) list.reload();
  });
  useReachBottom(() => {
    list.loadMore();
  });
  usePullDownRefresh(() => {
    list.reload().finally(() => Taro.stopPullDownRefresh());
  });
  return list;
}
