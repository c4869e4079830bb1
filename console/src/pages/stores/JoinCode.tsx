import { Alert, Button, Descriptions, Modal, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { downloadText } from '../../components/download';
import { api, errorMessage } from '../../shell/api';
import { useT } from '../../shell/i18n';
import { joinQrContent, type JoinCode } from './hooks';
import { storesMessages } from './messages';

/** The register's scan-to-join code: a QR image of the H5 join link (or the scene), for printing at the till. */
export function JoinCodeModal({ target, onClose }: { target: { storeId: string; registerId: string } | null; onClose: () => void }) {
  const t = useT(storesMessages);
  const [code, setCode] = useState<JoinCode | null>(null);
  const [svg, setSvg] = useState<string | null>(null);
  const [error, setError] = useState<string>();

  useEffect(() => {
    setCode(null);
    setSvg(null);
    setError(undefined);
    if (!target) return;
    let live = true;
    (async () => {
      try {
        const c = await api.call('registerJoinCode', { params: target });
        if (!live) return;
        setCode(c);
        // qrcode loads only when a code is shown.
        const { default: QRCode } = await import('qrcode');
        const image = await QRCode.toString(joinQrContent(c).text, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
        if (live) setSvg(image);
      } catch (err) {
        if (live) setError(errorMessage(err));
      }
    })();
    return () => {
      live = false;
    };
  }, [target?.storeId, target?.registerId]); // eslint-disable-line react-hooks/exhaustive-deps

  const content = code ? joinQrContent(code) : null;
  return (
    <Modal
      open={target !== null}
      title={code ? t('joinCodeTitle', { store: code.store.name, registerId: code.registerId }) : t('joinCode')}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="dl" disabled={!svg || !code} onClick={() => svg && code && downloadText(`join-${code.store.storeId}-${code.registerId}.svg`, svg, 'image/svg+xml')} data-testid="join-code-download">
          {t('downloadQr')}
        </Button>,
        <Button key="close" type="primary" onClick={onClose} data-testid="join-code-close">
          {t('close')}
        </Button>,
      ]}
    >
      {error && <Alert type="error" showIcon message={error} data-testid="join-code-error" />}
      {!error && !code && <Spin />}
      {code && content && (
        <Space direction="vertical" style={{ width: '100%' }} data-testid="join-code">
          <div style={{ textAlign: 'center' }}>
            {svg ? <img src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`} alt={content.text} width={240} height={240} data-testid="join-code-qr" data-content={content.text} /> : <Spin />}
          </div>
          {!content.link && <Alert type="info" showIcon message={t('joinNoLink')} />}
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('scene')}>
              <Typography.Text copyable data-testid="join-code-scene">
                {code.scene}
              </Typography.Text>
            </Descriptions.Item>
            {content.link && (
              <Descriptions.Item label={t('joinLink')}>
                <Typography.Text copyable data-testid="join-code-link">
                  {content.link}
                </Typography.Text>
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('path')}>
              <Typography.Text type="secondary">{code.path}</Typography.Text>
            </Descriptions.Item>
          </Descriptions>
        </Space>
      )}
    </Modal>
  );
}
