import type { ChartOption } from '../../components/EChart';
import { formatFen } from '../../forms/exact-number';
import type { LiabilityDayRow } from './hooks';

/** Fen on an axis, as yuan (display only; the figures themselves stay integer fen). */
const axisYuan = (v: number) => (v / 100).toLocaleString('en-US', { maximumFractionDigits: 2 });
const tooltipYuan = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? `¥${formatFen(Math.round(v))}` : String(v ?? ''));

/** Closing liability (line, left axis) and the day's change (bars, right axis), both in yuan. */
export function liabilityChartOption(rows: readonly LiabilityDayRow[], labels: { closing: string; change: string }): ChartOption {
  return {
    tooltip: { trigger: 'axis', valueFormatter: tooltipYuan },
    legend: { data: [labels.closing, labels.change], top: 0 },
    grid: { left: 72, right: 72, top: 40, bottom: 32 },
    xAxis: { type: 'category', data: rows.map((r) => r.day) },
    yAxis: [
      { type: 'value', name: labels.closing, axisLabel: { formatter: axisYuan }, scale: true },
      { type: 'value', name: labels.change, axisLabel: { formatter: axisYuan }, splitLine: { show: false } },
    ],
    series: [
      { name: labels.closing, type: 'line', data: rows.map((r) => r.valueFen.closing), yAxisIndex: 0, showSymbol: rows.length <= 31 },
      { name: labels.change, type: 'bar', data: rows.map((r) => r.valueFen.closing - r.valueFen.opening), yAxisIndex: 1, barMaxWidth: 16, itemStyle: { opacity: 0.6 } },
    ],
  };
}
