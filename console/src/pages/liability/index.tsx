import { ProTable, type ProColumns } from '@ant-design/pro-components';
import { StoreSelect } from '../../components/StoreSelect';
import { Alert, Button, Card, Space, Tabs, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { downloadCsv } from '../../components/csv';
import { DayRangePicker } from '../../components/DayRangePicker';
import { lastDays, MAX_RANGE_DAYS, rangeProblem, shanghaiTime, type DayRange } from '../../components/days';
import { EChart } from '../../components/EChart';
import { testId } from '../../components/useLoad';
import { formatFen } from '../../forms/exact-number';
import { useLang, useT } from '../../shell/i18n';
import { liabilityChartOption } from './chart';
import { csvFileName, liabilityDaysCsv, liabilityStoresCsv, METRICS } from './csv';
import { useLiabilityDays, useLiabilityStores, useStores, type LiabilityDayRow, type LiabilityStoreRow } from './hooks';
import { liabilityMessages } from './messages';

const points = (n: number) => n.toLocaleString('en-US');

/** Finance's points liability: per day for the chain, and the points that moved at each store. Read-only. */
export default function LiabilityPage() {
  const t = useT(liabilityMessages);
  const [range, setRange] = useState<DayRange>(() => lastDays(30));
  const [tab, setTab] = useState<'days' | 'stores'>('days');
  const problem = rangeProblem(range);
  const validRange = problem ? null : range;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="liability-page">
      <Space wrap>
        <DayRangePicker value={range} onChange={setRange} data-testid="liability-range" />
        {problem && <Alert type="error" showIcon message={t(`range.${problem}`, { max: MAX_RANGE_DAYS })} data-testid="liability-range-error" />}
      </Space>
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as 'days' | 'stores')}
        items={[
          { key: 'days', label: <span data-testid="liability-tab-days">{t('tabDays')}</span>, children: <DaysTab range={validRange} /> },
          { key: 'stores', label: <span data-testid="liability-tab-stores">{t('tabStores')}</span>, children: <StoresTab range={validRange} active={tab === 'stores'} /> },
        ]}
      />
    </Space>
  );
}

function DaysTab({ range }: { range: DayRange | null }) {
  const t = useT(liabilityMessages);
  const { data, loading, error } = useLiabilityDays(range);
  const lang = useLang();
  const rows = useMemo(() => data?.rows ?? [], [data]);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const option = useMemo(() => liabilityChartOption(rows, { closing: t('chartClosing'), change: t('chartChange') }), [rows, lang]);

  const columns: Array<ProColumns<LiabilityDayRow>> = [
    { title: t('day'), dataIndex: 'day', fixed: 'left', width: 110 },
    ...METRICS.map(
      (m): ProColumns<LiabilityDayRow> => ({
        title: t(m),
        key: m,
        children: [
          { title: t('points'), key: `${m}.points`, align: 'right', render: (_, r) => <span data-testid={`liability-${r.day}-${m}-points`}>{points(r[m])}</span> },
          { title: t('yuan'), key: `${m}.yuan`, align: 'right', render: (_, r) => <span data-testid={`liability-${r.day}-${m}-yuan`}>{formatFen(r.valueFen[m])}</span> },
        ],
      }),
    ),
  ];

  const exportCsv = () => {
    if (!data || !range) return;
    downloadCsv(csvFileName(t('fileDays'), range), liabilityDaysCsv(data.rows, t));
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {error && <Alert type="error" showIcon message={error} data-testid="liability-error" />}
      {data && (
        <Space wrap size="large">
          <Typography.Text data-testid="liability-rate">{t('rate', { points: points(data.pointValue.points), yuan: formatFen(data.pointValue.fen) })}</Typography.Text>
          <Typography.Text type="secondary" data-testid="liability-as-of">
            {t('asOf', { time: shanghaiTime(data.asOf) })}
          </Typography.Text>
        </Space>
      )}
      <Card size="small">
        <EChart option={option} loading={loading} height={300} data-testid="liability-chart" />
      </Card>
      <div data-testid="liability-days-table">
        <ProTable<LiabilityDayRow>
          rowKey="day"
          columns={columns}
          dataSource={rows}
          loading={loading}
          search={false}
          options={false}
          bordered
          size="small"
          scroll={{ x: 1400 }}
          headerTitle={<Typography.Text type="secondary">{t('daysNote')}</Typography.Text>}
          locale={{ emptyText: t('empty') }}
          pagination={{ defaultPageSize: 31, showSizeChanger: true, pageSizeOptions: [31, 62, 92] }}
          onRow={(r) => testId(`liability-day-row-${r.day}`)}
          toolBarRender={() => [
            <Button key="export" onClick={exportCsv} disabled={loading || !data || rows.length === 0 || !range} data-testid="liability-days-export">
              {t('export')}
            </Button>,
          ]}
        />
      </div>
    </Space>
  );
}

function StoresTab({ range, active }: { range: DayRange | null; active: boolean }) {
  const t = useT(liabilityMessages);
  const [storeId, setStoreId] = useState<string | undefined>();
  const stores = useStores(active);
  const { data, loading, error } = useLiabilityStores(range, storeId, active);
  const rows = useMemo(() => data?.rows ?? [], [data]);
  const names = useMemo(() => new Map((stores.data?.items ?? []).map((s) => [s.storeId, s.name])), [stores.data]);
  const storeName = (id: string) => names.get(id) ?? '';

  const columns: Array<ProColumns<LiabilityStoreRow>> = [
    { title: t('day'), dataIndex: 'day', width: 110 },
    { title: t('storeId'), dataIndex: 'storeId', width: 120 },
    { title: t('storeName'), key: 'storeName', render: (_, r) => storeName(r.storeId) },
    { title: t('earned'), dataIndex: 'earned', align: 'right', render: (_, r) => points(r.earned) },
    { title: t('spent'), dataIndex: 'spent', align: 'right', render: (_, r) => points(r.spent) },
    { title: t('reversed'), dataIndex: 'reversed', align: 'right', render: (_, r) => points(r.reversed) },
    { title: t('refunded'), dataIndex: 'refunded', align: 'right', render: (_, r) => points(r.refunded) },
  ];

  const exportCsv = () => {
    if (!data || !range) return;
    downloadCsv(csvFileName(t('fileStores'), range, storeId), liabilityStoresCsv(data.rows, storeName, t));
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Text>{t('storeFilter')}</Typography.Text>
        <StoreSelect stores={stores.data?.items} value={storeId} onChange={setStoreId} placeholder={t('allStores')} loading={stores.loading} data-testid="liability-store-filter" />
      </Space>
      {(error || stores.error) && <Alert type="error" showIcon message={error ?? stores.error} data-testid="liability-stores-error" />}
      <div data-testid="liability-stores-table">
        <ProTable<LiabilityStoreRow>
          rowKey={(r) => `${r.day}|${r.storeId}`}
          columns={columns}
          dataSource={rows}
          loading={loading}
          search={false}
          options={false}
          size="small"
          headerTitle={<Typography.Text type="secondary">{t('storesNote')}</Typography.Text>}
          locale={{ emptyText: t('empty') }}
          pagination={{ defaultPageSize: 50, showSizeChanger: true }}
          onRow={(r) => testId(`liability-store-row-${r.day}-${r.storeId}`)}
          toolBarRender={() => [
            <Button key="export" onClick={exportCsv} disabled={loading || !data || rows.length === 0 || !range} data-testid="liability-stores-export">
              {t('export')}
            </Button>,
          ]}
        />
      </div>
    </Space>
  );
}
