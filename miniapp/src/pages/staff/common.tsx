import Taro from '@tarojs/taro';
import type { StaffProfile } from '@shared/schemas';
import { useI18n } from '../../i18n';
import { staffSession } from '../../services/session';
import { pages } from '../../utils/links';

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
