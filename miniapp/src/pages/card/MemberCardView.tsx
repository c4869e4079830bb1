import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { MemberCard } from '@shared/features/members/schemas';
import { useI18n, type MessageKey } from '../../i18n';
import { comingSoon } from '../../utils/card';
import { formatPoints, formatYuan } from '../../utils/format';
import { pages } from '../../utils/links';
import { CardEntries } from './CardEntries';
import './MemberCardView.scss';

const go = (url: string) => () => {
  Taro.navigateTo({ url });
};

/** A balance whose feature has not shipped: it says so when tapped, and looks like it is not there yet. */
function SoonStat({ id, value, label, soon, toast }: { id: string; value: string; label: string; soon: boolean; toast: MessageKey }) {
  const { t } = useI18n();
  return (
    <View
      className={`stats__item${soon ? ' card-soon' : ''}`}
      onClick={soon ? () => Taro.showToast({ title: t(toast), icon: 'none' }).catch(() => undefined) : undefined}
      {...(soon ? { 'data-soon': 'true', 'aria-disabled': 'true' } : {})}
    >
      <Text id={id} className='stats__value'>
        {soon ? '—' : value}
      </Text>
      <Text className='stats__label'>{label}</Text>
      {soon ? <Text className='card-soon__tag'>{t('card.comingSoon')}</Text> : null}
    </View>
  );
}

/** The card itself (gradient by tier) and the balances under it. */
export function MemberCardView({ card, chainName }: { card: MemberCard; chainName: string }) {
  const { t, pick } = useI18n();
  return (
    <View>
      <View id='member-card' className={`member-card member-card--${card.tier.code}`}>
        <View className='member-card__shine' />
        <View className='member-card__head'>
          <Text className='member-card__chain'>{chainName}</Text>
          {/* The tier reads as a label on the card (with the way to its page), not as a button to sign up. */}
          <View id='member-tier' className='card-tier' onClick={go(pages.tier)} {...{ role: 'link' }}>
            <Text className='card-tier__label'>{t('card.tier')}</Text>
            <Text id='member-tier-name' className='card-tier__name'>
              {pick(card.tier.name)}
            </Text>
            <Text className='card-tier__chevron'>›</Text>
          </View>
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
        <View id='points-stat' className='stats__item stats__item--link' onClick={go(pages.points)} {...{ role: 'link' }}>
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
        <SoonStat id='stored-value' value={formatYuan(card.storedValueFen)} label={t('card.storedValue')} soon={comingSoon.storedValue} toast='card.storedValueSoon' />
        <View className='stats__divider' />
        <View id='coupons-stat' className='stats__item stats__item--link' onClick={go(pages.coupons)} {...{ role: 'link' }}>
          <Text id='usable-coupons' className='stats__value' data-count={card.usableCoupons}>
            {card.usableCoupons}
          </Text>
          <Text className='stats__label'>
            {`${t('card.coupons')}${t('card.couponsUnit') ? ` (${t('card.couponsUnit')})` : ''}`}
            <Text className='stats__chevron'> ›</Text>
          </Text>
        </View>
      </View>

      <View id='coupon-centre-entry' className='centre-strip' onClick={go(pages.couponCentre)} {...{ role: 'link' }}>
        <Text className='centre-strip__glyph'>券</Text>
        <View className='centre-strip__text'>
          <Text className='centre-strip__title'>{t('card.couponCentre')}</Text>
          <Text className='centre-strip__hint'>{t('card.couponCentreHint')}</Text>
        </View>
        <Text className='centre-strip__chevron'>›</Text>
      </View>

      <CardEntries unreadMessages={card.unreadMessages} />

      {card.mergePending ? <View className='notice'>{t('card.mergePending')}</View> : null}
    </View>
  );
}
