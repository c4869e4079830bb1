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

function inBusinessZone(instantIso: string): dayjs.Dayjs {
  const instant = dayjs(instantIso);
  if (!ZONED_INSTANT.test(instantIso) || !instant.isValid()) {
    throw new RangeError(`not an ISO instant with a zone: ${instantIso}`);
  }
  return instant.tz(BUSINESS_TIME_ZONE);
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
  return inBusinessZone(instantIso).format('YYYY-MM-DD');
}

export function businessMonthOf(instantIso: string): string {
  return inBusinessZone(instantIso).format('YYYY-MM');
}

export function addBusinessDays(day: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`days must be whole, got ${n}`);
  return calendarDay(day).add(n, 'day').format('YYYY-MM-DD');
}

/** Points earned in a business month are usable to the end of the same month one year later (DOMAIN.md, Expiry). */
export function lotExpiryDay(earnedAtIso: string): string {
  const earnedMonth = inBusinessZone(earnedAtIso).format('YYYY-MM');
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
