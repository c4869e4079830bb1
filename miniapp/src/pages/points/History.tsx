import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { useI18n, type MessageKey } from '../../i18n';
import { signedPoints } from '../../utils/points';
import { receiptPath } from '../../utils/purchases';
import { shanghaiDateTime } from '../../utils/time';
import type { usePoints, LedgerEntry } from './usePoints';
import { Skeleton, SkeletonBlock } from '../../components/Skeleton';

const kindKey: Record<LedgerEntry['kind'], MessageKey> = {
  earn: 'points.kind.earn',
  spend: 'points.kind.spend',
  expire: 'points.kind.expire',
  adjust: 'points.kind.adjust',
  reverse: 'points.kind.reverse',
  refund: 'points.kind.refund',
};

function HistoryRow({ entry }: { entry: LedgerEntry }) {
  const { t, pick } = useI18n();
  const sign = entry.points > 0 ? 'plus' : entry.points < 0 ? 'minus' : 'zero';
  // A sale's entry opens its receipt.
  const receipt = entry.receipt;
  const open = receipt ? () => Taro.navigateTo({ url: receiptPath(receipt) }) : undefined;
  return (
    <View className='history-item' data-seq={entry.seq} data-kind={entry.kind} data-points={entry.points} onClick={open} {...(receipt ? { role: 'link', 'data-receipt-no': receipt.receiptNo } : {})}>
      <View className='history-item__main'>
        <View className='history-item__line'>
          <Text className={`history-item__kind history-item__kind--${entry.kind}`}>{t(kindKey[entry.kind])}</Text>
          <Text className='history-item__reason'>{pick(entry.reason)}</Text>
        </View>
        <Text className='history-item__date'>
          {shanghaiDateTime(entry.at)}
          {receipt ? <Text className='link'>{` · ${t('purchases.viewReceipt')} ›`}</Text> : null}
        </Text>
      </View>
      <View className='history-item__side'>
        <Text className={`history-item__points history-item__points--${sign}`}>{signedPoints(entry.points)}</Text>
        {entry.debt !== 0 ? <Text className='history-item__debt'>{t('points.debtChange', { n: signedPoints(entry.debt) })}</Text> : null}
      </View>
    </View>
  );
}

/** The ledger, newest first: more on scroll to the bottom or with the button. */
export function History({ history }: { history: ReturnType<typeof usePoints>['history'] }) {
  const { t } = useI18n();
  return (
    <View id='points-history' className='panel history'>
      <Text className='panel__title'>{t('points.history')}</Text>
      {history.items.map((entry) => (
        <HistoryRow key={entry.seq} entry={entry} />
      ))}
      {history.loaded && history.items.length === 0 ? <View className='history__empty'>{t('points.historyEmpty')}</View> : null}
      {!history.loaded && history.loading ? (
        <Skeleton id='history-skeleton'>
          {[0, 1, 2, 3].map((i) => (
            <View key={i} className='history-item'>
              <View className='history-item__main'>
                <SkeletonBlock className='history-skeleton__reason' />
                <SkeletonBlock className='history-skeleton__date' />
              </View>
              <SkeletonBlock className='history-skeleton__points' />
            </View>
          ))}
        </Skeleton>
      ) : null}
      {history.error ? <View className='error-text'>{history.error}</View> : null}
      {history.hasMore ? (
        <View className='history__more'>
          <Button id='history-more' size='small' fill='outline' type='primary' loading={history.loadingMore} onClick={() => history.loadMore()}>
            {t('common.loadMore')}
          </Button>
        </View>
      ) : history.loaded && history.items.length > 0 ? (
        <View className='history__end'>{t('common.noMore')}</View>
      ) : null}
    </View>
  );
}
