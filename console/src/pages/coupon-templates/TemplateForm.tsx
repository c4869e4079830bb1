import { Alert, App, Button, Col, Collapse, Divider, Drawer, Form, Input, Radio, Row, Select, Space, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import { useEffect, useState } from 'react';
import { applyServerIssues, issueText, type ServerIssue } from '../../components/ServerFieldErrors';
import { parseWhole, parseYuanToFen, type Parsed, type WholeOptions } from '../../forms/exact-number';
import { ExactNumberInput } from '../../forms/ExactNumberInput';
import { formMessages } from '../../forms/messages';
import { ApiError, errorMessage } from '../../shell/api';
import { translate, useLang, useT } from '../../shell/i18n';
import { createTemplate, useStores } from './hooks';
import { couponTemplatesMessages } from './messages';
import {
  benefitOf,
  benefitSummary,
  CUSTOM_GROUP,
  defaultGroupOf,
  GROUP_PATTERN,
  ID_PATTERN,
  initialFormValues,
  KINDS,
  offBasisPointsOf,
  PRESET_GROUPS,
  requestOf,
  templateFieldOf,
  type CouponTemplateView,
  type DiscountMode,
  type TemplateFormValues,
  yuanOf,
} from './model';
import { ShanghaiDayRange } from './ShanghaiDayRange';

const MAX_FEN = 10_000_000_000;
const SKU = /^.{1,64}$/;
const tagSelect = (testId: string, extra: { options?: Array<{ value: string; label: string }> } = {}) => (
  <Select mode="tags" tokenSeparators={[',', '，', ' ']} open={extra.options ? undefined : false} options={extra.options} data-testid={testId} />
);

/** Ops design a coupon template (chain-scoped: a template names the stores it applies to). Saved once; never edited. */
export function TemplateForm({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (t: CouponTemplateView) => void }) {
  const t = useT(couponTemplatesMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<TemplateFormValues>();
  const stores = useStores(open);
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<{ message: string; issues: ServerIssue[] } | null>(null);
  const kind = Form.useWatch('kind', form) ?? initialFormValues.kind;
  const validityType = Form.useWatch('validityType', form) ?? initialFormValues.validityType;
  const discountMode = (Form.useWatch('discountMode', form) ?? 'zhe') as DiscountMode;
  const stackingGroup = Form.useWatch('stackingGroup', form);

  useEffect(() => {
    if (open) {
      form.resetFields();
      setRefusal(null);
    }
  }, [open]); // eslint-disable-line react-hooks/exhaustive-deps

  // ---- rules ----------------------------------------------------------------------------------------------
  const required = (key: Parameters<typeof t>[0] = 'required'): Rule => ({ required: true, whitespace: true, message: t(key) });
  const exactProblem = (p: Parsed, vars: Record<string, string | number> = {}) => (p.ok ? null : translate(formMessages, lang, p.problem, { min: '', max: '', ...vars }));
  const yuanRules = (opts: { min?: number; max?: number; optional?: boolean; allowZero?: boolean }): Rule[] => [
    ...(opts.optional ? [] : [required()]),
    {
      validator: async (_, v: string | undefined) => {
        if (opts.optional && !(v ?? '').trim()) return;
        const p = parseYuanToFen(v ?? '', { allowZero: opts.allowZero });
        const problem = exactProblem(p);
        if (problem) throw new Error(problem);
        const fen = (p as { value: number }).value;
        if (opts.min !== undefined && fen < opts.min) throw new Error(t('minYuan', { min: yuanOf(opts.min) }));
        if (fen > (opts.max ?? MAX_FEN)) throw new Error(t('maxYuan', { max: yuanOf(opts.max ?? MAX_FEN) }));
      },
    },
  ];
  const wholeRules = (opts: WholeOptions & { optional?: boolean }): Rule[] => [
    ...(opts.optional ? [] : [required()]),
    {
      validator: async (_, v: string | undefined) => {
        if (opts.optional && !(v ?? '').trim()) return;
        const problem = exactProblem(parseWhole(v ?? '', opts), { min: opts.min ?? '', max: opts.max ?? '' });
        if (problem) throw new Error(problem);
      },
    },
  ];
  const fenOf = (name: keyof TemplateFormValues) => {
    const p = parseYuanToFen(String(form.getFieldValue(name) ?? ''));
    return p.ok ? p.value : null;
  };
  const lengthRule = (max: number): Rule => ({ max, message: t('tooLong', { max }) });
  const listRule = (max: number, itemMax: number): Rule => ({
    validator: async (_, v: string[] | undefined) => {
      const xs = v ?? [];
      if (xs.length > max) throw new Error(t('tooMany', { max }));
      if (xs.some((x) => x.trim().length === 0 || x.trim().length > itemMax)) throw new Error(t('itemTooLong', { max: itemMax }));
    },
  });

  // ---- submit -----------------------------------------------------------------------------------------------
  const submit = async (values: TemplateFormValues) => {
    setSaving(true);
    setRefusal(null);
    try {
      const all = { ...initialFormValues, ...(form.getFieldsValue(true) as TemplateFormValues), ...values };
      const created = await createTemplate(requestOf(all));
      message.success?.(t('created', { id: created.templateId }));
      onCreated(created);
    } catch (err) {
      const leftover = err instanceof ApiError && err.status === 400 ? applyServerIssues(form, err, (p) => templateFieldOf(p, { stackingGroup: form.getFieldValue('stackingGroup') as string })) : [];
      setRefusal({ message: errorMessage(err), issues: leftover });
    } finally {
      setSaving(false);
    }
  };

  const preview = () => {
    try {
      return benefitSummary(benefitOf({ ...initialFormValues, ...(form.getFieldsValue(true) as TemplateFormValues) }), lang);
    } catch {
      return null;
    }
  };

  const regionOptions = [...new Set((stores ?? []).map((s) => s.region))].map((r) => ({ value: r, label: r }));
  const groupOptions = [...PRESET_GROUPS.map((g) => ({ value: g, label: `${t(`group.${g}`)} (${g})` })), { value: CUSTOM_GROUP, label: t('group.custom') }];

  return (
    <Drawer
      open={open}
      onClose={() => !saving && onClose()}
      width={760}
      title={t('form.title')}
      destroyOnHidden
      data-testid="template-form-drawer"
      extra={
        <Space>
          <Button onClick={onClose} disabled={saving}>
            {t('cancel')}
          </Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="template-form-submit">
            {t('form.save')}
          </Button>
        </Space>
      }
    >
      {refusal && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="template-form-error"
          message={refusal.message}
          description={refusal.issues.length ? refusal.issues.map((i) => <div key={i.path.join('.')}>{`${i.path.slice(1).join('.')}: ${issueText(i)}`}</div>) : undefined}
        />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={initialFormValues}
        onFinish={submit}
        scrollToFirstError
        autoComplete="off"
        data-testid="template-form"
        onValuesChange={(changed: Partial<TemplateFormValues>, all: TemplateFormValues) => {
          // The stacking group follows the kind until ops pick another one.
          if (changed.kind && (KINDS as readonly string[]).includes(all.stackingGroup ?? '')) form.setFieldValue('stackingGroup', defaultGroupOf(changed.kind));
        }}
      >
        <Typography.Title level={5}>{t('form.basics')}</Typography.Title>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="templateId" label={t('field.templateId')} extra={t('field.templateId.help')} rules={[required(), { pattern: ID_PATTERN, message: t('field.templateId.rule') }]}>
              <Input data-testid="template-id" placeholder="CASH-200-30" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="nameZh" label={t('field.nameZh')} rules={[required(), lengthRule(40)]}>
              <Input data-testid="template-name-zh" placeholder="满200减30" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="nameEn" label={t('field.nameEn')} extra={t('field.nameEn.help')} rules={[lengthRule(40)]}>
              <Input data-testid="template-name-en" placeholder="¥30 off ¥200" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="descZh" label={t('field.descZh')} rules={[lengthRule(200)]}>
              <Input.TextArea rows={2} data-testid="template-desc-zh" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="descEn" label={t('field.descEn')} rules={[lengthRule(200)]}>
              <Input.TextArea rows={2} data-testid="template-desc-en" />
            </Form.Item>
          </Col>
        </Row>

        <Divider />
        <Typography.Title level={5}>{t('form.benefit')}</Typography.Title>
        <Form.Item name="kind" label={t('field.kind')} rules={[required()]}>
          <Radio.Group optionType="button" buttonStyle="solid" data-testid="template-kind" options={KINDS.map((k) => ({ value: k, label: <span data-testid={`template-kind-${k}`}>{t(`kind.${k}`)}</span> }))} />
        </Form.Item>
        <Row gutter={16}>
          {(kind === 'cash-off' || kind === 'percent-off') && (
            <Col xs={24} md={8}>
              <Form.Item
                name="thresholdYuan"
                label={t(kind === 'cash-off' ? 'field.threshold' : 'field.thresholdOptional')}
                extra={t('field.threshold.help')}
                rules={yuanRules({ min: 1, optional: kind === 'percent-off', allowZero: kind === 'percent-off' })}
                validateFirst
                preserve={false}
              >
                <ExactNumberInput data-testid="template-threshold" suffix={t('unit.yuan')} />
              </Form.Item>
            </Col>
          )}
          {(kind === 'cash-off' || kind === 'no-threshold') && (
            <Col xs={24} md={8}>
              <Form.Item
                name="offYuan"
                label={t('field.off')}
                dependencies={['thresholdYuan']}
                validateFirst
                preserve={false}
                rules={[
                  ...yuanRules({ min: 1 }),
                  {
                    validator: async (_, v: string | undefined) => {
                      const off = parseYuanToFen(v ?? '');
                      const threshold = fenOf('thresholdYuan');
                      if (kind === 'cash-off' && off.ok && threshold !== null && off.value >= threshold) throw new Error(t('field.off.belowThreshold'));
                    },
                  },
                ]}
              >
                <ExactNumberInput data-testid="template-off" suffix={t('unit.yuan')} />
              </Form.Item>
            </Col>
          )}
          {kind === 'percent-off' && (
            <>
              <Col xs={24} md={8}>
                <Form.Item label={t('field.discount')} required>
                  <Space.Compact style={{ width: '100%' }}>
                    <Form.Item name="discountMode" noStyle preserve={false}>
                      <Select style={{ width: 110 }} data-testid="template-discount-mode" options={[{ value: 'zhe', label: t('discount.zhe') }, { value: 'percentOff', label: t('discount.percentOff') }]} />
                    </Form.Item>
                    <Form.Item
                      name="discount"
                      noStyle
                      preserve={false}
                      dependencies={['discountMode']}
                      rules={[
                        required(),
                        {
                          validator: async (_, v: string | undefined) => {
                            const p = offBasisPointsOf(v ?? '', discountMode);
                            if (!p.ok) throw new Error(t(discountMode === 'zhe' ? 'discount.zheRule' : 'discount.percentRule'));
                          },
                        },
                      ]}
                    >
                      <ExactNumberInput data-testid="template-discount" suffix={discountMode === 'zhe' ? t('unit.zhe') : '%'} />
                    </Form.Item>
                  </Space.Compact>
                  <Form.Item noStyle shouldUpdate={(a: TemplateFormValues, b: TemplateFormValues) => a.discount !== b.discount || a.discountMode !== b.discountMode}>
                    {() => {
                      const p = offBasisPointsOf(String(form.getFieldValue('discount') ?? ''), discountMode);
                      return p.ok ? (
                        <Typography.Text type="secondary" data-testid="template-discount-hint">
                          {t('discount.hint', { bp: p.value, zhe: ((10_000 - p.value) / 1000).toString(), percent: (p.value / 100).toString() })}
                        </Typography.Text>
                      ) : null;
                    }}
                  </Form.Item>
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="capYuan" label={t('field.cap')} extra={t('field.cap.help')} rules={yuanRules({ min: 1 })} validateFirst preserve={false}>
                  <ExactNumberInput data-testid="template-cap" suffix={t('unit.yuan')} />
                </Form.Item>
              </Col>
            </>
          )}
          {kind === 'second-half-price' && (
            <Col xs={24}>
              <Form.Item
                name="halfSkus"
                label={t('field.halfSkus')}
                extra={t('field.halfSkus.help')}
                preserve={false}
                rules={[{ required: true, type: 'array', min: 1, message: t('field.halfSkus.required') }, listRule(100, 64)]}
              >
                {tagSelect('template-half-skus')}
              </Form.Item>
            </Col>
          )}
          {kind === 'gift' && (
            <Col xs={24} md={8}>
              <Form.Item name="giftSku" label={t('field.giftSku')} extra={t('field.giftSku.help')} rules={[required(), { pattern: SKU, message: t('itemTooLong', { max: 64 }) }]} preserve={false}>
                <Input data-testid="template-gift-sku" />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Form.Item noStyle shouldUpdate>
          {() => {
            const summary = preview();
            return summary ? <Alert type="info" showIcon message={t('form.preview', { summary })} data-testid="template-preview" style={{ marginBottom: 16 }} /> : null;
          }}
        </Form.Item>

        <Divider />
        <Typography.Title level={5}>{t('form.validity')}</Typography.Title>
        <Form.Item name="validityType" label={t('field.validityType')} extra={t('field.validity.help')}>
          <Radio.Group data-testid="template-validity-type" options={[{ value: 'after-receipt', label: t('validity.afterReceipt') }, { value: 'fixed', label: t('validity.fixed') }]} />
        </Form.Item>
        {validityType === 'fixed' ? (
          <Form.Item name="validRange" label={t('field.validRange')} rules={[{ required: true, message: t('field.validRange.required') }]} preserve={false}>
            <ShanghaiDayRange data-testid="template-valid-range" />
          </Form.Item>
        ) : (
          <Form.Item name="validDays" label={t('field.validDays')} extra={t('field.validDays.help')} rules={wholeRules({ min: 1, max: 3660 })} validateFirst preserve={false}>
            <ExactNumberInput data-testid="template-valid-days" suffix={t('unit.days')} />
          </Form.Item>
        )}

        <Divider />
        <Typography.Title level={5}>{t('form.limits')}</Typography.Title>
        <Row gutter={16}>
          <Col xs={24} md={6}>
            <Form.Item name="stock" label={t('field.stock')} rules={wholeRules({ min: 1, max: 100_000_000 })} validateFirst>
              <ExactNumberInput data-testid="template-stock" suffix={t('unit.coupons')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item
              name="perMember"
              label={t('field.perMember')}
              extra={t('field.perMember.help')}
              dependencies={['stock']}
              validateFirst
              rules={[
                ...wholeRules({ min: 1, max: 100 }),
                {
                  validator: async (_, v: string | undefined) => {
                    const per = parseWhole(v ?? '');
                    const stock = parseWhole(String(form.getFieldValue('stock') ?? ''));
                    if (per.ok && stock.ok && per.value > stock.value) throw new Error(t('field.perMember.overStock'));
                  },
                },
              ]}
            >
              <ExactNumberInput data-testid="template-per-member" suffix={t('unit.coupons')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="budgetYuan" label={t('field.budget')} extra={t('field.budget.help')} rules={yuanRules({ min: 1, optional: true })} validateFirst>
              <ExactNumberInput data-testid="template-budget" suffix={t('unit.yuan')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="minOrderYuan" label={t('field.minOrder')} extra={t('field.minOrder.help')} rules={yuanRules({ optional: true, allowZero: true })} validateFirst>
              <ExactNumberInput data-testid="template-min-order" suffix={t('unit.yuan')} />
            </Form.Item>
          </Col>
        </Row>

        <Divider />
        <Typography.Title level={5}>{t('form.scope')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('form.scope.help')}</Typography.Paragraph>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="storeIds" label={t('field.stores')} rules={[listRule(2000, 20)]}>
              <Select
                mode="multiple"
                allowClear
                loading={stores === undefined}
                optionFilterProp="label"
                placeholder={t('field.stores.all')}
                options={(stores ?? []).map((s) => ({ value: s.storeId, label: `${s.storeId} ${s.name}` }))}
                data-testid="template-stores"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="regions" label={t('field.regions')} rules={[listRule(100, 20)]}>
              {tagSelect('template-regions', { options: regionOptions })}
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="categories" label={t('field.categories')} rules={[listRule(200, 40)]}>
              {tagSelect('template-categories')}
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="scopeSkus" label={t('field.skus')} rules={[listRule(2000, 64)]}>
              {tagSelect('template-skus')}
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="excludeCategories" label={t('field.excludeCategories')} rules={[listRule(200, 40)]}>
              {tagSelect('template-exclude-categories')}
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="excludeSkus" label={t('field.excludeSkus')} rules={[listRule(2000, 64)]}>
              {tagSelect('template-exclude-skus')}
            </Form.Item>
          </Col>
        </Row>

        <Divider />
        <Typography.Title level={5}>{t('form.stacking')}</Typography.Title>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="stackingGroup" label={t('field.group')} extra={t('field.group.help')} rules={[required()]}>
              <Select options={groupOptions} data-testid="template-group" />
            </Form.Item>
          </Col>
          {stackingGroup === CUSTOM_GROUP && (
            <Col xs={24} md={8}>
              <Form.Item name="customGroup" label={t('field.customGroup')} rules={[required(), { pattern: GROUP_PATTERN, message: t('field.group.rule') }]} preserve={false}>
                <Input data-testid="template-custom-group" placeholder="double-eleven" />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} md={stackingGroup === CUSTOM_GROUP ? 8 : 16}>
            <Form.Item
              name="excludes"
              label={t('field.excludes')}
              extra={t('field.excludes.help')}
              dependencies={['stackingGroup', 'customGroup']}
              rules={[
                listRule(20, 40),
                {
                  validator: async (_, v: string[] | undefined) => {
                    if ((v ?? []).some((x) => !GROUP_PATTERN.test(x.trim()))) throw new Error(t('field.group.rule'));
                    const group = stackingGroup === CUSTOM_GROUP ? String(form.getFieldValue('customGroup') ?? '').trim() : stackingGroup;
                    if ((v ?? []).includes(group)) throw new Error(t('field.excludes.self'));
                  },
                },
              ]}
            >
              {tagSelect('template-excludes', { options: [...PRESET_GROUPS, 'stored-value-discount', 'points-deduction'].map((g) => ({ value: g, label: g })) })}
            </Form.Item>
          </Col>
        </Row>

        <Divider />
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="claimChannel" label={t('field.channel')}>
              <Radio.Group data-testid="template-channel" options={[{ value: 'centre', label: t('channel.centre') }, { value: 'issued', label: t('channel.issued') }]} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="status" label={t('field.initialStatus')} extra={t('field.initialStatus.help')}>
              <Radio.Group data-testid="template-initial-status" options={[{ value: 'active', label: t('status.active') }, { value: 'draft', label: t('status.draft') }]} />
            </Form.Item>
          </Col>
        </Row>
        <Collapse
          size="small"
          items={[
            {
              key: 'advanced',
              label: t('form.advanced'),
              forceRender: true,
              children: (
                <Form.Item
                  name="shards"
                  label={t('field.shards')}
                  extra={t('field.shards.help')}
                  dependencies={['stock']}
                  validateFirst
                  rules={[
                    ...wholeRules({ min: 1, max: 32, optional: true }),
                    {
                      validator: async (_, v: string | undefined) => {
                        const n = parseWhole(v ?? '');
                        const stock = parseWhole(String(form.getFieldValue('stock') ?? ''));
                        if (n.ok && stock.ok && n.value > stock.value) throw new Error(t('field.shards.overStock'));
                      },
                    },
                  ]}
                >
                  <ExactNumberInput data-testid="template-shards" />
                </Form.Item>
              ),
            },
          ]}
        />
      </Form>
    </Drawer>
  );
}
