import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import { isDay } from './days';

const FORMAT = 'YYYY-MM-DD';

/**
 * One calendar day (YYYY-MM-DD) for a form field: the value is the day's text, never an instant, so no zone can
 * move it; days outside [min, max] can be neither picked nor typed. `openAt` is where the calendar opens when
 * the field is empty (a birthday's picker opens decades back, not on today).
 */
export function DayPicker(props: {
  value?: string;
  onChange?: (day: string | undefined) => void;
  min?: string;
  max?: string;
  openAt?: string;
  id?: string;
  placeholder?: string;
  disabled?: boolean;
  'data-testid'?: string;
}) {
  const { value, min, max } = props;
  return (
    <span data-testid={props['data-testid']}>
      <DatePicker
        id={props.id}
        format={FORMAT}
        placeholder={props.placeholder ?? FORMAT}
        disabled={props.disabled}
        value={value && isDay(value) ? dayjs(value, FORMAT) : null}
        defaultPickerValue={props.openAt && isDay(props.openAt) ? dayjs(props.openAt, FORMAT) : undefined}
        disabledDate={(d) => {
          const day = d.format(FORMAT);
          return (min !== undefined && day < min) || (max !== undefined && day > max);
        }}
        // "Today" would be the browser's day, not necessarily the chain's (Asia/Shanghai).
        showToday={false}
        onChange={(d) => props.onChange?.(d ? d.format(FORMAT) : undefined)}
      />
    </span>
  );
}
