import { Text, View } from '@tarojs/components';
import { DevBanner } from '../../components/DevBanner';
import { LangToggle } from '../../components/LangToggle';
import { useI18n } from '../../i18n';
import { usePageTitle } from '../../services/page-title';
import { formatYuan } from '../../utils/format';
import { clampPercent } from '../../utils/points';
import { formatDay } from '../../utils/time';
import { TierPerks } from './TierPerks';
import { useTier } from './useTier';
import './index.scss';
import { RetryPanel } from '../../components/RetryPanel';
import { Skeleton, SkeletonBlock, SkeletonLines } from '../../components/Skeleton';

/** Whole yuan when the amount is whole: thresholds read "¥1,000", not "¥1,000.00". */
const yuan = (fen: number) => formatYuan(fen).replace(/\.00$/, '');

export default function TierPage() {
  const { t, pick, lang } = useI18n();
  usePageTitle('tier.title');
  const { status, error, reload } = useTier();

  const tierName = (code: string) => pick(status?.tiers.find((x) => x.code === code)?.name) || code;

  return (
    <View id='tier-page' className='page band-page tier-page'>
      <DevBanner />
      <View className='band-page__band' />
      <View className='band-page__content'>
        <View className='band-page__top'>
          <Text className='tier-page__heading'>{t('tier.title')}</Text>
          <LangToggle light />
        </View>

        {error && !status ? (
          <RetryPanel id='tier-error' message={error} onRetry={reload} centered={false} />
        ) : null}
        {!status && !error ? (
          <Skeleton id='tier-skeleton'>
            <SkeletonBlock className='tier-skeleton__card' />
            <View className='panel'>
              <SkeletonLines rows={1} />
              <SkeletonBlock className='tier-skeleton__bar' />
            </View>
            <View className='panel'>
              <SkeletonLines rows={3} />
            </View>
          </Skeleton>
        ) : null}

        {status ? (
          <>
            <View className={`tier-card tier-card--${status.tier.code}`} data-tier={status.tier.code}>
              <View className='tier-card__shine' />
              <Text className='tier-card__label'>{t('tier.current')}</Text>
              <Text id='tier-name' className='tier-card__name'>
                {pick(status.tier.name)}
              </Text>
              <TierPerks tier={status.tier} light />
            </View>

            {status.approvalPending ? (
              <View id='tier-approval-pending' className='tier-notice'>
                {t('tier.approvalPending', { tier: tierName(status.approvalPending) })}
              </View>
            ) : null}

            <View className='panel growth'>
              <Text className='growth__label'>{t('tier.growth')}</Text>
              <Text id='tier-growth' className='growth__value' data-fen={status.growthFen}>
                ¥{formatYuan(status.growthFen)}
              </Text>
              {status.next ? (
                <>
                  <View
                    id='tier-progress'
                    className='growth__bar'
                    data-percent={clampPercent(status.next.percent)}
                    {...{ role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': Math.round(clampPercent(status.next.percent)) }}
                  >
                    <View className='growth__fill' style={{ width: `${clampPercent(status.next.percent)}%` }} />
                  </View>
                  <View className='growth__ends'>
                    <Text>{pick(status.tier.name)}</Text>
                    <Text>
                      {pick(status.next.name)} · ¥{yuan(status.next.thresholdFen)}
                    </Text>
                  </View>
                  <Text id='tier-next' className='growth__next'>
                    {status.next.missingFen > 0
                      ? t('tier.toNext', { amount: yuan(status.next.missingFen), tier: pick(status.next.name) })
                      : t('tier.reachedNext', { tier: pick(status.next.name) })}
                  </Text>
                  {status.next.needsApproval ? (
                    <Text id='tier-needs-approval' className='growth__approval'>
                      {t('tier.needsApproval', { tier: pick(status.next.name) })}
                    </Text>
                  ) : null}
                </>
              ) : (
                <>
                  <View id='tier-progress' className='growth__bar' data-percent={100} {...{ role: 'progressbar', 'aria-valuenow': 100 }}>
                    <View className='growth__fill' style={{ width: '100%' }} />
                  </View>
                  <Text id='tier-next' className='growth__next'>
                    {t('tier.top')}
                  </Text>
                </>
              )}
            </View>

            <View id='tier-list' className='panel tiers'>
              <Text className='panel__title'>{t('tier.all')}</Text>
              {status.tiers.map((tier) => {
                const current = tier.code === status.tier.code;
                return (
                  <View key={tier.code} className={`tiers__row${current ? ' tiers__row--current' : ''}`} data-tier={tier.code}>
                    <View className={`tiers__badge tier-card--${tier.code}`} />
                    <View className='tiers__body'>
                      <View className='tiers__title'>
                        <Text className='tiers__name'>{pick(tier.name)}</Text>
                        {current ? <Text className='tiers__tag tiers__tag--current'>{t('tier.currentTag')}</Text> : null}
                        {tier.needsApproval ? <Text className='tiers__tag'>{t('tier.approvalTag')}</Text> : null}
                      </View>
                      <Text className='tiers__threshold'>
                        {tier.thresholdFen > 0 ? t('tier.threshold', { amount: yuan(tier.thresholdFen) }) : t('tier.thresholdNone')}
                      </Text>
                      <TierPerks tier={tier} />
                    </View>
                  </View>
                );
              })}
            </View>

            <View id='tier-review' className='tier-review'>
              <Text className='tier-review__date'>{t('tier.review', { date: formatDay(status.reviewOn, lang) })}</Text>
              <Text className='tier-review__hint'>{t('tier.reviewHint')}</Text>
            </View>
          </>
        ) : null}
      </View>
    </View>
  );
}
