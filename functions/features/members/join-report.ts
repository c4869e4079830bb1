import { paginateQuery } from '@aws-sdk/lib-dynamodb';
import { addBusinessDays } from '../../../shared/rules/business-time';
import { joinDropAlerts, JOIN_ALERT_WEEKS } from '../../../shared/rules/join-alerts';
import { checkDayRange, daysFromTo } from '../../../shared/rules/report-range';
import type { AppConfig } from '../../commons/config';
import { businessDay } from '../../commons/clock';
import { mapWithConcurrency, REPORT_READ_CONCURRENCY } from '../../commons/concurrency';
import { ddb } from '../../commons/dynamodb';
import type { StaffPrincipal } from '../../commons/http';
import { keys } from '../../commons/keys';
import { jobWatermark } from '../../commons/platform-entities';
import { assertReportRange, queryPartition, type ReadMeter } from '../../commons/report-reads';
import { reportCovers, reportStores, storePrefixes, type ReportStores } from '../staff/report-scope';
import { listStores } from '../staff/stores';
import { joinStats } from './entities';

/**
 * New members per store, register and business day, with drop alerts (shared/rules/join-alerts.ts).
 *
 * Days the nightly `join-stats` job has counted are read from its rows (STATS#JOINS#<day>: one Query per day,
 * or per day and store for a scope of ≤ 16 stores), for the days asked and the 4 weeks before `from` that the
 * alerts compare with, in parallel (8 at a time). The job counts a day just after it ends (00:05), so the days
 * after its watermark — today, and yesterday until the job has run — are counted live from the join index
 * (GSI1 JOINS#<store>#<day>, one Query per store and day, only the register read). Older days the job has
 * missed are not counted live (the job catches them up; its watermark-lag alarm says so).
 *
 * Alerts are for complete days only: today's count is still growing, so today never alerts. Joins that belong
 * to no store (online) show as store `ONLINE` to chain-scoped callers.
 */
const ONLINE = 'ONLINE';
const TRAILING_DAYS = JOIN_ALERT_WEEKS * 7;

/** The first day the job has not counted: its run for day W counted W − 1. */
async function firstUncountedDay(tableName: string, today: string): Promise<string> {
  const mark = await jobWatermark.get(tableName, ['join-stats', 0], { consistent: true });
  const yesterday = addBusinessDays(today, -1);
  return mark && mark.lastDay > yesterday ? mark.lastDay : yesterday;
}

/** The stores a live count queries the join index of. */
async function storesToCount(tableName: string, stores: ReportStores): Promise<string[]> {
  if (!stores.all) return [...stores.storeIds];
  const { items } = await listStores(tableName, { level: 'chain' });
  return [...items.map((s) => s.storeId), ONLINE];
}

/** One store's new members on one day, by register, counted from the join index. */
async function countLive(tableName: string, storeId: string, day: string, meter?: ReadMeter) {
  const counts = new Map<string, number>();
  const pages = paginateQuery(
    { client: ddb() },
    {
      TableName: tableName,
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.joinsOfStoreOnDay(storeId === ONLINE ? null : storeId, day) },
      ProjectionExpression: 'joinRegisterId',
    },
  );
  for await (const page of pages) {
    if (meter) {
      meter.queries++;
      meter.items += page.Count ?? 0;
    }
    for (const item of page.Items ?? []) {
      const registerId = (item.joinRegisterId as string | null) ?? '-';
      counts.set(registerId, (counts.get(registerId) ?? 0) + 1);
    }
  }
  return [...counts].map(([registerId, members]) => ({ day, storeId, registerId, members }));
}

export async function joinStatsReport(config: AppConfig, staff: StaffPrincipal, q: { from: string; to: string; storeId?: string }, meter?: ReadMeter) {
  const t = config.tableName;
  const today = businessDay();
  assertReportRange(checkDayRange({ from: q.from, to: q.to, today }));
  const stores = await reportStores(t, staff.scope, q.storeId);
  if (!stores.all && stores.storeIds.size === 0) return { rows: [], alerts: [] };

  const uncounted = await firstUncountedDay(t, today);
  const days = daysFromTo(addBusinessDays(q.from, -TRAILING_DAYS), q.to);
  const counted = days.filter((d) => d < uncounted);
  const live = days.filter((d) => d >= uncounted);
  const prefixes = storePrefixes(stores);
  const liveStores = live.length ? await storesToCount(t, stores) : [];
  const [fromStats, fromIndex] = await Promise.all([
    mapWithConcurrency(
      counted.flatMap((day) => prefixes.map((prefix) => ({ day, prefix }))),
      REPORT_READ_CONCURRENCY,
      async ({ day, prefix }) => joinStats.parseAll(await queryPartition(t, keys.joinStatsDay(day), prefix, meter)),
    ),
    mapWithConcurrency(
      live.flatMap((day) => liveStores.map((storeId) => ({ day, storeId }))),
      REPORT_READ_CONCURRENCY,
      ({ day, storeId }) => countLive(t, storeId, day, meter),
    ),
  ]);
  const found = [...fromStats.flat().map((r) => ({ day: r.day, storeId: r.storeId, registerId: r.registerId, members: r.members })), ...fromIndex.flat()].filter((r) => r.members > 0 && reportCovers(stores, r.storeId));

  const byStoreDay = new Map<string, number>();
  for (const r of found) byStoreDay.set(`${r.storeId}#${r.day}`, (byStoreDay.get(`${r.storeId}#${r.day}`) ?? 0) + r.members);
  const rows = found.filter((r) => r.day >= q.from).sort((a, b) => a.day.localeCompare(b.day) || a.storeId.localeCompare(b.storeId) || a.registerId.localeCompare(b.registerId));
  const completeDays = daysFromTo(q.from, q.to).filter((d) => d < today);
  const alerts = joinDropAlerts(completeDays, found.map((r) => r.storeId), (storeId, day) => byStoreDay.get(`${storeId}#${day}`) ?? 0);
  return { rows, alerts };
}
