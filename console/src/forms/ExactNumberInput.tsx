import Input from 'antd/es/input';
import type { Rule } from 'antd/es/form';
import { getLang, translate } from '../shell/i18n';
import { parseWhole, parseYuanToFen, type Parsed, type WholeOptions } from './exact-number';
import { formMessages } from './messages';

/**
 * A text field for numbers: it shows exactly what was typed and the form keeps that text; the rule below refuses
 * anything that is not exactly a number of the field's kind, and `wholeValue`/`fenValue` turn accepted text into the
 * number sent. (antd's InputNumber would silently drop a decimal point or clamp; this never does.)
 */
export function ExactNumberInput(props: { value?: string; onChange?: (v: string) => void; placeholder?: string; suffix?: string; id?: string; 'data-testid'?: string; disabled?: boolean }) {
  return (
    <Input
      id={props.id}
      data-testid={props['data-testid']}
      inputMode="decimal"
      autoComplete="off"
      value={props.value ?? ''}
      placeholder={props.placeholder}
      suffix={props.suffix}
      disabled={props.disabled}
      onChange={(e) => props.onChange?.(e.target.value)}
    />
  );
}

function problemText(parsed: Parsed, opts: WholeOptions): string {
  if (parsed.ok) return '';
  return translate(formMessages, getLang(), parsed.problem, { min: opts.min ?? '', max: opts.max ?? '' });
}

/** Form rule for a whole-number field (points, counts). */
export function wholeRule(opts: WholeOptions = {}): Rule {
  return { validator: async (_, v: string | undefined) => assertParsed(parseWhole(v ?? '', opts), opts) };
}
/** Form rule for a yuan field that is sent as fen. */
export function yuanRule(opts: WholeOptions = {}): Rule {
  return { validator: async (_, v: string | undefined) => assertParsed(parseYuanToFen(v ?? '', opts), opts) };
}
function assertParsed(parsed: Parsed, opts: WholeOptions) {
  if (!parsed.ok) throw new Error(problemText(parsed, opts));
}

/** The value of a field its rule accepted (throws if called on text the rule refused). */
export function wholeValue(text: string, opts: WholeOptions = {}): number {
  const p = parseWhole(text, opts);
  if (!p.ok) throw new Error(`not a whole number: ${text}`);
  return p.value;
}
export function fenValue(text: string, opts: WholeOptions = {}): number {
  const p = parseYuanToFen(text, opts);
  if (!p.ok) throw new Error(`not an amount: ${text}`);
  return p.value;
}
