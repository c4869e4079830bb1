import { membersSchedules } from './features/members/schedules';
import { pointsSchedules } from './features/points/schedules';
import { couponsSchedules } from './features/coupons/schedules';

export type { JobSchedule } from './schedule-def';

/**
 * The scheduled jobs: one table, assembled from the features' fragments (shared/features/<feature>/schedules.ts), that the CDK stack (EventBridge Scheduler) and the local runner both read.
 * `cron` is EventBridge Scheduler's six-field form (minutes hours day-of-month month day-of-week year),
 * evaluated in Asia/Shanghai.
 */
export const BUSINESS_TIME_ZONE = 'Asia/Shanghai';


/** Every feature's jobs: one line per feature. */
export const jobSchedules = [...membersSchedules, ...pointsSchedules, ...couponsSchedules] as const;

export type JobName = (typeof jobSchedules)[number]['name'];

/**
 * EventBridge's six-field cron → the five-field form most cron libraries read: "?" means "any", the year goes,
 * and day-of-week numbers shift from EventBridge's 1–7 (Sunday = 1) to 0–6 (Sunday = 0).
 */
export function toFiveFieldCron(cron: string): string {
  const [min, hour, dom, month, dow] = cron.trim().split(/\s+/);
  const any = (f: string) => (f === '?' ? '*' : f);
  const weekday = any(dow).replace(/(?<!#)\b\d+/g, (n) => String(Number(n) - 1));
  return [any(min), any(hour), any(dom), any(month), weekday].join(' ');
}
