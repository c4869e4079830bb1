import { ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Modal, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ShanghaiTime } from '../../components/ShanghaiTime';
import { errorMessage } from '../../shell/api';
import { useT } from '../../shell/i18n';
import { rejectMerge, useMergeQueue, type MergeRequest } from './hooks';
import { mergesMessages } from './messages';

const NOTE = { min: 2, max: 200 };

function RejectDialog({ request, onClose, onRejected }: { request: MergeRequest | null; onClose: () => void; onRejected: (updated: MergeRequest) => void }) {
  const t = useT(mergesMessages);
  const [form] = Form.useForm<{ note: string }>();
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    if (sending) return;
    form.resetFields();
    setError(null);
    onClose();
  };
  const send = async ({ note }: { note: string }) => {
    if (!request) return;
    setSending(true);
    setError(null);
    try {
      const updated = await rejectMerge(request.mergeId, note.trim());
      form.resetFields();
      onRejected(updated);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSending(false);
    }
  };
  return (
    <Modal
      open={request !== null}
      title={request ? t('rejectTitle', { wechat: request.wechatMemberId, phone: request.phoneMemberId }) : ''}
      onCancel={close}
      maskClosable={false}
      footer={[
        <Button key="cancel" onClick={close} disabled={sending} data-testid="merge-reject-cancel">
          {t('cancel')}
        </Button>,
        <Button key="ok" type="primary" danger loading={sending} onClick={() => form.submit()} data-testid="merge-reject-confirm">
          {t('rejectConfirm')}
        </Button>,
      ]}
    >
      <Typography.Paragraph type="secondary">{t('rejectIntro')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={send}>
        <Form.Item
          name="note"
          label={t('note')}
          extra={t('noteHelp')}
          required
          rules={[
            {
              validator: async (_, v: string | undefined) => {
                const len = [...(v ?? '').trim()].length;
                if (len < NOTE.min || len > NOTE.max) throw new Error(t('noteLength'));
              },
            },
          ]}
        >
          <Input.TextArea rows={3} showCount data-testid="merge-reject-note" />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon message={error} data-testid="merge-reject-error" />}
    </Modal>
  );
}

/** The merge queue: WeChat member ↔ phone member pairs; customer service may reject one (accepting comes later). */
export default function MergeQueue() {
  const t = useT(mergesMessages);
  const { message } = App.useApp();
  const queue = useMergeQueue();
  const [rejecting, setRejecting] = useState<MergeRequest | null>(null);

  const memberLink = (memberId: string, testid: string) => (
    <Link to={`/members/${memberId}`} data-testid={testid} style={{ fontFamily: 'monospace' }}>
      {memberId}
    </Link>
  );

  return (
    <Card
      title={t('title')}
      extra={
        <Button icon={<ReloadOutlined />} onClick={() => void queue.reload()} loading={queue.loading} data-testid="merges-refresh">
          {t('refresh')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('intro')}</Typography.Paragraph>
      {queue.error && <Alert type="error" showIcon message={queue.error} style={{ marginBottom: 16 }} data-testid="merges-error" />}
      <Table<MergeRequest>
        rowKey="mergeId"
        loading={queue.loading}
        dataSource={queue.items}
        pagination={queue.items.length > 50 ? { pageSize: 50 } : false}
        locale={{ emptyText: t('empty') }}
        onRow={(r) => ({ 'data-testid': 'merge-row', 'data-merge-id': r.mergeId }) as HTMLAttributes<HTMLElement>}
        columns={[
          { key: 'wechat', title: t('wechatMember'), render: (_, r) => memberLink(r.wechatMemberId, 'merge-wechat-link') },
          { key: 'phone', title: t('phoneMember'), render: (_, r) => memberLink(r.phoneMemberId, 'merge-phone-link') },
          { key: 'createdAt', title: t('createdAt'), render: (_, r) => <ShanghaiTime at={r.createdAt} />, sorter: (a, b) => a.createdAt.localeCompare(b.createdAt), defaultSortOrder: 'ascend' },
          { key: 'status', title: t('status'), render: (_, r) => <Tag color={r.status === 'open' ? 'blue' : 'default'}>{t(`status.${r.status}`)}</Tag> },
          {
            key: 'actions',
            title: t('actions'),
            render: (_, r) => (
              <Space>
                <Tooltip title={t('acceptLater')}>
                  {/* A disabled button takes no hover: the span carries the tooltip. */}
                  <span data-testid="merge-accept-wrapper">
                    <Button disabled data-testid="merge-accept">
                      {t('accept')}
                    </Button>
                  </span>
                </Tooltip>
                <Button danger disabled={r.status !== 'open'} onClick={() => setRejecting(r)} data-testid="merge-reject">
                  {t('reject')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <RejectDialog
        request={rejecting}
        onClose={() => setRejecting(null)}
        onRejected={(updated) => {
          setRejecting(null);
          queue.replace(updated);
          message.success?.(t('rejected', { mergeId: updated.mergeId }));
        }}
      />
    </Card>
  );
}
