/**
 * Business time: the chain's days and months are Asia/Shanghai's, whatever zone a Lambda runs in.
 * Instants are ISO strings; days are 'YYYY-MM-DD', months 'YYYY-MM'. Nothing here reads the clock.
 */
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import { BUSINESS_TIME_ZONE } from '../schedules';

dayjs.extend(utc);
dayjs.extend(timezone);

// An instant without a zone would be read in the host's zone, which differs between a laptop and Lambda.
const ZONED_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The business day and month of an instant. Converting with dayjs' time-zone plugin goes through Intl on every
 * call (it was a fifth of the CPU of a sale), and every zone's offset is a whole number of quarter hours, so the
 * answer is remembered per quarter hour.
 */
const QUARTER_HOUR_MS = 15 * 60_000;
const zoned = new Map<number, { day: string; month: string }>();
function inBusinessZone(instantIso: string): { day: string; month: string } {
  const ms = Date.parse(instantIso);
  if (!ZONED_INSTANT.test(instantIso) || Number.isNaN(ms)) {
    throw new RangeError(`not an ISO instant with a zone: ${instantIso}`);
  }
  const bucket = Math.floor(ms / QUARTER_HOUR_MS);
  let hit = zoned.get(bucket);
  if (!hit) {
    const local = dayjs(ms).tz(BUSINESS_TIME_ZONE);
    hit = { day: local.format('YYYY-MM-DD'), month: local.format('YYYY-MM') };
    if (zoned.size >= 100_000) zoned.clear();
    zoned.set(bucket, hit);
  }
  return hit;
}

// Calendar arithmetic on plain days is done in UTC, where every day has 24 hours: with Date.UTC, not dayjs
// (a day's arithmetic is on every sale's path: parsing and formatting through dayjs cost ten times as much).
const DAY_MS = 86_400_000;
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));
function formatDay(ms: number): string {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  return `${y < 1000 ? String(y).padStart(4, '0') : y}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** Midnight UTC of a day, in ms; a day that does not exist (2027-02-30) is refused, not rolled over. */
function calendarDay(day: string): number {
  const ms = DAY.test(day) ? Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) : NaN;
  if (Number.isNaN(ms) || formatDay(ms) !== day) throw new RangeError(`not a day (YYYY-MM-DD): ${day}`);
  return ms;
}

export function assertDay(day: string): void {
  calendarDay(day);
}

export function businessDayOf(instantIso: string): string {
  return inBusinessZone(instantIso).day;
}

export function businessMonthOf(instantIso: string): string {
  return inBusinessZone(instantIso).month;
}

export function addBusinessDays(day: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`days must be whole, got ${n}`);
  return formatDay(calendarDay(day) + n * DAY_MS);
}

/** Points earned in a business month are usable to the end of the same month one year later (DOMAIN.md, Expiry). */
export function lotExpiryDay(earnedAtIso: string): string {
  const earnedMonth = inBusinessZone(earnedAtIso).month;
  const [y, m] = [Number(earnedMonth.slice(0, 4)), Number(earnedMonth.slice(5, 7))];
  // Day 0 of the next month is the last day of this one.
  return formatDay(Date.UTC(y + 1, m, 0));
}

/** A lot's date is the last day it can be used, so it is still good on that day. */
export function isLotUsable(expiryDay: string, todayBusinessDay: string): boolean {
  assertDay(expiryDay);
  assertDay(todayBusinessDay);
  return expiryDay >= todayBusinessDay;
}

/** The last instant of a business day, in UTC: 23:59:59.999 Shanghai. */
export function endOfBusinessDayIso(day: string): string {
  assertDay(day);
  return dayjs.tz(`${day} 23:59:59.999`, BUSINESS_TIME_ZONE).toISOString();
}

/** dayjs with the utc and timezone plugins loaded, for callers that need calendar arithmetic of their own. */
export { dayjs };
