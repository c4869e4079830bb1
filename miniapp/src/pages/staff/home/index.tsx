import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { staffRoleLabels } from '@shared/staff-roles';
import type { StaffProfile } from '@shared/features/staff/schemas';
import { LangToggle } from '../../../components/LangToggle';
import { useI18n } from '../../../i18n';
import { errorMessage, staffApi } from '../../../services/api';
import { usePageTitle } from '../../../services/page-title';
import { staffSession } from '../../../services/session';
import { pages } from '../../../utils/links';
import { staffToolPages, toolsFor, type StaffTool } from '../../../utils/staff-access';
import { ScopeText, signOutStaff } from '../common';
import '../staff.scss';

/** Staff who are not cashiers: who am I, the tools my role may use, and sign out. Management happens in the admin console. */
function useStaffProfile() {
  const [profile, setProfile] = useState<StaffProfile | null>(() => staffSession.profile());
  const [error, setError] = useState<string>();
  useDidShow(() => {
    if (!staffSession.token()) {
      Taro.redirectTo({ url: pages.staffLogin });
      return;
    }
    staffApi.call('staffMe').then(
      (p) => {
        // The tool pages' guards read the stored profile: keep it as the server says (a role may have changed).
        const token = staffSession.token();
        if (token) staffSession.save(token, p);
        setProfile(p);
        setError(undefined);
      },
      (e) => setError(errorMessage(e)),
    );
  });
  return { profile, error, tools: toolsFor(profile?.role) };
}

const toolIds: Record<StaffTool, string> = { approvals: 'approvals', memberPoints: 'member-points', liability: 'liability' };
const toolIcons: Record<StaffTool, string> = { approvals: '✓', memberPoints: '±', liability: '¥' };

/** Ops adjust points either way; customer service grants compensation: same page, named for what the role does. */
function toolText(tool: StaffTool, role: StaffProfile['role']) {
  if (tool === 'approvals') return { name: 'staff.tool.approvals', hint: 'staff.tool.approvalsHint' } as const;
  if (tool === 'liability') return { name: 'staff.tool.liability', hint: 'staff.tool.liabilityHint' } as const;
  return role === 'service'
    ? ({ name: 'staff.tool.compensation', hint: 'staff.tool.compensationHint' } as const)
    : ({ name: 'staff.tool.memberPoints', hint: 'staff.tool.memberPointsHint' } as const);
}

export default function StaffHomePage() {
  const { t, pick } = useI18n();
  usePageTitle('staff.home');
  const { profile, error, tools } = useStaffProfile();

  return (
    <View className='page staff-page'>
      <View className='staff-page__head'>
        <View className='staff-page__head-row'>
          <Text className='staff-page__badge'>STAFF</Text>
          <LangToggle light />
        </View>
        <Text className='staff-page__title'>{profile?.displayName ?? t('staff.home')}</Text>
      </View>
      <View className='page__body staff-page__body'>
        {profile ? (
          <View id='staff-profile' className='panel'>
            <View className='kv'>
              <Text className='kv__k'>{t('staff.username')}</Text>
              <Text className='kv__v'>{profile.username}</Text>
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
            {profile.canRevealPhone ? (
              <View className='kv'>
                <Text className='kv__k' />
                <Text className='kv__v'>{t('staff.canReveal')}</Text>
              </View>
            ) : null}
            <View className='panel__hint staff-page__hint'>{t('staff.homeHint')}</View>
          </View>
        ) : null}
        {profile && tools.length > 0 ? (
          <View id='staff-nav' className='panel staff-nav'>
            <Text className='staff-nav__title'>{t('staff.tools')}</Text>
            {tools.map((tool) => {
              const text = toolText(tool, profile.role);
              return (
                <View
                  key={tool}
                  id={`staff-nav-${toolIds[tool]}`}
                  className='staff-nav__item'
                  onClick={() => Taro.navigateTo({ url: staffToolPages[tool] })}
                >
                  <View className='staff-nav__icon'>
                    <Text>{toolIcons[tool]}</Text>
                  </View>
                  <View className='staff-nav__text'>
                    <Text className='staff-nav__name'>{t(text.name)}</Text>
                    <Text className='staff-nav__hint'>{t(text.hint)}</Text>
                  </View>
                  <Text className='staff-nav__chevron'>›</Text>
                </View>
              );
            })}
          </View>
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
