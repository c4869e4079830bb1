import { App, AutoComplete, Form, Input, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { api, errorMessage } from '../../shell/api';
import { useT } from '../../shell/i18n';
import type { Store } from './hooks';
import { storesMessages } from './messages';
import { FormButtons, FormError } from '../../components/FormParts';

const STORE_ID = /^[A-Z0-9-]{2,20}$/;
const REGISTER_ID = /^[A-Z0-9-]{2,24}$/;

function useSubmit<V>(send: (v: V) => Promise<void>) {
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const submit = async (v: V) => {
    setSaving(true);
    setError(undefined);
    try {
      await send(v);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };
  return { error, saving, submit, clear: () => setError(undefined) };
}


/** Chain-scoped admins open stores (the button is not shown to anyone else). */
export function CreateStoreModal({ open, regions, onClose, onCreated }: { open: boolean; regions: string[]; onClose: () => void; onCreated: () => void }) {
  const t = useT(storesMessages);
  const { message } = App.useApp();
  const [form] = Form.useForm<{ storeId: string; name: string; region: string; address: string }>();
  const { error, saving, submit, clear } = useSubmit(async (v: { storeId: string; name: string; region: string; address: string }) => {
    const store = await api.call('createStore', { body: { storeId: v.storeId.trim(), name: v.name.trim(), region: v.region.trim(), address: v.address.trim() } });
    message.success(t('storeOpened', { storeId: store.storeId }));
    onCreated();
  });
  useEffect(() => {
    if (open) {
      clear();
      form.resetFields();
    }
  }, [open]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <Modal open={open} title={t('openStoreTitle')} footer={null} onCancel={onClose} destroyOnHidden>
      <FormError error={error} testId="store-form-error" />
      <Form form={form} layout="vertical" onFinish={submit} data-testid="store-create-form" autoComplete="off">
        <Form.Item name="storeId" label={t('storeId')} extra={t('storeIdRule')} rules={[{ required: true, message: t('required') }, { pattern: STORE_ID, message: t('storeIdRule') }]}>
          <Input data-testid="store-form-id" />
        </Form.Item>
        <Form.Item name="name" label={t('name')} rules={[{ required: true, whitespace: true, message: t('required') }, { max: 40 }]}>
          <Input data-testid="store-form-name" />
        </Form.Item>
        <Form.Item name="region" label={t('region')} rules={[{ required: true, whitespace: true, message: t('required') }, { max: 20 }]}>
          <AutoComplete options={regions.map((r) => ({ value: r }))} filterOption={(input, o) => String(o?.value ?? '').includes(input)} data-testid="store-form-region" />
        </Form.Item>
        <Form.Item name="address" label={t('address')} rules={[{ required: true, whitespace: true, message: t('required') }, { max: 120 }]}>
          <Input data-testid="store-form-address" />
        </Form.Item>
        <FormButtons saving={saving} onCancel={onClose} testId="store-form-submit" />
      </Form>
    </Modal>
  );
}

export function CreateRegisterModal({ store, onClose, onCreated }: { store: Store | null; onClose: () => void; onCreated: () => void }) {
  const t = useT(storesMessages);
  const { message } = App.useApp();
  const [form] = Form.useForm<{ registerId: string; name: string }>();
  const { error, saving, submit, clear } = useSubmit(async (v: { registerId: string; name: string }) => {
    if (!store) return;
    const register = await api.call('createRegister', { params: { storeId: store.storeId }, body: { registerId: v.registerId.trim(), name: v.name.trim() } });
    message.success(t('registerAdded', { registerId: register.registerId, scene: register.joinScene }));
    onCreated();
  });
  useEffect(() => {
    if (store) {
      clear();
      form.resetFields();
    }
  }, [store]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <Modal open={store !== null} title={store ? t('addRegisterTitle', { store: `${store.storeId} ${store.name}` }) : ''} footer={null} onCancel={onClose} destroyOnHidden>
      <FormError error={error} testId="register-form-error" />
      <Form form={form} layout="vertical" onFinish={submit} data-testid="register-create-form" autoComplete="off">
        <Form.Item name="registerId" label={t('registerId')} extra={t('registerIdRule')} rules={[{ required: true, message: t('required') }, { pattern: REGISTER_ID, message: t('registerIdRule') }]}>
          <Input data-testid="register-form-id" />
        </Form.Item>
        <Form.Item name="name" label={t('registerName')} rules={[{ required: true, whitespace: true, message: t('required') }, { max: 40 }]}>
          <Input data-testid="register-form-name" />
        </Form.Item>
        <FormButtons saving={saving} onCancel={onClose} testId="register-form-submit" />
      </Form>
    </Modal>
  );
}
