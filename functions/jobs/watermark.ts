import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { addBusinessDays } from '../../shared/rules/business-time';
import type { AppConfig } from '../commons/config';
import { isConditionFailure, ddb } from '../commons/dynamodb';
import { keys } from '../commons/keys';
import { logger } from '../commons/logger';

/**
 * Each job remembers, per shard, the last business day it completed. A run for day D processes every day
 * after that mark up to D, in order, moving the mark after each, so a night that failed (or never ran) is
 * caught up by the next run. Re-running a day at or before the mark just runs that day again (every job is
 * idempotent) and leaves the mark where it is. A job that has never run starts at D.
 */
export const MAX_CATCH_UP_DAYS = 366;

export interface DayRun {
  itemsRead?: number;
  acted?: number;
}

export async function daysToRun(config: AppConfig, job: string, shard: number, runDay: string): Promise<string[]> {
  const mark = (await ddb().send(new GetCommand({ TableName: config.tableName, Key: keys.jobWatermark(job, shard), ConsistentRead: true }))).Item;
  const last = mark?.lastDay as string | undefined;
  if (!last || last >= runDay) return [runDay];
  let from = addBusinessDays(last, 1);
  const oldest = addBusinessDays(runDay, -MAX_CATCH_UP_DAYS);
  if (from < oldest) {
    logger.warn('job fell behind further than it catches up', { job, shard, last, runDay });
    from = oldest;
  }
  const days: string[] = [];
  for (let d = from; d <= runDay; d = addBusinessDays(d, 1)) days.push(d);
  return days;
}

async function advance(config: AppConfig, job: string, shard: number, day: string): Promise<void> {
  try {
    await ddb().send(
      new UpdateCommand({
        TableName: config.tableName,
        Key: keys.jobWatermark(job, shard),
        UpdateExpression: 'SET lastDay = :d, #type = :t, completedAt = :now',
        ConditionExpression: 'attribute_not_exists(lastDay) OR lastDay < :d',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':d': day, ':t': 'job-watermark', ':now': new Date().toISOString() },
      }),
    );
  } catch (err) {
    if (!isConditionFailure(err)) throw err; // a later day is already done: the mark never goes back
  }
}

/** Runs `runOne` for every day this shard still owes, up to `runDay`; stops at the first failure (the mark stays before it). */
export async function catchUp(config: AppConfig, job: string, shard: number, runDay: string, runOne: (day: string) => Promise<DayRun>) {
  const days = await daysToRun(config, job, shard, runDay);
  let itemsRead = 0;
  let acted = 0;
  let last: DayRun | undefined;
  for (const day of days) {
    last = await runOne(day);
    itemsRead += last.itemsRead ?? 0;
    acted += last.acted ?? 0;
    await advance(config, job, shard, day);
  }
  return { days, itemsRead, acted, last };
}
