import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { normaliseName } from '../../../shared/rules/member-name';
import type { AppConfig } from '../../commons/config';
import { blindIndex } from '../../commons/crypto';
import { ddb } from '../../commons/dynamodb';
import { keys } from '../../commons/keys';

/** A nickname's blind index: a keyed HMAC of its matching form (rule 1.13), never the name itself. */
export const nameBlindIndex = (config: AppConfig, name: string) => blindIndex(config.keys.blindIndex, 'name', normaliseName(name));

/** Members whose nickname is exactly this name (normalised): one Query of the name's index partition. */
export async function memberIdsByName(config: AppConfig, name: string, limit = 20): Promise<string[]> {
  const out = await ddb().send(
    new QueryCommand({ TableName: config.tableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.namePartition(nameBlindIndex(config, name)) }, Limit: limit }),
  );
  return (out.Items ?? []).map((i) => i.memberId as string);
}
