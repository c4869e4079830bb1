import type { JobSchedule } from '../../schedule-def';

/** The members feature's scheduled jobs. */
export const membersSchedules = [
  {
    name: 'join-stats',
    cron: '5 0 * * ? *',
    description: 'Daily at 00:05: count the previous business day’s new members per store and register (feeds the dashboard and the drop alert)',
    sharded: false,
  },
] as const satisfies readonly JobSchedule[];
