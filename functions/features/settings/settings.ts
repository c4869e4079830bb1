import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ErrorCode } from '../../../shared/errors';
import { chainSettingsSchema, defaultChainSettings, type ChainSettings } from '../../../shared/settings';
import { cancellationReasons, ddb } from '../../commons/dynamodb';
import { keys } from '../../commons/keys';
import { auditPut, type AuditActor } from '../../commons/audit';
import { nowIso, nowMs } from '../../commons/clock';
import { conflict, msg } from '../../commons/errors';

/**
 * Chain settings: one item, cached per container for a minute (settings change rarely, reads are hot).
 * The item is versioned: an edit names the version it read and is written only if that is still the version,
 * so two operators editing different sections at once can't silently drop one another's change.
 */
const CACHE_MS = 60_000;
type SettingsDocument = { settings: ChainSettings; updatedAt: string | null; version: number };
let cache: { at: number; value: SettingsDocument } | undefined;

export async function loadSettings(tableName: string, { fresh = false } = {}): Promise<SettingsDocument> {
  if (!fresh && cache && nowMs() - cache.at < CACHE_MS) return cache.value;
  const out = await ddb().send(new GetCommand({ TableName: tableName, Key: keys.settings(), ConsistentRead: fresh }));
  const value = out.Item
    ? { settings: chainSettingsSchema.parse(out.Item.settings), updatedAt: out.Item.updatedAt as string, version: (out.Item.version as number | undefined) ?? 0 }
    : { settings: defaultChainSettings, updatedAt: null, version: 0 };
  cache = { at: nowMs(), value };
  return value;
}

export async function getSettings(tableName: string): Promise<ChainSettings> {
  return (await loadSettings(tableName)).settings;
}

const settingsChanged = () =>
  conflict(msg('设置已被他人修改，请刷新后重新修改', 'The settings were changed since you read them: reload and make your change again'), ErrorCode.SETTINGS_CHANGED);

/** Replaces the settings if `version` is still the stored one; the audit entry lands in the same transaction. */
export async function saveSettings(tableName: string, actor: AuditActor, settings: ChainSettings, version: number): Promise<SettingsDocument> {
  const before = await loadSettings(tableName, { fresh: true });
  if (before.version !== version) throw settingsChanged();
  const updatedAt = nowIso();
  const next = version + 1;
  try {
    await ddb().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName,
              Item: { ...keys.settings(), type: 'settings', settings, updatedAt, updatedBy: actor.username, version: next },
              // Seeded or older items carry no version: they are version 0.
              ConditionExpression: version === 0 ? 'attribute_not_exists(version)' : 'version = :v',
              ...(version === 0 ? {} : { ExpressionAttributeValues: { ':v': version } }),
            },
          },
          auditPut(tableName, actor, 'settings.update', 'settings', before.settings, settings),
        ],
      }),
    );
  } catch (err) {
    // Another edit landed, or (real DynamoDB) is landing, between our read and write.
    const reason = cancellationReasons(err)?.[0];
    if (reason === 'ConditionalCheckFailed' || reason === 'TransactionConflict') throw settingsChanged();
    throw err;
  } finally {
    cache = undefined;
  }
  return { settings, updatedAt, version: next };
}

export function clearSettingsCache(): void {
  cache = undefined;
}
