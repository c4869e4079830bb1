import * as z from 'zod';
import { jobSchedules, type JobName } from '../../shared/schedules';
import { getConfig } from '../commons/config';
import { businessDay } from '../commons/clock';
import { logger } from '../commons/logger';
import { allShards } from '../features/points/jobs';
import { dayJobs as jobs, shardedJobs } from '../jobs/registry';
import { catchUp } from '../jobs/watermark';
import type { AppConfig } from '../commons/config';
import { JOB_SHARDS, keys } from '../commons/keys';
import middy from '@middy/core';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Context, SQSBatchItemFailure, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { ddb } from '../commons/dynamodb';
import { metricNames } from '../commons/metric-names';
import { MetricUnit, metrics, publishMetrics } from '../commons/metrics';
import { lambdaContext } from '../commons/observability';
import { shardQueue, type ShardMessage } from '../jobs/shard-queue';

/**
 * Lambda for the scheduled jobs. EventBridge Scheduler (and `npm run job`) send `{ job, date? }`; `date` is
 * the business day the run is for (Asia/Shanghai), today by default. Every job is safe to run twice.
 *
 * A scheduled run dispatches: one message per shard (one for an unsharded job) to the job-shard queue, and the
 * same function, fed by that queue, works each shard (`work`), reporting a failed shard so SQS delivers it again
 * and, after JOB_SHARD_MAX_RECEIVES, moves it to the dead-letter queue. Without a queue (tests, a run that names
 * its shards) the shards run here, in process.
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
        recordShardDone(r, onlyThisDay);
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

/** A shard's items, and its watermark caught up to the run day (lag 0; a rerun of one day leaves the mark alone). The caller set the `job` dimension. */
function recordShardDone(r: { itemsRead: number; acted: number }, onlyThisDay: boolean) {
  const m = metrics();
  m.addMetric(metricNames.jobItemsRead, MetricUnit.Count, r.itemsRead);
  m.addMetric(metricNames.jobItemsActed, MetricUnit.Count, r.acted);
  if (!onlyThisDay) m.addMetric(metricNames.watermarkLagDays, MetricUnit.Count, 0);
}

const dayMs = 86_400_000;
/** Whole days from the shard's watermark to the run day after a failed attempt (1 when it never completed a day). */
async function watermarkLag(config: AppConfig, job: JobName, shard: number, runDay: string): Promise<number> {
  const mark = (await ddb().send(new GetCommand({ TableName: config.tableName, Key: keys.jobWatermark(job, shard), ConsistentRead: true }))).Item;
  const last = mark?.lastDay as string | undefined;
  return last ? Math.max(0, Math.round((Date.parse(runDay) - Date.parse(last)) / dayMs)) : 1;
}

async function recordShardFailure(config: AppConfig, message: ShardMessage) {
  // Without the job dimension, so one alarm watches every job's failures.
  metrics().singleMetric().addMetric(metricNames.jobShardFailures, MetricUnit.Count, 1);
  if (message.onlyThisDay) return;
  try {
    const lags = await Promise.all(message.shards.map((s) => watermarkLag(config, message.job, s, message.date)));
    for (const lag of lags) metrics().addMetric(metricNames.watermarkLagDays, MetricUnit.Count, lag);
  } catch (error) {
    logger.warn('could not read the watermark of a failed shard', { error: error as Error, job: message.job });
  }
}

const shardMessage: z.ZodType<ShardMessage> = jobEvent.required({ date: true, shards: true }).extend({ allowFuture: z.literal(true) });

/** The job-shard queue's consumer: each message one shard of one run; a failed one is reported for redelivery. */
async function work(event: SQSEvent): Promise<SQSBatchResponse> {
  const config = await getConfig();
  const batchItemFailures: SQSBatchItemFailure[] = [];
  for (const record of event.Records) {
    const attempt = Number(record.attributes?.ApproximateReceiveCount ?? 1);
    let message: ShardMessage | undefined;
    try {
      message = shardMessage.parse(JSON.parse(record.body));
      metrics().addDimension('job', message.job);
      const result = await runJob(config, message.job, message.date, message.shards, message.onlyThisDay);
      logger.info('job shard finished', { job: message.job, runDay: message.date, shards: message.shards, attempt, result: result as Record<string, unknown> });
    } catch (error) {
      batchItemFailures.push({ itemIdentifier: record.messageId });
      logger.error('job shard failed; the queue delivers it again, then moves it to the dead-letter queue', {
        error: error as Error,
        messageId: record.messageId,
        attempt,
        ...(message ? { job: message.job, runDay: message.date, shards: message.shards } : { body: record.body }),
      });
      if (message) await recordShardFailure(config, message);
      else metrics().singleMetric().addMetric(metricNames.jobShardFailures, MetricUnit.Count, 1);
    } finally {
      publishMetrics();
    }
  }
  return { batchItemFailures };
}

const isSqsEvent = (event: unknown): event is SQSEvent =>
  Array.isArray((event as SQSEvent)?.Records) && (event as SQSEvent).Records.every((r) => r?.eventSource === 'aws:sqs');

type RunResult = { job: JobName; runDay: string; result: Awaited<ReturnType<typeof runJob>> | { dispatched: number } };

async function run(event: unknown): Promise<RunResult | SQSBatchResponse> {
  if (isSqsEvent(event)) return work(event);
  const { job, date, shards, allowFuture, onlyThisDay } = jobEvent.parse(event);
  // The day is fixed before dispatching, so every shard works on the same business day.
  const today = businessDay();
  const runDay = date ?? today;
  if (runDay > today && !allowFuture) throw new JobDateError(`${job}: ${runDay} is after today (${today}); a job acts as of its date, so a future date would act early (pass allowFuture / --allow-future to run it anyway)`);
  const queue = shards ? undefined : shardQueue();
  if (queue) {
    const messages: ShardMessage[] = shardsOf(job).map((shard) => ({ job, date: runDay, shards: [shard], allowFuture: true, ...(onlyThisDay ? { onlyThisDay } : {}) }));
    await queue.send(messages);
    logger.info('job dispatched', { job, runDay, messages: messages.length });
    return { job, runDay, result: { dispatched: messages.length } };
  }
  const config = await getConfig();
  metrics().addDimension('job', job);
  try {
    const result = await runJob(config, job, runDay, shards ?? shardsOf(job), onlyThisDay);
    logger.info('job finished', { job, runDay, result: result as Record<string, unknown> });
    return { job, runDay, result };
  } finally {
    publishMetrics();
  }
}

const withContext = middy<unknown, RunResult | SQSBatchResponse, Error, Context>().use(lambdaContext()).handler(run);

/** A scheduled run (`{ job, date? }`) answers what it dispatched or did; a job-shard queue batch, its failures. */
export function handler(event: SQSEvent, context?: Context): Promise<SQSBatchResponse>;
export function handler(event: unknown, context?: Context): Promise<RunResult>;
export function handler(event: unknown, context?: Context): Promise<RunResult | SQSBatchResponse> {
  return withContext(event, context ?? ({} as Context));
}
