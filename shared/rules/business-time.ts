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

// Calendar arithmetic on plain days is done in UTC, where every day has 24 hours.
function calendarDay(day: string): dayjs.Dayjs {
  const parsed = dayjs.utc(day);
  // Round-tripping catches days dayjs would roll over, such as 2027-02-30.
  if (!DAY.test(day) || !parsed.isValid() || parsed.format('YYYY-MM-DD') !== day) {
    throw new RangeError(`not a day (YYYY-MM-DD): ${day}`);
  }
  return parsed;
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
  return calendarDay(day).add(n, 'day').format('YYYY-MM-DD');
}

/** Points earned in a business month are usable to the end of the same month one year later (DOMAIN.md, Expiry). */
export function lotExpiryDay(earnedAtIso: string): string {
  const earnedMonth = inBusinessZone(earnedAtIso).month;
  return dayjs.utc(`${earnedMonth}-01`).add(1, 'year').endOf('month').format('YYYY-MM-DD');
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
