import { Text, View } from '@tarojs/components';
import type { RouteResponse } from '@shared/routes';
import { useI18n } from '../../../i18n';
import { formatPoints, formatYuan } from '../../../utils/format';
import { discountLabel } from '../../../utils/points';
import type { DeductionNote } from '../../../utils/quote';

type Quote = RouteResponse<'quoteBasket'>;

/** The checkout preview: list total, tier discount, after discount, points deduction (or why not), payable. */
export function QuoteResult({ quote, note }: { quote: Quote; note: DeductionNote }) {
  const { t, lang } = useI18n();
  const discount = discountLabel(quote.tier.discountBasisPoints, lang);
  const pointsText =
    note.kind === 'ok'
      ? t('cashier.quotePointsOk', { points: formatPoints(note.points), yuan: formatYuan(note.fen) })
      : note.kind === 'noPoints'
        ? t('cashier.quoteNoPoints')
        : note.kind === 'codeRequired'
          ? t('cashier.quoteCodeRequired')
        : note.kind === 'belowMinimum'
          ? note.minFen !== null
            ? t('cashier.quoteBelowMin', { amount: formatYuan(note.minFen).replace(/\.00$/, '') })
            : t('cashier.quoteBelowMinUnknown')
          : note.reason || '—';
  return (
    <View id='quote-result' className='quote-result' data-payable-fen={quote.payableFen}>
      <View className='kv'>
        <Text className='kv__k'>{t('cashier.quoteListTotal')}</Text>
        <Text id='quote-list-total' className='kv__v'>
          ¥{formatYuan(quote.listTotalFen)}
        </Text>
      </View>
      <View className='kv'>
        <Text className='kv__k'>
          {t('cashier.quoteTierDiscount')}
          {discount ? ` · ${discount}` : ''}
        </Text>
        <Text id='quote-tier-discount' className={`kv__v${quote.tierDiscountFen > 0 ? ' quote-result__minus' : ''}`}>
          {quote.tierDiscountFen > 0 ? `-¥${formatYuan(quote.tierDiscountFen)}` : '¥0.00'}
        </Text>
      </View>
      <View className='kv'>
        <Text className='kv__k'>{t('cashier.quoteAfterTier')}</Text>
        <Text id='quote-after-tier' className='kv__v'>
          ¥{formatYuan(quote.afterTierFen)}
        </Text>
      </View>
      {quote.couponDiscountFen > 0 ? (
        <>
          <View className='kv'>
            <Text className='kv__k'>{t('cashier.couponDiscount')}</Text>
            <Text id='quote-coupon-discount' className='kv__v quote-result__minus'>
              -¥{formatYuan(quote.couponDiscountFen)}
            </Text>
          </View>
          <View className='kv'>
            <Text className='kv__k'>{t('cashier.couponAfter')}</Text>
            <Text id='quote-after-coupons' className='kv__v'>
              ¥{formatYuan(quote.afterCouponsFen)}
            </Text>
          </View>
        </>
      ) : null}
      <View className='kv'>
        <View className='quote-result__points-k'>
          <Text className='kv__k'>{t('cashier.quotePoints')}</Text>
          <Text className='quote-result__available'>{quote.points.available === null ? '' : t('cashier.quoteMemberPoints', { n: formatPoints(quote.points.available) })}</Text>
        </View>
        <Text
          id='quote-points'
          className={`kv__v${note.kind === 'ok' ? ' quote-result__minus' : ' quote-result__muted'}`}
          data-deductible-points={quote.points.deductiblePoints}
          data-deductible-fen={quote.points.deductibleFen}
          data-kind={note.kind}
        >
          {pointsText}
        </Text>
      </View>
      <View className='quote-result__payable'>
        <Text className='quote-result__payable-k'>{t('cashier.quotePayable')}</Text>
        <Text id='quote-payable' className='quote-result__payable-v'>
          ¥{formatYuan(quote.payableFen)}
        </Text>
      </View>
      {quote.rules.length > 0 ? (
        <View className='quote-result__rules'>
          {quote.rules.map((r) => (
            <Text key={r} className='quote-result__rule'>
              · {r}
            </Text>
          ))}
        </View>
      ) : null}
    </View>
  );
}
