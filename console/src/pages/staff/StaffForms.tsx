import { App, Form, Input, Modal, Radio, Select, Switch, Typography, type FormInstance } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { passwordProblems, passwordProblemText } from '../../../../shared/rules/password-policy';
import type { StaffGrant } from '../../../../shared/roles';
import { sameScope } from '../../../../shared/roles';
import { staffRoleLabels, type StaffRole } from '../../../../shared/staff-roles';
import { api, errorMessage } from '../../shell/api';
import { getLang, pick, useLang, useT } from '../../shell/i18n';
import { defaultScopeFields, fieldsFromScope, grantable, levelsForRole, scopeFromFields, type Grantable, type ScopeLevel } from './grants';
import type { StaffAccount, Store } from './hooks';
import { staffMessages } from './messages';
import { FormButtons, FormError } from '../../components/FormParts';

const USERNAME = /^[a-z0-9._-]{3,32}$/;

interface ScopeValues {
  role?: StaffRole;
  level?: ScopeLevel;
  region?: string;
  storeId?: string;
  canRevealPhone?: boolean;
}
interface CreateValues extends ScopeValues {
  username: string;
  displayName: string;
  password: string;
}
interface EditValues extends ScopeValues {
  displayName: string;
  disabled: boolean;
}

/** Refuses passwords the policy would refuse, saying why (the API checks the same and has the last word). */
function passwordRule(usernameOf: () => string) {
  return {
    validator: async (_: unknown, value: string | undefined) => {
      if (!value) return;
      const problems = passwordProblems(value, usernameOf());
      if (problems.length) throw new Error(problems.map((p) => pick(passwordProblemText[p], getLang())).join('；'));
    },
  };
}

/**
 * Role, scope and the reveal permission, offering only what the signed-in admin may grant. The test ids are on the
 * visible labels (antd hides the radio inputs themselves), so a click on them chooses.
 */
function GrantItems({ form, g }: { form: FormInstance; g: Grantable }) {
  const t = useT(staffMessages);
  const lang = useLang();
  const role = Form.useWatch('role', form) as StaffRole | undefined;
  const level = Form.useWatch('level', form) as ScopeLevel | undefined;
  const levels = levelsForRole(role, g.levels);
  // A role that narrows the scope (cashier: one store) moves a scope it no longer allows.
  // With one level left (a cashier: store), it is chosen.
  useEffect(() => {
    if (level && levels.includes(level)) return;
    const only = levels.length === 1 ? levels[0] : undefined;
    if (level === only) return;
    form.setFieldsValue({ level: only, ...(only === 'store' && g.stores.length === 1 ? { storeId: g.stores[0].storeId } : {}) });
  }, [role, level, levels.join()]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <>
      <Form.Item name="role" label={t('role')} rules={[{ required: true, message: t('required') }]}>
        <Radio.Group optionType="button" data-testid="staff-form-role">
          {g.roles.map((r) => (
            <Radio.Button key={r} value={r}>
              <span data-testid={`staff-form-role-${r}`}>{pick(staffRoleLabels[r], lang)}</span>
            </Radio.Button>
          ))}
        </Radio.Group>
      </Form.Item>
      <Form.Item name="level" label={t('scope')} rules={[{ required: true, message: t('scopeRequired') }]} extra={role === 'cashier' ? t('cashierStoreOnly') : undefined}>
        <Radio.Group optionType="button" data-testid="staff-form-scope-level">
          {levels.map((l) => (
            <Radio.Button key={l} value={l}>
              <span data-testid={`staff-form-scope-${l}`}>{t(`level.${l}`)}</span>
            </Radio.Button>
          ))}
        </Radio.Group>
      </Form.Item>
      {level === 'region' && (
        <Form.Item name="region" label={t('region')} rules={[{ required: true, message: t('required') }]}>
          <Select virtual={false} showSearch options={g.regions.map((r) => ({ value: r, label: r }))} data-testid="staff-form-region" />
        </Form.Item>
      )}
      {level === 'store' && (
        <Form.Item name="storeId" label={t('store')} rules={[{ required: true, message: t('required') }]}>
          <Select
            virtual={false}
            showSearch
            optionFilterProp="label"
            options={g.stores.map((s) => ({ value: s.storeId, label: `${s.storeId} ${s.name}` }))}
            data-testid="staff-form-store"
          />
        </Form.Item>
      )}
      <Form.Item
        name="canRevealPhone"
        label={t('reveal')}
        valuePropName="checked"
        extra={g.canRevealPhone ? t('revealHelp') : t('revealNotYours')}
      >
        <Switch disabled={!g.canRevealPhone} data-testid="staff-form-reveal" />
      </Form.Item>
    </>
  );
}



