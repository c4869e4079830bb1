import { buildCsv, fen, text, whole, type CsvColumn } from '../../components/csv';
import type { DayRange } from '../../components/days';
import type { Translate } from '../../shell/i18n';
import type { LiabilityDayRow, LiabilityStoreRow } from './hooks';
import type { liabilityMessages } from './messages';

type T = Translate<keyof (typeof liabilityMessages)['zh']>;
export const METRICS = ['opening', 'earned', 'spent', 'expired', 'adjusted', 'closing'] as const;

/** The day table as CSV: the day, then each figure's points and its value in yuan; headers in the UI's language. */
export function liabilityDaysCsv(rows: readonly LiabilityDayRow[], t: T): string {
  const columns: Array<CsvColumn<LiabilityDayRow>> = [{ header: t('day'), cell: (r) => text(r.day) }];
  for (const m of METRICS) {
    columns.push({ header: t('csvPoints', { metric: t(m) }), cell: (r) => whole(r[m]) });
    columns.push({ header: t('csvYuan', { metric: t(m) }), cell: (r) => fen(r.valueFen[m]) });
  }
  return buildCsv(columns, rows);
}

/** The store table as CSV, with the store's name when the account can see it. */
export function liabilityStoresCsv(rows: readonly LiabilityStoreRow[], storeName: (storeId: string) => string, t: T): string {
  const columns: Array<CsvColumn<LiabilityStoreRow>> = [
    { header: t('day'), cell: (r) => text(r.day) },
    { header: t('storeId'), cell: (r) => text(r.storeId) },
    { header: t('storeName'), cell: (r) => text(storeName(r.storeId)) },
    { header: t('earned'), cell: (r) => whole(r.earned) },
    { header: t('spent'), cell: (r) => whole(r.spent) },
    { header: t('reversed'), cell: (r) => whole(r.reversed) },
    { header: t('refunded'), cell: (r) => whole(r.refunded) },
  ];
  return buildCsv(columns, rows);
}

/** 积分负债_2026-11-01_2026-11-30.csv */
export const csvFileName = (base: string, range: DayRange, suffix?: string) => `${base}_${range.from}_${range.to}${suffix ? `_${suffix}` : ''}.csv`;
