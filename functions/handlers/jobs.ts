import { z } from 'zod';
import { jobSchedules, type JobName } from '../../shared/schedules';
import { getConfig } from '../commons/config';
import { businessDay, previousBusinessDay } from '../commons/clock';
import { logger } from '../commons/logger';
import { runJoinStats } from '../jobs/join-stats';

/**
 * Lambda for the scheduled jobs. EventBridge Scheduler (and `npm run job`) send `{ job, date? }`; `date` is
 * the business day the run is for (Asia/Shanghai), today by default. Every job is safe to run twice.
 */
const jobEvent = z.object({
  job: z.enum(jobSchedules.map((j) => j.name) as [JobName, ...JobName[]]),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
});

const jobs: Record<JobName, (tableName: string, runDay: string) => Promise<unknown>> = {
  // Runs just after midnight and counts the day that has just ended.
  'join-stats': (tableName, runDay) => runJoinStats(tableName, previousBusinessDay(runDay)),
};

export const handler = async (event: unknown) => {
  const { job, date } = jobEvent.parse(event);
  const config = await getConfig();
  const runDay = date ?? businessDay();
  const result = await jobs[job](config.tableName, runDay);
  logger.info('job finished', { job, runDay, result: result as Record<string, unknown> });
  return { job, runDay, result };
};
