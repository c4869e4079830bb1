import type { ChainSettings } from '../../shared/settings';
import { clearSettingsCache } from '../../functions/features/settings/settings';
import type { TestApi } from './test-api';

/** Changes the chain settings as ops would: read, change, save with the version read; then drops this process's settings cache. */
export async function changeSettings(api: TestApi, opsToken: string, change: (s: ChainSettings) => ChainSettings) {
  const client = api.client(opsToken);
  const current = await client.call('getSettings');
  const saved = await client.call('updateSettings', { body: { version: current.version, settings: change(current.settings) } });
  clearSettingsCache();
  return saved;
}

export const withReturnWindow = (days: number) => (s: ChainSettings): ChainSettings => ({ ...s, points: { ...s.points, returnWindowDays: days } });
