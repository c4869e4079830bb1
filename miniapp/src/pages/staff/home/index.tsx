import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { staffRoleLabels } from '@shared/staff-roles';
import { useI18n, type MessageKey } from '../../../i18n';
import { usePageTitle } from '../../../services/page-title';
import { consoleUrl } from '../../../services/runtime';
import { useStaffProfile } from '../../../services/staff-guard';
import { pages } from '../../../utils/links';
import { staffHomeOffer } from '../../../utils/staff-access';
import { ScopeText, StaffHeader, signOutStaff } from '../common';
import '../staff.scss';

/** What the console does, in its menu's words, so staff know what they will find there. */
const consoleAreas: MessageKey[] = [
  'staff.console.memberService',
  'staff.console.points',
  'staff.console.approvals',
  'staff.console.settings',
  'staff.console.finance',
  'staff.console.staffAccounts',
];

/** The staff console's address, copied with one tap (WeChat's clipboard on weapp; Taro's copy on H5). */
function ConsoleAddress({ url }: { url: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2000);
    return () => clearTimeout(timer);
  }, [copied]);

  return (
    <View className='staff-console__address'>
      <Text className='staff-console__label'>{t('staff.console.address')}</Text>
      <Text id='staff-console-url' className='staff-console__url' userSelect>
        {url}
      </Text>
      <Button
        id='staff-console-copy'
        className='primary-button'
        type='primary'
        size='large'
        block
        onClick={() =>
          Taro.setClipboardData({ data: url }).then(
            () => setCopied(true),
            () => undefined,
          )
        }
      >
        {t(copied ? 'staff.console.copied' : 'staff.console.copy')}
      </Button>
    </View>
  );
}

/** Management is not in the mini-program: where it is, and how to get there. */
function ConsolePanel() {
  const { t } = useI18n();
  const url = consoleUrl();
  return (
    <View id='staff-console' className='panel staff-console'>
      <Text className='staff-console__title'>{t('staff.console.title')}</Text>
      <Text className='staff-console__text'>{t('staff.console.text')}</Text>
      <View id='staff-console-areas' className='staff-console__areas'>
        {consoleAreas.map((key) => (
          <Text key={key} className='staff-console__area'>
            {t(key)}
          </Text>
        ))}
      </View>
      <Text className='staff-console__text'>{t('staff.console.howTo')}</Text>
      {url ? (
        <ConsoleAddress url={url} />
      ) : (
        <Text id='staff-console-ask' className='staff-console__ask'>
          {t('staff.console.ask')}
        </Text>
      )}
    </View>
  );
}

/**
 * The staff home: who is signed in and, for every role but cashier, that management (member service, points,
 * tier approvals, settings, finance reports, staff accounts) is in the staff console on a computer. A cashier who
 * comes here is offered the register.
 */
export default function StaffHomePage() {
  const { t, pick } = useI18n();
  usePageTitle('staff.home');
  const { profile, error } = useStaffProfile();
  const offer = profile ? staffHomeOffer(profile.role) : undefined;

  return (
    <View id='staff-home' className='page staff-page'>
      <StaffHeader>
        <Text className='staff-page__title'>{profile?.displayName ?? t('staff.home')}</Text>
      </StaffHeader>
      <View className='page__body staff-page__body'>
        {profile ? (
          <View id='staff-profile' className='panel'>
            <View className='kv'>
              <Text className='kv__k'>{t('staff.username')}</Text>
              <Text id='staff-username-value' className='kv__v'>
                {profile.username}
              </Text>
            </View>
            <View className='kv'>
              <Text className='kv__k'>{t('staff.role')}</Text>
              <Text id='staff-role' className='kv__v'>
                {pick(staffRoleLabels[profile.role])}
              </Text>
            </View>
            <View className='kv'>
              <Text className='kv__k'>{t('staff.scope')}</Text>
              <Text className='kv__v'>
                <ScopeText profile={profile} />
              </Text>
            </View>
          </View>
        ) : null}
        {offer === 'console' ? <ConsolePanel /> : null}
        {offer === 'register' ? (
          <Button id='staff-open-register' className='primary-button' type='primary' size='large' block onClick={() => Taro.reLaunch({ url: pages.cashier })}>
            {t('staff.openRegister')}
          </Button>
        ) : null}
        {error ? (
          <View id='staff-error' className='error-text'>
            {error}
          </View>
        ) : null}
        <Button id='staff-sign-out' className='primary-button' size='large' block onClick={signOutStaff}>
          {t('common.signOut')}
        </Button>
      </View>
    </View>
  );
}
