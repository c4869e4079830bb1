import { Text, View } from '@tarojs/components';
import { useI18n } from '../../i18n';
import type { PointsRules } from '../../services/points-rules';
import { newMemberBenefits, type NewMemberBenefit } from '../../utils/join';
import { discountLabel } from '../../utils/points';

/** What joining gives, from the chain's rules, before the shopper joins. */
export function NewMemberBenefits({ rules }: { rules: PointsRules }) {
  const { t, lang, pick } = useI18n();
  const benefits = newMemberBenefits(rules);
  if (benefits.length === 0) return null;
  const lines = (b: NewMemberBenefit): string[] => {
    if (b.kind === 'tier') {
      const discount = discountLabel(b.discountBasisPoints, lang);
      return [
        t('join.benefit.tier', { tier: pick(b.tier), n: b.pointsPerYuan }),
        ...(discount ? [t('join.benefit.discount', { tier: pick(b.tier), discount })] : []),
      ];
    }
    if (b.kind === 'welcome') return [t('join.benefit.welcome', { n: b.points })];
    if (b.kind === 'deduction') return [t('join.benefit.deduction', { n: b.points })];
    return [t('join.benefit.signIn', { n: b.maxPoints })];
  };
  return (
    <View id='join-benefits' className='panel join-benefits'>
      <Text className='panel__title'>{t('join.newMember')}</Text>
      {/* Coupons are claimed in the coupon centre once a member (a new-member pack, when the chain has one, arrives by itself). */}
      {[...benefits.flatMap(lines), t('join.benefit.coupons')].map((text) => (
        <View key={text} className='join-benefits__item'>
          <Text className='join-benefits__mark'>✓</Text>
          <Text className='join-benefits__text'>{text}</Text>
        </View>
      ))}
    </View>
  );
}
