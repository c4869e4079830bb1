import { ProTable, type ProColumns } from '@ant-design/pro-components';
import { StoreSelect } from '../../components/StoreSelect';
import { Alert, Button, DatePicker, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { downloadCsv } from '../../components/csv';
import { shanghaiToday } from '../../components/days';
import { testId } from '../../components/useLoad';
import { formatFen } from '../../forms/exact-number';
import { useT } from '../../shell/i18n';
import { useRegisterDay, useStores } from './hooks';
import { registerDayMessages } from './messages';
import { registerDayCsv, registerDayFileName, totalsOf, type RegisterDayRow } from './report';

const n = (v: number) => v.toLocaleString('en-US');

/** Each register's business day: sales, members identified, joins, points; a totals row; CSV for Excel. */
export default function RegisterDayPage() {
  const t = useT(registerDayMessages);
  const [day, setDay] = useState(() => shanghaiToday());
  const [storeId, setStoreId] = useState<string | undefined>();
  const report = useRegisterDay(day, storeId);
  const stores = useStores();

  const storeNames = useMemo(() => new Map((stores.data?.items ?? []).map((s) => [s.storeId, s.name])), [stores.data]);
  const registerNames = useMemo(() => new Map((stores.data?.items ?? []).flatMap((s) => s.registers.map((r) => [`${r.storeId}/${r.registerId}`, r.name] as const))), [stores.data]);
  const names = { store: (id: string) => storeNames.get(id) ?? '', register: (s: string, r: string) => registerNames.get(`${s}/${r}`) ?? '' };
  const rows = useMemo(() => [...(report.data?.rows ?? [])].sort((a, b) => a.storeId.localeCompare(b.storeId) || a.registerId.localeCompare(b.registerId)), [report.data]);
  const totals = totalsOf(rows);

  const columns: Array<ProColumns<RegisterDayRow>> = [
    { title: t('store'), key: 'store', render: (_, r) => `${r.storeId} ${names.store(r.storeId)}`.trim() },
    { title: t('registerId'), key: 'register', render: (_, r) => `${r.registerId} ${names.register(r.storeId, r.registerId)}`.trim() },
    { title: t('salesPosted'), dataIndex: 'salesPosted', align: 'right', render: (_, r) => n(r.salesPosted) },
    { title: t('salesNet'), dataIndex: 'salesNetFen', align: 'right', render: (_, r) => <span data-testid={`register-day-net-${r.storeId}-${r.registerId}`}>{formatFen(r.salesNetFen)}</span> },
    { title: t('membersIdentified'), dataIndex: 'membersIdentified', align: 'right', render: (_, r) => n(r.membersIdentified) },
    { title: t('joins'), dataIndex: 'joins', align: 'right', render: (_, r) => n(r.joins) },
    { title: t('pointsIssued'), dataIndex: 'pointsIssued', align: 'right', render: (_, r) => n(r.pointsIssued) },
    { title: t('pointsRedeemed'), dataIndex: 'pointsRedeemed', align: 'right', render: (_, r) => n(r.pointsRedeemed) },
    { title: t('returns'), dataIndex: 'returns', align: 'right', render: (_, r) => n(r.returns) },
  ];

  const exportCsv = () => {
    if (!report.data) return;
    downloadCsv(registerDayFileName(t('file'), report.data.day, storeId), registerDayCsv(rows, names, t));
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="register-day-page">
      <Space wrap>
        <DatePicker
          allowClear={false}
          format="YYYY-MM-DD"
          value={dayjs(day, 'YYYY-MM-DD')}
          disabledDate={(d) => d.format('YYYY-MM-DD') > shanghaiToday()}
          onChange={(d) => d && setDay(d.format('YYYY-MM-DD'))}
          data-testid="register-day-date"
        />
        <StoreSelect stores={stores.data?.items} value={storeId} onChange={setStoreId} placeholder={t('allStores')} data-testid="register-day-store-filter" />
      </Space>
      {report.error && <Alert type="error" showIcon message={report.error} data-testid="register-day-error" />}
      <div data-testid="register-day-table">
        <ProTable<RegisterDayRow>
          rowKey={(r) => `${r.storeId}/${r.registerId}`}
          columns={columns}
          dataSource={rows}
          loading={report.loading}
          search={false}
          options={false}
          size="small"
          bordered
          headerTitle={<Typography.Text type="secondary">{t('note')}</Typography.Text>}
          locale={{ emptyText: t('empty') }}
          pagination={{ defaultPageSize: 50, showSizeChanger: true, hideOnSinglePage: true }}
          onRow={(r) => testId(`register-day-row-${r.storeId}-${r.registerId}`)}
          toolBarRender={() => [
            <Button key="export" onClick={exportCsv} disabled={report.loading || !report.data || rows.length === 0} data-testid="register-day-export">
              {t('export')}
            </Button>,
          ]}
          summary={() =>
            rows.length > 0 ? (
              <Table.Summary fixed>
                <Table.Summary.Row data-testid="register-day-totals">
                  <Table.Summary.Cell index={0} colSpan={2}>
                    <Typography.Text strong>{t('total')}</Typography.Text>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">{n(totals.salesPosted)}</Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right">
                    <span data-testid="register-day-total-net">{formatFen(totals.salesNetFen)}</span>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={4} align="right">{n(totals.membersIdentified)}</Table.Summary.Cell>
                  <Table.Summary.Cell index={5} align="right">{n(totals.joins)}</Table.Summary.Cell>
                  <Table.Summary.Cell index={6} align="right">{n(totals.pointsIssued)}</Table.Summary.Cell>
                  <Table.Summary.Cell index={7} align="right">{n(totals.pointsRedeemed)}</Table.Summary.Cell>
                  <Table.Summary.Cell index={8} align="right">{n(totals.returns)}</Table.Summary.Cell>
                </Table.Summary.Row>
              </Table.Summary>
            ) : null
          }
        />
      </div>
    </Space>
  );
}
