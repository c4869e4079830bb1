import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useI18n } from '../../i18n';
import { pages } from '../../utils/links';

/** Privacy policy, (when signed in) sign-out, and the staff entrance, under the card or the welcome. */
export function FooterLinks({ onSignOut }: { onSignOut?: () => void }) {
  const { t } = useI18n();
  return (
    <View className='footer-links'>
      <Text id='privacy-link' className='link' onClick={() => Taro.navigateTo({ url: pages.privacy })}>
        {t('common.privacy')}
      </Text>
      {onSignOut ? (
        <>
          <Text className='footer-links__sep'>·</Text>
          <Text id='sign-out' className='muted' onClick={onSignOut}>
            {t('common.signOut')}
          </Text>
        </>
      ) : null}
      <Text className='footer-links__sep'>·</Text>
      <Text id='staff-entry' className='muted' onClick={() => Taro.navigateTo({ url: pages.staffLogin })}>
        {t('welcome.staff')}
      </Text>
    </View>
  );
}
