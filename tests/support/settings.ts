import type { ChainSettings } from '../../shared/settings';
import { clearSettingsCache } from '../../functions/services/settings';
import type { TestApi } from './test-api';

/** Changes the chain settings as ops would: read, change, save; then drops this process's settings cache. */
export async function changeSettings(api: TestApi, opsToken: string, change: (s: ChainSettings) => ChainSettings) {
  const client = api.client(opsToken);
  const current = await client.call('getSettings');
  const saved = await client.call('updateSettings', { body: { settings: change(current.settings) } as never });
  clearSettingsCache();
  return saved;
}

export const withReturnWindow = (days: number) => (s: ChainSettings): ChainSettings => ({ ...s, points: { ...s.points, returnWindowDays: days } });
