import { useCallback, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { ErrorCode } from '@shared/errors';
import type { MemberCard } from '@shared/features/members/schemas';
import { ApiError, api, errorMessage } from '../../services/api';
import { shopperSession } from '../../services/session';
import { useRotatingCode } from '../../services/rotating-code';
import { pages } from '../../utils/links';

export type CardState =
  | { kind: 'loading' }
  | { kind: 'welcome' }
  | { kind: 'member'; card: MemberCard }
  | { kind: 'error'; message: string };

const notAMember = (err: unknown) =>
  err instanceof ApiError && (err.code === ErrorCode.NOT_A_MEMBER || (err.status === 403 && err.code === ErrorCode.FORBIDDEN));

/** The home page's data: welcome for a visitor, join for a shopper who has not joined, the card for a member. */
export function useCard() {
  const [state, setState] = useState<CardState>({ kind: 'loading' });

  const load = useCallback(async () => {
    if (!shopperSession.token()) {
      setState({ kind: 'welcome' });
      return;
    }
    if (!shopperSession.memberId()) {
      Taro.redirectTo({ url: pages.join });
      return;
    }
    try {
      const card = await api.call('myCard');
      setState({ kind: 'member', card });
    } catch (err) {
      if (notAMember(err)) {
        Taro.redirectTo({ url: pages.join });
        return;
      }
      if (!shopperSession.token()) {
        setState({ kind: 'welcome' });
        return;
      }
      setState((s) => (s.kind === 'member' ? s : { kind: 'error', message: errorMessage(err) }));
    }
  }, []);

  useDidShow(() => {
    load();
  });

  const signOut = useCallback(() => {
    shopperSession.clear();
    setState({ kind: 'welcome' });
  }, []);

  return { state, reload: load, signOut };
}

/** The rotating member code (services/rotating-code.ts: refreshed before it expires, dimmed when offline). */
export function useMemberCode(active: boolean) {
  return useRotatingCode(fetchMemberCode, active);
}
const fetchMemberCode = () => api.call('myCode');
