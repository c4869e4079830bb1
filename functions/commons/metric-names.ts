/**
 * The CloudWatch metrics the functions publish (EMF lines through Powertools Metrics) and the stack alarms on:
 * one list, read by the code that records them and by infra, so an alarm can't watch a name nobody writes.
 * Every metric carries the `service` dimension (POWERTOOLS_SERVICE_NAME); the job metrics also carry `job`, and
 * the HTTP one `group` (the route group).
 */
export const METRICS_NAMESPACE = 'Membership';
export const SERVICE_NAME = 'membership';

export const metricNames = {
  // Business events, counted by the stream consumer from the domain events (functions/events/metrics.ts).
  membersJoined: 'MembersJoined',
  salesRecorded: 'SalesRecorded',
  salesNetFen: 'SalesNetFen',
  salesReturned: 'SalesReturned',
  pointsEarned: 'PointsEarned',
  pointsSpent: 'PointsSpent',
  tierChanges: 'TierChanges',
  // The stream consumer itself.
  reactionsRun: 'ReactionsRun',
  reactionFailures: 'ReactionFailures',
  // Scheduled jobs (dimension `job`, except JobShardFailures, which the failures alarm sums over every job).
  jobItemsRead: 'JobItemsRead',
  jobItemsActed: 'JobItemsActed',
  jobShardFailures: 'JobShardFailures',
  watermarkLagDays: 'WatermarkLagDays',
  // The HTTP layer (dimension `group`): answers with a 5xx status.
  httpServerErrors: 'HttpServerErrors',
} as const;
