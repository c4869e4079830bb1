import { Text, View } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { DevBanner } from '../../components/DevBanner';
import { LangToggle } from '../../components/LangToggle';
import { RowsSkeleton } from '../../components/RowsSkeleton';
import { PageToast, showToast } from '../../components/Toast';
import { useI18n } from '../../i18n';
import { usePageTitle } from '../../services/page-title';
import { shanghaiDateTime } from '../../utils/time';
import { useMessages } from './useMessages';
import './index.scss';

const TOAST = 'toast-messages';

export default function MessagesPage() {
  const { t, pick } = useI18n();
  usePageTitle('messages.title');
  const { list, unread, isRead, readAll, markingRead, markError } = useMessages();

  const onReadAll = async () => {
    if (unread === 0 || markingRead) return;
    if (await readAll()) showToast(TOAST, t('messages.readAllDone'), 'success');
  };

  return (
    <View id='messages-page' className='page messages-page'>
      <DevBanner />
      <View className='topbar'>
        <Text className='messages-page__heading'>{t('messages.title')}</Text>
        <LangToggle />
      </View>

      <View className='messages-bar'>
        <Text id='messages-unread' className='messages-bar__count' data-unread={unread}>
          {list.loaded ? (unread > 0 ? t('messages.unreadCount', { n: unread }) : t('messages.noneUnread')) : ''}
        </Text>
        <View
          id='messages-read-all'
          className={`messages-bar__action${unread === 0 ? ' messages-bar__action--off' : ''}`}
          onClick={onReadAll}
          {...{ role: 'button', 'aria-disabled': unread === 0 || markingRead ? 'true' : 'false' }}
        >
          <Text>{t('messages.readAll')}</Text>
        </View>
      </View>
      {markError ? (
        <View className='messages-page__error error-text' id='messages-read-all-error'>
          {markError}
        </View>
      ) : null}

      <View id='messages-list' className='page__body messages-page__body'>
        {list.items.map((m) => {
          const read = isRead(m);
          return (
            <View
              key={m.messageId}
              className={`panel message ${read ? 'message--read' : 'message--unread'}`}
              data-message-id={m.messageId}
              data-kind={m.kind}
              data-read={read ? 'true' : 'false'}
            >
              <View className='message__head'>
                {!read ? <View className='message__dot' /> : null}
                <Text className='message__title'>{pick(m.title)}</Text>
                {!read ? <Text className='message__tag'>{t('messages.unreadTag')}</Text> : null}
              </View>
              <Text className='message__date'>{shanghaiDateTime(m.at)}</Text>
              <Text className='message__body'>{pick(m.body)}</Text>
            </View>
          );
        })}

        {list.loaded && list.items.length === 0 ? (
          <View id='messages-empty' className='messages-empty'>
            <View className='messages-empty__icon'>
              <Text>✉</Text>
            </View>
            <Text className='messages-empty__text'>{t('messages.empty')}</Text>
          </View>
        ) : null}
        {!list.loaded && list.loading ? <RowsSkeleton id='messages-loading' panels={4} /> : null}
        {list.error ? (
          <View id='messages-error' className='error-text'>
            {list.error}
          </View>
        ) : null}

        {list.hasMore ? (
          <View className='messages-more'>
            <Button id='messages-more' fill='outline' type='primary' loading={list.loadingMore} onClick={() => list.loadMore()}>
              {t('common.loadMore')}
            </Button>
          </View>
        ) : list.loaded && list.items.length > 0 ? (
          <View className='messages-end'>{t('common.noMore')}</View>
        ) : null}
      </View>
      <PageToast id={TOAST} />
    </View>
  );
}
