import { useEffect } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { Field } from '../../../components/Field';
import { useI18n } from '../../../i18n';
import { usePageTitle } from '../../../services/page-title';
import { formatPoints } from '../../../utils/format';
import { signedPoints } from '../../../utils/points';
import { StaffFooter, StaffForbidden, StaffHeader } from '../common';
import { useMemberPoints } from './useMemberPoints';
import '../staff.scss';
import './index.scss';

export default function MemberPointsPage() {
  const { t, pick } = useI18n();
  const m = useMemberPoints();
  const service = m.compensationOnly;
  usePageTitle(service ? 'mp.titleCompensate' : 'mp.titleAdjust');
  const member = m.member;

  // The answer lands under the button, often below the fold: bring it into view.
  useEffect(() => {
    if (!m.result) return;
    Taro.nextTick(() => {
      Taro.pageScrollTo({ selector: '#mp-result', offsetTop: -120, duration: 200 }).catch(() => undefined);
    });
  }, [m.result]);

  return (
    <View id='mp-page' className='page staff-page mp-page'>
      <StaffHeader>
        <Text className='staff-page__title'>{t(service ? 'mp.titleCompensate' : 'mp.titleAdjust')}</Text>
        <Text className='staff-page__sub'>{m.guard.profile?.displayName ?? ''}</Text>
      </StaffHeader>
      <View className='page__body staff-page__body'>
        {m.guard.state === 'forbidden' ? (
          <StaffForbidden id='mp-forbidden' tool='staff.tool.memberPoints' profile={m.guard.profile} />
        ) : (
          <>
            <View className='panel'>
              <Text className='panel__title'>{t('mp.lookupSection')}</Text>
              <Field
                id='mp-member-input'
                label={t('mp.memberNo')}
                type='number'
                maxLength={11}
                value={m.memberInput}
                onChange={m.setMemberInput}
                placeholder={t('mp.memberNoPlaceholder')}
                onConfirm={() => m.lookup()}
              />
              <Button id='mp-lookup' className='primary-button' type='primary' size='large' block loading={m.lookingUp} onClick={() => m.lookup()}>
                {t('mp.lookup')}
              </Button>
              {m.lookupError ? (
                <View id='mp-lookup-error' className='error-text'>
                  {m.lookupError}
                </View>
              ) : null}

              {member ? (
                <View id='mp-member' className='mp-member' data-member-id={member.memberId}>
                  <View className='mp-member__head'>
                    <Text id='mp-member-no' className='member-no'>
                      {member.memberId}
                    </Text>
                    <Text id='mp-member-tier' className={`tier-chip tier-chip--${member.tier.code}`}>
                      {pick(member.tier.name)}
                    </Text>
                  </View>
                  <View className='kv'>
                    <Text className='kv__k'>{t('mp.phone')}</Text>
                    <Text id='mp-member-phone' className='kv__v'>
                      {member.phoneMasked ?? '—'}
                    </Text>
                  </View>
                  <View className='kv'>
                    <Text className='kv__k'>{t('mp.available')}</Text>
                    <Text id='mp-member-available' className='kv__v' data-points={member.points.available}>
                      {formatPoints(member.points.available)}
                    </Text>
                  </View>
                  <View className='kv'>
                    <Text className='kv__k'>{t('mp.pending')}</Text>
                    <Text id='mp-member-pending' className='kv__v' data-points={member.points.pending}>
                      {formatPoints(member.points.pending)}
                    </Text>
                  </View>
                </View>
              ) : null}
            </View>

            {member ? (
              <View id='mp-form' className='panel mp-form'>
                <Text className='panel__title'>{t(service ? 'mp.formCompensate' : 'mp.formAdjust')}</Text>
                <Text id='mp-rule' className='panel__hint' data-cap={service ? m.cap : undefined}>
                  {service ? t('mp.capHint', { cap: formatPoints(m.cap) }) : t('mp.opsHint')}
                </Text>
                <Field
                  id='mp-points-input'
                  label={t('mp.points')}
                  type={service ? 'number' : 'text'}
                  maxLength={9}
                  value={m.points}
                  onChange={m.setPoints}
                  placeholder={service ? t('mp.pointsPlaceholderService', { cap: m.cap }) : t('mp.pointsPlaceholderOps')}
                />
                {service ? (
                  <Field id='mp-case-input' label={t('mp.caseRef')} maxLength={60} value={m.caseRef} onChange={m.setCaseRef} placeholder={t('mp.caseRefPlaceholder')} />
                ) : null}
                <Field
                  id='mp-reason-input'
                  label={t('mp.reason')}
                  maxLength={200}
                  value={m.reason}
                  onChange={m.setReason}
                  placeholder={t('mp.reasonPlaceholder')}
                  onConfirm={() => m.submit()}
                />
                <Text id='mp-key' className='mp-form__key' userSelect>
                  {t('mp.key', { key: m.idempotencyKey })}
                </Text>
                <Button id='mp-submit' className='primary-button' type='primary' size='large' block loading={m.submitting} onClick={() => m.submit()}>
                  {t(service ? 'mp.submitCompensate' : 'mp.submitAdjust')}
                </Button>
                {m.error ? (
                  <View id='mp-error' className='error-text'>
                    {m.error}
                  </View>
                ) : null}
                {m.result ? (
                  <View
                    id='mp-result'
                    className='mp-result'
                    data-points={m.result.points}
                    data-balance={m.result.balance}
                    data-debt={m.result.debt}
                  >
                    <Text className='mp-result__title'>✓ {t('mp.resultTitle')}</Text>
                    <View className='kv'>
                      <Text className='kv__k'>{t('mp.resultPoints')}</Text>
                      <Text className={`kv__v ${m.result.points < 0 ? 'mp-result__minus' : 'mp-result__plus'}`}>{signedPoints(m.result.points)}</Text>
                    </View>
                    <View className='kv'>
                      <Text className='kv__k'>{t('mp.resultBalance')}</Text>
                      <Text id='mp-result-balance' className='kv__v'>
                        {formatPoints(m.result.balance)}
                      </Text>
                    </View>
                    <View className='kv'>
                      <Text className='kv__k'>{t('mp.resultDebt')}</Text>
                      <Text id='mp-result-debt' className={`kv__v${m.result.debt > 0 ? ' mp-result__minus' : ''}`}>
                        {formatPoints(m.result.debt)}
                      </Text>
                    </View>
                  </View>
                ) : null}
              </View>
            ) : null}
          </>
        )}
        <StaffFooter />
      </View>
    </View>
  );
}
