import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import Checkbox from '@nutui/nutui-react-taro/dist/es/packages/checkbox';
import '@nutui/nutui-react-taro/dist/es/packages/checkbox/style/css';
import { DevBanner } from '../../components/DevBanner';
import { LangToggle } from '../../components/LangToggle';
import { RowsSkeleton } from '../../components/RowsSkeleton';
import { PageToast, showToast } from '../../components/Toast';
import { useI18n } from '../../i18n';
import { usePageTitle } from '../../services/page-title';
import { isWeapp } from '../../services/runtime';
import { pages, sceneFromParams } from '../../utils/links';
import { AlreadyMember } from './AlreadyMember';
import { NewMemberBenefits } from './NewMemberBenefits';
import { useJoin } from './useJoin';
import './index.scss';

const TOAST = 'toast-join';

export default function JoinPage() {
  const { t, pick } = useI18n();
  usePageTitle('join.title');
  const router = useRouter();
  const scene = sceneFromParams(router.params);
  const j = useJoin(scene, (message) => showToast(TOAST, message, 'fail'));
  const [agreed, setAgreed] = useState(false);

  if (!j.signedIn) return <View className='page' />;

  const storeName = j.sceneInfo?.store.name;
  const chainName = pick(j.sceneInfo?.chainName ?? j.info?.chainName) || t('app.chain');
  const canJoin = agreed && Boolean(j.consent) && !j.joining;
  const openPrivacy = (e: { stopPropagation?: () => void }) => {
    e.stopPropagation?.();
    Taro.navigateTo({ url: pages.privacy });
  };
  const blockedHint = () => {
    if (!agreed) showToast(TOAST, t('join.consentRequired'), 'warn');
  };

  return (
    <View className='page join-page'>
      <DevBanner />
      <View className='join-page__hero'>
        <View className='join-page__top'>
          <Text className='join-page__chain'>{chainName}</Text>
          <LangToggle light />
        </View>
        <Text id='join-welcome' className='join-page__welcome'>
          {j.standing.kind === 'member' ? t('join.already') : storeName ? t('join.welcomeStore', { store: storeName }) : t('join.welcome')}
        </Text>
        <Text className='join-page__benefits'>{j.standing.kind === 'member' ? (storeName ?? '') : t('join.benefits')}</Text>
      </View>

      <View className='page__body join-page__body'>
        {j.standing.kind === 'checking' ? <RowsSkeleton id='join-checking' panels={2} rows={2} /> : null}
        {j.standing.kind === 'member' ? <AlreadyMember card={j.standing.card} chainName={chainName} /> : null}
        {j.standing.kind === 'new' ? (
          <>
            {j.sceneInvalid ? <View className='notice-inline'>{t('join.sceneUnknown')}</View> : null}
            {j.loadError ? (
              <View id='join-load-error' className='error-text'>
                {j.loadError}
              </View>
            ) : null}
            {j.rules ? <NewMemberBenefits rules={j.rules} /> : null}

            <View className='panel'>
              <View className='consent'>
                <Checkbox
                  id='consent-checkbox'
                  className='consent__box'
                  checked={agreed}
                  onChange={(v: boolean) => setAgreed(v)}
                  role='checkbox'
                  aria-checked={agreed ? 'true' : 'false'}
                />
                <View className='consent__text' onClick={() => setAgreed(!agreed)}>
                  <Text>{t('join.consentPrefix')}</Text>
                  <Text id='privacy-link' className='link' onClick={openPrivacy}>
                    {t('join.privacyLink')}
                  </Text>
                  <Text>{t('join.and')}</Text>
                  <Text id='terms-link' className='link' onClick={openPrivacy}>
                    {t('join.termsLink')}
                  </Text>
                </View>
              </View>
              {j.consent ? (
                <View id='consent-versions' className='consent__versions'>
                  {t('join.versions', { p: j.consent.privacyPolicyVersion, t: j.consent.termsVersion })}
                </View>
              ) : null}

              <View className='join-page__actions' onClick={blockedHint}>
                {isWeapp ? (
                  <Button
                    id='join-phone-button'
                    className='primary-button'
                    type='primary'
                    size='large'
                    block
                    disabled={!canJoin}
                    openType={canJoin ? 'getPhoneNumber' : undefined}
                    onGetPhoneNumber={(e: { detail: { code?: string } }) => {
                      if (e.detail.code) j.join(e.detail.code);
                    }}
                  >
                    {t('join.sharePhone')}
                  </Button>
                ) : null}
                <Button
                  id='join-button'
                  className='primary-button'
                  type='primary'
                  fill={isWeapp ? 'outline' : undefined}
                  size='large'
                  block
                  disabled={!canJoin}
                  // Playwright and screen readers see the state: NutUI keeps `disabled` off the element itself.
                  {...{ role: 'button', 'aria-disabled': canJoin ? 'false' : 'true' }}
                  loading={j.joining}
                  onClick={() => j.join()}
                >
                  {t('join.button')}
                </Button>
              </View>

              {j.error ? (
                <View id='join-error' className='error-text'>
                  {j.error}
                </View>
              ) : null}
            </View>
          </>
        ) : null}
      </View>
      <PageToast id={TOAST} />
    </View>
  );
}
