import { View } from '@tarojs/components';
import { useI18n } from '../i18n';
import { usePublicInfo } from '../services/public-info';
import { isDevModeConfigured, isH5 } from '../services/runtime';
import './DevBanner.scss';

/**
 * "开发模式…" across the top. H5: when /config.js says devMode. Mini-program: when the server offers dev
 * sign-in (there is no /config.js there).
 */
export function DevBanner() {
  const { t } = useI18n();
  const { info } = usePublicInfo();
  const show = isH5 ? isDevModeConfigured() : info?.devSignIn === true;
  if (!show) return null;
  return (
    <View id='dev-banner' className='dev-banner'>
      {t('common.devBanner')}
    </View>
  );
}
