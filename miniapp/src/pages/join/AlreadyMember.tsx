import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import type { MemberCard } from '@shared/features/members/schemas';
import { useI18n } from '../../i18n';
import { formatPoints } from '../../utils/format';
import { pages } from '../../utils/links';

/** A member who opened a join link (any store's): they are told so, see their card, and go to it. No second join. */
export function AlreadyMember({ card, chainName }: { card: MemberCard | null; chainName: string }) {
  const { t, pick } = useI18n();
  return (
    <View id='join-already' className='panel join-already'>
      {card ? (
        <View id='join-already-card' className={`join-mini-card join-mini-card--${card.tier.code}`}>
          <View className='join-mini-card__head'>
            <Text className='join-mini-card__chain'>{chainName}</Text>
            <Text className='join-mini-card__tier'>{pick(card.tier.name)}</Text>
          </View>
          <Text className='join-mini-card__label'>{t('card.memberNo')}</Text>
          <Text id='join-already-no' className='join-mini-card__no'>
            {card.memberId}
          </Text>
          <Text className='join-mini-card__points'>
            {t('card.points')} {formatPoints(card.points.available)}
          </Text>
        </View>
      ) : null}
      <Text className='join-already__text'>{t('join.alreadyText')}</Text>
      <Button id='join-to-card' className='primary-button' type='primary' size='large' block onClick={() => Taro.reLaunch({ url: pages.card })}>
        {t('join.toCard')}
      </Button>
    </View>
  );
}
