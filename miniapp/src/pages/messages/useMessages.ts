import { useCallback, useRef, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import type { RouteResponse } from '@shared/routes';
import { api, errorMessage } from '../../services/api';
import { useCursorList } from '../../services/cursor-list';
import { ensureMember } from '../../services/member-guard';
import { pages } from '../../utils/links';

export type Message = RouteResponse<'myMessages'>['items'][number];

const PAGE_SIZE = 20;

/**
 * The message centre's data: the member's messages, newest first, page by page, the unread count (every page says
 * it) and "mark all read". Marking is shown at once on the messages on screen; the list is then read again, so a
 * message that arrived meanwhile (still unread on the server) shows as unread.
 */
export function useMessages() {
  const [unread, setUnread] = useState(0);
  const [markedRead, setMarkedRead] = useState<ReadonlySet<string>>(new Set());
  const [markingRead, setMarkingRead] = useState(false);
  const [markError, setMarkError] = useState<string>();
  const marking = useRef(false);
  const list = useCursorList(
    (cursor) =>
      api.call('myMessages', { query: { cursor, limit: PAGE_SIZE } }).then((page) => {
        setUnread(page.unread);
        return page;
      }),
    (m: Message) => m.messageId,
  );
  const { reload, items } = list;

  useDidShow(() => {
    if (ensureMember(pages.messages)) reload();
  });
  useReachBottom(() => {
    list.loadMore();
  });
  usePullDownRefresh(() => {
    reload().finally(() => Taro.stopPullDownRefresh());
  });

  const readAll = useCallback(async (): Promise<boolean> => {
    if (marking.current) return false;
    marking.current = true;
    setMarkingRead(true);
    setMarkError(undefined);
    try {
      const res = await api.call('readAllMessages');
      setMarkedRead(new Set(items.map((m) => m.messageId)));
      setUnread(res.unread);
      await reload();
      return true;
    } catch (err) {
      setMarkError(errorMessage(err));
      return false;
    } finally {
      marking.current = false;
      setMarkingRead(false);
    }
  }, [items, reload]);

  const isRead = (m: Message) => m.read || markedRead.has(m.messageId);
  return { list, unread, isRead, readAll, markingRead, markError };
}
