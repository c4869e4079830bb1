import { useCallback, useRef, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import type { RouteResponse } from '@shared/routes';
import { ApiError, api, errorMessage, isNetworkError } from '../../../services/api';
import { ensureMember } from '../../../services/member-guard';
import { afterRefusal, ClaimKeys, claimRefusalKey, claimWithRetry } from '../../../utils/coupons';
import { pages } from '../../../utils/links';
import type { MessageKey } from '../../../i18n';

export type CentreItem = RouteResponse<'couponCentre'>['items'][number];
export type ClaimOutcome = { ok: true } | { ok: false; key: MessageKey | null; message: string };

/**
 * The coupon centre: the templates the member may claim, and claiming one. Each tap is one intent with a fresh
 * once-only key; a claim the network lost is sent again with that same key (automatically, and on the next tap), so
 * the shopper never gets two coupons for one tap. Any answer from the API ends the intent.
 */
export function useCentre() {
  const [items, setItems] = useState<CentreItem[]>();
  const [error, setError] = useState<string>();
  const [claiming, setClaiming] = useState<string>();
  // Per template, the key of a claim whose answer never came (the next tap retries it).
  const keys = useRef(new ClaimKeys());
  const busy = useRef(false);

  const load = useCallback(async () => {
    try {
      setItems((await api.call('couponCentre')).items);
      setError(undefined);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, []);

  useDidShow(() => {
    if (ensureMember(pages.couponCentre)) load();
  });
  usePullDownRefresh(() => {
    load().finally(() => Taro.stopPullDownRefresh());
  });

  const claim = useCallback(
    async (templateId: string): Promise<ClaimOutcome | undefined> => {
      if (busy.current) return undefined;
      busy.current = true;
      setClaiming(templateId);
      const key = keys.current.take(templateId);
      try {
        await claimWithRetry((idempotencyKey) => api.call('claimCoupon', { body: { templateId, idempotencyKey } }), key, isNetworkError);
        keys.current.settle(templateId, true);
        // The claim is counted at once; the centre read again brings the stock bar up to date.
        setItems((xs) => xs?.map((x) => (x.templateId === templateId ? { ...x, received: x.received + 1 } : x)));
        load();
        return { ok: true };
      } catch (err) {
        keys.current.settle(templateId, !isNetworkError(err));
        const code = err instanceof ApiError ? err.code : undefined;
        setItems((xs) => xs?.map((x) => (x.templateId === templateId ? afterRefusal(x, code) : x)));
        // Refused: the stock and counts on screen were stale; read them again.
        if (!isNetworkError(err)) load();
        return { ok: false, key: claimRefusalKey(code), message: errorMessage(err) };
      } finally {
        busy.current = false;
        setClaiming(undefined);
      }
    },
    [load],
  );

  return { items, error, reload: load, claim, claiming };
}
