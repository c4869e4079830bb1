import { ProTable, type ProColumns } from '@ant-design/pro-components';
import { Alert, Button, Space, Table, Typography } from 'antd';
import { useMemo, useState, type Key } from 'react';
import { testId } from '../../components/useLoad';
import { useT } from '../../shell/i18n';
import { useSession } from '../../shell/session';
import { mayCall, useStoreList, type Register, type Store } from './hooks';
import { JoinCodeModal } from './JoinCode';
import { storesMessages } from './messages';
import { RegisterKeyButton } from './RegisterKey';
import { CreateRegisterModal, CreateStoreModal } from './StoreForms';

/** Admin (and ops): the stores in scope and their registers; open a store, add a register, its join QR and signing key. */
export default function StoresPage() {
  const t = useT(storesMessages);
  const staff = useSession()?.staff;
  const stores = useStoreList();
  const items = useMemo(() => stores.data?.items ?? [], [stores.data]);
  const [expanded, setExpanded] = useState<readonly Key[] | null>(null);
  const [opening, setOpening] = useState(false);
  const [addingTo, setAddingTo] = useState<Store | null>(null);
  const [joinCodeOf, setJoinCodeOf] = useState<{ storeId: string; registerId: string } | null>(null);

  const mayOpenStore = mayCall(staff?.role, 'createStore') && staff?.scope.level === 'chain';
  const mayAddRegister = mayCall(staff?.role, 'createRegister');
  const mayShowJoinCode = mayCall(staff?.role, 'registerJoinCode');
  const mayRevealKey = mayCall(staff?.role, 'registerApiKey');
  // A single store (a store-scoped account) opens with its registers showing.
  const expandedKeys = expanded ?? (items.length === 1 ? [items[0].storeId] : []);
  const regions = useMemo(() => [...new Set(items.map((s) => s.region))].sort(), [items]);

  const registerColumns = [
    { title: t('registerId'), dataIndex: 'registerId', key: 'registerId' },
    { title: t('registerName'), dataIndex: 'name', key: 'name' },
    { title: t('joinScene'), dataIndex: 'joinScene', key: 'joinScene', render: (s: string) => <Typography.Text code>{s}</Typography.Text> },
    {
      title: t('actions'),
      key: 'actions',
      render: (_: unknown, r: Register) => (
        <Space size="small">
          {mayShowJoinCode && (
            <Button size="small" onClick={() => setJoinCodeOf({ storeId: r.storeId, registerId: r.registerId })} data-testid={`register-join-code-${r.storeId}-${r.registerId}`}>
              {t('joinCode')}
            </Button>
          )}
          {mayRevealKey && <RegisterKeyButton storeId={r.storeId} registerId={r.registerId} />}
        </Space>
      ),
    },
  ];

  const columns: Array<ProColumns<Store>> = [
    { title: t('storeId'), dataIndex: 'storeId', width: 140 },
    { title: t('name'), dataIndex: 'name' },
    { title: t('region'), dataIndex: 'region', width: 120 },
    { title: t('address'), dataIndex: 'address', ellipsis: true },
    { title: t('registers'), key: 'registers', width: 90, align: 'right', render: (_, s) => s.registers.length },
    {
      title: t('actions'),
      key: 'actions',
      width: 140,
      render: (_, s) =>
        mayAddRegister ? (
          <Button size="small" onClick={() => setAddingTo(s)} data-testid={`store-add-register-${s.storeId}`}>
            {t('addRegister')}
          </Button>
        ) : null,
    },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="stores-page">
      {stores.error && <Alert type="error" showIcon message={stores.error} data-testid="stores-error" />}
      <div data-testid="stores-table">
        <ProTable<Store>
          rowKey="storeId"
          columns={columns}
          dataSource={items}
          loading={stores.loading}
          search={false}
          options={false}
          size="small"
          locale={{ emptyText: t('empty') }}
          pagination={{ defaultPageSize: 20, showSizeChanger: true }}
          onRow={(s) => testId(`store-row-${s.storeId}`)}
          expandable={{
            expandedRowKeys: expandedKeys,
            onExpandedRowsChange: (keys) => setExpanded(keys),
            expandIcon: ({ expanded: open, onExpand, record }) => (
              <Button
                type="text"
                size="small"
                aria-label={open ? t('collapse') : t('expand')}
                onClick={(e) => onExpand(record, e)}
                data-testid={`store-expand-${record.storeId}`}
                aria-expanded={open}
              >
                {open ? '−' : '+'}
              </Button>
            ),
            expandedRowRender: (s) => (
              <Table<Register>
                rowKey="registerId"
                size="small"
                pagination={false}
                columns={registerColumns}
                dataSource={s.registers}
                locale={{ emptyText: t('noRegisters') }}
                onRow={(r) => testId(`register-row-${r.storeId}-${r.registerId}`)}
                data-testid={`registers-${s.storeId}`}
              />
            ),
          }}
          toolBarRender={() =>
            mayOpenStore
              ? [
                  <Button key="open" type="primary" onClick={() => setOpening(true)} data-testid="store-create">
                    {t('openStore')}
                  </Button>,
                ]
              : []
          }
        />
      </div>
      {mayOpenStore && (
        <CreateStoreModal
          open={opening}
          regions={regions}
          onClose={() => setOpening(false)}
          onCreated={() => {
            setOpening(false);
            stores.reload();
          }}
        />
      )}
      <CreateRegisterModal
        store={addingTo}
        onClose={() => setAddingTo(null)}
        onCreated={() => {
          const storeId = addingTo?.storeId;
          setAddingTo(null);
          if (storeId) setExpanded((keys) => [...new Set([...(keys ?? expandedKeys), storeId])]);
          stores.reload();
        }}
      />
      <JoinCodeModal target={joinCodeOf} onClose={() => setJoinCodeOf(null)} />
    </Space>
  );
}
