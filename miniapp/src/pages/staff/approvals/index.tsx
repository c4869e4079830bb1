import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { PageToast, showToast } from '../../../components/Toast';
import { useI18n } from '../../../i18n';
import { usePageTitle } from '../../../services/page-title';
import { formatYuan } from '../../../utils/format';
import { shanghaiDateTime } from '../../../utils/time';
import { StaffFooter, StaffForbidden, StaffHeader } from '../common';
import { useApprovals, type Approval, type Decision } from './useApprovals';
import '../staff.scss';
import './index.scss';

const TOAST = 'toast-approvals';

export default function ApprovalsPage() {
  const { t, pick } = useI18n();
  usePageTitle('approvals.title');
  const q = useApprovals();

  const tierLabel = (a: Approval) => pick(q.tierName(a.tier)) || a.tier;

  async function confirmAndDecide(a: Approval, decision: Decision) {
    if (q.busy) return;
    const vars = { member: a.memberId, tier: tierLabel(a) };
    const approve = decision === 'approve';
    const answer = await Taro.showModal({
      title: t(approve ? 'approvals.confirmApproveTitle' : 'approvals.confirmRejectTitle'),
      content: t(approve ? 'approvals.confirmApprove' : 'approvals.confirmReject', vars),
      confirmText: t(approve ? 'approvals.modalApprove' : 'approvals.modalReject'),
      cancelText: t('approvals.modalCancel'),
      confirmColor: approve ? '#a8742a' : '#b3261e',
    }).catch(() => ({ confirm: false }));
    if (!answer.confirm) return;
    const outcome = await q.decide(a.memberId, decision);
    if (outcome === 'done') showToast(TOAST, t(approve ? 'approvals.approved' : 'approvals.rejected', vars), 'success');
    else if (outcome === 'alreadyDecided') showToast(TOAST, t('approvals.alreadyDecided'), 'warn');
  }

  return (
    <View id='approvals-page' className='page staff-page approvals-page'>
      <StaffHeader>
        <Text className='staff-page__title'>{t('approvals.title')}</Text>
        <Text id='approvals-count' className='staff-page__sub'>{q.loaded ? t('approvals.count', { n: q.items.length }) : t('approvals.sub')}</Text>
      </StaffHeader>
      <View className='page__body staff-page__body'>
        {q.guard.state === 'forbidden' ? (
          <StaffForbidden id='approvals-forbidden' tool='staff.tool.approvals' profile={q.guard.profile} />
        ) : (
          <>
            {q.items.map((a) => (
              <View key={a.memberId} className='panel approval-row' data-member-id={a.memberId} data-tier={a.tier}>
                <View className='approval-row__head'>
                  <Text className='member-no'>{a.memberId}</Text>
                  <Text className={`tier-chip tier-chip--${a.tier}`}>{tierLabel(a)}</Text>
                </View>
                <View className='kv'>
                  <Text className='kv__k'>{t('approvals.growth')}</Text>
                  <Text className='kv__v approval-row__growth' data-fen={a.growthFen}>
                    ¥{formatYuan(a.growthFen)}
                  </Text>
                </View>
                <View className='kv'>
                  <Text className='kv__k'>{t('approvals.requestedAt')}</Text>
                  <Text className='kv__v approval-row__at'>{shanghaiDateTime(a.requestedAt)}</Text>
                </View>
                <View className='approval-row__actions'>
                  <Button
                    id={`reject-${a.memberId}`}
                    className='approval-row__reject'
                    size='large'
                    fill='outline'
                    disabled={Boolean(q.busy)}
                    onClick={() => confirmAndDecide(a, 'reject')}
                  >
                    {t('approvals.reject')}
                  </Button>
                  <Button
                    id={`approve-${a.memberId}`}
                    className='approval-row__approve'
                    type='primary'
                    size='large'
                    loading={q.busy === a.memberId}
                    disabled={Boolean(q.busy) && q.busy !== a.memberId}
                    onClick={() => confirmAndDecide(a, 'approve')}
                  >
                    {t('approvals.approve')}
                  </Button>
                </View>
              </View>
            ))}

            {q.loaded && q.items.length === 0 ? (
              <View id='approvals-empty' className='panel staff-empty'>
                <Text className='staff-empty__icon'>✓</Text>
                <Text className='staff-empty__text'>{t('approvals.empty')}</Text>
              </View>
            ) : null}
            {!q.loaded && q.loading ? <View className='staff-loading'>{t('common.loading')}</View> : null}
            {q.error ? (
              <View id='approvals-error' className='error-text'>
                {q.error}
              </View>
            ) : null}
          </>
        )}
        <StaffFooter />
      </View>
      <PageToast id={TOAST} />
    </View>
  );
}
