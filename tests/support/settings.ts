import type { ApiClient } from '../../shared/api-client';
import type { ChainSettings } from '../../shared/settings';
import { clearSettingsCache } from '../../functions/features/settings/settings';

/**
 * Changes the chain settings as ops would: read, change, save with the version read; then drops this process's
 * settings cache. `api`: a test API (tests/support/test-api.ts) or anything else that makes a typed client for a
 * token (the e2e files' stack, tests/support/console.ts).
 */
export async function changeSettings(api: { client(token: string): ApiClient }, opsToken: string, change: (s: ChainSettings) => ChainSettings) {
  const client = api.client(opsToken);
  const current = await client.call('getSettings');
  const saved = await client.call('updateSettings', { body: { version: current.version, settings: change(current.settings) } });
  clearSettingsCache();
  return saved;
}

export const withReturnWindow = (days: number) => (s: ChainSettings): ChainSettings => ({ ...s, points: { ...s.points, returnWindowDays: days } });

/** The points a new member is welcomed with (`points.welcomePoints`: credited once per member, ref WELCOME). */
export const withWelcomePoints = (points: number) => (s: ChainSettings): ChainSettings => ({ ...s, points: { ...s.points, welcomePoints: points } });
