import { useMemo } from 'react';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { DevBanner } from '../../../components/DevBanner';
import { LangToggle } from '../../../components/LangToggle';
import { RetryPanel } from '../../../components/RetryPanel';
import { RowsSkeleton } from '../../../components/RowsSkeleton';
import { useI18n } from '../../../i18n';
import { usePageTitle } from '../../../services/page-title';
import { formatPoints, formatYuan } from '../../../utils/format';
import { formatQty, receiptRefOf, returnedQty } from '../../../utils/purchases';
import { formatShortDay, shanghaiDateTime } from '../../../utils/time';
import { useReceipt, type Receipt } from './useReceipt';
import './index.scss';

function Lines({ receipt }: { receipt: Receipt }) {
  const { t } = useI18n();
  return (
    <View id='receipt-lines' className='panel receipt-lines'>
      <Text className='panel__title'>{t('receipt.lines')}</Text>
      {receipt.lines.map((l) => {
        const returned = returnedQty(l);
        return (
          <View key={l.lineNo} className='receipt-line' data-line-no={l.lineNo} data-net-fen={l.netFen}>
            <View className='receipt-line__main'>
              <Text className='receipt-line__name'>{l.name || t('receipt.item', { sku: l.sku ?? String(l.lineNo) })}</Text>
              <Text className='receipt-line__sub'>
                ×{formatQty(l.qtyMilli)}
                {l.points > 0 ? ` · ${t('receipt.linePoints', { n: formatPoints(l.points) })}` : ''}
                {returned ? ` · ${t('receipt.lineReturned', { n: returned })}` : ''}
              </Text>
            </View>
            <Text className='receipt-line__amount'>¥{formatYuan(l.netFen)}</Text>
          </View>
        );
      })}
    </View>
  );
}

export default function ReceiptPage() {
  const { t, lang } = useI18n();
  usePageTitle('receipt.title');
  const router = useRouter();
  const ref = useMemo(() => receiptRefOf(router.params), [router.params]);
  const { receipt: r, error, reload } = useReceipt(ref);

  return (
    <View id='receipt-page' className='page receipt-page'>
      <DevBanner />
      <View className='topbar'>
        <Text className='receipt-page__heading'>{t('receipt.title')}</Text>
        <LangToggle />
      </View>
      <View className='page__body'>
        {!ref ? (
          <View id='receipt-bad-link' className='error-text'>
            {t('receipt.badLink')}
          </View>
        ) : null}
        {ref && error && !r ? <RetryPanel id='receipt-error' retryId='receipt-retry' message={error} onRetry={reload} /> : null}
        {ref && !r && !error ? <RowsSkeleton id='receipt-loading' panels={2} rows={3} /> : null}

        {r ? (
          <>
            <View id='receipt-head' className='panel receipt-head' data-store-id={r.storeId} data-receipt-no={r.receiptNo}>
              <Text id='receipt-store' className='receipt-head__store'>
                {r.storeName}
              </Text>
              <Text id='receipt-total' className='receipt-head__total' data-fen={r.netFen}>
                ¥{formatYuan(r.netFen)}
              </Text>
              <Text className='receipt-head__label'>{t('receipt.total')}</Text>
              <View className='receipt-facts'>
                <View className='receipt-facts__row'>
                  <Text className='receipt-facts__key'>{t('receipt.no')}</Text>
                  <Text id='receipt-no' className='receipt-facts__value'>
                    {r.receiptNo}
                  </Text>
                </View>
                <View className='receipt-facts__row'>
                  <Text className='receipt-facts__key'>{t('receipt.time')}</Text>
                  <Text id='receipt-time' className='receipt-facts__value'>
                    {shanghaiDateTime(r.soldAt)}
                  </Text>
                </View>
                {r.returnedFen > 0 ? (
                  <View className='receipt-facts__row'>
                    <Text className='receipt-facts__key'>{t('receipt.returned')}</Text>
                    <Text id='receipt-returned' className='receipt-facts__value receipt-facts__value--minus'>
                      -¥{formatYuan(r.returnedFen)}
                    </Text>
                  </View>
                ) : null}
                <View className='receipt-facts__row'>
                  <Text className='receipt-facts__key'>{t('receipt.pointsEarned')}</Text>
                  <Text id='receipt-points' className='receipt-facts__value' data-points={r.pointsEarned} data-status={r.points}>
                    {formatPoints(r.pointsEarned)}
                    {r.points === 'pending'
                      ? ` · ${r.availableOn ? t('purchases.pendingUntil', { date: formatShortDay(r.availableOn, lang) }) : t('purchases.pending')}`
                      : r.points === 'available'
                        ? ` · ${t('purchases.available')}`
                        : ''}
                  </Text>
                </View>
                {r.pointsPaid > 0 ? (
                  <View className='receipt-facts__row'>
                    <Text className='receipt-facts__key'>{t('receipt.pointsPaid')}</Text>
                    <Text id='receipt-points-paid' className='receipt-facts__value'>
                      {t('receipt.pointsPaidValue', { n: formatPoints(r.pointsPaid), yuan: formatYuan(r.pointsPaidFen) })}
                    </Text>
                  </View>
                ) : null}
              </View>
            </View>
            <Lines receipt={r} />
          </>
        ) : null}
      </View>
    </View>
  );
}
