import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { DevBanner } from '../../components/DevBanner';
import { LangToggle } from '../../components/LangToggle';
import { RetryPanel } from '../../components/RetryPanel';
import { Skeleton, SkeletonBlock } from '../../components/Skeleton';
import { useI18n, type MessageKey } from '../../i18n';
import { usePageTitle } from '../../services/page-title';
import { couponBadge, couponTabs, dayRange, type CouponTab } from '../../utils/coupons';
import { couponDetailPath, pages } from '../../utils/links';
import { shanghaiDay } from '../../utils/time';
import { CouponTicket } from './CouponTicket';
import { useMyCoupons, type MyCoupon } from './useMyCoupons';
import './index.scss';

const tabKey: Record<CouponTab, MessageKey> = { usable: 'coupons.tab.usable', used: 'coupons.tab.used', expired: 'coupons.tab.expired' };
const emptyKey: Record<CouponTab, MessageKey> = { usable: 'coupons.empty.usable', used: 'coupons.empty.used', expired: 'coupons.empty.expired' };
const stampKey: Partial<Record<MyCoupon['state'], MessageKey>> = { redeemed: 'coupons.state.redeemed', expired: 'coupons.state.expired', revoked: 'coupons.state.revoked' };

function CouponRow({ c, today }: { c: MyCoupon; today: string }) {
  const { t, pick, lang } = useI18n();
  const badge = couponBadge(c, today, lang, t);
  const ended = c.state === 'redeemed' || c.state === 'expired' || c.state === 'revoked';
  const open = () => Taro.navigateTo({ url: couponDetailPath(c.grantId) });
  return (
    <CouponTicket
      benefit={c.benefit}
      minOrderFen={c.minOrderFen}
      name={pick(c.name)}
      muted={ended}
      stamp={stampKey[c.state] ? t(stampKey[c.state]!) : undefined}
      onClick={open}
      data={{ 'grant-id': c.grantId, state: c.state, 'template-id': c.templateId }}
    >
      <Text className='ticket__meta'>
        {c.state === 'redeemed' && c.redeemedAt ? t('coupons.usedAt', { date: shanghaiDay(c.redeemedAt) }) : dayRange(c.validFrom, c.validThrough)}
      </Text>
      <View className='ticket__row'>
        {badge ? <Text className={`ticket__badge ticket__badge--${badge.kind} coupon-badge`}>{badge.text}</Text> : <View />}
        {c.state === 'usable' ? (
          <Button className='coupon-use' size='small' type='primary' onClick={(e) => {
            e.stopPropagation();
            open();
          }}>
            {t('coupons.use')}
          </Button>
        ) : null}
      </View>
    </CouponTicket>
  );
}

export default function MyCouponsPage() {
  const { t } = useI18n();
  usePageTitle('coupons.title');
  const { tab, choose, usable, list } = useMyCoupons();
  const today = shanghaiDay(new Date().toISOString());

  return (
    <View id='coupons-page' className='page coupons-page'>
      <DevBanner />
      <View className='topbar'>
        <Text className='coupons-page__heading'>{t('coupons.title')}</Text>
        <LangToggle />
      </View>

      <View className='coupons-head'>
        <Text id='coupons-usable' className='coupons-head__count' data-count={usable ?? ''}>
          {usable === undefined ? '' : t('coupons.usableCount', { n: usable })}
        </Text>
        <Text id='coupons-to-centre' className='link tap-target coupons-head__centre' onClick={() => Taro.navigateTo({ url: pages.couponCentre })}>
          {t('coupons.toCentre')} ›
        </Text>
      </View>

      <View className='coupon-tabs' {...{ role: 'tablist' }}>
        {couponTabs.map((k) => (
          <View
            key={k}
            id={`coupons-tab-${k}`}
            className={`coupon-tabs__tab${tab === k ? ' coupon-tabs__tab--on' : ''}`}
            onClick={() => choose(k)}
            {...{ role: 'tab', 'aria-selected': tab === k ? 'true' : 'false' }}
          >
            <Text>{t(tabKey[k])}</Text>
          </View>
        ))}
      </View>

      <View id='coupons-list' className='page__body coupons-list' data-tab={tab}>
        {list.loaded && !list.loading
          ? list.items.map((c) => <CouponRow key={c.grantId} c={c} today={today} />)
          : null}

        {list.loaded && !list.loading && list.items.length === 0 ? (
          <View id='coupons-empty' className='coupons-empty'>
            <View className='coupons-empty__icon'>
              <Text>券</Text>
            </View>
            <Text className='coupons-empty__text'>{t(emptyKey[tab])}</Text>
            {tab === 'usable' ? (
              <Button id='coupons-empty-centre' className='coupons-empty__action' type='primary' fill='outline' onClick={() => Taro.navigateTo({ url: pages.couponCentre })}>
                {t('coupons.toCentre')}
              </Button>
            ) : null}
          </View>
        ) : null}

        {list.loading ? (
          <Skeleton id='coupons-loading'>
            {[0, 1, 2].map((i) => (
              <View key={i} className='ticket'>
                <View className='ticket__figure coupons-skeleton__figure' />
                <View className='ticket__body'>
                  <SkeletonBlock className='coupons-skeleton__name' />
                  <SkeletonBlock className='coupons-skeleton__meta' />
                </View>
              </View>
            ))}
          </Skeleton>
        ) : null}
        {list.error && !list.loaded ? <RetryPanel id='coupons-error' retryId='coupons-retry' message={list.error} onRetry={list.reload} /> : null}
        {list.error && list.loaded ? (
          <View id='coupons-error' className='error-text'>
            {list.error}
          </View>
        ) : null}

        {list.hasMore && !list.loading ? (
          <View className='coupons-more'>
            <Button id='coupons-more' fill='outline' type='primary' loading={list.loadingMore} onClick={() => list.loadMore()}>
              {t('common.loadMore')}
            </Button>
          </View>
        ) : list.loaded && !list.loading && list.items.length > 0 && tab !== 'usable' ? (
          <View className='coupons-end'>{t('common.noMore')}</View>
        ) : null}
      </View>
    </View>
  );
}
