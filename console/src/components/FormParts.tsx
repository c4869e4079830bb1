import { Alert, Button, Space } from 'antd';
import { useT, type Messages } from '../shell/i18n';

const messages: Messages<'save' | 'cancel'> = { zh: { save: '保存', cancel: '取消' }, en: { save: 'Save', cancel: 'Cancel' } };

/** The server's refusal above a form's fields, as it said it (already in the user's language). */
export function FormError({ error, testId }: { error?: string; testId: string }) {
  return error ? <Alert type="error" showIcon message={error} data-testid={testId} style={{ marginBottom: 16 }} /> : null;
}

/** A modal form's cancel and save buttons, right-aligned; save submits the form. */
export function FormButtons({ saving, onCancel, testId }: { saving: boolean; onCancel: () => void; testId: string }) {
  const t = useT(messages);
  return (
    <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
      <Button onClick={onCancel}>{t('cancel')}</Button>
      <Button type="primary" htmlType="submit" loading={saving} data-testid={testId}>
        {t('save')}
      </Button>
    </Space>
  );
}
