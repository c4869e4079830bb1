import { dayjs } from '../../../shared/rules/business-time';
import { BUSINESS_TIME_ZONE } from '../../../shared/schedules';

/**
 * Instants as the chain's business time (Asia/Shanghai), whatever zone the browser is in: staff read a sale at
 * 09:30 as 09:30 in the store, not in their laptop's zone.
 */
export function formatShanghai(iso: string, withSeconds = false): string {
  const d = dayjs(iso);
  return d.isValid() ? d.tz(BUSINESS_TIME_ZONE).format(withSeconds ? 'YYYY-MM-DD HH:mm:ss' : 'YYYY-MM-DD HH:mm') : iso;
}

/** Today's business day (YYYY-MM-DD, Shanghai): one definition, in days.ts. */
export { shanghaiToday } from './days';

/** An instant as Shanghai time; `dateOnly` shows its business day (a join date), the full time on hover. */
export function ShanghaiTime({ at, withSeconds, dateOnly }: { at: string; withSeconds?: boolean; dateOnly?: boolean }) {
  const shown = formatShanghai(at, withSeconds);
  return (
    <time dateTime={at} title={`${formatShanghai(at, true)} (${BUSINESS_TIME_ZONE})`}>
      {dateOnly ? shown.slice(0, 10) : shown}
    </time>
  );
}
