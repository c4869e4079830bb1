import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import { BUSINESS_TIME_ZONE } from '../../shared/schedules';

dayjs.extend(utc);
dayjs.extend(timezone);

/** The one source of "now", so tests can move time. */
let offsetMs = 0;
export const nowMs = () => Date.now() + offsetMs;
export const nowIso = () => new Date(nowMs()).toISOString();
export function shiftClockForTests(ms: number): void {
  offsetMs = ms;
}

/** The business day (Asia/Shanghai) an instant falls on: YYYY-MM-DD. */
export function businessDay(instant: number | string | Date = nowMs()): string {
  return dayjs(instant).tz(BUSINESS_TIME_ZONE).format('YYYY-MM-DD');
}

/** The business day before `day`. */
export function previousBusinessDay(day: string): string {
  return dayjs.tz(day, BUSINESS_TIME_ZONE).subtract(1, 'day').format('YYYY-MM-DD');
}

export { dayjs };