export function CreateStaffModal({ open, actor, stores, onClose, onCreated }: { open: boolean; actor: StaffGrant; stores: Store[]; onClose: () => void; onCreated: () => void }) {
  const t = useT(staffMessages);
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateValues>();
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const g = useMemo(() => grantable(actor, stores), [actor, stores]);

  useEffect(() => {
    if (open) {
      setError(undefined);
      form.resetFields();
      form.setFieldsValue({ canRevealPhone: false, ...defaultScopeFields(g) });
    }
  }, [open, g]); // eslint-disable-line react-hooks/exhaustive-deps

  const submit = async (v: CreateValues) => {
    const scope = scopeFromFields(v);
    if (!scope || !v.role) return;
    setSaving(true);
    setError(undefined);
    try {
      const created = await api.call('createStaff', {
        body: { username: v.username.trim(), displayName: v.displayName.trim(), password: v.password, role: v.role, scope, canRevealPhone: Boolean(v.canRevealPhone) },
      });
      message.success(t('created', { username: created.username }));
      onCreated();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open={open} title={t('createTitle')} footer={null} onCancel={onClose} destroyOnHidden width={640}>
      <Typography.Paragraph type="secondary">{t('grantNote')}</Typography.Paragraph>
      <FormError error={error} testId="staff-form-error" />
      <Form form={form} layout="vertical" onFinish={submit} data-testid="staff-create-form" autoComplete="off">
        <Form.Item name="username" label={t('username')} rules={[{ required: true, message: t('required') }, { pattern: USERNAME, message: t('usernameRule') }]} extra={t('usernameRule')}>
          <Input data-testid="staff-form-username" autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t('displayName')} rules={[{ required: true, whitespace: true, message: t('required') }, { max: 40 }]}>
          <Input data-testid="staff-form-display-name" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('password')}
          extra={t('passwordHint')}
          dependencies={['username']}
          rules={[{ required: true, message: t('required') }, passwordRule(() => form.getFieldValue('username') ?? '')]}
        >
          <Input.Password data-testid="staff-form-password" autoComplete="new-password" />
        </Form.Item>
        <GrantItems form={form} g={g} />
        <FormButtons saving={saving} onCancel={onClose} testId="staff-form-submit" />
      </Form>
    </Modal>
  );
}

