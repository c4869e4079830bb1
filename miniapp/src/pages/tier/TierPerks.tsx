import { Text, View } from '@tarojs/components';
import { useI18n } from '../../i18n';
import { discountLabel } from '../../utils/points';

interface Perks {
  discountBasisPoints: number;
  pointsPerYuan: number;
  birthdayDoublePoints: boolean;
}

/** A tier's benefits as chips: 9.5折 · 每元 2 积分 · 生日月双倍积分. */
export function TierPerks({ tier, light = false }: { tier: Perks; light?: boolean }) {
  const { t, lang } = useI18n();
  const discount = discountLabel(tier.discountBasisPoints, lang);
  const chip = `tier-perk${light ? ' tier-perk--light' : ''}`;
  return (
    <View className='tier-perks'>
      {discount ? <Text className={`${chip} tier-perk--discount`}>{discount}</Text> : null}
      <Text className={chip}>{t('tier.pointsRate', { n: tier.pointsPerYuan })}</Text>
      {tier.birthdayDoublePoints ? <Text className={chip}>{t('tier.birthdayDouble')}</Text> : null}
    </View>
  );
}
