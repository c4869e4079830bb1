import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { ProTable, type ProColumns } from '@ant-design/pro-components';
import { Alert, Button, Progress, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { formatFen } from '../../forms/exact-number';
import { roleMayCall } from '../../shell/access';
import { errorMessage } from '../../shell/api';
import { pick, useLang, useT } from '../../shell/i18n';
import { useSession } from '../../shell/session';
import { getTemplate, TEMPLATE_PAGE_SIZE, useTemplatePages, type TemplateState } from './hooks';
import { couponTemplatesMessages } from './messages';
import { actionsFor, benefitSummary, budgetUse, validitySummary, type CouponTemplateView } from './model';
import { StatusActionButton } from './StatusAction';
import { StatusTag } from './StatusTag';
import { TemplateDetail } from './TemplateDetail';
import { TemplateForm } from './TemplateForm';

/**
 * Ops' coupon templates: live (draft, active, paused) and ended, newest first, with what each gives, when it is
 * valid, how it is claimed, its stock and budget; a detail drawer with every rule; activate, pause, resume, end
 * early; and the form for a new one. Templates name stores, so only a chain-wide account changes them.
 */
export default function CouponTemplatesPage() {
  const t = useT(couponTemplatesMessages);
  const lang = useLang();
  const session = useSession();
  const role = session?.staff.role;
  const chain = session?.staff.scope.level === 'chain';
  const canCreate = !!role && roleMayCall(role, 'createCouponTemplate') && chain;
  const canAct = !!role && roleMayCall(role, 'changeCouponTemplateStatus') && chain;
  const [state, setState] = useState<TemplateState>('live');
  const [page, setPage] = useState(1);
  const [nonce, setNonce] = useState(0);
  const list = useTemplatePages(state, page, nonce);
  const [detail, setDetail] = useState<CouponTemplateView | null>(null);
  const [detailError, setDetailError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const reload = () => setNonce((n) => n + 1);

  const open = async (row: CouponTemplateView) => {
    setDetail(row);
    setDetailError(null);
    // The row may be a page old: the drawer shows the template as it is now.
    try {
      setDetail(await getTemplate(row.templateId));
    } catch (err) {
      setDetailError(errorMessage(err));
    }
  };
  const changed = (after: CouponTemplateView) => {
    setDetail((d) => (d && d.templateId === after.templateId ? after : d));
    reload();
  };

  const columns: Array<ProColumns<CouponTemplateView>> = [
    {
      title: t('col.name'),
      dataIndex: 'templateId',
      render: (_, r) => (
        <Space direction="vertical" size={0}>
          <Typography.Link onClick={() => void open(r)} data-testid="template-open">
            {pick(r.name, lang)}
          </Typography.Link>
          <Typography.Text type="secondary" style={{ fontFamily: 'monospace', fontSize: 12 }}>
            {r.templateId}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('col.kind'), key: 'kind', render: (_, r) => <span data-testid="template-summary">{benefitSummary(r.benefit, lang)}</span> },
    { title: t('col.validity'), key: 'validity', render: (_, r) => validitySummary(r.validity, lang) },
    { title: t('col.channel'), key: 'channel', render: (_, r) => t(`channel.${r.claimChannel}`) },
    { title: t('col.status'), key: 'status', render: (_, r) => <StatusTag status={r.status} /> },
    {
      title: t('col.stock'),
      key: 'stock',
      render: (_, r) => (
        <span data-testid="template-stock-cell">
          {t('stock.line', { issued: r.stats.issued.toLocaleString('en-US'), remaining: r.stats.remaining.toLocaleString('en-US') })}
        </span>
      ),
    },
    { title: t('col.redeemed'), key: 'redeemed', align: 'right', render: (_, r) => r.stats.redeemed.toLocaleString('en-US') },
    {
      title: t('col.budget'),
      key: 'budget',
      width: 180,
      render: (_, r) => {
        const use = budgetUse(r.stats);
        if (!use || r.stats.budgetFen === null) return <Typography.Text type="secondary">{t('budget.none')}</Typography.Text>;
        return (
          <div title={t('budget.tooltip', { settled: formatFen(r.stats.settledFen), reserved: formatFen(r.stats.reservedFen) })}>
            <Progress percent={use.percent} size="small" />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              ¥{formatFen(use.usedFen)} / ¥{formatFen(r.stats.budgetFen)}
            </Typography.Text>
          </div>
        );
      },
    },
    ...(canAct && state === 'live'
      ? [
          {
            title: t('col.actions'),
            key: 'actions',
            render: (_: unknown, r: CouponTemplateView) => (
              <Space wrap onClick={(e) => e.stopPropagation()}>
                {actionsFor(r.status).map((a) => (
                  <StatusActionButton key={a} template={r} action={a} onDone={changed} />
                ))}
              </Space>
            ),
          } satisfies ProColumns<CouponTemplateView>,
        ]
      : []),
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="coupon-templates-page">
      {!chain && <Alert type="warning" showIcon message={t('chainOnly')} data-testid="templates-chain-only" />}
      {list.error && <Alert type="error" showIcon message={list.error} data-testid="templates-error" />}
      {detailError && <Alert type="error" showIcon closable onClose={() => setDetailError(null)} message={detailError} />}
      <Tabs
        activeKey={state}
        onChange={(k) => {
          setState(k as TemplateState);
          setPage(1);
        }}
        items={(['live', 'ended'] as const).map((k) => ({ key: k, label: <span data-testid={`templates-tab-${k}`}>{t(`tab.${k}`)}</span> }))}
      />
      <div data-testid="templates-table">
        <ProTable<CouponTemplateView>
          rowKey="templateId"
          columns={columns}
          dataSource={list.rows}
          loading={list.loading}
          search={false}
          options={false}
          size="small"
          headerTitle={<Typography.Text type="secondary">{t('intro')}</Typography.Text>}
          toolBarRender={() => [
            <Button key="refresh" icon={<ReloadOutlined />} onClick={reload} data-testid="templates-refresh">
              {t('refresh')}
            </Button>,
            ...(canCreate
              ? [
                  <Button key="new" type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="template-new">
                    {t('new')}
                  </Button>,
                ]
              : []),
          ]}
          locale={{ emptyText: t(state === 'live' ? 'empty.live' : 'empty.ended') }}
          onRow={(r) => ({ 'data-testid': 'template-row', 'data-template-id': r.templateId, 'data-status': r.status }) as Record<never, never>}
          pagination={{ current: list.page, pageSize: TEMPLATE_PAGE_SIZE, total: list.total, showSizeChanger: false, onChange: setPage }}
        />
      </div>
      <TemplateDetail template={detail} canAct={canAct} onClose={() => setDetail(null)} onChanged={changed} />
      {canCreate && (
        <TemplateForm
          open={creating}
          onClose={() => setCreating(false)}
          onCreated={(created) => {
            setCreating(false);
            setState('live');
            setPage(1);
            reload();
            setDetail(created);
          }}
        />
      )}
    </Space>
  );
}