export function EditStaffModal({ account, actor, stores, onClose, onSaved }: { account: StaffAccount | null; actor: StaffGrant; stores: Store[]; onClose: () => void; onSaved: () => void }) {
  const t = useT(staffMessages);
  const { message } = App.useApp();
  const [form] = Form.useForm<EditValues>();
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const g = useMemo(() => grantable(actor, stores, account ?? undefined), [actor, stores, account]);

  useEffect(() => {
    if (account) {
      setError(undefined);
      form.resetFields();
      form.setFieldsValue({ displayName: account.displayName, role: account.role, ...fieldsFromScope(account.scope), canRevealPhone: account.canRevealPhone, disabled: account.disabled });
    }
  }, [account]); // eslint-disable-line react-hooks/exhaustive-deps

  const submit = async (v: EditValues) => {
    if (!account) return;
    const scope = scopeFromFields(v);
    const body: { displayName?: string; role?: StaffRole; scope?: typeof account.scope; canRevealPhone?: boolean; disabled?: boolean } = {};
    if (v.displayName.trim() !== account.displayName) body.displayName = v.displayName.trim();
    if (v.role && v.role !== account.role) body.role = v.role;
    if (scope && !sameScope(scope, account.scope)) body.scope = scope;
    if (Boolean(v.canRevealPhone) !== account.canRevealPhone) body.canRevealPhone = Boolean(v.canRevealPhone);
    if (Boolean(v.disabled) !== account.disabled) body.disabled = Boolean(v.disabled);
    if (Object.keys(body).length === 0) {
      message.info(t('noChanges'));
      onClose();
      return;
    }
    setSaving(true);
    setError(undefined);
    try {
      await api.call('updateStaff', { params: { username: account.username }, body });
      message.success(t('updated', { username: account.username }));
      onSaved();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  // The account's own role stays selectable even when this admin could not grant it afresh, so opening the form
  // never silently changes it; the API judges whatever is sent.
  const shown: Grantable = account && !g.roles.includes(account.role) ? { ...g, roles: [...g.roles, account.role] } : g;

  return (
    <Modal open={account !== null} title={account ? t('editTitle', { username: account.username }) : ''} footer={null} onCancel={onClose} destroyOnHidden width={640}>
      <Typography.Paragraph type="secondary">{t('grantNote')}</Typography.Paragraph>
      <FormError error={error} testId="staff-form-error" />
      <Form form={form} layout="vertical" onFinish={submit} data-testid="staff-edit-form" autoComplete="off">
        <Form.Item name="displayName" label={t('displayName')} rules={[{ required: true, whitespace: true, message: t('required') }, { max: 40 }]}>
          <Input data-testid="staff-form-display-name" />
        </Form.Item>
        <GrantItems form={form} g={shown} />
        <Form.Item name="disabled" label={t('disabled')} valuePropName="checked" extra={t('disabledHelp')}>
          <Switch data-testid="staff-form-disabled" />
        </Form.Item>
        <FormButtons saving={saving} onCancel={onClose} testId="staff-form-submit" />
      </Form>
    </Modal>
  );
}

export function PasswordModal({ account, onClose }: { account: StaffAccount | null; onClose: () => void }) {
  const t = useT(staffMessages);
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string; confirm: string }>();
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (account) {
      setError(undefined);
      form.resetFields();
    }
  }, [account]); // eslint-disable-line react-hooks/exhaustive-deps

  const submit = async (v: { password: string }) => {
    if (!account) return;
    setSaving(true);
    setError(undefined);
    try {
      await api.call('updateStaff', { params: { username: account.username }, body: { password: v.password } });
      message.success(t('passwordReset', { username: account.username }));
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open={account !== null} title={account ? t('passwordTitle', { username: account.username }) : ''} footer={null} onCancel={onClose} destroyOnHidden>
      <FormError error={error} testId="staff-password-error" />
      <Form form={form} layout="vertical" onFinish={submit} data-testid="staff-password-form" autoComplete="off">
        <Form.Item name="password" label={t('password')} extra={t('passwordHint')} rules={[{ required: true, message: t('required') }, passwordRule(() => account?.username ?? '')]}>
          <Input.Password data-testid="staff-password-input" autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('passwordConfirm')}
          dependencies={['password']}
          rules={[
            { required: true, message: t('required') },
            ({ getFieldValue }) => ({
              validator: async (_, value: string | undefined) => {
                if (value && value !== getFieldValue('password')) throw new Error(t('passwordMismatch'));
              },
            }),
          ]}
        >
          <Input.Password data-testid="staff-password-confirm" autoComplete="new-password" />
        </Form.Item>
        <FormButtons saving={saving} onCancel={onClose} testId="staff-password-submit" />
      </Form>
    </Modal>
  );
}
