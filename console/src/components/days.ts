/**
 * Business days for the console's reports: the chain's days are Asia/Shanghai's (UTC+8 all year, no daylight
 * saving), written YYYY-MM-DD. Pure string and UTC arithmetic, so the answer never depends on the browser's zone.
 */
export const SHANGHAI_OFFSET_MS = 8 * 3600_000;
/** The longest range a report accepts: a quarter, both ends included (shared/schemas.ts dayRangeQuery). */
export const MAX_RANGE_DAYS = 92;
const DAY_MS = 86_400_000;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface DayRange {
  from: string;
  to: string;
}

function dayMs(day: string): number {
  const m = DAY.exec(day);
  if (!m) throw new RangeError(`not a day: ${day}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(ms).toISOString().slice(0, 10) !== day) throw new RangeError(`no such day: ${day}`);
  return ms;
}
const formatDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const isDay = (text: string): boolean => {
  try {
    dayMs(text);
    return true;
  } catch {
    return false;
  }
};

/** Today's business day in Shanghai. */
export const shanghaiToday = (now: Date = new Date()): string => formatDay(now.getTime() + SHANGHAI_OFFSET_MS);

export const addDays = (day: string, n: number): string => formatDay(dayMs(day) + n * DAY_MS);

/** Days from `from` to `to`, both included (1 for the same day; 0 or less when `to` is before `from`). */
export const daysInRange = (r: DayRange): number => Math.round((dayMs(r.to) - dayMs(r.from)) / DAY_MS) + 1;

/** The last `n` business days, today included. */
export const lastDays = (n: number, today: string = shanghaiToday()): DayRange => ({ from: addDays(today, -(n - 1)), to: today });

/** Every day of a range, in order. */
export function enumerateDays(r: DayRange): string[] {
  const out: string[] = [];
  for (let d = r.from; d <= r.to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** What is wrong with a range a report would be asked for, if anything. */
export function rangeProblem(r: DayRange, maxDays = MAX_RANGE_DAYS): 'invalid' | 'reversed' | 'tooLong' | null {
  if (!isDay(r.from) || !isDay(r.to)) return 'invalid';
  const n = daysInRange(r);
  if (n < 1) return 'reversed';
  if (n > maxDays) return 'tooLong';
  return null;
}

/** An instant as Shanghai wall time, `YYYY-MM-DD HH:mm:ss` (China keeps one offset all year). */
export function shanghaiTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}
