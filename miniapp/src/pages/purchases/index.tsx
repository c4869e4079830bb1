import { Text, View } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { DevBanner } from '../../components/DevBanner';
import { LangToggle } from '../../components/LangToggle';
import { RetryPanel } from '../../components/RetryPanel';
import { RowsSkeleton } from '../../components/RowsSkeleton';
import { useI18n } from '../../i18n';
import { usePageTitle } from '../../services/page-title';
import { purchaseKey } from '../../utils/purchases';
import { PurchaseRow } from './PurchaseRow';
import { usePurchases } from './usePurchases';
import './index.scss';

export default function PurchasesPage() {
  const { t } = useI18n();
  usePageTitle('purchases.title');
  const list = usePurchases();

  return (
    <View id='purchases-page' className='page purchases-page'>
      <DevBanner />
      <View className='topbar'>
        <Text className='purchases-page__heading'>{t('purchases.title')}</Text>
        <LangToggle />
      </View>
      <View id='purchases-list' className='page__body'>
        {list.items.map((p) => (
          <PurchaseRow key={purchaseKey(p)} p={p} />
        ))}

        {list.loaded && list.items.length === 0 ? (
          <View id='purchases-empty' className='purchases-empty'>
            <View className='purchases-empty__icon'>
              <Text>购</Text>
            </View>
            <Text className='purchases-empty__text'>{t('purchases.empty')}</Text>
            <Text className='purchases-empty__hint'>{t('purchases.emptyHint')}</Text>
          </View>
        ) : null}
        {!list.loaded && list.loading ? <RowsSkeleton id='purchases-loading' panels={4} rows={2} /> : null}
        {list.error && !list.loaded ? <RetryPanel id='purchases-error' retryId='purchases-retry' message={list.error} onRetry={list.reload} /> : null}
        {list.error && list.loaded ? (
          <View id='purchases-error' className='error-text'>
            {list.error}
          </View>
        ) : null}

        {list.hasMore ? (
          <View className='purchases-more'>
            <Button id='purchases-more' fill='outline' type='primary' loading={list.loadingMore} onClick={() => list.loadMore()}>
              {t('common.loadMore')}
            </Button>
          </View>
        ) : list.loaded && list.items.length > 0 ? (
          <View className='purchases-end'>{t('common.noMore')}</View>
        ) : null}
      </View>
    </View>
  );
}
