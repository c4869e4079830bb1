import { View } from '@tarojs/components';
import Skeleton from '@nutui/nutui-react-taro/dist/es/packages/skeleton';
import '@nutui/nutui-react-taro/dist/es/packages/skeleton/style/css';
import './RowsSkeleton.scss';

/**
 * The shape of a list while its first page loads (purchases, messages, the profile form): `panels` grey panels of
 * `rows` lines each, in the page's layout, so nothing jumps when the data arrives.
 */
export function RowsSkeleton({ id, panels = 3, rows = 2 }: { id?: string; panels?: number; rows?: number }) {
  return (
    <View id={id} className='rows-skeleton' aria-busy='true'>
      {Array.from({ length: panels }, (_, i) => (
        <View key={i} className='panel rows-skeleton__panel'>
          <Skeleton rows={1} size='large' width='45%' animated />
          <Skeleton className='rows-skeleton__rest' rows={rows} animated />
        </View>
      ))}
    </View>
  );
}
