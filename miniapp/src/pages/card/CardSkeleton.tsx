import { View } from '@tarojs/components';
import { Skeleton, SkeletonBlock } from '../../components/Skeleton';

/** The card page while it learns who is looking: the band, a card, the balances and the code panel, in grey. */
export function CardSkeleton() {
  return (
    <Skeleton id='card-skeleton' className='band-page'>
      <View className='band-page__band' />
      <View className='band-page__content'>
        <View className='band-page__top'>
          <SkeletonBlock onDark className='card-skeleton__brand' />
        </View>
        <SkeletonBlock className='card-skeleton__card' />
        <View className='stats'>
          {[0, 1, 2].map((i) => (
            <View key={i} className='stats__item'>
              <SkeletonBlock className='card-skeleton__stat' />
              <SkeletonBlock className='card-skeleton__stat-label' />
            </View>
          ))}
        </View>
        <View className='code-panel'>
          <View className='code-panel__head'>
            <SkeletonBlock className='card-skeleton__title' />
          </View>
          <SkeletonBlock className='code-skeleton__barcode' />
          <SkeletonBlock className='code-skeleton__digits' />
          <SkeletonBlock className='code-skeleton__qr' />
        </View>
      </View>
    </Skeleton>
  );
}
