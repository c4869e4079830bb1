import { Text, View } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import type { RouteResponse } from '@shared/routes';
import { Field } from '../../../components/Field';
import { useI18n, type MessageKey } from '../../../i18n';
import { isWeapp } from '../../../services/runtime';
import { formatYuan } from '../../../utils/format';

type Quote = RouteResponse<'quoteBasket'>;
type NotApplied = Quote['coupons']['notApplied'][number];

/** Why a coupon is not in the combination, in the cashier's language (the server's reason code and its facts). */
export function reasonText(t: (key: MessageKey, vars?: Record<string, string | number>) => string, n: NotApplied, nameOf: (grantId: string) => string | null): string {
  const key = `cashier.reason.${n.reason}` as MessageKey;
  const base = t(key, { amount: formatYuan(n.missingFen ?? 0), day: n.validFrom ?? n.validThrough ?? '' });
  if (n.reason === 'not-stackable' && n.with) return `${base}（${nameOf(n.with) ?? n.with}）`;
  return base;
}

interface Props {
  quote: Quote;
  busy: boolean;
  onToggle: (grantId: string) => void;
  codeInput: string;
  onCodeInput: (v: string) => void;
  onAddCode: () => void;
  onScanCode: () => void;
  codes: number;
}

/**
 * The member's coupons on this basket (from the quote): usable ones to tick (the best combination comes ticked),
 * then those that do not apply, each with its reason; a coupon's own QR can be scanned or typed (扫码核销).
 */
export function CouponPanel({ quote, busy, onToggle, codeInput, onCodeInput, onAddCode, onScanCode, codes }: Props) {
  const { t, pick } = useI18n();
  const c = quote.coupons;
  const chosen = new Set(c.chosen.grantIds);
  const best = new Set(c.best.grantIds);
  const names = new Map([...c.usable.map((u) => [u.grantId, pick(u.name)] as const), ...c.notApplied.map((n) => [n.grantId, n.name ? pick(n.name) : null] as const)]);
  const nameOf = (id: string) => names.get(id) ?? null;
  return (
    <View id='coupon-panel' className='coupons'>
      <Text className='coupons__title'>{t('cashier.couponsSection')}</Text>
      {c.shown === 'none' ? <Text className='coupons__hint'>{t('cashier.couponsCodeRequired')}</Text> : c.usable.length ? <Text className='coupons__hint'>{t('cashier.couponsHint')}</Text> : <Text className='coupons__hint'>{t('cashier.couponsNone')}</Text>}
      {c.usable.map((u) => (
        <View
          key={u.grantId}
          id={`coupon-${u.grantId}`}
          className={`coupon${chosen.has(u.grantId) ? ' coupon--chosen' : ''}`}
          data-chosen={chosen.has(u.grantId) ? '1' : '0'}
          onClick={() => !busy && onToggle(u.grantId)}
        >
          <View className='coupon__check'>{chosen.has(u.grantId) ? '✓' : ''}</View>
          <View className='coupon__body'>
            <Text className='coupon__name'>
              {pick(u.name)}
              {best.has(u.grantId) ? <Text className='coupon__best'> · {t('cashier.couponBest')}</Text> : null}
            </Text>
            <Text className='coupon__meta'>{t('cashier.couponValidThrough', { day: u.validThrough })}</Text>
          </View>
          <Text className='coupon__off'>{t('cashier.couponOff', { amount: formatYuan(u.discountFen) })}</Text>
        </View>
      ))}
      {c.notApplied.length ? <Text className='coupons__subtitle'>{t('cashier.couponNotApplied')}</Text> : null}
      {c.notApplied.map((n) => (
        <View key={n.grantId} id={`coupon-na-${n.grantId}`} className='coupon coupon--off' data-reason={n.reason}>
          <View className='coupon__body'>
            <Text className='coupon__name'>{n.name ? pick(n.name) : n.grantId}</Text>
            <Text className='coupon__reason'>{reasonText(t, n, nameOf)}</Text>
          </View>
        </View>
      ))}
      <Field
        id='coupon-code-input'
        label={t('cashier.couponCodeLabel')}
        value={codeInput}
        onChange={onCodeInput}
        placeholder='CP1.…'
        maxLength={80}
        onConfirm={onAddCode}
      />
      <View className='cashier-page__actions'>
        {isWeapp ? (
          <Button id='coupon-scan-button' size='large' className='cashier-page__scan' onClick={onScanCode}>
            {t('cashier.couponCodeScan')}
          </Button>
        ) : null}
        <Button id='coupon-code-button' size='large' className='cashier-page__identify' disabled={busy} onClick={onAddCode}>
          {t('cashier.couponCodeAdd')}
        </Button>
      </View>
      {codes ? <Text className='coupons__hint'>{t('cashier.couponCodes', { n: codes })}</Text> : null}
    </View>
  );
}
