import { Text, View } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { useI18n } from '../../../i18n';
import { usePageTitle } from '../../../services/page-title';
import { formatPoints, formatYuan } from '../../../utils/format';
import { shanghaiDateTime } from '../../../utils/time';
import { StaffFooter, StaffForbidden, StaffHeader } from '../common';
import { useLiability } from './useLiability';
import '../staff.scss';
import './index.scss';

export default function LiabilityPage() {
  const { t } = useI18n();
  usePageTitle('liability.title');
  const l = useLiability();
  const r = l.report;

  return (
    <View id='liability-page' className='page staff-page liability-page'>
      <StaffHeader>
        <Text className='staff-page__title'>{t('liability.title')}</Text>
        <Text id='liability-as-of' className='staff-page__sub'>{r ? t('liability.asOf', { time: shanghaiDateTime(r.asOf) }) : t('liability.sub')}</Text>
      </StaffHeader>
      <View className='page__body staff-page__body'>
        {l.guard.state === 'forbidden' ? (
          <StaffForbidden id='liability-forbidden' tool='staff.tool.liability' profile={l.guard.profile} />
        ) : (
          <>
            {r ? (
              <>
                <View className='panel liability-total'>
                  <Text className='liability-total__k'>{t('liability.total')}</Text>
                  <Text id='liability-total' className='liability-total__v' data-fen={r.availableValueFen + r.pendingValueFen}>
                    ¥{formatYuan(r.availableValueFen + r.pendingValueFen)}
                  </Text>
                  <Text className='liability-total__hint'>{t('liability.valueHint')}</Text>
                </View>

                <View className='panel'>
                  <View id='liability-available' className='liability-item' data-points={r.availablePoints} data-fen={r.availableValueFen}>
                    <View className='liability-item__row'>
                      <Text className='liability-item__k'>{t('liability.available')}</Text>
                      <Text className='liability-item__points'>{t('liability.points', { n: formatPoints(r.availablePoints) })}</Text>
                    </View>
                    <View className='liability-item__row'>
                      <Text className='liability-item__hint'>{t('liability.availableHint')}</Text>
                      <Text className='liability-item__value'>{t('liability.value', { yuan: formatYuan(r.availableValueFen) })}</Text>
                    </View>
                  </View>
                  <View id='liability-pending' className='liability-item' data-points={r.pendingPoints} data-fen={r.pendingValueFen}>
                    <View className='liability-item__row'>
                      <Text className='liability-item__k'>{t('liability.pending')}</Text>
                      <Text className='liability-item__points'>{t('liability.points', { n: formatPoints(r.pendingPoints) })}</Text>
                    </View>
                    <View className='liability-item__row'>
                      <Text className='liability-item__hint'>{t('liability.pendingHint')}</Text>
                      <Text className='liability-item__value'>{t('liability.value', { yuan: formatYuan(r.pendingValueFen) })}</Text>
                    </View>
                  </View>
                  <View id='liability-debt' className='liability-item' data-points={r.debtPoints}>
                    <View className='liability-item__row'>
                      <Text className='liability-item__k'>{t('liability.debt')}</Text>
                      <Text className={`liability-item__points${r.debtPoints > 0 ? ' liability-item__points--debt' : ''}`}>
                        {t('liability.points', { n: formatPoints(r.debtPoints) })}
                      </Text>
                    </View>
                    <View className='liability-item__row'>
                      <Text className='liability-item__hint'>{t('liability.debtHint')}</Text>
                    </View>
                  </View>
                  {r.expiringNext30Days !== null ? (
                    <View id='liability-expiring' className='kv'>
                      <Text className='kv__k'>{t('liability.expiring30')}</Text>
                      <Text className='kv__v'>{t('liability.points', { n: formatPoints(r.expiringNext30Days) })}</Text>
                    </View>
                  ) : null}
                </View>
              </>
            ) : l.loading ? (
              <View className='panel staff-loading'>{t('common.loading')}</View>
            ) : null}
            {l.error ? (
              <View id='liability-error' className='error-text'>
                {l.error}
              </View>
            ) : null}
            <Button id='liability-refresh' className='primary-button' size='large' block loading={l.loading} onClick={() => l.reload()}>
              {t('liability.refresh')}
            </Button>
          </>
        )}
        <StaffFooter />
      </View>
    </View>
  );
}
