import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { DevBanner } from '../../components/DevBanner';
import { Field } from '../../components/Field';
import { LangToggle } from '../../components/LangToggle';
import { PageToast, showToast } from '../../components/Toast';
import { useI18n } from '../../i18n';
import { usePageTitle } from '../../services/page-title';
import { usePublicInfo } from '../../services/public-info';
import { isH5, isWeapp } from '../../services/runtime';
import { pages, safeRedirect } from '../../utils/links';
import { useLogin } from './useLogin';
import './index.scss';

const TOAST = 'toast-login';

export default function LoginPage() {
  const { t, pick } = useI18n();
  usePageTitle('login.title');
  const router = useRouter();
  const redirect = safeRedirect(router.params.redirect);
  const { info } = usePublicInfo();
  const login = useLogin(redirect, (message) => showToast(TOAST, message, 'fail'));

  const showWechat = isWeapp && info?.wechatSignIn !== false;
  const showPhone = isH5 || info?.devSignIn === true;

  return (
    <View className='page login-page'>
      <DevBanner />
      <View className='topbar'>
        <Text className='login-page__brand'>{pick(info?.chainName) || t('app.chain')}</Text>
        <LangToggle />
      </View>
      <View className='page__body'>
        <View className='login-page__intro'>
          <Text className='login-page__title'>{t('login.title')}</Text>
          <Text className='login-page__subtitle'>{t('login.subtitle')}</Text>
        </View>

        {showWechat ? (
          <View className='panel'>
            <Button
              id='wechat-login'
              type='primary'
              size='large'
              block
              loading={login.busy === 'wechat'}
              onClick={() => login.wechatSignIn()}
            >
              {t('login.wechat')}
            </Button>
            {showPhone ? <View className='login-page__or'>{t('login.orPhone')}</View> : null}
          </View>
        ) : null}

        {showPhone ? (
          <View className='panel'>
            {info?.devSignIn === false ? <View className='panel__hint'>{t('login.devDisabled')}</View> : null}
            <Field
              id='phone-input'
              label={t('login.phone')}
              type='tel'
              maxLength={11}
              value={login.phone}
              onChange={login.setPhone}
              placeholder={t('login.phonePlaceholder')}
              extra={
                <Button
                  id='send-otp'
                  size='small'
                  type='primary'
                  fill='outline'
                  loading={login.busy === 'send'}
                  disabled={login.cooldown > 0}
                  aria-disabled={login.cooldown > 0 ? 'true' : 'false'}
                  onClick={async () => {
                    if (await login.sendOtp()) showToast(TOAST, t('login.otpSent'), 'success');
                  }}
                >
                  {login.cooldown > 0 ? t('login.resendIn', { s: login.cooldown }) : t('login.sendOtp')}
                </Button>
              }
            />
            <Field
              id='otp-input'
              label={t('login.otp')}
              type='number'
              maxLength={6}
              value={login.otp}
              onChange={login.setOtp}
              placeholder={t('login.otpPlaceholder')}
              onConfirm={() => login.verifyOtp()}
            />
            <Button
              id='verify-otp'
              className='primary-button'
              type='primary'
              size='large'
              block
              loading={login.busy === 'verify'}
              onClick={() => login.verifyOtp()}
            >
              {t('login.verify')}
            </Button>
          </View>
        ) : null}

        {login.error ? (
          <View id='login-error' className='error-text'>
            {login.error}
          </View>
        ) : null}

        <View className='login-page__agree'>
          <Text>{t('login.agreeHint')}</Text>
          <Text className='link' onClick={() => Taro.navigateTo({ url: pages.privacy })}>
            {t('join.privacyLink')}
          </Text>
        </View>
      </View>
      <PageToast id={TOAST} />
    </View>
  );
}
