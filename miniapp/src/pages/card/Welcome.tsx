import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { useI18n } from '../../i18n';
import { LangToggle } from '../../components/LangToggle';
import { pages } from '../../utils/links';
import { FooterLinks } from './FooterLinks';

const perks = [
  { glyph: '积', key: 'welcome.perk.points' },
  { glyph: '券', key: 'welcome.perk.coupons' },
  { glyph: 'V', key: 'welcome.perk.tiers' },
] as const;

/** What a visitor without a session sees: the promise of membership and one clear way in. */
export function Welcome({ chainName }: { chainName: string }) {
  const { t } = useI18n();
  return (
    <View id='welcome' className='welcome'>
      <View className='welcome__hero'>
        <View className='welcome__top'>
          <Text className='welcome__brand'>{chainName}</Text>
          <LangToggle light />
        </View>
        <View className='welcome__card'>
          <View className='welcome__card-chip' />
          <Text className='welcome__card-brand'>{chainName}</Text>
          <Text className='welcome__card-label'>MEMBER</Text>
        </View>
        <Text className='welcome__title'>{t('welcome.title')}</Text>
        <Text className='welcome__subtitle'>{t('welcome.subtitle')}</Text>
      </View>

      <View className='welcome__perks'>
        {perks.map((p) => (
          <View
            key={p.key}
            id={`welcome-perk-${p.key.split('.').pop()}`}
            className='welcome__perk'
            // The coupons are in the coupon centre: a visitor signs in on the way there and lands in it.
            {...(p.key === 'welcome.perk.coupons' ? { onClick: () => Taro.navigateTo({ url: pages.couponCentre }), role: 'link' } : {})}
          >
            <View className='welcome__perk-glyph'>{p.glyph}</View>
            <Text className='welcome__perk-text'>{t(p.key)}</Text>
          </View>
        ))}
      </View>

      <View className='welcome__actions'>
        <Button
          id='welcome-login'
          type='primary'
          size='large'
          block
          onClick={() => Taro.navigateTo({ url: pages.login })}
        >
          {t('welcome.login')}
        </Button>
      </View>

      <FooterLinks />
    </View>
  );
}
