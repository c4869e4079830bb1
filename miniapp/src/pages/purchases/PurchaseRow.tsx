import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useI18n } from '../../i18n';
import { formatPoints } from '../../utils/format';
import { purchaseAmount, receiptPath } from '../../utils/purchases';
import { formatShortDay, shanghaiDateTime } from '../../utils/time';
import type { Purchase } from './usePurchases';

/**
 * One sale or return: store, Shanghai time, amount, and its points. A sale's earned points are pending (with the
 * day they become available) or available; a return shows the points it took back and gave back. Tapping opens
 * the receipt (a return: the receipt it returned).
 */
export function PurchaseRow({ p }: { p: Purchase }) {
  const { t, lang } = useI18n();
  const isReturn = p.kind === 'return';
  const open = () => Taro.navigateTo({ url: receiptPath({ storeId: p.storeId, receiptNo: p.receiptNo }) });
  return (
    <View
      className={`panel purchase purchase--${p.kind}`}
      onClick={open}
      data-kind={p.kind}
      data-ref={p.ref}
      data-receipt-no={p.receiptNo}
      data-amount-fen={p.amountFen}
      data-points={p.points}
      {...{ role: 'link' }}
    >
      <View className='purchase__head'>
        <Text className={`purchase__kind purchase__kind--${p.kind}`}>{isReturn ? t('purchases.return') : t('purchases.sale')}</Text>
        <Text className='purchase__store'>{p.storeName}</Text>
        <Text className='purchase__amount'>{purchaseAmount(p)}</Text>
      </View>
      <Text className='purchase__meta'>
        {shanghaiDateTime(p.at)}
        {isReturn ? ` · ${t('purchases.returnOf', { no: p.receiptNo })}` : ` · ${p.ref}`}
      </Text>
      <View className='purchase__points'>
        {!isReturn && p.pointsEarned > 0 ? (
          <Text className={`purchase__chip purchase__chip--${p.points}`}>
            {t('purchases.earned', { n: formatPoints(p.pointsEarned) })}
            {' · '}
            {p.points === 'pending'
              ? p.availableOn
                ? t('purchases.pendingUntil', { date: formatShortDay(p.availableOn, lang) })
                : t('purchases.pending')
              : t('purchases.available')}
          </Text>
        ) : null}
        {!isReturn && p.pointsPaid > 0 ? <Text className='purchase__chip'>{t('purchases.paidWithPoints', { n: formatPoints(p.pointsPaid) })}</Text> : null}
        {isReturn && p.pointsEarned > 0 ? <Text className='purchase__chip purchase__chip--minus'>{t('purchases.reversed', { n: formatPoints(p.pointsEarned) })}</Text> : null}
        {isReturn && p.pointsPaid > 0 ? <Text className='purchase__chip'>{t('purchases.paidBack', { n: formatPoints(p.pointsPaid) })}</Text> : null}
        <Text className='purchase__open'>{t('purchases.viewReceipt')} ›</Text>
      </View>
    </View>
  );
}
