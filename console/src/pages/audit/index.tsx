import { ProTable, type ProColumns } from '@ant-design/pro-components';
import { Alert, AutoComplete, Button, Col, DatePicker, Form, Input, Row, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { staffRoleLabels } from '../../../../shared/staff-roles';
import { shanghaiTime, shanghaiToday } from '../../components/days';
import { pick, useLang, useT, type Translate } from '../../shell/i18n';
import { ACTION, ACTOR, targetProblem, useAuditLog, type AuditEntry, type AuditFilters } from './hooks';
import { auditActionLabel, KNOWN_ACTIONS } from '../../components/audit-actions';
import { auditMessages } from './messages';

type T = Translate<keyof (typeof auditMessages)['zh']>;
interface FilterValues {
  date?: Dayjs | null;
  actor?: string;
  action?: string;
  target?: string;
}

const blank = (s: string | undefined) => (s && s.trim() ? s.trim() : undefined);

/** An actor or a target is read across days (the API ignores a date beside them), so the day is sent only alone. */
export function filtersFrom(v: FilterValues): AuditFilters {
  const actor = blank(v.actor);
  const target = blank(v.target);
  const acrossDays = actor !== undefined || target !== undefined;
  return { date: v.date && !acrossDays ? v.date.format('YYYY-MM-DD') : undefined, actor, action: blank(v.action), target };
}

function Json({ value, testid }: { value: unknown; testid: string }) {
  const t = useT(auditMessages);
  return (
    <pre data-testid={testid} style={{ margin: 0, maxHeight: 360, overflow: 'auto', fontSize: 12, background: 'rgba(0,0,0,0.03)', padding: 8, borderRadius: 4, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
      {value === null || value === undefined ? t('none') : JSON.stringify(value, null, 2)}
    </pre>
  );
}

/** Admin: the audit log of accounts within the admin's scope, by business day, actor, action and target. */
export default function AuditPage() {
  const t = useT(auditMessages);
  const lang = useLang();
  const [form] = Form.useForm<FilterValues>();
  const initial: FilterValues = { date: dayjs(shanghaiToday(), 'YYYY-MM-DD') };
  const [filters, setFilters] = useState<AuditFilters>(() => filtersFrom(initial));
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const [nonce, setNonce] = useState(0);
  const log = useAuditLog(filters, page, pageSize, nonce);
  const watchedActor = Form.useWatch('actor', form) as string | undefined;
  const watchedTarget = Form.useWatch('target', form) as string | undefined;
  const acrossDays = Boolean(blank(watchedActor) || blank(watchedTarget));

  const search = (v: FilterValues) => {
    setFilters(filtersFrom(v));
    setPage(1);
    setNonce((n) => n + 1);
  };

  const columns: Array<ProColumns<AuditEntry & { key: string }>> = [
    { title: t('at'), dataIndex: 'at', width: 170, render: (_, e) => shanghaiTime(e.at) },
    { title: t('actor'), dataIndex: 'actor', width: 140 },
    { title: t('role'), dataIndex: 'role', width: 110, render: (_, e) => (staffRoleLabels[e.role] ? pick(staffRoleLabels[e.role], lang) : e.role) },
    {
      title: t('action'),
      dataIndex: 'action',
      render: (_, e) => (
        <Space size={4}>
          <Tag>{e.action}</Tag>
          {auditActionLabel(e.action, lang) && <Typography.Text type="secondary">{auditActionLabel(e.action, lang)}</Typography.Text>}
        </Space>
      ),
    },
    { title: t('target'), dataIndex: 'target', render: (_, e) => <Typography.Text code>{e.target}</Typography.Text> },
  ];

  const rows = log.rows.map((e, i) => ({ ...e, key: `${log.page}:${i}:${e.at}` }));

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="audit-page">
      <Form form={form} layout="vertical" initialValues={initial} onFinish={search} data-testid="audit-filters">
        <Row gutter={12} align="bottom">
          <Col>
            <Form.Item name="date" label={t('date')} tooltip={t('dateAcross')}>
              <DatePicker
                disabled={acrossDays}
                format="YYYY-MM-DD"
                placeholder={t('datePlaceholder')}
                disabledDate={(d) => d.format('YYYY-MM-DD') > shanghaiToday()}
                data-testid="audit-filter-date"
              />
            </Form.Item>
          </Col>
          <Col>
            <Form.Item name="actor" label={t('actor')} rules={[{ pattern: ACTOR, message: t('actorRule') }]}>
              <Input allowClear placeholder={t('actorPlaceholder')} style={{ width: 160 }} data-testid="audit-filter-actor" />
            </Form.Item>
          </Col>
          <Col>
            <Form.Item name="action" label={t('action')} rules={[{ pattern: ACTION, message: t('actionRule') }, { max: 60 }]}>
              <AutoComplete
                style={{ width: 240 }}
                options={KNOWN_ACTIONS.map((a) => ({ value: a, label: `${a} ${auditActionLabel(a, lang) ?? ''}` }))}
                filterOption={(input, o) => String(o?.label ?? '').toLowerCase().includes(input.toLowerCase())}
              >
                <Input allowClear placeholder={t('actionPlaceholder')} data-testid="audit-filter-action" />
              </AutoComplete>
            </Form.Item>
          </Col>
          <Col>
            <Form.Item
              name="target"
              label={t('target')}
              rules={[{ validator: async (_, v: string | undefined) => { if (blank(v) && targetProblem(v!.trim())) throw new Error(t('targetRule')); } }]}
              tooltip={t('targetHelp')}
            >
              <Input allowClear placeholder={t('targetPlaceholder')} style={{ width: 260 }} data-testid="audit-filter-target" />
            </Form.Item>
          </Col>
          <Col>
            <Form.Item>
              <Space>
                <Button type="primary" htmlType="submit" data-testid="audit-search">
                  {t('search')}
                </Button>
                <Button
                  onClick={() => {
                    form.resetFields();
                    search(initial);
                  }}
                  data-testid="audit-reset"
                >
                  {t('reset')}
                </Button>
              </Space>
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {log.error && <Alert type="error" showIcon message={log.error} data-testid="audit-error" />}
      <div data-testid="audit-table">
        <ProTable<AuditEntry & { key: string }>
          rowKey="key"
          columns={columns}
          dataSource={rows}
          loading={log.loading}
          search={false}
          options={false}
          size="small"
          headerTitle={<Typography.Text type="secondary">{t('note')}</Typography.Text>}
          toolBarRender={() => [
            <Button key="refresh" onClick={() => setNonce((n) => n + 1)} data-testid="audit-refresh">
              {t('refresh')}
            </Button>,
          ]}
          locale={{ emptyText: t('empty') }}
          onRow={(e) => ({ 'data-testid': 'audit-row', 'data-action': e.action, 'data-target': e.target }) as Record<never, never>}
          expandable={{
            expandRowByClick: true,
            expandedRowRender: (e) => (
              <Row gutter={16} data-testid="audit-detail">
                <Col span={12}>
                  <Typography.Text strong>{t('before')}</Typography.Text>
                  <Json value={e.before} testid="audit-before" />
                </Col>
                <Col span={12}>
                  <Typography.Text strong>{t('after')}</Typography.Text>
                  <Json value={e.after} testid="audit-after" />
                </Col>
              </Row>
            ),
          }}
          pagination={{
            current: log.page,
            pageSize,
            total: log.total,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100],
            onChange: (p, size) => {
              if (size !== pageSize) {
                setPageSize(size);
                setPage(1);
              } else setPage(p);
            },
          }}
        />
      </div>
    </Space>
  );
}
