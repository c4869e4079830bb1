import { Text, View } from '@tarojs/components';
import { QrCode } from '../../../components/QrCode';
import { Skeleton, SkeletonBlock } from '../../../components/Skeleton';
import { useI18n } from '../../../i18n';
import { codeCountdown, codeDimmed } from '../../../utils/code-timing';
import type { useCouponCode } from './useCouponDetail';

/**
 * The coupon's QR for the cashier to scan, with the countdown to the next one; offline it stays until it may have
 * expired, then it is drawn faded under a notice, as the member code on the card is. `data-state` carries the code's
 * state (utils/code-timing.ts).
 */
export function CouponCode({ code: c }: { code: ReturnType<typeof useCouponCode> }) {
  const { t } = useI18n();
  const { code, error, status, secondsLeft, refresh } = c;
  const offline = status === 'offline' || status === 'offline-expired';
  const countdown = codeCountdown(t, status, secondsLeft);
  return (
    <View id='coupon-code' className='panel coupon-code' data-state={status}>
      <Text className='panel__title'>{t('coupons.qr.title')}</Text>
      <Text className='panel__hint'>{t('coupons.qr.hint')}</Text>
      {offline ? (
        <View id='coupon-code-offline' className={`coupon-code__notice${status === 'offline-expired' ? ' coupon-code__notice--expired' : ''}`}>
          {status === 'offline-expired' ? t('card.codeOfflineExpired') : t('card.codeOffline')}
        </View>
      ) : null}
      {code ? (
        <View className={`coupon-code__qr${codeDimmed(status) ? ' coupon-code__qr--stale' : ''}`}>
          <QrCode id='coupon-qr' text={code.code} size={200} />
        </View>
      ) : error ? (
        <View id='coupon-code-error' className='error-text'>
          {error}
        </View>
      ) : (
        <Skeleton id='coupon-code-skeleton' className='coupon-code__qr'>
          <SkeletonBlock className='coupon-code__qr-skeleton' />
        </Skeleton>
      )}
      <View className='coupon-code__foot'>
        <Text id='coupon-code-countdown' className='coupon-code__countdown'>
          {countdown}
        </Text>
        <Text id='coupon-code-refresh' className='link tap-target' onClick={() => refresh(true)}>
          {t('card.codeRefresh')}
        </Text>
      </View>
    </View>
  );
}
