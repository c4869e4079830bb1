import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { MemberCard } from '@shared/features/members/schemas';
import { useI18n } from '../../i18n';
import { formatPoints, formatYuan } from '../../utils/format';
import { pages } from '../../utils/links';
import { CardEntries } from './CardEntries';

const go = (url: string) => () => {
  Taro.navigateTo({ url });
};

/** The card itself (gradient by tier) and the balances under it. */
export function MemberCardView({ card, chainName }: { card: MemberCard; chainName: string }) {
  const { t, pick } = useI18n();
  return (
    <View>
      <View id='member-card' className={`member-card member-card--${card.tier.code}`}>
        <View className='member-card__shine' />
        <View className='member-card__head'>
          <Text className='member-card__chain'>{chainName}</Text>
          <Text id='member-tier' className='member-card__tier member-card__tier--link' onClick={go(pages.tier)}>
            {pick(card.tier.name)}
          </Text>
        </View>
        <View className='member-card__chip' />
        <View className='member-card__foot'>
          <Text className='member-card__label'>{t('card.memberNo')}</Text>
          <Text id='member-no' className='member-card__no'>
            {card.memberId}
          </Text>
          {card.joinStore ? (
            <Text className='member-card__joined'>{t('card.joinedAt', { store: card.joinStore.name })}</Text>
          ) : null}
        </View>
      </View>

      <View className='stats'>
        <View id='points-stat' className='stats__item stats__item--link' onClick={go(pages.points)}>
          <Text id='points-available' className='stats__value'>
            {formatPoints(card.points.available)}
          </Text>
          <Text className='stats__label'>
            {t('card.points')}
            <Text className='stats__chevron'> ›</Text>
          </Text>
          {card.points.pending > 0 ? (
            <Text id='points-pending' className='stats__sub'>
              {t('card.pending', { n: formatPoints(card.points.pending) })}
            </Text>
          ) : null}
        </View>
        <View className='stats__divider' />
        <View className='stats__item'>
          <Text id='stored-value' className='stats__value'>
            {formatYuan(card.storedValueFen)}
          </Text>
          <Text className='stats__label'>{t('card.storedValue')}</Text>
        </View>
        <View className='stats__divider' />
        <View className='stats__item'>
          <Text id='usable-coupons' className='stats__value'>
            {card.usableCoupons}
          </Text>
          <Text className='stats__label'>
            {t('card.coupons')}
            {t('card.couponsUnit') ? ` (${t('card.couponsUnit')})` : ''}
          </Text>
        </View>
      </View>

      <CardEntries />

      {card.mergePending ? <View className='notice'>{t('card.mergePending')}</View> : null}
    </View>
  );
}
