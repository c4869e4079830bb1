import { ErrorCode } from '../../../shared/errors';
import { addBusinessDays } from '../../../shared/rules/business-time';
import { addMovements, liabilityRows, liabilityValues, noMovement, type DayMovement, type StoreMovement } from '../../../shared/rules/liability';
import { checkDayRange, daysFromTo } from '../../../shared/rules/report-range';
import type { AppConfig } from '../../commons/config';
import { businessDay, nowIso } from '../../commons/clock';
import { mapWithConcurrency, REPORT_READ_CONCURRENCY } from '../../commons/concurrency';
import { forbidden, msg } from '../../commons/errors';
import type { StaffPrincipal } from '../../commons/http';
import { keys } from '../../commons/keys';
import { assertReportRange, queryPartition, type ReadMeter } from '../../commons/report-reads';
import { reportCovers, reportStores, storePrefixes } from '../staff/report-scope';
import { getSettings } from '../settings/settings';
import { liabilityDayShard, liabilityShard, liabilityStoreShard } from './entities';

/**
 * Finance's points liability: the outstanding totals (LIABILITY, 32 counters), the available points by business
 * day (LIABDAY#<day>, 32 counters a day) and the points moved at each store per day (LIABSTORE#<day>, 4 counters
 * a store), all aggregated from the table's stream (functions/features/points/reactions.ts), never by reading
 * members or ledgers. The figures are "as of" a few seconds ago (the stream's delay).
 */

/** How far back the liability by day may start: its opening is read back from today, one partition per day. */
export const LIABILITY_DAYS_LOOKBACK = 731;

/** The liability reports that are chain-wide (their counters are kept per member, not per store). */
export function assertChainScoped(staff: StaffPrincipal): void {
  if (staff.scope.level !== 'chain') {
    throw forbidden(msg('积分负债报表仅限总部账号查看', 'The points liability report is for chain-scoped accounts'), ErrorCode.OUT_OF_SCOPE);
  }
}

/** The chain's outstanding points now: one Query of the 32 counters. */
export async function liabilityTotals(tableName: string, meter?: ReadMeter) {
  const shards = liabilityShard.parseAll(await queryPartition(tableName, keys.liabilityPartition(), undefined, meter));
  const sum = (f: 'availablePoints' | 'pendingPoints' | 'debtPoints') => shards.reduce((n, i) => n + (i[f] ?? 0), 0);
  return { available: sum('availablePoints'), pending: sum('pendingPoints'), debt: sum('debtPoints') };
}

/**
 * The chain's available points per business day from `from` to `to`: opening, earned, spent, expired,
 * adjusted, closing (shared/rules/liability.ts), and their value in fen at the deduction rate. The opening of
 * `from` is today's figure less what moved from `from` to today, so the request reads one partition per day of
 * [from, today] (≤ 32 items each) and the 32 totals, never a member or an older day; the closing of today is
 * the liability report's available points.
 */
export async function pointsLiabilityDays(config: AppConfig, staff: StaffPrincipal, q: { from: string; to: string }, meter?: ReadMeter) {
  assertChainScoped(staff);
  const t = config.tableName;
  const today = businessDay();
  assertReportRange(checkDayRange({ from: q.from, to: q.to, today, earliest: addBusinessDays(today, -LIABILITY_DAYS_LOOKBACK) }));
  const days = daysFromTo(q.from, today);
  const [settings, totals, perDay] = await Promise.all([
    getSettings(t),
    liabilityTotals(t, meter),
    mapWithConcurrency(days, REPORT_READ_CONCURRENCY, async (day) => liabilityDayShard.parseAll(await queryPartition(t, keys.liabilityDay(day), undefined, meter))),
  ]);
  const movements = new Map<string, DayMovement>();
  days.forEach((day, i) => movements.set(day, perDay[i].reduce<DayMovement>((m, s) => addMovements(m, { earned: s.earned, spent: s.spent, expired: s.expired, adjusted: s.adjusted }), noMovement())));
  const rate = settings.points.pointsPerYuanDeduction;
  const rows = liabilityRows({ from: q.from, to: q.to, today, availableNow: totals.available, movements });
  return {
    asOf: nowIso(),
    pointValue: { points: rate, fen: 100 },
    rows: rows.map((r) => ({ ...r, valueFen: liabilityValues(r, rate) })),
  };
}

/**
 * Points that moved at each store per business day: earned and spent at the store's sales, reversed and refunded
 * at its returns (the ledger entries' own figures: shared/rules/liability.ts). 'list' scope: the caller's stores
 * only, `storeId` narrowing to one (outside scope: no rows). Reads one partition per day, whole for the chain,
 * else each store's part (`begins_with(SK, '<store>#')`, ≤ 4 items a store and day).
 */
export async function pointsLiabilityStores(config: AppConfig, staff: StaffPrincipal, q: { from: string; to: string; storeId?: string }, meter?: ReadMeter) {
  const t = config.tableName;
  assertReportRange(checkDayRange({ from: q.from, to: q.to, today: businessDay() }));
  const stores = await reportStores(t, staff.scope, q.storeId);
  const prefixes = stores.all || stores.storeIds.size ? storePrefixes(stores) : [];
  const reads = daysFromTo(q.from, q.to).flatMap((day) => prefixes.map((prefix) => ({ day, prefix })));
  const parts = await mapWithConcurrency(reads, REPORT_READ_CONCURRENCY, async ({ day, prefix }) => liabilityStoreShard.parseAll(await queryPartition(t, keys.liabilityStoreDay(day), prefix, meter)));
  const rows = new Map<string, StoreMovement & { day: string; storeId: string }>();
  for (const item of parts.flat()) {
    if (!reportCovers(stores, item.storeId)) continue;
    const key = `${item.day}#${item.storeId}`;
    const row = rows.get(key) ?? { day: item.day, storeId: item.storeId, earned: 0, spent: 0, reversed: 0, refunded: 0 };
    row.earned += item.earned;
    row.spent += item.spent;
    row.reversed += item.reversed;
    row.refunded += item.refunded;
    rows.set(key, row);
  }
  return { asOf: nowIso(), rows: [...rows.values()].sort((a, b) => a.day.localeCompare(b.day) || a.storeId.localeCompare(b.storeId)) };
}
