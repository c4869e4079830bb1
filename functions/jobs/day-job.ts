import type { AppConfig } from '../commons/config';

/** What a job does for one business day (Asia/Shanghai) on some shards of its index: a feature's job implementation. */
export type DayJob = (config: AppConfig, day: string, shards: number[]) => Promise<{ itemsRead?: number; acted?: number }>;
/** A feature's jobs, one per name in its schedule fragment. */
export type FeatureJobs<S extends readonly { name: string }[]> = { [K in S[number]['name']]: DayJob };
