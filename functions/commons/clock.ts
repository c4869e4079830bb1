import { addBusinessDays, businessDayOf } from '../../shared/rules/business-time';

/** The one source of "now", so tests can move time. */
let offsetMs = 0;
export const nowMs = () => Date.now() + offsetMs;
export const nowIso = () => new Date(nowMs()).toISOString();
export function shiftClockForTests(ms: number): void {
  offsetMs = ms;
}

/** The business day (Asia/Shanghai) an instant falls on: YYYY-MM-DD. */
export function businessDay(instant: number | string | Date = nowMs()): string {
  return businessDayOf(new Date(instant).toISOString());
}

/** The business day before `day`. */
export function previousBusinessDay(day: string): string {
  return addBusinessDays(day, -1);
}

