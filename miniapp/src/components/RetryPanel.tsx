import { View } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { useI18n } from '../i18n';

/** A page that could not load its data: the reason and a retry button. */
export function RetryPanel({ id, retryId, message, onRetry, centered = true }: { id: string; retryId?: string; message: string; onRetry: () => void; centered?: boolean }) {
  const { t } = useI18n();
  return (
    <View className={centered ? 'panel center' : 'panel'}>
      <View id={id} className='error-text'>
        {message}
      </View>
      <Button id={retryId} className='primary-button' type='primary' size='large' block onClick={() => onRetry()}>
        {t('common.retry')}
      </Button>
    </View>
  );
}
