import { checkReportDay } from '../../../shared/rules/report-range';
import type { AppConfig } from '../../commons/config';
import { businessDay } from '../../commons/clock';
import { mapWithConcurrency, REPORT_READ_CONCURRENCY } from '../../commons/concurrency';
import type { StaffPrincipal } from '../../commons/http';
import { keys } from '../../commons/keys';
import { assertReportRange, queryPartition, type ReadMeter } from '../../commons/report-reads';
import { reportCovers, reportStores, storePrefixes } from '../staff/report-scope';
import { registerDay } from './entities';

/**
 * Each register's business day (the register day report), from the counters the `register-day` reaction keeps
 * (./reactions.ts): sales posted and their net, sales whose member showed their code, joins at the register,
 * points the sales issued (pending ones included: the register issued them) and redeemed, returns taken there.
 * Register `-` holds what a store took without a register (platform orders, a join with no register).
 * 'list' scope: the caller's stores; `storeId` narrows to one (outside scope: no rows). One Query of the day's
 * partition (REGDAY#<day>), or of each store's part of it (≤ 16 stores in scope).
 */
const columns = ['salesPosted', 'salesNetFen', 'membersIdentified', 'joins', 'pointsIssued', 'pointsRedeemed', 'returns'] as const;
type Row = { storeId: string; registerId: string } & Record<(typeof columns)[number], number>;

export async function registerDayReport(config: AppConfig, staff: StaffPrincipal, q: { day: string; storeId?: string }, meter?: ReadMeter) {
  const t = config.tableName;
  assertReportRange(checkReportDay(q.day, businessDay()));
  const stores = await reportStores(t, staff.scope, q.storeId);
  const prefixes = stores.all || stores.storeIds.size ? storePrefixes(stores) : [];
  const parts = await mapWithConcurrency(prefixes, REPORT_READ_CONCURRENCY, async (prefix) => registerDay.parseAll(await queryPartition(t, keys.registerDays(q.day), prefix, meter)));
  const rows = new Map<string, Row>();
  for (const item of parts.flat()) {
    if (!reportCovers(stores, item.storeId)) continue;
    const key = `${item.storeId}#${item.registerId}`;
    const row = rows.get(key) ?? ({ storeId: item.storeId, registerId: item.registerId, ...Object.fromEntries(columns.map((c) => [c, 0])) } as Row);
    for (const c of columns) row[c] += item[c] ?? 0;
    rows.set(key, row);
  }
  return { day: q.day, rows: [...rows.values()].sort((a, b) => a.storeId.localeCompare(b.storeId) || a.registerId.localeCompare(b.registerId)) };
}
