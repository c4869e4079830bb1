/**
 * Number fields never reinterpret what was typed: the text either is exactly a number of the field's kind, or the
 * field refuses it with a reason. `1.5` in a points field is refused (points are whole), never read as 15 or 1;
 * `１２` (full-width), `1,000`, `1e3`, `0x10` and `12abc` are refused too. Money is typed in yuan and becomes integer
 * fen by string arithmetic, so 0.1 + 0.2 never happens.
 */
export type ExactNumberProblem = 'empty' | 'notWhole' | 'notNumber' | 'tooManyDecimals' | 'negative' | 'zero' | 'tooSmall' | 'tooLarge';
export type Parsed = { ok: true; value: number } | { ok: false; problem: ExactNumberProblem };

export interface WholeOptions {
  /** Allow a leading minus (a deduction). */
  signed?: boolean;
  allowZero?: boolean;
  min?: number;
  max?: number;
}

const WHOLE = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?\d+\.\d*$|^[+-]?\.\d+$/;

/** A whole number (points, counts): digits with an optional sign; surrounding spaces are the only thing ignored. */
export function parseWhole(text: string, opts: WholeOptions = {}): Parsed {
  const s = text.trim();
  if (s === '') return { ok: false, problem: 'empty' };
  if (!WHOLE.test(s)) return { ok: false, problem: DECIMAL.test(s) ? 'notWhole' : 'notNumber' };
  const value = Number(s);
  if (!Number.isSafeInteger(value)) return { ok: false, problem: 'tooLarge' };
  return bounded(value, opts);
}

/** Yuan with at most two decimals → integer fen (12.3 → 1230, 0.05 → 5); never through floating point. */
export function parseYuanToFen(text: string, opts: WholeOptions = {}): Parsed {
  return parseScaled(text, 2, opts);
}

/**
 * A decimal with at most `places` decimals, scaled to an integer by moving the point (parseScaled('8.5', 3) →
 * 8500: 8.5折 in thousandths); by string arithmetic, never through floating point.
 */
export function parseScaled(text: string, places: number, opts: WholeOptions = {}): Parsed {
  const s = text.trim();
  if (s === '') return { ok: false, problem: 'empty' };
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(s);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return { ok: false, problem: 'notNumber' };
  const [, sign, whole, decimals = ''] = m;
  if (decimals.length > places) return { ok: false, problem: 'tooManyDecimals' };
  const digits = (whole === '' ? '0' : whole) + decimals.padEnd(places, '0');
  const fen = Number(digits);
  if (!Number.isSafeInteger(fen)) return { ok: false, problem: 'tooLarge' };
  return bounded(sign === '-' ? -fen : fen, opts);
}

function bounded(value: number, opts: WholeOptions): Parsed {
  if (value < 0 && !opts.signed) return { ok: false, problem: 'negative' };
  if (value === 0 && opts.allowZero === false) return { ok: false, problem: 'zero' };
  if (opts.min !== undefined && value < opts.min) return { ok: false, problem: 'tooSmall' };
  if (opts.max !== undefined && value > opts.max) return { ok: false, problem: 'tooLarge' };
  return { ok: true, value: value === 0 ? 0 : value };
}

/** Integer fen → "1,234.50" for display (never for input). */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.trunc(abs / 100).toLocaleString('en-US');
  return `${sign}${yuan}.${String(abs % 100).padStart(2, '0')}`;
}
