import { jobSchedules, type JobName } from '../../shared/schedules';
import { membersJobs } from '../features/members/join-stats';
import { pointsJobs } from '../features/points/jobs';
import { couponsJobs } from '../features/coupons/jobs';
import type { DayJob } from './day-job';

/** Every feature's jobs: one line per feature (the schedule table in shared/schedules.ts lists when they run). */
export const dayJobs: Record<JobName, DayJob> = {
  ...membersJobs,
  ...pointsJobs,
  ...couponsJobs,
};

/** Jobs that read a sharded index; in the cloud their scheduled run fans out, one unit of work per shard. */
export const shardedJobs: readonly JobName[] = jobSchedules.filter((j) => j.sharded).map((j) => j.name);
