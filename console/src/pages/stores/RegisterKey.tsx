import { Alert, App, Button, Modal, Popconfirm, Space, Typography } from 'antd';
import { useState } from 'react';
import { testId } from '../../components/useLoad';
import { api, errorMessage } from '../../shell/api';
import { useT } from '../../shell/i18n';
import { storesMessages } from './messages';

async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through: not a secure context, or permission refused
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
  }
}

/**
 * A register's signing key: after a confirmation that says it is shown once and audit-logged, the key appears in a
 * modal with a copy button. The key lives only in this component's state while the modal is open; closing the
 * modal drops it (and the modal's DOM), and nothing else keeps it.
 */
export function RegisterKeyButton({ storeId, registerId }: { storeId: string; registerId: string }) {
  const t = useT(storesMessages);
  const { message } = App.useApp();
  const [revealed, setRevealed] = useState<{ key: string; signing: string } | null>(null);
  const [loading, setLoading] = useState(false);

  const reveal = async () => {
    setLoading(true);
    try {
      const r = await api.call('registerApiKey', { params: { storeId, registerId } });
      setRevealed({ key: r.key, signing: r.signing });
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setLoading(false);
    }
  };
  const close = () => setRevealed(null);
  const copy = async () => {
    if (!revealed) return;
    if (await copyText(revealed.key)) message.success(t('copied'));
    else message.warning(t('copyFailed'));
  };

  return (
    <>
      <Popconfirm
        title={t('keyConfirmTitle')}
        description={<div style={{ maxWidth: 320 }}>{t('keyConfirm')}</div>}
        okText={t('show')}
        cancelText={t('cancel')}
        okButtonProps={testId('register-key-confirm')}
        onConfirm={reveal}
      >
        <Button size="small" loading={loading} data-testid={`register-key-${storeId}-${registerId}`}>
          {t('key')}
        </Button>
      </Popconfirm>
      <Modal
        open={revealed !== null}
        title={t('keyTitle', { storeId, registerId })}
        onCancel={close}
        maskClosable={false}
        destroyOnHidden
        footer={
          <Button type="primary" onClick={close} data-testid="register-key-close">
            {t('close')}
          </Button>
        }
      >
        {revealed && (
          <Space direction="vertical" style={{ width: '100%' }} data-testid="register-key-modal">
            <Alert type="warning" showIcon message={t('keyOnce')} />
            <Space.Compact style={{ width: '100%' }}>
              <Typography.Text code style={{ wordBreak: 'break-all', flex: 1, padding: 8 }} data-testid="register-key-value">
                {revealed.key}
              </Typography.Text>
              <Button onClick={copy} data-testid="register-key-copy">
                {t('copy')}
              </Button>
            </Space.Compact>
            <Typography.Text type="secondary">
              {t('keySigning')}: {revealed.signing}
            </Typography.Text>
          </Space>
        )}
      </Modal>
    </>
  );
}
