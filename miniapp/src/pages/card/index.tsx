import { Text, View } from '@tarojs/components';
import { DevBanner } from '../../components/DevBanner';
import { LangToggle } from '../../components/LangToggle';
import { useI18n } from '../../i18n';
import { usePageTitle } from '../../services/page-title';
import { usePublicInfo } from '../../services/public-info';
import { CardSkeleton } from './CardSkeleton';
import { CodePanel } from './CodePanel';
import { FooterLinks } from './FooterLinks';
import { MemberCardView } from './MemberCardView';
import { useCard, useMemberCode } from './useCard';
import { Welcome } from './Welcome';
import './index.scss';
import { RetryPanel } from '../../components/RetryPanel';

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
      {state.kind === 'loading' ? <CardSkeleton /> : null}

      {state.kind === 'welcome' ? <Welcome chainName={chainName} /> : null}

      {state.kind === 'error' ? (
        <View className='page__body'>
          <RetryPanel id='card-error' retryId='card-retry' message={state.message} onRetry={reload} />
        </View>
      ) : null}

      {state.kind === 'member' ? (
        <View className='band-page'>
          <View className='band-page__band' />
          <View className='band-page__content'>
            <View className='band-page__top'>
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
