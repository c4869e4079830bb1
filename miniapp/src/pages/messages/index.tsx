import { Text, View } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { DevBanner } from '../../components/DevBanner';
import { LangToggle } from '../../components/LangToggle';
import { useI18n } from '../../i18n';
import { usePageTitle } from '../../services/page-title';
import { shanghaiDateTime } from '../../utils/time';
import { useMessages } from './useMessages';
import './index.scss';

export default function MessagesPage() {
  const { t, pick } = useI18n();
  usePageTitle('messages.title');
  const list = useMessages();

  return (
    <View id='messages-page' className='page messages-page'>
      <DevBanner />
      <View className='topbar'>
        <Text className='messages-page__heading'>{t('messages.title')}</Text>
        <LangToggle />
      </View>
      <View id='messages-list' className='page__body'>
        {list.items.map((m) => (
          <View key={m.messageId} className={`panel message${m.read ? '' : ' message--unread'}`} data-message-id={m.messageId} data-kind={m.kind}>
            <View className='message__head'>
              {!m.read ? <View className='message__dot' /> : null}
              <Text className='message__title'>{pick(m.title)}</Text>
              <Text className='message__date'>{shanghaiDateTime(m.at)}</Text>
            </View>
            <Text className='message__body'>{pick(m.body)}</Text>
          </View>
        ))}

        {list.loaded && list.items.length === 0 ? (
          <View id='messages-empty' className='messages-empty'>
            <View className='messages-empty__icon'>
              <Text>✉</Text>
            </View>
            <Text className='messages-empty__text'>{t('messages.empty')}</Text>
          </View>
        ) : null}
        {!list.loaded && list.loading ? <View className='messages-loading'>{t('common.loading')}</View> : null}
        {list.error ? (
          <View id='messages-error' className='error-text'>
            {list.error}
          </View>
        ) : null}

        {list.hasMore ? (
          <View className='messages-more'>
            <Button id='messages-more' size='small' fill='outline' type='primary' loading={list.loadingMore} onClick={() => list.loadMore()}>
              {t('common.loadMore')}
            </Button>
          </View>
        ) : list.loaded && list.items.length > 0 ? (
          <View className='messages-end'>{t('common.noMore')}</View>
        ) : null}
      </View>
    </View>
  );
}
