import type { JobSchedule } from '../../schedule-def';

/** The points feature's scheduled jobs: each reads a sparse, sharded index of just what it acts on. */
export const pointsSchedules = [
  {
    name: 'points-expiry',
    cron: '10 0 * * ? *',
    description: 'Daily at 00:10: expire the lots whose last usable day was yesterday (sparse index EXP#<day>#<shard>)',
    sharded: true,
  },
  {
    name: 'pending-activation',
    cron: '20 0 * * ? *',
    description: 'Daily at 00:20: points whose return window ended become available (sparse index ACT#<day>#<shard>)',
    sharded: true,
  },
  {
    name: 'expiry-reminder',
    cron: '0 10 * * ? *',
    description: 'Daily at 10:00: message-centre reminder for lots expiring in 7 days',
    sharded: true,
  },
  {
    name: 'tier-review',
    cron: '30 0 * * ? *',
    description: 'Daily at 00:30, acting only for 1 January (so a missed night is caught up the next): the yearly tier review of members above the base tier (sparse index TIER#<shard>)',
    sharded: true,
  },
] as const satisfies readonly JobSchedule[];
