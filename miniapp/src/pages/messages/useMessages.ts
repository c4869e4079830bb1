import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import type { RouteResponse } from '@shared/routes';
import { api } from '../../services/api';
import { useCursorList } from '../../services/cursor-list';
import { ensureMember } from '../../services/member-guard';
import { pages } from '../../utils/links';

export type Message = RouteResponse<'myMessages'>['items'][number];

const PAGE_SIZE = 20;

/** The message centre's data: the member's messages, newest first, page by page. */
export function useMessages() {
  const list = useCursorList(
    (cursor) => api.call('myMessages', { query: { cursor, limit: PAGE_SIZE } }),
    (m: Message) => m.messageId,
  );
  useDidShow(() => {
    if (ensureMember(pages.messages)) list.reload();
  });
  useReachBottom(() => {
    list.loadMore();
  });
  usePullDownRefresh(() => {
    list.reload().finally(() => Taro.stopPullDownRefresh());
  });
  return list;
}
