import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useI18n, type MessageKey } from '../../i18n';
import { unreadBadge } from '../../utils/card';
import { pages } from '../../utils/links';
import './CardEntries.scss';

type EntryId = 'points' | 'purchases' | 'tier' | 'messages' | 'profile' | 'rules';
const entries: ReadonlyArray<{ id: EntryId; glyph: string; label: MessageKey; url: string }> = [
  { id: 'points', glyph: '积', label: 'card.entry.points', url: pages.points },
  { id: 'purchases', glyph: '购', label: 'card.entry.purchases', url: pages.purchases },
  { id: 'tier', glyph: 'V', label: 'card.entry.tier', url: pages.tier },
  { id: 'messages', glyph: '信', label: 'card.entry.messages', url: pages.messages },
  { id: 'profile', glyph: '我', label: 'card.entry.profile', url: pages.profile },
  { id: 'rules', glyph: '规', label: 'card.entry.rules', url: pages.rules },
];

/** The ways into the member's pages, under the card, with the unread-messages badge on the message centre. */
export function CardEntries({ unreadMessages }: { unreadMessages: number }) {
  const { t } = useI18n();
  const badge = unreadBadge(unreadMessages);
  return (
    <View className='card-menu'>
      {entries.map((e) => (
        <View
          key={e.id}
          id={`entry-${e.id}`}
          className='card-menu__item'
          onClick={() => Taro.navigateTo({ url: e.url })}
          {...{ role: 'link', 'aria-label': e.id === 'messages' && badge ? `${t(e.label)} · ${t('card.unread', { n: unreadMessages })}` : t(e.label) }}
        >
          <View className={`card-menu__glyph card-menu__glyph--${e.id}`}>
            <Text>{e.glyph}</Text>
            {e.id === 'messages' && badge ? (
              <Text id='messages-badge' className='card-menu__badge' data-unread={unreadMessages}>
                {badge}
              </Text>
            ) : null}
          </View>
          <Text className='card-menu__label'>{t(e.label)}</Text>
        </View>
      ))}
    </View>
  );
}
