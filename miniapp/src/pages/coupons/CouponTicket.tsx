import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { CouponBenefit } from '@shared/features/coupons/schemas';
import { useI18n } from '../../i18n';
import { benefitFigure, benefitSentence, thresholdText } from '../../utils/coupons';
import './CouponTicket.scss';

/**
 * A coupon drawn as a ticket: the benefit big on the left (¥30, 8折, 第二件半价) with its condition under it, the
 * name and whatever the page adds on the right. `muted` for a coupon that can no longer be used.
 */
export function CouponTicket(props: {
  id?: string;
  benefit: CouponBenefit;
  minOrderFen: number;
  name: string;
  muted?: boolean;
  stamp?: string;
  onClick?: () => void;
  data?: Record<string, string | number>;
  children?: ReactNode;
}) {
  const { t, lang } = useI18n();
  const figure = benefitFigure(props.benefit, lang, t);
  const data = Object.fromEntries(Object.entries(props.data ?? {}).map(([k, v]) => [`data-${k}`, v]));
  return (
    <View
      id={props.id}
      className={`ticket${props.muted ? ' ticket--muted' : ''}`}
      onClick={props.onClick}
      aria-label={`${props.name} · ${benefitSentence(props.benefit, lang, t)}`}
      {...data}
      {...(props.onClick ? { role: 'link' } : {})}
    >
      <View className='ticket__figure'>
        <View className='ticket__value-line'>
          {figure.currency ? <Text className='ticket__currency'>¥</Text> : null}
          <Text className={`ticket__value${figure.currency ? '' : ' ticket__value--word'}`}>{figure.value}</Text>
        </View>
        <Text className='ticket__condition'>{thresholdText(props.benefit, props.minOrderFen, t)}</Text>
      </View>
      <View className='ticket__body'>
        <Text className='ticket__name'>{props.name}</Text>
        {props.children}
      </View>
      {props.stamp ? <Text className='ticket__stamp'>{props.stamp}</Text> : null}
    </View>
  );
}
