import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useMemo } from 'react';
import { useI18n } from '../../i18n';
import { Barcode } from '../../components/Barcode';
import { QrCode } from '../../components/QrCode';
import { Skeleton, SkeletonBlock } from '../../components/Skeleton';
import { codeCountdown, codeDimmed } from '../../utils/code-timing';
import { groupDigits } from '../../utils/format';
import type { useMemberCode } from './useCard';

const BARCODE_MODULES_WITH_MARGINS = 134 + 20;

function screenWidth(): number {
  try {
    // getWindowInfo replaces the deprecated getSystemInfoSync in newer WeChat base libraries.
    const info = typeof Taro.getWindowInfo === 'function' ? Taro.getWindowInfo() : Taro.getSystemInfoSync();
    return info.windowWidth || 375;
  } catch {
    return 375;
  }
}

/**
 * Barcode, digits and QR of the rotating member code, with the countdown to the next one. Offline, the code stays
 * until it may have expired; then it is drawn faded under a notice, until the network brings a fresh one.
 * `#member-code` carries the code's state in `data-state` (utils/code-timing.ts: fresh, refreshing, expired, offline,
 * offline-expired, none).
 */
export function CodePanel({ member }: { member: ReturnType<typeof useMemberCode> }) {
  const { t } = useI18n();
  const { code, error, status, secondsLeft, refresh } = member;
  // Whole-pixel bars: 2 px on a 375 px wide phone, more on a tablet, 1 px on a very narrow screen.
  const moduleWidth = useMemo(() => {
    const usable = Math.min(screenWidth(), 520) - 64;
    return Math.max(1, Math.floor(usable / BARCODE_MODULES_WITH_MARGINS));
  }, []);
  const offline = status === 'offline' || status === 'offline-expired';

  const countdown = codeCountdown(t, status, secondsLeft);

  return (
    <View id='member-code' className='code-panel' data-state={status}>
      <View className='code-panel__head'>
        <Text className='code-panel__title'>{t('card.codeTitle')}</Text>
        <Text className='code-panel__hint'>{t('card.codeHint')}</Text>
      </View>

      {offline ? (
        <View id='code-offline' className={`code-panel__notice${status === 'offline-expired' ? ' code-panel__notice--expired' : ''}`} data-expired={status === 'offline-expired' ? 'true' : 'false'}>
          {status === 'offline-expired' ? t('card.codeOfflineExpired') : t('card.codeOffline')}
        </View>
      ) : null}

      {code ? (
        <View className={`code-panel__codes${codeDimmed(status) ? ' code-panel__codes--stale' : ''}`}>
          <Barcode id='member-barcode' digits={code.code} moduleWidth={moduleWidth} height={64} />
          <Text id='member-code-digits' className='code-panel__digits'>
            {groupDigits(code.code)}
          </Text>
          <View className='code-panel__qr'>
            <QrCode id='member-qr' text={code.code} size={176} />
          </View>
        </View>
      ) : error ? (
        <View className='code-panel__placeholder'>{t('card.codeError')}</View>
      ) : (
        <Skeleton id='code-skeleton' className='code-panel__codes'>
          <SkeletonBlock className='code-skeleton__barcode' />
          <SkeletonBlock className='code-skeleton__digits' />
          <SkeletonBlock className='code-skeleton__qr' />
        </Skeleton>
      )}

      {error && !offline ? (
        <View id='code-error' className='error-text'>
          {error}
        </View>
      ) : null}

      <View className='code-panel__foot'>
        <Text id='code-countdown' className='code-panel__countdown'>
          {countdown}
        </Text>
        <Text id='code-refresh' className='link tap-target code-panel__refresh' onClick={() => refresh(true)}>
          {t('card.codeRefresh')}
        </Text>
      </View>
    </View>
  );
}
