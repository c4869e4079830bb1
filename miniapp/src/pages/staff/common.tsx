import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { staffRoleLabels } from '@shared/staff-roles';
import type { StaffProfile } from '@shared/features/staff/schemas';
import { useI18n, type MessageKey } from '../../i18n';
import { staffSession } from '../../services/session';
import { pages } from '../../utils/links';
import { DevBanner } from '../../components/DevBanner';
import { LangToggle } from '../../components/LangToggle';
import type { ReactNode } from 'react';

export function signOutStaff() {
  staffSession.clear();
  Taro.reLaunch({ url: pages.staffLogin });
}

/** Back to the staff home: one step back when it is under this page, else open it. */
export function backToStaffHome() {
  const stack = Taro.getCurrentPages();
  const below = stack.length > 1 ? (stack[stack.length - 2] as { route?: string }).route : undefined;
  if (below && `/${below.replace(/^\//, '')}`.startsWith(pages.staffHome)) Taro.navigateBack();
  else Taro.reLaunch({ url: pages.staffHome });
}

export function ScopeText({ profile }: { profile: StaffProfile }) {
  const { t } = useI18n();
  const scope = profile.scope;
  if (scope.level === 'chain') return <>{t('staff.scope.chain')}</>;
  if (scope.level === 'region') return <>{t('staff.scope.region', { region: scope.region })}</>;
  return <>{t('staff.scope.store', { store: scope.storeId })}</>;
}

/** What a role that may not use a tool sees instead of it. `id` is per page: earlier pages stay in the H5 DOM. */
export function StaffForbidden({ id, tool, profile }: { id: string; tool: MessageKey; profile: StaffProfile | null }) {
  const { t, pick } = useI18n();
  const role = profile ? pick(staffRoleLabels[profile.role]) : '';
  return (
    <View id={id} className='panel staff-forbidden'>
      <View className='staff-forbidden__icon'>
        {/* A padlock drawn with Views: no emoji font needed. */}
        <View className='staff-forbidden__lock'>
          <View className='staff-forbidden__shackle' />
          <View className='staff-forbidden__body' />
        </View>
      </View>
      <Text className='staff-forbidden__title'>{t('staff.forbiddenTitle')}</Text>
      <Text className='staff-forbidden__text'>{t('staff.forbidden', { tool: t(tool), role })}</Text>
      <Button className='primary-button' type='primary' size='large' block onClick={backToStaffHome}>
        {t('staff.backHome')}
      </Button>
    </View>
  );
}

/** The links under a staff tool page. */
export function StaffFooter() {
  const { t } = useI18n();
  return (
    <View className='footer-links'>
      <Text className='muted' onClick={backToStaffHome}>
        {t('staff.backHome')}
      </Text>
      <Text className='footer-links__sep'>·</Text>
      <Text className='muted' onClick={signOutStaff}>
        {t('common.signOut')}
      </Text>
    </View>
  );
}

/** The dark header every staff page opens with: dev-mode banner, badge, language toggle, then the page's title lines. */
export function StaffHeader({ badge = 'STAFF', children }: { badge?: string; children: ReactNode }) {
  return (
    <>
      <DevBanner />
      <View className='staff-page__head'>
        <View className='staff-page__head-row'>
          <Text className='staff-page__badge'>{badge}</Text>
          <LangToggle light />
        </View>
        {children}
      </View>
    </>
  );
}
