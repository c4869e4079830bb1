import { enumerateDays, type DayRange } from '../../components/days';
import type { ChartOption } from '../../components/EChart';
import type { JoinRow } from './hooks';

export type JoinsChartMode = 'lines' | 'stacked';

/** New members per day for each store (registers added up): a line per store, or bars stacked per day. */
export function joinsChartOption(rows: readonly JoinRow[], range: DayRange, storeLabel: (storeId: string) => string, mode: JoinsChartMode): ChartOption {
  const days = enumerateDays(range);
  const byStore = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const perDay = byStore.get(r.storeId) ?? new Map<string, number>();
    perDay.set(r.day, (perDay.get(r.day) ?? 0) + r.members);
    byStore.set(r.storeId, perDay);
  }
  const stores = [...byStore.keys()].sort();
  return {
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', top: 0 },
    grid: { left: 48, right: 24, top: 40, bottom: 32 },
    xAxis: { type: 'category', data: days },
    yAxis: { type: 'value', minInterval: 1 },
    series: stores.map((s) => ({
      name: storeLabel(s),
      type: mode === 'stacked' ? ('bar' as const) : ('line' as const),
      ...(mode === 'stacked' ? { stack: 'joins', barMaxWidth: 24 } : { showSymbol: days.length <= 31 }),
      data: days.map((d) => byStore.get(s)?.get(d) ?? 0),
    })),
  } as ChartOption;
}
