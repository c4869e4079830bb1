import { route, staff } from '../../route-def';
import { settingsResponse, updateSettingsRequest } from './schemas';

/** The chain settings (tiers, earning rules, consent versions). */
export const settingsRoutes = {
  getSettings: route({ method: 'GET', path: '/staff/settings', group: 'staff', auth: staff('admin', 'ops', 'finance', 'service'), scope: 'none', summary: 'Chain settings', response: settingsResponse }),
  updateSettings: route({ method: 'PUT', path: '/staff/settings', group: 'staff', auth: staff('ops', 'admin'), audited: true, scope: 'chain', summary: 'Change chain settings (chain-scoped accounts only)', body: updateSettingsRequest, response: settingsResponse, errors: [409] }),
};
