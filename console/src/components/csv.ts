import { stringify } from 'csv-stringify/browser/esm/sync';
import { downloadText } from './download';

export { safeFileName } from './download';

/**
 * CSV exports that Excel opens correctly in China: UTF-8 with a byte-order mark (without it Excel reads the file as
 * GBK and the Chinese headers turn to mojibake), CRLF line ends, points as integers and yuan as exact two-decimal
 * text made from integer fen (never `fen / 100`, so no 0.30000000000000004).
 */
export const BOM = '\uFEFF';

export type CsvCell = { kind: 'text'; value: string } | { kind: 'whole'; value: number } | { kind: 'fen'; value: number };
export interface CsvColumn<R> {
  header: string;
  cell: (row: R) => CsvCell;
}

export const text = (value: string | null | undefined): CsvCell => ({ kind: 'text', value: value ?? '' });
export const whole = (value: number): CsvCell => ({ kind: 'whole', value });
export const fen = (value: number): CsvCell => ({ kind: 'fen', value });

/** Integer fen as yuan with two decimals and no thousands separator: 123450 → "1234.50", -5 → "-0.05". */
export function fenToYuanText(value: number): string {
  if (!Number.isSafeInteger(value)) throw new RangeError(`fen must be a whole number, got ${value}`);
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

function wholeText(value: number): string {
  if (!Number.isSafeInteger(value)) throw new RangeError(`expected a whole number, got ${value}`);
  return String(value === 0 ? 0 : value);
}

/**
 * Text that Excel would run as a formula (=, +, -, @, tab, CR first) gets a leading apostrophe: names come from
 * users. Numbers are never touched (a negative adjustment stays -120).
 */
function safeText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function cellText(c: CsvCell): string {
  switch (c.kind) {
    case 'text':
      return safeText(c.value);
    case 'whole':
      return wholeText(c.value);
    case 'fen':
      return fenToYuanText(c.value);
  }
}

/** The whole file's text: BOM, a header line, then one line per row (and `extra` rows such as totals). */
export function buildCsv<R>(columns: Array<CsvColumn<R>>, rows: readonly R[], extra: ReadonlyArray<readonly CsvCell[]> = []): string {
  const records: string[][] = [columns.map((c) => c.header), ...rows.map((r) => columns.map((c) => cellText(c.cell(r)))), ...extra.map((cells) => cells.map(cellText))];
  return BOM + stringify(records, { record_delimiter: 'windows' });
}

/** Saves CSV text (built by buildCsv, BOM included) as a file. */
export const downloadCsv = (fileName: string, csvText: string): void => downloadText(fileName, csvText, 'text/csv;charset=utf-8');
