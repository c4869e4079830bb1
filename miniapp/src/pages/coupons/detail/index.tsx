import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { ReactNode } from 'react';
import { DevBanner } from '../../../components/DevBanner';
import { LangToggle } from '../../../components/LangToggle';
import { RetryPanel } from '../../../components/RetryPanel';
import { RowsSkeleton } from '../../../components/RowsSkeleton';
import { useI18n, type MessageKey } from '../../../i18n';
import { usePageTitle } from '../../../services/page-title';
import { benefitSentence, couponBadge, couponYuan, dayRange, stackingText, thresholdText, usableUntilText } from '../../../utils/coupons';
import { formatShortDay, shanghaiDateTime, shanghaiDay } from '../../../utils/time';
import { CouponTicket } from '../CouponTicket';
import { CouponCode } from './CouponCode';
import { useCouponCode, useCouponDetail, type CouponDetail } from './useCouponDetail';
import './index.scss';

const stateKey: Record<CouponDetail['state'], MessageKey> = {
  usable: 'coupons.tab.usable',
  'not-yet-valid': 'coupons.state.notYet',
  redeemed: 'coupons.state.redeemed',
  expired: 'coupons.state.expired',
  revoked: 'coupons.state.revoked',
};

function Row({ id, label, children }: { id?: string; label: string; children: ReactNode }) {
  return (
    <View id={id} className='coupon-rule'>
      <Text className='coupon-rule__label'>{label}</Text>
      <View className='coupon-rule__value'>{children}</View>
    </View>
  );
}

function Rules({ c }: { c: CouponDetail }) {
  const { t, lang, pick } = useI18n();
  const sep = t('coupons.listSep');
  const s = c.scope;
  const included = [...(s.categories.length ? [t('coupons.detail.categories', { list: s.categories.join(sep) })] : []), ...(s.skus.length ? [t('coupons.detail.skus', { list: s.skus.join(sep) })] : [])];
  const excluded = [...(s.excludeCategories.length ? [t('coupons.detail.categories', { list: s.excludeCategories.join(sep) })] : []), ...(s.excludeSkus.length ? [t('coupons.detail.skus', { list: s.excludeSkus.join(sep) })] : [])];
  return (
    <View id='coupon-rules' className='panel'>
      <Text className='panel__title'>{t('coupons.detail.rules')}</Text>
      <Row id='coupon-benefit' label={t('coupons.detail.benefit')}>
        <Text>{benefitSentence(c.benefit, lang, t)}</Text>
      </Row>
      <Row label={t('coupons.detail.threshold')}>
        <Text>{thresholdText(c.benefit, 0, t)}</Text>
      </Row>
      {c.minOrderFen > 0 ? (
        <Row id='coupon-min-order' label={t('coupons.detail.minOrder')}>
          <Text>{t('coupons.detail.minOrderValue', { yuan: couponYuan(c.minOrderFen) })}</Text>
        </Row>
      ) : null}
      <Row id='coupon-products' label={t('coupons.detail.products')}>
        {(included.length ? included : [t('coupons.detail.allProducts')]).map((x) => (
          <Text key={x} className='coupon-rule__line'>
            {x}
          </Text>
        ))}
      </Row>
      {excluded.length ? (
        <Row id='coupon-exclusions' label={t('coupons.detail.exclusions')}>
          {excluded.map((x) => (
            <Text key={x} className='coupon-rule__line'>
              {x}
            </Text>
          ))}
        </Row>
      ) : null}
      <Row id='coupon-stacking' label={t('coupons.detail.stacking')}>
        {stackingText(c.stacking, t).map((x) => (
          <Text key={x} className='coupon-rule__line'>
            {x}
          </Text>
        ))}
      </Row>
      {c.description ? (
        <Row label={t('coupons.detail.description')}>
          <Text>{pick(c.description)}</Text>
        </Row>
      ) : null}
    </View>
  );
}

export default function CouponDetailPage() {
  const { t, pick, lang } = useI18n();
  usePageTitle('coupons.detailTitle');
  const router = useRouter();
  const grantId = router.params.grantId;
  const d = useCouponDetail(grantId);
  const c = d.coupon;
  const code = useCouponCode(grantId, c?.state === 'usable', d.reload);
  const today = shanghaiDay(new Date().toISOString());
  const badge = c ? couponBadge(c, today, lang, t) : null;
  const ended = c && (c.state === 'redeemed' || c.state === 'expired' || c.state === 'revoked');

  return (
    <View id='coupon-page' className='page coupon-page'>
      <DevBanner />
      <View className='topbar'>
        <Text className='coupon-page__heading'>{t('coupons.detailTitle')}</Text>
        <LangToggle />
      </View>
      <View className='page__body'>
        {!grantId ? <View className='error-text'>{t('coupons.badLink')}</View> : null}
        {c ? (
          <>
            <CouponTicket id='coupon-head' benefit={c.benefit} minOrderFen={c.minOrderFen} name={pick(c.name)} muted={Boolean(ended)} stamp={ended ? t(stateKey[c.state]) : undefined} data={{ state: c.state, 'grant-id': c.grantId }}>
              <Text id='coupon-validity-range' className='ticket__meta'>
                {dayRange(c.validFrom, c.validThrough)}
              </Text>
              {badge ? <Text className={`ticket__badge ticket__badge--${badge.kind} coupon-badge`}>{badge.text}</Text> : null}
            </CouponTicket>

            {c.state === 'usable' ? <CouponCode code={code} /> : null}
            {c.state === 'not-yet-valid' ? (
              <View id='coupon-not-yet' className='panel coupon-notice'>
                {t('coupons.qr.notYet', { date: formatShortDay(c.validFrom, lang) })}
              </View>
            ) : null}
            {ended ? (
              <View id='coupon-ended' className='panel coupon-notice'>
                {c.state === 'redeemed' && c.redeemedAt ? t('coupons.usedAt', { date: shanghaiDateTime(c.redeemedAt) }) : t('coupons.qr.ended')}
              </View>
            ) : null}

            <Rules c={c} />

            <View id='coupon-stores' className='panel'>
              <Text className='panel__title'>{t('coupons.detail.stores')}</Text>
              {c.stores.length ? (
                c.stores.map((s) => (
                  <Text key={s.storeId} className='coupon-store' data-store-id={s.storeId}>
                    {s.name}
                  </Text>
                ))
              ) : c.scope.regions.length ? (
                <Text className='coupon-store'>{t('coupons.detail.regions', { list: c.scope.regions.join(t('coupons.listSep')) })}</Text>
              ) : (
                <Text className='coupon-store'>{t('coupons.detail.allStores')}</Text>
              )}
            </View>

            <View id='coupon-validity' className='panel'>
              <Text className='panel__title'>{t('coupons.detail.validity')}</Text>
              <Text className='coupon-validity__range'>{dayRange(c.validFrom, c.validThrough)}</Text>
              <Text id='coupon-until' className='coupon-validity__until'>
                {usableUntilText(c.validThrough, t)}
              </Text>
              <Text className='coupon-validity__received'>
                {t('coupons.detail.received')} {shanghaiDateTime(c.receivedAt)}
              </Text>
            </View>
          </>
        ) : d.error ? (
          <RetryPanel id='coupon-error' retryId='coupon-retry' message={d.error} onRetry={d.reload} />
        ) : grantId ? (
          <RowsSkeleton id='coupon-loading' panels={3} rows={3} />
        ) : null}
      </View>
    </View>
  );
}
