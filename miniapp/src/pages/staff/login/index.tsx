import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { Field } from '../../../components/Field';
import { PageToast, showToast } from '../../../components/Toast';
import { useI18n } from '../../../i18n';
import { usePageTitle } from '../../../services/page-title';
import { pages } from '../../../utils/links';
import { useStaffLogin } from './useStaffLogin';
import '../staff.scss';
import { StaffHeader } from '../common';

const TOAST = 'toast-staff-login';

export default function StaffLoginPage() {
  const { t } = useI18n();
  usePageTitle('staff.loginTitle');
  const s = useStaffLogin((message) => showToast(TOAST, message, 'fail'));

  return (
    <View className='page staff-page'>
      <StaffHeader>
        <Text className='staff-page__title'>{t('staff.loginTitle')}</Text>
      </StaffHeader>
      <View className='page__body staff-page__body'>
        <View className='panel'>
          <Field
            id='staff-username'
            label={t('staff.username')}
            value={s.username}
            onChange={s.setUsername}
            placeholder={t('staff.usernamePlaceholder')}
          />
          <Field
            id='staff-password'
            label={t('staff.password')}
            type='password'
            value={s.password}
            onChange={s.setPassword}
            placeholder={t('staff.passwordPlaceholder')}
          />
          <Field
            id='staff-register'
            label={t('staff.register')}
            value={s.register}
            onChange={s.setRegister}
            placeholder={t('staff.registerPlaceholder')}
            onConfirm={() => s.login()}
          />

          {s.choices && s.choices.length > 0 ? (
            <View id='register-choices' className='register-choices'>
              <Text className='register-choices__title'>{t('staff.registerChoose')}</Text>
              <View className='register-choices__list'>
                {s.choices.map((r) => (
                  <View
                    key={r.registerId}
                    id={`register-choice-${r.registerId}`}
                    className={`register-choice${s.register === r.registerId ? ' register-choice--on' : ''}`}
                    onClick={() => s.choose(r.registerId)}
                  >
                    <Text className='register-choice__name'>{r.name}</Text>
                    <Text className='register-choice__id'>{r.registerId}</Text>
                  </View>
                ))}
              </View>
            </View>
          ) : null}

          <Button
            id='staff-login'
            className='primary-button'
            type='primary'
            size='large'
            block
            loading={s.busy}
            onClick={() => s.login()}
          >
            {t('staff.login')}
          </Button>
          {s.error ? (
            <View id='staff-login-error' className='error-text'>
              {s.error}
            </View>
          ) : null}
        </View>
        <View className='footer-links'>
          <Text className='muted' onClick={() => Taro.reLaunch({ url: pages.card })}>
            {t('staff.back')}
          </Text>
        </View>
      </View>
      <PageToast id={TOAST} />
    </View>
  );
}
