import { ErrorCode } from '../../../shared/errors';
import type { settingsRoutes } from '../../../shared/features/settings/routes';
import type { FeatureImpls, StaffPrincipal } from '../../commons/http';
import { actorOf } from '../../commons/audit';
import { forbidden, msg } from '../../commons/errors';
import { loadSettings, saveSettings } from './settings';

function assertChainScoped(p: StaffPrincipal) {
  if (p.scope.level !== 'chain') throw forbidden(msg('只有总部账号可以修改连锁设置', 'Only chain-scoped accounts may change chain settings'), ErrorCode.OUT_OF_SCOPE);
}

export const staffRoutes: FeatureImpls<typeof settingsRoutes, 'staff'> = {
  getSettings: async ({ config }) => loadSettings(config.tableName, { fresh: true }),
  updateSettings: async ({ config, principal, body }) => {
    assertChainScoped(principal);
    return saveSettings(config.tableName, actorOf(principal), body.settings, body.version);
  },
};
