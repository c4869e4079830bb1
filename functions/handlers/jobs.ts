import { z } from 'zod';
import { jobSchedules, type JobName } from '../../shared/schedules';
import { getConfig } from '../commons/config';
import { businessDay } from '../commons/clock';
import { logger } from '../commons/logger';
import { allShards } from '../features/points/jobs';
import { dayJobs as jobs, shardedJobs } from '../jobs/registry';
import { catchUp } from '../jobs/watermark';
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
  /** A run for a day after today is refused unless asked for (it would end return windows early). */
  allowFuture: z.boolean().optional(),
  /** Run just this day (a rerun by hand): no catch-up, and the job's watermark is left where it is. */
  onlyThisDay: z.boolean().optional(),
});

export class JobDateError extends Error {}

/** Every day this job still owes up to `runDay`, shard by shard (a few shards at a time). */
async function runJob(config: AppConfig, job: JobName, runDay: string, shards: number[], onlyThisDay = false) {
  const queue = [...shards];
  const perShard: Array<{ shard: number; days: string[]; itemsRead: number; acted: number; last?: object }> = [];
  await Promise.all(
    Array.from({ length: Math.min(4, queue.length) }, async () => {
      for (let shard = queue.shift(); shard !== undefined; shard = queue.shift()) {
        const s = shard;
        const r = onlyThisDay
          ? await jobs[job](config, runDay, [s]).then((last) => ({ days: [runDay], itemsRead: last.itemsRead ?? 0, acted: last.acted ?? 0, last }))
          : await catchUp(config, job, s, runDay, (day) => jobs[job](config, day, [s]));
        perShard.push({ shard: s, ...r });
      }
    }),
  );
  const days = [...new Set(perShard.flatMap((r) => r.days))].sort();
  const totals = { itemsRead: perShard.reduce((n, r) => n + r.itemsRead, 0), acted: perShard.reduce((n, r) => n + r.acted, 0) };
  // One shard (an unsharded job, or one fanned-out invocation): its last day's own report too.
  const detail = perShard.length === 1 ? perShard[0].last : undefined;
  return { ...detail, days, shards: shards.length, ...totals };
}

const shardsOf = (job: JobName) => (shardedJobs.includes(job) ? allShards() : [0]);

async function fanOut(job: JobName, runDay: string) {
  const lambda = new LambdaClient({});
  await Promise.all(
    allShards().map((shard) =>
      lambda.send(
        new InvokeCommand({
          FunctionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
          InvocationType: 'Event',
          Payload: Buffer.from(JSON.stringify({ job, date: runDay, shards: [shard], allowFuture: true })),
        }),
      ),
    ),
  );
  return { fannedOut: JOB_SHARDS };
}

export const handler = async (event: unknown) => {
  const { job, date, shards, allowFuture, onlyThisDay } = jobEvent.parse(event);
  // The day is fixed before fanning out, so every shard works on the same business day.
  const today = businessDay();
  const runDay = date ?? today;
  if (runDay > today && !allowFuture) throw new JobDateError(`${job}: ${runDay} is after today (${today}); a job acts as of its date, so a future date would act early (pass allowFuture / --allow-future to run it anyway)`);
  if (!shards && shardedJobs.includes(job) && process.env.JOBS_FAN_OUT === 'lambda') {
    const result = await fanOut(job, runDay);
    logger.info('job fanned out', { job, runDay, ...result });
    return { job, runDay, result };
  }
  const config = await getConfig();
  const result = await runJob(config, job, runDay, shards ?? shardsOf(job), onlyThisDay);
  logger.info('job finished', { job, runDay, result: result as Record<string, unknown> });
  return { job, runDay, result };
};
