import { z } from 'zod';
import { jobSchedules, type JobName } from '../../shared/schedules';
import { getConfig } from '../commons/config';
import { businessDay, previousBusinessDay } from '../commons/clock';
import { logger } from '../commons/logger';
import { runJoinStats } from '../jobs/join-stats';
import { activatePending, allShards, expirePoints, remindExpiry, reviewTiers } from '../jobs/points-jobs';
import type { AppConfig } from '../commons/config';
import { JOB_SHARDS } from '../commons/keys';

/**
 * Lambda for the scheduled jobs. EventBridge Scheduler (and `npm run job`) send `{ job, date? }`; `date` is
 * the business day the run is for (Asia/Shanghai), today by default. Every job is safe to run twice.
 */
const jobEvent = z.object({
  job: z.enum(jobSchedules.map((j) => j.name) as [JobName, ...JobName[]]),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  /** A fanned-out run covers some shards of a sharded job's index; absent = all of them. */
  shards: z.array(z.number().int().min(0).max(JOB_SHARDS - 1)).min(1).optional(),
});

const jobs: Record<JobName, (config: AppConfig, runDay: string, shards: number[]) => Promise<unknown>> = {
  // Runs just after midnight and counts the day that has just ended.
  'join-stats': (config, runDay) => runJoinStats(config.tableName, previousBusinessDay(runDay)),
  'points-expiry': expirePoints,
  'pending-activation': activatePending,
  'expiry-reminder': remindExpiry,
  'tier-review': reviewTiers,
};

export const handler = async (event: unknown) => {
  const { job, date, shards } = jobEvent.parse(event);
  const config = await getConfig();
  const runDay = date ?? businessDay();
  const result = await jobs[job](config, runDay, shards ?? allShards());
  logger.info('job finished', { job, runDay, result: result as Record<string, unknown> });
  return { job, runDay, result };
};
