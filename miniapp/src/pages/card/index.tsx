import { Text, View } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { DevBanner } from '../../components/DevBanner';
import { LangToggle } from '../../components/LangToggle';
import { useI18n } from '../../i18n';
import { usePageTitle } from '../../services/page-title';
import { usePublicInfo } from '../../services/public-info';
import { CodePanel } from './CodePanel';
import { FooterLinks } from './FooterLinks';
import { MemberCardView } from './MemberCardView';
import { useCard, useMemberCode } from './useCard';
import { Welcome } from './Welcome';
import './index.scss';

export default function CardPage() {
  const { t, pick } = useI18n();
  usePageTitle('app.chain');
  const { info } = usePublicInfo();
  const chainName = pick(info?.chainName) || t('app.chain');
  const { state, reload, signOut } = useCard();
  const member = useMemberCode(state.kind === 'member');

  return (
    <View className='page card-page'>
      <DevBanner />
      {state.kind === 'loading' ? <View className='card-page__loading'>{t('common.loading')}</View> : null}

      {state.kind === 'welcome' ? <Welcome chainName={chainName} /> : null}

      {state.kind === 'error' ? (
        <View className='page__body'>
          <View className='panel center'>
            <View id='card-error' className='error-text'>
              {state.message}
            </View>
            <Button id='card-retry' type='primary' size='large' block className='primary-button' onClick={() => reload()}>
              {t('common.retry')}
            </Button>
          </View>
        </View>
      ) : null}

      {state.kind === 'member' ? (
        <View className='card-page__member'>
          <View className='card-page__band' />
          <View className='card-page__content'>
            <View className='card-page__top'>
              <Text className='card-page__hello'>{chainName}</Text>
              <LangToggle light />
            </View>
            <MemberCardView card={state.card} chainName={chainName} />
            <CodePanel member={member} />
            <FooterLinks onSignOut={signOut} />
          </View>
        </View>
      ) : null}
    </View>
  );
}
