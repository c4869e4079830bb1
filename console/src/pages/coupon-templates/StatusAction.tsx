import { Alert, App, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../shell/api';
import { pick, useLang, useT } from '../../shell/i18n';
import { changeStatus, type StatusAction } from './hooks';
import { couponTemplatesMessages } from './messages';
import type { CouponTemplateView } from './model';

/**
 * Activate, pause, resume or end a template, after a dialog that says what it does. Ending is final and revokes
 * nothing: coupons already given stay usable to their last day (revoking one is a separate, audited act on the
 * member's page); a reason is required to end, optional otherwise, and kept in the audit log.
 */
export function StatusActionButton({ template, action, disabled, onDone, size = 'small' }: { template: CouponTemplateView; action: StatusAction; disabled?: boolean; onDone: (t: CouponTemplateView) => void; size?: 'small' | 'middle' }) {
  const t = useT(couponTemplatesMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const needsReason = action === 'end';
  const trimmed = reason.trim();
  const invalid = (needsReason && trimmed.length === 0) || trimmed.length > 200;

  const send = async () => {
    setSending(true);
    setError(null);
    try {
      const after = await changeStatus(template.templateId, action, reason);
      message.success?.(t(`action.${action}.done`, { id: template.templateId }));
      setOpen(false);
      setReason('');
      onDone(after);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSending(false);
    }
  };

  return (
    <>
      <Button
        size={size}
        danger={action === 'end'}
        type={action === 'activate' || action === 'resume' ? 'primary' : 'default'}
        disabled={disabled}
        onClick={(e) => {
          e.stopPropagation();
          setError(null);
          setOpen(true);
        }}
        data-testid={`template-${action}`}
      >
        {t(`action.${action}`)}
      </Button>
      <Modal
        open={open}
        title={t(`action.${action}.title`, { name: pick(template.name, lang), id: template.templateId })}
        maskClosable={false}
        closable={!sending}
        onCancel={() => !sending && setOpen(false)}
        destroyOnHidden
        footer={[
          <Button key="cancel" disabled={sending} onClick={() => setOpen(false)} data-testid="template-action-cancel">
            {t('cancel')}
          </Button>,
          <Button key="ok" type="primary" danger={action === 'end'} loading={sending} disabled={invalid} onClick={() => void send()} data-testid="template-action-confirm">
            {t(`action.${action}`)}
          </Button>,
        ]}
      >
        <Space direction="vertical" style={{ width: '100%' }} data-testid="template-action-modal">
          <Typography.Paragraph>{t(`action.${action}.explain`)}</Typography.Paragraph>
          {action === 'end' && <Alert type="warning" showIcon message={t('action.end.keeps')} data-testid="template-end-keeps" />}
          <Form layout="vertical">
            <Form.Item label={t(needsReason ? 'action.reason' : 'action.reasonOptional')} required={needsReason} validateStatus={trimmed.length > 200 ? 'error' : undefined} help={trimmed.length > 200 ? t('tooLong', { max: 200 }) : undefined}>
              <Input.TextArea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="template-action-reason" />
            </Form.Item>
          </Form>
          {error && <Alert type="error" showIcon message={error} data-testid="template-action-error" />}
        </Space>
      </Modal>
    </>
  );
}
