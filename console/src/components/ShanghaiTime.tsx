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

export function ShanghaiTime({ at, withSeconds }: { at: string; withSeconds?: boolean }) {
  return (
    <time dateTime={at} title={`${formatShanghai(at, true)} (${BUSINESS_TIME_ZONE})`}>
      {formatShanghai(at, withSeconds)}
    </time>
  );
}
