import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { DevBanner } from '../../components/DevBanner';
import { LangToggle } from '../../components/LangToggle';
import { PageToast, showToast } from '../../components/Toast';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../services/api';
import { usePageTitle } from '../../services/page-title';
import { formatPoints } from '../../utils/format';
import { pages } from '../../utils/links';
import { formatShortDay } from '../../utils/time';
import { History } from './History';
import { SignInCard } from './SignInCard';
import { usePoints } from './usePoints';
import './index.scss';
import { RetryPanel } from '../../components/RetryPanel';
import { Skeleton, SkeletonBlock, SkeletonLines } from '../../components/Skeleton';

const TOAST = 'toast-points';

export default function PointsPage() {
  const { t, lang } = useI18n();
  usePageTitle('points.title');
  const p = usePoints();
  const s = p.summary;
  const unit = p.rules?.points.pointsPerYuanDeduction;

  const signIn = async () => {
    try {
      const res = await p.signIn();
      if (!res) return;
      showToast(TOAST, res.alreadySignedIn ? t('points.signInAlready') : t('points.signInDone', { n: res.points }), res.alreadySignedIn ? null : 'success');
    } catch (err) {
      showToast(TOAST, errorMessage(err), 'fail');
    }
  };

  return (
    <View id='points-page' className='page points-page'>
      <DevBanner />
      <View className='points-hero'>
        <View className='points-hero__top'>
          <Text className='points-hero__label'>{t('points.balance')}</Text>
          <LangToggle light />
        </View>
        <Text id='points-balance' className='points-hero__value' data-points={s?.available ?? ''}>
          {s ? formatPoints(s.available) : '—'}
        </Text>
        <View className='points-hero__foot'>
          <Text className='points-hero__worth'>
            {s && unit && s.available >= unit ? t('points.worth', { yuan: formatPoints(Math.floor(s.available / unit)) }) : ''}
          </Text>
          <Text id='points-rules-link' className='points-hero__rules' onClick={() => Taro.navigateTo({ url: pages.rules })}>
            {t('points.rulesLink')} ›
          </Text>
        </View>
      </View>

      <View className='page__body points-page__body'>
        {p.error && !s ? (
          <RetryPanel id='points-error' message={p.error} onRetry={p.refresh} />
        ) : null}

        {s ? (
          <>
            <View className='points-stats'>
              <View id='points-pending' className='points-stats__item' data-points={s.pending}>
                <Text className='points-stats__value'>{formatPoints(s.pending)}</Text>
                <Text className='points-stats__label'>{t('points.pending')}</Text>
              </View>
              <View className='points-stats__divider' />
              <View
                id='points-expiring'
                className='points-stats__item'
                data-points={s.expiringSoon?.points ?? 0}
                data-expiry-day={s.expiringSoon?.expiryDay ?? ''}
              >
                <Text className={`points-stats__value${s.expiringSoon ? ' points-stats__value--warn' : ''}`}>
                  {formatPoints(s.expiringSoon?.points ?? 0)}
                </Text>
                <Text className='points-stats__label'>{t('points.expiring')}</Text>
                {s.expiringSoon ? (
                  <Text className='points-stats__sub'>{t('points.expiringUntil', { date: formatShortDay(s.expiringSoon.expiryDay, lang) })}</Text>
                ) : null}
              </View>
              {s.debt > 0 ? (
                <>
                  <View className='points-stats__divider' />
                  <View id='points-debt' className='points-stats__item' data-points={s.debt}>
                    <Text className='points-stats__value points-stats__value--debt'>{formatPoints(s.debt)}</Text>
                    <Text className='points-stats__label'>{t('points.debt')}</Text>
                  </View>
                </>
              ) : null}
            </View>

            {s.debt > 0 ? <View className='points-notice'>{t('points.debtHint', { n: formatPoints(s.debt) })}</View> : null}

            {s.pendingItems.length > 0 ? (
              <View className='panel pending'>
                <View className='pending__head'>
                  <Text className='panel__title'>{t('points.pending')}</Text>
                  <Text className='pending__total'>{formatPoints(s.pending)}</Text>
                </View>
                <Text className='panel__hint'>{t('points.pendingHint')}</Text>
                {s.pendingItems.map((item) => (
                  <View key={`${item.ref}-${item.availableOn}`} className='pending__item' data-available-on={item.availableOn}>
                    <Text className='pending__points'>+{formatPoints(item.points)}</Text>
                    <Text className='pending__when'>{t('points.pendingItem', { date: formatShortDay(item.availableOn, lang) })}</Text>
                  </View>
                ))}
              </View>
            ) : null}

            <SignInCard state={s.signIn} busy={p.signingIn} onSignIn={signIn} />
          </>
        ) : !p.error ? (
          <Skeleton id='points-skeleton'>
            <View className='points-stats'>
              {[0, 1].map((i) => (
                <View key={i} className='points-stats__item'>
                  <SkeletonBlock className='points-skeleton__value' />
                  <SkeletonBlock className='points-skeleton__label' />
                </View>
              ))}
            </View>
            <View className='panel'>
              <SkeletonLines rows={1} />
              <View className='signin__strip'>
                {[0, 1, 2, 3, 4, 5, 6].map((i) => (
                  <View key={i} className='signin__slot'>
                    <SkeletonBlock className='points-skeleton__dot' />
                  </View>
                ))}
              </View>
            </View>
          </Skeleton>
        ) : null}

        {/* When nothing loads, one error is enough. */}
        {s || !p.error || !p.history.error ? <History history={p.history} /> : null}
      </View>
      <PageToast id={TOAST} />
    </View>
  );
}
