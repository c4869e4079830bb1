import { DatePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useT, type Messages } from '../shell/i18n';
import { lastDays, MAX_RANGE_DAYS, shanghaiToday, type DayRange } from './days';

const messages: Messages<'last7' | 'last30' | 'last90' | 'thisMonth' | 'lastMonth'> = {
  zh: { last7: '最近7天', last30: '最近30天', last90: '最近90天', thisMonth: '本月', lastMonth: '上月' },
  en: { last7: 'Last 7 days', last30: 'Last 30 days', last90: 'Last 90 days', thisMonth: 'This month', lastMonth: 'Last month' },
};

const toDayjs = (day: string) => dayjs(day, 'YYYY-MM-DD');
const toRange = (r: DayRange): [Dayjs, Dayjs] => [toDayjs(r.from), toDayjs(r.to)];

/**
 * A range of business days (Asia/Shanghai) for a report: nothing after today, at most `maxDays` days (92, a
 * quarter); presets for the usual ones.
 */
export function DayRangePicker({ value, onChange, maxDays = MAX_RANGE_DAYS, 'data-testid': testId }: { value: DayRange; onChange: (r: DayRange) => void; maxDays?: number; 'data-testid'?: string }) {
  const t = useT(messages);
  const today = shanghaiToday();
  const monthStart = today.slice(0, 8) + '01';
  const lastMonthEnd = toDayjs(monthStart).subtract(1, 'day').format('YYYY-MM-DD');
  return (
    <span data-testid={testId}>
      <DatePicker.RangePicker
        allowClear={false}
        value={toRange(value)}
        format="YYYY-MM-DD"
        disabledDate={(d, info) => d.format('YYYY-MM-DD') > today || (info.from !== undefined && Math.abs(d.diff(info.from, 'day')) >= maxDays)}
        presets={[
          { label: t('last7'), value: toRange(lastDays(7, today)) },
          { label: t('last30'), value: toRange(lastDays(30, today)) },
          { label: t('last90'), value: toRange(lastDays(90, today)) },
          { label: t('thisMonth'), value: toRange({ from: monthStart, to: today }) },
          { label: t('lastMonth'), value: toRange({ from: lastMonthEnd.slice(0, 8) + '01', to: lastMonthEnd }) },
        ]}
        onChange={(v) => {
          if (v?.[0] && v[1]) onChange({ from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') });
        }}
      />
    </span>
  );
}
