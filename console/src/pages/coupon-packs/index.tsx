import { DeleteOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Form, Input, Modal, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ShanghaiTime } from '../../components/ShanghaiTime';
import { applyServerIssues } from '../../components/ServerFieldErrors';
import { ExactNumberInput, wholeRule } from '../../forms/ExactNumberInput';
import { roleMayCall } from '../../shell/access';
import { ApiError, errorMessage } from '../../shell/api';
import { pick, useLang, useT } from '../../shell/i18n';
import { useSession } from '../../shell/session';
import { benefitSummary } from '../coupon-templates/model';
import { createPack, useLiveTemplates, usePacks, type CouponPack } from './hooks';
import { couponPacksMessages } from './messages';
import { itemsProblem, MAX_COUPONS, MAX_TEMPLATES, PACK_ID, packFieldOf, packRequestOf, type PackFormValues } from './model';

const statusColor = { draft: 'default', active: 'green', paused: 'orange', ended: 'red' } as const;

function CreatePack({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: () => void }) {
  const t = useT(couponPacksMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<PackFormValues>();
  const templates = useLiveTemplates(open);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (open) {
      form.resetFields();
      setError(null);
    }
  }, [open]); // eslint-disable-line react-hooks/exhaustive-deps

  const submit = async (v: PackFormValues) => {
    setSaving(true);
    setError(null);
    try {
      const pack = await createPack(packRequestOf(v));
      message.success?.(t('created', { id: pack.packId }));
      onCreated();
    } catch (err) {
      if (err instanceof ApiError && err.status === 400) applyServerIssues(form, err, packFieldOf);
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open={open} title={t('form.title')} width={720} onCancel={() => !saving && onClose()} footer={null} destroyOnHidden maskClosable={false}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="pack-form-error" />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ items: [{ count: '1' }] }} autoComplete="off" data-testid="pack-form">
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="packId" label={t('field.packId')} extra={t('field.packId.help')} rules={[{ required: true, message: t('required') }, { pattern: PACK_ID, message: t('field.packId.help') }]}>
              <Input data-testid="pack-id" placeholder="NEW-MEMBER" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="nameZh" label={t('field.nameZh')} rules={[{ required: true, whitespace: true, message: t('required') }, { max: 40 }]}>
              <Input data-testid="pack-name-zh" placeholder="新人礼包" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="nameEn" label={t('field.nameEn')} rules={[{ max: 40 }]}>
              <Input data-testid="pack-name-en" placeholder="Welcome pack" />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Paragraph type="secondary">{t('form.help', { templates: MAX_TEMPLATES, coupons: MAX_COUPONS })}</Typography.Paragraph>
        <Form.List
          name="items"
          rules={[
            {
              validator: async (_, items: PackFormValues['items'] | undefined) => {
                const problem = itemsProblem(items ?? []);
                if (problem) throw new Error(t(`problem.${problem}`, { templates: MAX_TEMPLATES, coupons: MAX_COUPONS }));
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((field, i) => (
                <Row key={field.key} gutter={8} align="top" data-testid="pack-item">
                  <Col flex="auto">
                    <Form.Item name={[field.name, 'templateId']} rules={[{ required: true, message: t('field.template.required') }]}>
                      <Select
                        showSearch
                        optionFilterProp="label"
                        loading={templates === undefined}
                        placeholder={t('field.template')}
                        data-testid={`pack-item-template-${i}`}
                        options={(templates ?? []).map((tp) => ({
                          value: tp.templateId,
                          label: `${tp.templateId} · ${pick(tp.name, lang)} · ${benefitSummary(tp.benefit, lang)}${tp.status === 'active' ? '' : ` (${t(`status.${tp.status}`)})`}`,
                        }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col flex="120px">
                    <Form.Item name={[field.name, 'count']} rules={[{ required: true, message: t('required') }, wholeRule({ min: 1, max: MAX_COUPONS })]} validateFirst>
                      <ExactNumberInput data-testid={`pack-item-count-${i}`} suffix={t('unit.coupons')} />
                    </Form.Item>
                  </Col>
                  <Col flex="40px">
                    {fields.length > 1 && <Button icon={<DeleteOutlined />} danger type="text" onClick={() => remove(field.name)} data-testid={`pack-item-remove-${i}`} />}
                  </Col>
                </Row>
              ))}
              <Form.ErrorList errors={errors} />
              {fields.length < MAX_TEMPLATES && (
                <Button icon={<PlusOutlined />} onClick={() => add({ count: '1' })} data-testid="pack-item-add" style={{ marginBottom: 16 }}>
                  {t('form.addTemplate')}
                </Button>
              )}
            </>
          )}
        </Form.List>
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose} disabled={saving}>
            {t('cancel')}
          </Button>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="pack-form-submit">
            {t('form.save')}
          </Button>
        </Space>
      </Form>
    </Modal>
  );
}

/** Ops' coupon packs (券包): several templates granted together, all or nothing (the new-member pack is one, chosen in the settings). */
export default function CouponPacksPage() {
  const t = useT(couponPacksMessages);
  const lang = useLang();
  const session = useSession();
  const canCreate = !!session && roleMayCall(session.staff.role, 'createCouponPack') && session.staff.scope.level === 'chain';
  const [nonce, setNonce] = useState(0);
  const packs = usePacks(nonce);
  const [creating, setCreating] = useState(false);

  return (
    <Card
      title={t('title')}
      data-testid="coupon-packs-page"
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={() => setNonce((n) => n + 1)} data-testid="packs-refresh">
            {t('refresh')}
          </Button>
          {canCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="pack-new">
              {t('new')}
            </Button>
          )}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('intro')}</Typography.Paragraph>
      {packs.error && <Alert type="error" showIcon message={packs.error} style={{ marginBottom: 16 }} data-testid="packs-error" />}
      <Table<CouponPack>
        rowKey="packId"
        loading={packs.loading}
        dataSource={packs.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('empty') }}
        onRow={(p) => ({ 'data-testid': 'pack-row', 'data-pack-id': p.packId }) as Record<never, never>}
        columns={[
          {
            key: 'name',
            title: t('col.name'),
            render: (_, p) => (
              <Space direction="vertical" size={0}>
                <span>{pick(p.name, lang)}</span>
                <Typography.Text type="secondary" style={{ fontFamily: 'monospace', fontSize: 12 }}>
                  {p.packId}
                </Typography.Text>
              </Space>
            ),
          },
          {
            key: 'items',
            title: t('col.items'),
            render: (_, p) => (
              <Space direction="vertical" size={2}>
                {p.items.map((i) => {
                  const tp = p.templates.find((x) => x.templateId === i.templateId);
                  return (
                    <span key={i.templateId}>
                      {tp ? pick(tp.name, lang) : i.templateId} × {i.count}{' '}
                      {tp && <Tag color={statusColor[tp.status]}>{t(`status.${tp.status}`)}</Tag>}
                    </span>
                  );
                })}
              </Space>
            ),
          },
          { key: 'count', title: t('col.count'), align: 'right', render: (_, p) => p.items.reduce((n, i) => n + i.count, 0) },
          { key: 'created', title: t('col.created'), render: (_, p) => (
            <span>
              <ShanghaiTime at={p.createdAt} /> · {p.createdBy}
            </span>
          ) },
        ]}
      />
      {canCreate && (
        <CreatePack
          open={creating}
          onClose={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            setNonce((n) => n + 1);
          }}
        />
      )}
    </Card>
  );
}
