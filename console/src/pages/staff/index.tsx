import { ProTable, type ProColumns } from '@ant-design/pro-components';
import { Alert, App, Button, Input, Popconfirm, Space, Tag } from 'antd';
import { useMemo, useState } from 'react';
import type { StaffScope } from '../../../../shared/roles';
import { staffRoleLabels } from '../../../../shared/staff-roles';
import { shanghaiTime } from '../../components/days';
import { testId } from '../../components/useLoad';
import { api, errorMessage } from '../../shell/api';
import { pick, useLang, useT, type Translate } from '../../shell/i18n';
import { useActorGrant, useStaffList, useStoreList, type StaffAccount } from './hooks';
import { staffMessages } from './messages';
import { CreateStaffModal, EditStaffModal, PasswordModal } from './StaffForms';

type T = Translate<keyof (typeof staffMessages)['zh']>;

export function scopeText(scope: StaffScope, t: T, storeName: (id: string) => string | undefined): string {
  if (scope.level === 'chain') return t('scope.chain');
  if (scope.level === 'region') return t('scope.region', { region: scope.region });
  const name = storeName(scope.storeId);
  return t('scope.store', { store: name ? `${scope.storeId} ${name}` : scope.storeId });
}

/** Admin: staff accounts within the admin's scope; create, edit, reset a password, force a sign-out. */
export default function StaffPage() {
  const t = useT(staffMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const actor = useActorGrant();
  const staff = useStaffList();
  const stores = useStoreList();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<StaffAccount | null>(null);
  const [resetting, setResetting] = useState<StaffAccount | null>(null);
  const [query, setQuery] = useState('');

  const storeItems = useMemo(() => stores.data?.items ?? [], [stores.data]);
  const names = useMemo(() => new Map(storeItems.map((s) => [s.storeId, s.name])), [storeItems]);
  const rows = useMemo(() => {
    const q = query.trim().toLowerCase();
    const items = staff.data?.items ?? [];
    return q ? items.filter((a) => a.username.includes(q) || a.displayName.toLowerCase().includes(q)) : items;
  }, [staff.data, query]);

  const signOut = async (a: StaffAccount) => {
    try {
      const r = await api.call('signOutStaff', { params: { username: a.username } });
      message.success(t('signOutDone', { username: r.username, time: shanghaiTime(r.sessionsEndedAt) }));
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  const columns: Array<ProColumns<StaffAccount>> = [
    { title: t('username'), dataIndex: 'username', sorter: (a, b) => a.username.localeCompare(b.username) },
    { title: t('displayName'), dataIndex: 'displayName' },
    { title: t('role'), dataIndex: 'role', render: (_, a) => <Tag color={a.role === 'admin' ? 'gold' : 'blue'}>{pick(staffRoleLabels[a.role], lang)}</Tag> },
    { title: t('scope'), key: 'scope', render: (_, a) => scopeText(a.scope, t, (id) => names.get(id)) },
    { title: t('reveal'), dataIndex: 'canRevealPhone', render: (_, a) => (a.canRevealPhone ? <Tag color="orange">{t('yes')}</Tag> : t('no')) },
    { title: t('status'), dataIndex: 'disabled', render: (_, a) => (a.disabled ? <Tag color="red">{t('disabled')}</Tag> : <Tag color="green">{t('active')}</Tag>) },
    { title: t('createdAt'), dataIndex: 'createdAt', render: (_, a) => shanghaiTime(a.createdAt) },
    {
      title: t('actions'),
      key: 'actions',
      render: (_, a) => (
        <Space size="small" wrap>
          <Button size="small" onClick={() => setEditing(a)} data-testid={`staff-edit-${a.username}`}>
            {t('edit')}
          </Button>
          <Button size="small" onClick={() => setResetting(a)} data-testid={`staff-password-${a.username}`}>
            {t('resetPassword')}
          </Button>
          <Popconfirm title={t('signOut')} description={t('signOutConfirm', { username: a.username })} okText={t('ok')} cancelText={t('cancel')} okButtonProps={testId('staff-signout-confirm')} onConfirm={() => signOut(a)}>
            <Button size="small" danger data-testid={`staff-signout-${a.username}`}>
              {t('signOut')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  const reload = () => staff.reload();

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="staff-page">
      {staff.error && <Alert type="error" showIcon message={staff.error} data-testid="staff-error" />}
      {stores.error && <Alert type="warning" showIcon message={stores.error} />}
      <div data-testid="staff-table">
        <ProTable<StaffAccount>
          rowKey="username"
          columns={columns}
          dataSource={rows}
          loading={staff.loading}
          search={false}
          options={false}
          size="small"
          locale={{ emptyText: t('empty') }}
          pagination={{ defaultPageSize: 20, showSizeChanger: true }}
          onRow={(a) => testId(`staff-row-${a.username}`)}
          headerTitle={<Input.Search allowClear placeholder={t('search')} onChange={(e) => setQuery(e.target.value)} style={{ width: 260 }} data-testid="staff-search" />}
          toolBarRender={() => [
            <Button key="create" type="primary" onClick={() => setCreating(true)} disabled={!actor} data-testid="staff-create">
              {t('create')}
            </Button>,
          ]}
        />
      </div>
      {actor && (
        <>
          <CreateStaffModal
            open={creating}
            actor={actor}
            stores={storeItems}
            onClose={() => setCreating(false)}
            onCreated={() => {
              setCreating(false);
              reload();
            }}
          />
          <EditStaffModal
            account={editing}
            actor={actor}
            stores={storeItems}
            onClose={() => setEditing(null)}
            onSaved={() => {
              setEditing(null);
              reload();
            }}
          />
        </>
      )}
      <PasswordModal account={resetting} onClose={() => setResetting(null)} />
    </Space>
  );
}
