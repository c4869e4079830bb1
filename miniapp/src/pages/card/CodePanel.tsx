import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useMemo } from 'react';
import { useI18n } from '../../i18n';
import { Barcode } from '../../components/Barcode';
import { QrCode } from '../../components/QrCode';
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

/** Barcode, digits and QR of the rotating member code, with the countdown to the next one. */
export function CodePanel({ member }: { member: ReturnType<typeof useMemberCode> }) {
  const { t } = useI18n();
  const { code, error, loading, secondsLeft, refresh } = member;
  // Whole-pixel bars: 2 px on a 375 px wide phone, more on a tablet, 1 px on a very narrow screen.
  const moduleWidth = useMemo(() => {
    const usable = Math.min(screenWidth(), 520) - 64;
    return Math.max(1, Math.floor(usable / BARCODE_MODULES_WITH_MARGINS));
  }, []);

  return (
    <View id='member-code' className='code-panel'>
      <View className='code-panel__head'>
        <Text className='code-panel__title'>{t('card.codeTitle')}</Text>
        <Text className='code-panel__hint'>{t('card.codeHint')}</Text>
      </View>

      {code ? (
        <View className={`code-panel__codes${loading ? ' code-panel__codes--stale' : ''}`}>
          <Barcode id='member-barcode' digits={code.code} moduleWidth={moduleWidth} height={64} />
          <Text id='member-code-digits' className='code-panel__digits'>
            {groupDigits(code.code)}
          </Text>
          <View className='code-panel__qr'>
            <QrCode id='member-qr' text={code.code} size={176} />
          </View>
        </View>
      ) : (
        <View className='code-panel__placeholder'>{error ? t('card.codeError') : t('common.loading')}</View>
      )}

      {error ? (
        <View id='code-error' className='error-text'>
          {error}
        </View>
      ) : null}

      <View className='code-panel__foot'>
        <Text id='code-countdown' className='code-panel__countdown'>
          {loading ? t('card.codeRefreshing') : code ? t('card.codeRefreshIn', { s: secondsLeft }) : ''}
        </Text>
        <Text id='code-refresh' className='link' onClick={() => refresh()}>
          {t('card.codeRefresh')}
        </Text>
      </View>
    </View>
  );
}
