import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import { shanghaiToday } from '../../components/days';

/**
 * A coupon's fixed valid days: business days in Shanghai, both included, chosen as calendar days (the picker's
 * dates are read as YYYY-MM-DD and never converted through a time zone). A coupon lasts to 23:59:59 Shanghai of
 * the last day, so a day before today in Shanghai could never be used: those are disabled.
 */
export function ShanghaiDayRange({ value, onChange, id, 'data-testid': testId }: { value?: { from: string; to: string } | null; onChange?: (v: { from: string; to: string } | null) => void; id?: string; 'data-testid'?: string }) {
  const today = shanghaiToday();
  return (
    <span data-testid={testId}>
      <DatePicker.RangePicker
        id={id}
        format="YYYY-MM-DD"
        value={value ? [dayjs(value.from, 'YYYY-MM-DD'), dayjs(value.to, 'YYYY-MM-DD')] : null}
        disabledDate={(d) => d.format('YYYY-MM-DD') < today}
        onChange={(v) => onChange?.(v?.[0] && v[1] ? { from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') } : null)}
      />
    </span>
  );
}
