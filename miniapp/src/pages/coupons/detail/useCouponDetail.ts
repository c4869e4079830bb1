import { useCallback, useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { ErrorCode } from '@shared/errors';
import type { RouteResponse } from '@shared/routes';
import { ApiError, api, errorMessage } from '../../../services/api';
import { ensureMember } from '../../../services/member-guard';
import { useRotatingCode } from '../../../services/rotating-code';
import { couponDetailPath } from '../../../utils/links';

export type CouponDetail = RouteResponse<'myCoupon'>;

/** One of my coupons, read each time the page shows (it may have been used at the till meanwhile). */
export function useCouponDetail(grantId: string | undefined) {
  const [coupon, setCoupon] = useState<CouponDetail>();
  const [error, setError] = useState<string>();
  const [missing, setMissing] = useState(false);

  const load = useCallback(async () => {
    if (!grantId) return;
    try {
      setCoupon(await api.call('myCoupon', { params: { grantId } }));
      setError(undefined);
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) setMissing(true);
      setError(errorMessage(err));
    }
  }, [grantId]);

  useDidShow(() => {
    if (grantId && ensureMember(couponDetailPath(grantId))) load();
  });

  return { coupon, error, missing, reload: load };
}

/**
 * The coupon's rotating QR (扫码核销) while it is usable: refreshed before `expiresAt`, dimmed offline, as the member
 * code is. A refusal (used at the till, expired at midnight) is final: the page reads the coupon again.
 */
export function useCouponCode(grantId: string | undefined, usable: boolean, onEnded: () => void) {
  return useRotatingCode(() => api.call('myCouponCode', { params: { grantId: grantId ?? '' } }), Boolean(grantId) && usable, {
    isFinal: (err) => {
      const final = err instanceof ApiError && (err.code === ErrorCode.COUPON_NOT_USABLE || err.status === 404);
      if (final) onEnded();
      return final;
    },
  });
}
