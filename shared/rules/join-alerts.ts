/**
 * The join-drop alert (the dashboard's 拉新预警): a store whose new members on a day fell to half or less of its
 * average for that weekday over the 4 weeks before (the same weekday 7, 14, 21 and 28 days earlier, a day with
 * no joins counting 0). Below a trailing average of 2 members there is no alert: a store that signs up one
 * member on a typical Tuesday and none this Tuesday has not dropped, it is noise. Integer arithmetic: with S the
 * 4 weeks' sum, the alert is members × 8 ≤ S (members ≤ S / 4 / 2) and S ≥ 8 (average ≥ 2).
 */
import { addBusinessDays } from './business-time';

export const JOIN_ALERT_WEEKS = 4;
/** No alert while the trailing average is below this many members a day. */
export const JOIN_ALERT_MIN_AVERAGE = 2;
/** Alert at or below this share of the trailing average (percent). */
export const JOIN_ALERT_SHARE_PERCENT = 50;

/** The same weekday in each of the 4 weeks before `day`, latest first. */
export function trailingWeekdays(day: string): string[] {
  return Array.from({ length: JOIN_ALERT_WEEKS }, (_, i) => addBusinessDays(day, -7 * (i + 1)));
}

/** The alert for one store and day, or null: `trailing` are its new members on the 4 trailing weekdays. */
export function joinDropAlert(members: number, trailing: readonly number[]): { trailingAverage: number } | null {
  if (trailing.length !== JOIN_ALERT_WEEKS) throw new RangeError(`the trailing window is ${JOIN_ALERT_WEEKS} weeks, got ${trailing.length}`);
  const sum = trailing.reduce((n, x) => n + x, 0);
  if (sum < JOIN_ALERT_MIN_AVERAGE * JOIN_ALERT_WEEKS) return null;
  // members ≤ (sum / weeks) × share / 100, without fractions.
  if (members * JOIN_ALERT_WEEKS * 100 > sum * JOIN_ALERT_SHARE_PERCENT) return null;
  return { trailingAverage: sum / JOIN_ALERT_WEEKS };
}

export interface JoinDropAlert {
  day: string;
  storeId: string;
  members: number;
  trailingAverage: number;
}

/**
 * Every alert for `days` over the stores in `stores`: `membersOf(store, day)` is the store's new members that
 * day (every register, 0 when none), and must know the 4 weeks before each of `days`. Sorted by day, then store.
 */
export function joinDropAlerts(days: readonly string[], stores: Iterable<string>, membersOf: (storeId: string, day: string) => number): JoinDropAlert[] {
  const storeList = [...new Set(stores)].sort();
  const alerts: JoinDropAlert[] = [];
  for (const day of [...days].sort()) {
    const before = trailingWeekdays(day);
    for (const storeId of storeList) {
      const members = membersOf(storeId, day);
      const alert = joinDropAlert(members, before.map((d) => membersOf(storeId, d)));
      if (alert) alerts.push({ day, storeId, members, trailingAverage: alert.trailingAverage });
    }
  }
  return alerts;
}
