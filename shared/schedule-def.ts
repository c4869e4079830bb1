/** What a scheduled job is: the shape every feature's schedule fragment declares (shared/schedules.ts assembles them). */
export interface JobSchedule {
  name: string;
  cron: string;
  description: string;
  /** Reads a sharded index: the scheduled run fans out, one unit of work per shard. */
  sharded?: boolean;
}
