import { ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import type { HTMLAttributes } from 'react';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ShanghaiTime } from '../../components/ShanghaiTime';
import { formatFen } from '../../forms/exact-number';
import { errorMessage } from '../../shell/api';
import { pick, useLang, useT } from '../../shell/i18n';
import { decideTierApproval, useTierApprovals, type TierApproval } from './hooks';
import { tierApprovalsMessages } from './messages';

const NOTE_MAX = 200;

/** Approve or reject, after a Popconfirm that takes an optional note. */
function Decision({ row, decision, tierName, onDecided, onError }: { row: TierApproval; decision: 'approve' | 'reject'; tierName: string; onDecided: () => void; onError: (message: string) => void }) {
  const t = useT(tierApprovalsMessages);
  const [note, setNote] = useState('');
  const [open, setOpen] = useState(false);
  const [sending, setSending] = useState(false);
  const tooLong = [...note.trim()].length > NOTE_MAX;
  const confirm = async () => {
    setSending(true);
    try {
      await decideTierApproval(row.memberId, decision, note);
      setOpen(false);
      setNote('');
      onDecided();
    } catch (err) {
      setOpen(false);
      onError(errorMessage(err));
    } finally {
      setSending(false);
    }
  };
  return (
    <Popconfirm
      open={open}
      onOpenChange={(o) => !sending && setOpen(o)}
      title={t(decision === 'approve' ? 'approveTitle' : 'rejectTitle', { memberId: row.memberId, tier: tierName })}
      description={
        <Space direction="vertical" style={{ width: 300 }}>
          <Typography.Text type="secondary">{t('noteLabel')}</Typography.Text>
          <Input.TextArea rows={2} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('notePlaceholder')} status={tooLong ? 'error' : undefined} data-testid="tier-decision-note" />
          {tooLong && <Typography.Text type="danger">{t('noteTooLong')}</Typography.Text>}
        </Space>
      }
      okText={t('confirm')}
      cancelText={t('cancel')}
      okButtonProps={{ loading: sending, disabled: tooLong, danger: decision === 'reject', 'data-testid': 'tier-decision-confirm' } as ButtonProps}
      cancelButtonProps={{ 'data-testid': 'tier-decision-cancel' } as ButtonProps}
      onConfirm={confirm}
    >
      <Button type={decision === 'approve' ? 'primary' : 'default'} danger={decision === 'reject'} data-testid={decision === 'approve' ? 'tier-approve' : 'tier-reject'}>
        {t(decision)}
      </Button>
    </Popconfirm>
  );
}

/** Members waiting for a tier that needs approval (diamond by default). */
export default function TierApprovals() {
  const t = useT(tierApprovalsMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const queue = useTierApprovals();
  const [error, setError] = useState<string | null>(null);
  const tierName = (code: TierApproval['tier']) => pick(queue.names[code], lang) || code;

  return (
    <Card
      title={t('title')}
      extra={
        <Button
          icon={<ReloadOutlined />}
          loading={queue.loading}
          onClick={() => {
            setError(null);
            void queue.reload();
          }}
          data-testid="tier-approvals-refresh"
        >
          {t('refresh')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('intro')}</Typography.Paragraph>
      {(queue.error || error) && <Alert type="error" showIcon closable onClose={() => setError(null)} message={error ?? queue.error} style={{ marginBottom: 16 }} data-testid="tier-approvals-error" />}
      <Table<TierApproval>
        rowKey="memberId"
        loading={queue.loading}
        dataSource={queue.items}
        pagination={queue.items.length > 50 ? { pageSize: 50 } : false}
        locale={{ emptyText: t('empty') }}
        onRow={(r) => ({ 'data-testid': 'tier-approval-row', 'data-member-id': r.memberId }) as HTMLAttributes<HTMLElement>}
        columns={[
          {
            key: 'member',
            title: t('member'),
            render: (_, r) => (
              <Link to={`/members/${r.memberId}`} data-testid="tier-approval-member-link" style={{ fontFamily: 'monospace' }}>
                {r.memberId}
              </Link>
            ),
          },
          { key: 'tier', title: t('tier'), render: (_, r) => <Tag color="purple">{tierName(r.tier)}</Tag> },
          { key: 'growth', title: t('growth'), align: 'right', render: (_, r) => <span data-testid="tier-approval-growth">¥{formatFen(r.growthFen)}</span>, sorter: (a, b) => a.growthFen - b.growthFen },
          { key: 'requestedAt', title: t('requestedAt'), render: (_, r) => <ShanghaiTime at={r.requestedAt} />, sorter: (a, b) => a.requestedAt.localeCompare(b.requestedAt), defaultSortOrder: 'ascend' },
          {
            key: 'actions',
            title: t('actions'),
            render: (_, r) => (
              <Space>
                {(['approve', 'reject'] as const).map((d) => (
                  <Decision
                    key={d}
                    row={r}
                    decision={d}
                    tierName={tierName(r.tier)}
                    onError={setError}
                    onDecided={() => {
                      setError(null);
                      queue.remove(r.memberId);
                      message.success?.(t(d === 'approve' ? 'approved' : 'rejected', { memberId: r.memberId, tier: tierName(r.tier) }));
                    }}
                  />
                ))}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
