import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useI18n, type MessageKey } from '../../i18n';
import { pages } from '../../utils/links';

const entries: ReadonlyArray<{ id: string; glyph: string; label: MessageKey; url: string }> = [
  { id: 'entry-points', glyph: '积', label: 'card.entry.points', url: pages.points },
  { id: 'entry-tier', glyph: 'V', label: 'card.entry.tier', url: pages.tier },
  { id: 'entry-rules', glyph: '规', label: 'card.entry.rules', url: pages.rules },
  { id: 'entry-messages', glyph: '信', label: 'card.entry.messages', url: pages.messages },
];

/** The row of ways into the member's pages, under the card: points, tier, rules, messages. */
export function CardEntries() {
  const { t } = useI18n();
  return (
    <View className='card-entries'>
      {entries.map((e) => (
        <View key={e.id} id={e.id} className='card-entries__item' onClick={() => Taro.navigateTo({ url: e.url })}>
          <View className={`card-entries__glyph card-entries__glyph--${e.id}`}>{e.glyph}</View>
          <Text className='card-entries__label'>{t(e.label)}</Text>
        </View>
      ))}
    </View>
  );
}
