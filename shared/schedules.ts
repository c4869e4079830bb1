/**
 * The scheduled jobs: one table that the CDK stack (EventBridge Scheduler) and the local runner both read.
 * `cron` is EventBridge Scheduler's six-field form (minutes hours day-of-month month day-of-week year),
 * evaluated in Asia/Shanghai.
 */
export const BUSINESS_TIME_ZONE = 'Asia/Shanghai';

export interface JobSchedule {
  name: string;
  cron: string;
  description: string;
}

export const jobSchedules = [
  {
    name: 'join-stats',
    cron: '5 0 * * ? *',
    description: 'Daily at 00:05: count the previous business day’s new members per store and register (feeds the dashboard and the drop alert)',
  },
  {
    name: 'points-expiry',
    cron: '10 0 * * ? *',
    description: 'Daily at 00:10: expire the lots whose last usable day was yesterday (sparse index EXP#<day>#<shard>)',
  },
  {
    name: 'pending-activation',
    cron: '20 0 * * ? *',
    description: 'Daily at 00:20: points whose return window ended become available (sparse index ACT#<day>#<shard>)',
  },
  {
    name: 'expiry-reminder',
    cron: '0 10 * * ? *',
    description: 'Daily at 10:00: message-centre reminder for lots expiring in 7 days',
  },
  {
    name: 'tier-review',
    cron: '30 0 * * ? *',
    description: 'Daily at 00:30, acting only for 1 January (so a missed night is caught up the next): the yearly tier review of members above the base tier (sparse index TIER#<shard>)',
  },
] as const satisfies readonly JobSchedule[];

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
