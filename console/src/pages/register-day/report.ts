import type { RouteResponse } from '../../../../shared/routes';
import { buildCsv, fen, text, whole, type CsvColumn } from '../../components/csv';
import type { Translate } from '../../shell/i18n';
import type { registerDayMessages } from './messages';

export type RegisterDay = RouteResponse<'registerDayReport'>;
export type RegisterDayRow = RegisterDay['rows'][number];
type T = Translate<keyof (typeof registerDayMessages)['zh']>;

export const COUNTS = ['salesPosted', 'salesNetFen', 'membersIdentified', 'joins', 'pointsIssued', 'pointsRedeemed', 'returns'] as const;
export type Totals = Record<(typeof COUNTS)[number], number>;

/** Column sums, in integers (fen stays fen). */
export function totalsOf(rows: readonly RegisterDayRow[]): Totals {
  const totals = Object.fromEntries(COUNTS.map((k) => [k, 0])) as Totals;
  for (const r of rows) for (const k of COUNTS) totals[k] += r[k];
  return totals;
}

export interface Names {
  store: (storeId: string) => string;
  register: (storeId: string, registerId: string) => string;
}

/** The table as CSV for Excel, with the totals as its last line. */
export function registerDayCsv(rows: readonly RegisterDayRow[], names: Names, t: T): string {
  const columns: Array<CsvColumn<RegisterDayRow>> = [
    { header: t('storeId'), cell: (r) => text(r.storeId) },
    { header: t('storeName'), cell: (r) => text(names.store(r.storeId)) },
    { header: t('registerId'), cell: (r) => text(r.registerId) },
    { header: t('registerName'), cell: (r) => text(names.register(r.storeId, r.registerId)) },
    { header: t('salesPosted'), cell: (r) => whole(r.salesPosted) },
    { header: t('salesNet'), cell: (r) => fen(r.salesNetFen) },
    { header: t('membersIdentified'), cell: (r) => whole(r.membersIdentified) },
    { header: t('joins'), cell: (r) => whole(r.joins) },
    { header: t('pointsIssued'), cell: (r) => whole(r.pointsIssued) },
    { header: t('pointsRedeemed'), cell: (r) => whole(r.pointsRedeemed) },
    { header: t('returns'), cell: (r) => whole(r.returns) },
  ];
  const s = totalsOf(rows);
  const totalRow = [text(t('total')), text(''), text(''), text(''), whole(s.salesPosted), fen(s.salesNetFen), whole(s.membersIdentified), whole(s.joins), whole(s.pointsIssued), whole(s.pointsRedeemed), whole(s.returns)];
  return buildCsv(columns, rows, [totalRow]);
}

/** 收银台日报_2026-11-30.csv, or 收银台日报_2026-11-30_SH-001.csv for one store. */
export const registerDayFileName = (base: string, day: string, storeId?: string) => `${base}_${day}${storeId ? `_${storeId}` : ''}.csv`;
