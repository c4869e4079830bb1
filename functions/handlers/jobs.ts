import { z } from 'zod';
import { jobSchedules, type JobName } from '../../shared/schedules';
import { getConfig } from '../commons/config';
import { businessDay, previousBusinessDay } from '../commons/clock';
import { logger } from '../commons/logger';
import { runJoinStats } from '../jobs/join-stats';
import { activatePending, allShards, expirePoints, remindExpiry, reviewTiers } from '../jobs/points-jobs';
import type { AppConfig } from '../commons/config';
import { JOB_SHARDS } from '../commons/keys';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';

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

/** Jobs that read a sharded index; in the cloud their scheduled run fans out, one invocation per shard. */
const shardedJobs: readonly JobName[] = ['points-expiry', 'pending-activation', 'expiry-reminder', 'tier-review'];

async function fanOut(job: JobName, runDay: string) {
  const lambda = new LambdaClient({});
  await Promise.all(
    allShards().map((shard) =>
      lambda.send(
        new InvokeCommand({
          FunctionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
          InvocationType: 'Event',
          Payload: Buffer.from(JSON.stringify({ job, date: runDay, shards: [shard] })),
        }),
      ),
    ),
  );
  return { fannedOut: JOB_SHARDS };
}

export const handler = async (event: unknown) => {
  const { job, date, shards } = jobEvent.parse(event);
  // The day is fixed before fanning out, so every shard works on the same business day.
  const runDay = date ?? businessDay();
  if (!shards && shardedJobs.includes(job) && process.env.JOBS_FAN_OUT === 'lambda') {
    const result = await fanOut(job, runDay);
    logger.info('job fanned out', { job, runDay, ...result });
    return { job, runDay, result };
  }
  const config = await getConfig();
  const result = await jobs[job](config, runDay, shards ?? allShards());
  logger.info('job finished', { job, runDay, result: result as Record<string, unknown> });
  return { job, runDay, result };
};
