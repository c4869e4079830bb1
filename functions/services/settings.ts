import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { chainSettingsSchema, defaultChainSettings, type ChainSettings } from '../../shared/settings';
import { ddb } from '../commons/dynamodb';
import { keys } from '../commons/keys';
import { auditPut, type AuditActor } from '../commons/audit';
import { nowIso, nowMs } from '../commons/clock';

/** Chain settings: one item, cached per container for a minute (settings change rarely, reads are hot). */
const CACHE_MS = 60_000;
let cache: { at: number; value: { settings: ChainSettings; updatedAt: string | null } } | undefined;

export async function loadSettings(tableName: string, { fresh = false } = {}) {
  if (!fresh && cache && nowMs() - cache.at < CACHE_MS) return cache.value;
  const out = await ddb().send(new GetCommand({ TableName: tableName, Key: keys.settings() }));
  const value = out.Item
    ? { settings: chainSettingsSchema.parse(out.Item.settings), updatedAt: out.Item.updatedAt as string }
    : { settings: defaultChainSettings, updatedAt: null };
  cache = { at: nowMs(), value };
  return value;
}

export async function getSettings(tableName: string): Promise<ChainSettings> {
  return (await loadSettings(tableName)).settings;
}

export async function saveSettings(tableName: string, actor: AuditActor, settings: ChainSettings) {
  const before = (await loadSettings(tableName, { fresh: true })).settings;
  const updatedAt = nowIso();
  await ddb().send(
    new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: tableName, Item: { ...keys.settings(), type: 'settings', settings, updatedAt, updatedBy: actor.username } } },
        auditPut(tableName, actor, 'settings.update', 'settings', before, settings),
      ],
    }),
  );
  cache = undefined;
  return { settings, updatedAt };
}

export function clearSettingsCache(): void {
  cache = undefined;
}
