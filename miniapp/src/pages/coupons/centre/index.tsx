import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { DevBanner } from '../../../components/DevBanner';
import { LangToggle } from '../../../components/LangToggle';
import { RetryPanel } from '../../../components/RetryPanel';
import { Skeleton, SkeletonBlock } from '../../../components/Skeleton';
import { showToast, PageToast } from '../../../components/Toast';
import { useI18n, type MessageKey } from '../../../i18n';
import { usePageTitle } from '../../../services/page-title';
import { claimState, remainingWidth, validityText, type ClaimState } from '../../../utils/coupons';
import { pages } from '../../../utils/links';
import { CouponTicket } from '../CouponTicket';
import { useCentre, type CentreItem } from './useCentre';
import './index.scss';

const TOAST = 'toast-centre';
const buttonKey: Record<ClaimState, MessageKey> = { claim: 'coupons.claim', 'sold-out': 'coupons.soldOut', limit: 'coupons.limitReached' };

function CentreCard({ item, busy, claimingThis, onClaim, message }: { item: CentreItem; busy: boolean; claimingThis: boolean; onClaim: () => void; message?: string }) {
  const { t, pick } = useI18n();
  const state = claimState(item);
  const left = remainingWidth(item.remainingPercent);
  return (
    <View className='centre-item'>
      <CouponTicket
        id={`centre-${item.templateId}`}
        benefit={item.benefit}
        minOrderFen={item.minOrderFen}
        name={pick(item.name)}
        muted={state === 'sold-out'}
        data={{ 'template-id': item.templateId, state, received: item.received }}
      >
        <Text className='ticket__meta centre-item__validity'>{validityText(item.validity, t)}</Text>
        <View className='centre-item__stock'>
          <View className='centre-item__bar'>
            <View className='centre-item__bar-fill' style={{ width: `${left}%` }} />
          </View>
          <Text className='centre-item__left'>{t('coupons.remaining', { p: left })}</Text>
        </View>
        <View className='ticket__row'>
          <Text className='centre-item__received'>{t('coupons.received', { n: Math.min(item.received, item.perMember), max: item.perMember })}</Text>
          <Button
            className={`centre-item__claim centre-item__claim--${state}`}
            size='small'
            type='primary'
            {...(state === 'claim' ? {} : { fill: 'outline' as const })}
            disabled={state !== 'claim' || (busy && !claimingThis)}
            loading={claimingThis}
            onClick={(e) => {
              e.stopPropagation();
              onClaim();
            }}
          >
            {t(buttonKey[state])}
          </Button>
        </View>
      </CouponTicket>
      {message ? (
        <View className='error-text centre-item__message' data-template-id={item.templateId}>
          {message}
        </View>
      ) : null}
    </View>
  );
}

export default function CouponCentrePage() {
  const { t } = useI18n();
  usePageTitle('coupons.centreTitle');
  const c = useCentre();
  // The last refusal per template, in the shopper's language, under its card.
  const [messages, setMessages] = useState<Record<string, string>>({});

  const claim = async (templateId: string) => {
    setMessages((m) => ({ ...m, [templateId]: '' }));
    const outcome = await c.claim(templateId);
    if (!outcome) return;
    if (outcome.ok) {
      showToast(TOAST, t('coupons.claimed'), 'success');
      return;
    }
    setMessages((m) => ({ ...m, [templateId]: outcome.key ? t(outcome.key) : outcome.message }));
  };

  return (
    <View id='centre-page' className='page centre-page'>
      <DevBanner />
      <View className='topbar'>
        <Text className='centre-page__heading'>{t('coupons.centreTitle')}</Text>
        <LangToggle />
      </View>
      <View className='centre-head'>
        <Text id='centre-to-mine' className='link tap-target' onClick={() => Taro.navigateTo({ url: pages.coupons })}>
          {t('coupons.viewMine')} ›
        </Text>
      </View>
      <View id='centre-list' className='page__body'>
        {c.items?.map((item) => (
          <CentreCard
            key={item.templateId}
            item={item}
            busy={c.claiming !== undefined}
            claimingThis={c.claiming === item.templateId}
            onClaim={() => claim(item.templateId)}
            message={messages[item.templateId]}
          />
        ))}
        {c.items && c.items.length === 0 ? (
          <View id='centre-empty' className='coupons-empty'>
            <View className='coupons-empty__icon'>
              <Text>券</Text>
            </View>
            <Text className='coupons-empty__text'>{t('coupons.centreEmpty')}</Text>
            <Text className='coupons-empty__hint'>{t('coupons.centreEmptyHint')}</Text>
          </View>
        ) : null}
        {!c.items && !c.error ? (
          <Skeleton id='centre-loading'>
            {[0, 1, 2].map((i) => (
              <View key={i} className='ticket'>
                <View className='ticket__figure centre-skeleton__figure' />
                <View className='ticket__body'>
                  <SkeletonBlock className='centre-skeleton__name' />
                  <SkeletonBlock className='centre-skeleton__bar' />
                  <SkeletonBlock className='centre-skeleton__button' />
                </View>
              </View>
            ))}
          </Skeleton>
        ) : null}
        {c.error && !c.items ? <RetryPanel id='centre-error' retryId='centre-retry' message={c.error} onRetry={c.reload} /> : null}
      </View>
      <PageToast id={TOAST} />
    </View>
  );
}
