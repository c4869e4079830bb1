import { ProTable, type ProColumns } from '@ant-design/pro-components';
import { StoreSelect } from '../../components/StoreSelect';
import { Alert, Card, Segmented, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { DayRangePicker } from '../../components/DayRangePicker';
import { lastDays, MAX_RANGE_DAYS, rangeProblem, type DayRange } from '../../components/days';
import { EChart } from '../../components/EChart';
import { testId } from '../../components/useLoad';
import { useLang, useT } from '../../shell/i18n';
import { joinsChartOption, type JoinsChartMode } from './chart';
import { formatAverage, useJoinStats, useStores, type JoinRow } from './hooks';
import { joinsMessages } from './messages';

/** New members per store, register and day, with the stores whose joins fell by half against recent weeks. */
export default function JoinsPage() {
  const t = useT(joinsMessages);
  const lang = useLang();
  const [range, setRange] = useState<DayRange>(() => lastDays(30));
  const [storeId, setStoreId] = useState<string | undefined>();
  const [mode, setMode] = useState<JoinsChartMode>('lines');
  const problem = rangeProblem(range);
  const validRange = problem ? null : range;
  const stats = useJoinStats(validRange, storeId);
  const stores = useStores();

  const names = useMemo(() => new Map((stores.data?.items ?? []).map((s) => [s.storeId, s.name])), [stores.data]);
  const storeLabel = (id: string) => (names.get(id) ? `${names.get(id)}（${id}）` : id);
  const rows = useMemo(() => [...(stats.data?.rows ?? [])].sort((a, b) => b.day.localeCompare(a.day) || a.storeId.localeCompare(b.storeId) || a.registerId.localeCompare(b.registerId)), [stats.data]);
  const alerts = stats.data?.alerts ?? [];
  const total = rows.reduce((n, r) => n + r.members, 0);
  const option = useMemo(
    () => joinsChartOption(stats.data?.rows ?? [], validRange ?? range, storeLabel, mode),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [stats.data, validRange?.from, validRange?.to, mode, names, lang],
  );

  const columns: Array<ProColumns<JoinRow>> = [
    { title: t('day'), dataIndex: 'day', width: 120, sorter: (a, b) => a.day.localeCompare(b.day) },
    { title: t('store'), dataIndex: 'storeId', render: (_, r) => storeLabel(r.storeId), sorter: (a, b) => a.storeId.localeCompare(b.storeId) },
    { title: t('register'), dataIndex: 'registerId', width: 140 },
    { title: t('members'), dataIndex: 'members', align: 'right', width: 120, sorter: (a, b) => a.members - b.members },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="joins-page">
      <Space wrap>
        <DayRangePicker value={range} onChange={setRange} data-testid="joins-range" />
        <StoreSelect stores={stores.data?.items} value={storeId} onChange={setStoreId} placeholder={t('allStores')} data-testid="joins-store-filter" />
        {problem && <Alert type="error" showIcon message={t(`range.${problem}`, { max: MAX_RANGE_DAYS })} data-testid="joins-range-error" />}
      </Space>
      {stats.error && <Alert type="error" showIcon message={stats.error} data-testid="joins-error" />}
      <div data-testid="joins-alerts">
        {alerts.length > 0 && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Text strong>{t('alertsTitle')}</Typography.Text>
            {alerts.map((a) => (
              <Alert
                key={`${a.storeId}|${a.day}`}
                type="warning"
                showIcon
                message={t('alert', { store: storeLabel(a.storeId), day: a.day, members: a.members, average: formatAverage(a.trailingAverage) })}
                data-testid="joins-alert"
                {...({ 'data-store': a.storeId, 'data-day': a.day } as Record<never, never>)}
              />
            ))}
          </Space>
        )}
      </div>
      <Card
        size="small"
        title={t('chartTitle')}
        extra={
          <Segmented<JoinsChartMode>
            value={mode}
            onChange={setMode}
            options={[
              { value: 'lines', label: t('lines') },
              { value: 'stacked', label: t('stacked') },
            ]}
            data-testid="joins-chart-mode"
          />
        }
      >
        <EChart option={option} loading={stats.loading} height={320} data-testid="joins-chart" />
      </Card>
      <div data-testid="joins-table">
        <ProTable<JoinRow>
          rowKey={(r) => `${r.day}|${r.storeId}|${r.registerId}`}
          columns={columns}
          dataSource={rows}
          loading={stats.loading}
          search={false}
          options={false}
          size="small"
          headerTitle={
            <Space direction="vertical" size={0}>
              <Typography.Text data-testid="joins-total">{t('total', { total })}</Typography.Text>
              <Typography.Text type="secondary">{t('note')}</Typography.Text>
            </Space>
          }
          locale={{ emptyText: t('empty') }}
          pagination={{ defaultPageSize: 50, showSizeChanger: true }}
          onRow={(r) => testId(`joins-row-${r.day}-${r.storeId}-${r.registerId}`)}
        />
      </div>
    </Space>
  );
}
