import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { StaffProfile } from '@shared/features/staff/schemas';
import { useI18n } from '../../i18n';
import { staffSession } from '../../services/session';
import { pages } from '../../utils/links';
import { DevBanner } from '../../components/DevBanner';
import { LangToggle } from '../../components/LangToggle';
import type { ReactNode } from 'react';

export function signOutStaff() {
  staffSession.clear();
  Taro.reLaunch({ url: pages.staffLogin });
}

export function ScopeText({ profile }: { profile: StaffProfile }) {
  const { t } = useI18n();
  const scope = profile.scope;
  if (scope.level === 'chain') return <>{t('staff.scope.chain')}</>;
  if (scope.level === 'region') return <>{t('staff.scope.region', { region: scope.region })}</>;
  return <>{t('staff.scope.store', { store: scope.storeId })}</>;
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
