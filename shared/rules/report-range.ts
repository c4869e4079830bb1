/**
 * The day ranges the staff reports take (`?from&to`, or one `?day`): real calendar days (2026-02-30 is refused,
 * not rolled over), `from` not after `to`, at most a quarter (92 days, both ends included), and nothing after
 * today (a report of the future is a mistake, not an empty page). Pure: the caller passes today's business day.
 */
import { addBusinessDays, assertDay } from './business-time';

/** A quarter: the longest range one report request covers. */
export const MAX_REPORT_DAYS = 92;

export type RangeField = 'from' | 'to' | 'day';
export interface RangeProblem {
  field: RangeField;
  /** invalid-day: not a calendar day; reversed: from after to; too-long: more than the maximum; future: after today; too-old: before the earliest day the report reads. */
  kind: 'invalid-day' | 'reversed' | 'too-long' | 'future' | 'too-old';
  message: { zh: string; en: string };
}

export function isCalendarDay(day: string): boolean {
  try {
    assertDay(day);
    return true;
  } catch {
    return false;
  }
}

/** Days from `from` to `to`, both included (empty when from > to). Both must be calendar days. */
export function daysFromTo(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = from; d <= to; d = addBusinessDays(d, 1)) days.push(d);
  return days;
}

/** How many days `from`..`to` covers, both included (0 when from > to). */
export function dayCount(from: string, to: string): number {
  if (from > to) return 0;
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

const notADay = (field: RangeField, day: string): RangeProblem => ({
  field,
  kind: 'invalid-day',
  message: { zh: `${day} 不是有效的日期（YYYY-MM-DD）`, en: `${day} is not a calendar day (YYYY-MM-DD)` },
});
const future = (field: RangeField, day: string, today: string): RangeProblem => ({
  field,
  kind: 'future',
  message: { zh: `${day} 晚于今天（${today}），报表只含已发生的营业日`, en: `${day} is after today (${today}); reports cover business days that have begun` },
});

/**
 * What is wrong with a report's range (empty when nothing is). `earliest`: the first day the report may start
 * on, for a report whose reading reaches from `from` to today (the liability by day).
 */
export function checkDayRange(input: { from: string; to: string; today: string; maxDays?: number; earliest?: string }): RangeProblem[] {
  const { from, to, today } = input;
  const maxDays = input.maxDays ?? MAX_REPORT_DAYS;
  const problems: RangeProblem[] = [];
  if (!isCalendarDay(from)) problems.push(notADay('from', from));
  if (!isCalendarDay(to)) problems.push(notADay('to', to));
  if (problems.length) return problems;
  if (from > to) {
    problems.push({ field: 'from', kind: 'reversed', message: { zh: `开始日期 ${from} 晚于结束日期 ${to}`, en: `from (${from}) is after to (${to})` } });
    return problems;
  }
  if (dayCount(from, to) > maxDays) {
    problems.push({ field: 'to', kind: 'too-long', message: { zh: `查询范围最多 ${maxDays} 天（${from} 至 ${to} 为 ${dayCount(from, to)} 天）`, en: `a range covers at most ${maxDays} days (${from} to ${to} is ${dayCount(from, to)})` } });
  }
  if (to > today) problems.push(future('to', to, today));
  if (input.earliest && from < input.earliest) {
    problems.push({ field: 'from', kind: 'too-old', message: { zh: `最早可从 ${input.earliest} 开始查询`, en: `the earliest day this report starts on is ${input.earliest}` } });
  }
  return problems;
}

/** What is wrong with a one-day report's day (empty when nothing is). */
export function checkReportDay(day: string, today: string): RangeProblem[] {
  if (!isCalendarDay(day)) return [notADay('day', day)];
  return day > today ? [future('day', day, today)] : [];
}
