import type { FeatureJobs } from '../../jobs/day-job';
import type { membersSchedules } from '../../../shared/features/members/schedules';
import { paginateQuery, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from '../../commons/dynamodb';
import { keys } from '../../commons/keys';
import { nowIso, previousBusinessDay } from '../../commons/clock';
import { listStores } from '../staff/stores';

/**
 * New members per store and register for one business day. It reads the stores, then only that day's
 * joins of each store through the join index (GSI1 JOINS#<store>#<day>), never the table: the items read
 * are the stores plus the day's new members. Rerunning a day overwrites the same counts.
 */
export async function runJoinStats(tableName: string, day: string) {
  const { items: stores } = await listStores(tableName, { level: 'chain' });
  const counts = new Map<string, { storeId: string; registerId: string; members: number }>();
  let itemsRead = 0;
  for (const storeId of [...stores.map((s) => s.storeId), null]) {
    const pages = paginateQuery(
      { client: ddb() },
      {
        TableName: tableName,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.joinsOfStoreOnDay(storeId, day) },
        ProjectionExpression: 'joinRegisterId',
      },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) {
        const registerId = (item.joinRegisterId as string | null) ?? '-';
        const key = `${storeId ?? 'ONLINE'}#${registerId}`;
        const row = counts.get(key) ?? { storeId: storeId ?? 'ONLINE', registerId, members: 0 };
        row.members += 1;
        counts.set(key, row);
      }
      itemsRead += page.Count ?? 0;
    }
  }
  const computedAt = nowIso();
  for (const row of counts.values()) {
    await ddb().send(
      new PutCommand({ TableName: tableName, Item: { ...keys.joinStats(day, row.storeId, row.registerId), type: 'join-stats', day, ...row, computedAt } }),
    );
  }
  return { day, stores: stores.length, newMembers: [...counts.values()].reduce((n, r) => n + r.members, 0), rows: counts.size, itemsRead };
}

export async function readJoinStats(tableName: string, day: string) {
  const out = await ddb().send(
    new QueryCommand({ TableName: tableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.joinStatsDay(day) } }),
  );
  return (out.Items ?? []).map((i) => ({ storeId: i.storeId as string, registerId: i.registerId as string, members: i.members as number }));
}

/** The members feature's jobs, by the names in its schedule fragment. */
export const membersJobs: FeatureJobs<typeof membersSchedules> = {
  // Runs just after midnight and counts the day that has just ended.
  'join-stats': (config, day) => runJoinStats(config.tableName, previousBusinessDay(day)),
};
