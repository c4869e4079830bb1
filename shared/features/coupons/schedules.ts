import type { JobSchedule } from '../../schedule-def';

/** The coupons feature's scheduled jobs: each reads only the grants it acts on, through the sparse CPNEXP#<day>#<shard> index. */
export const couponsSchedules = [
  {
    name: 'coupon-expiry',
    cron: '15 0 * * ? *',
    description: 'Daily at 00:15: coupons whose last valid day was yesterday expire and their budget reservations are released (sparse index CPNEXP#<day>#<shard>)',
    sharded: true,
  },
  {
    name: 'coupon-expiry-reminder',
    cron: '5 10 * * ? *',
    description: 'Daily at 10:05: one message-centre reminder per member for coupons expiring in 3 days (settings coupons.expiryReminderDays)',
    sharded: true,
  },
] as const satisfies readonly JobSchedule[];
