import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, AutoComplete, Button, Checkbox, Col, Form, Input, Row, Select, Table, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useMemo, useState } from 'react';
import type { ChainSettings, TierCode } from '../../../../shared/settings';
import { previewSettingsChange, type BasketPreview, type SampleBasket } from '../../../../shared/rules/settings-preview';
import { shanghaiToday } from '../../components/ShanghaiTime';
import { formatFen, parseWhole, parseYuanToFen } from '../../forms/exact-number';
import { ExactNumberInput, wholeRule, yuanRule } from '../../forms/ExactNumberInput';
import { pick, useLang, useT } from '../../shell/i18n';
import { isCalendarDay, TIER_CODES } from './form-model';
import { settingsMessages } from './messages';

interface BasketForm {
  tier: TierCode;
  day: string;
  birthday: boolean;
  availablePoints: string;
  lines: Array<{ category: string; price: string; quantity: string }>;
}

const LIMITS = {
  // Rule 10.6: a unit price is at most 1,000,000 yuan, a quantity at most 100,000 units.
  priceFen: { min: 0, max: 100_000_000 },
  quantity: { min: 1, max: 100_000, allowZero: false },
  points: { min: 0, max: 100_000_000 },
  lines: 20,
};

/** The basket the form describes, or null while any of it is not exactly a number or a day. */
export function basketOf(v: BasketForm): SampleBasket | null {
  if (!v.tier || !isCalendarDay(v.day ?? '')) return null;
  const points = parseWhole(v.availablePoints ?? '', LIMITS.points);
  if (!points.ok) return null;
  const lines: SampleBasket['lines'] = [];
  for (const l of v.lines ?? []) {
    const price = parseYuanToFen(l?.price ?? '', LIMITS.priceFen);
    const qty = parseWhole(l?.quantity ?? '', LIMITS.quantity);
    if (!price.ok || !qty.ok) return null;
    lines.push({ category: (l.category ?? '').trim(), unitPriceFen: price.value, quantity: qty.value });
  }
  return {
    lines,
    tier: v.tier,
    // Noon in Shanghai on that business day.
    soldAtIso: `${v.day}T12:00:00+08:00`,
    birthdayMonth: v.birthday ? Number(v.day.slice(5, 7)) : null,
    availablePoints: points.value,
  };
}

/**
 * A sample basket, editable, with what it costs and earns under the settings before and after the change
 * (shared/rules/settings-preview.ts: the register's own rules).
 */
export function SamplePreview({ before, after }: { before: ChainSettings; after: ChainSettings }) {
  const t = useT(settingsMessages);
  const lang = useLang();
  const [form] = Form.useForm<BasketForm>();
  const codes = TIER_CODES.filter((c) => after.tiers.some((x) => x.code === c) || before.tiers.some((x) => x.code === c));
  const [values, setValues] = useState<BasketForm>(() => ({
    tier: codes.includes('silver') ? 'silver' : codes[0],
    day: shanghaiToday(),
    birthday: false,
    availablePoints: '2000',
    lines: [
      { category: 'grocery', price: '100', quantity: '2' },
      { category: after.points.excludedCategories[0] ?? before.points.excludedCategories[0] ?? 'tobacco', price: '30', quantity: '1' },
    ],
  }));
  const categories = [...new Set(['grocery', ...before.points.excludedCategories, ...after.points.excludedCategories])];

  const result = useMemo(() => {
    const basket = basketOf(values);
    if (!basket) return null;
    try {
      return previewSettingsChange(before, after, basket);
    } catch {
      return null;
    }
  }, [values, before, after]);

  const tierName = (code: TierCode) => {
    const tier = after.tiers.find((x) => x.code === code) ?? before.tiers.find((x) => x.code === code);
    return tier ? pick(tier.name, lang) : code;
  };
  const discountText = (bp: number) => (bp === 10000 ? t('tier.noDiscount') : `${bp / 100}%`);
  const rows: Array<{ key: string; label: string; show: (p: BasketPreview) => string }> = [
    {
      key: 'tier',
      label: t('sample.row.tier'),
      show: (p) => `${pick(p.tier.name, lang)} · ${discountText(p.tier.discountBasisPoints)} · ${p.tier.pointsPerYuan}/¥${p.tierMissing ? ` ${t('sample.tierMissing', { name: pick(p.tier.name, lang) })}` : ''}`,
    },
    { key: 'list', label: t('sample.row.list'), show: (p) => `¥${formatFen(p.listTotalFen)}` },
    { key: 'discount', label: t('sample.row.discount'), show: (p) => `-¥${formatFen(p.tierDiscountFen)}` },
    { key: 'afterTier', label: t('sample.row.afterTier'), show: (p) => `¥${formatFen(p.afterTierFen)}` },
    {
      key: 'deduction',
      label: t('sample.row.deduction'),
      show: (p) => (p.deduction.reason === 'ok' ? `${p.deduction.points.toLocaleString('en-US')} → -¥${formatFen(p.deduction.fen)}` : t(`sample.reason.${p.deduction.reason}`)),
    },
    { key: 'payable', label: t('sample.row.payable'), show: (p) => `¥${formatFen(p.payableFen)}` },
    { key: 'points', label: t('sample.row.points'), show: (p) => t('sample.pointsSplit', { total: p.points.total.toLocaleString('en-US'), base: p.points.base.toLocaleString('en-US'), bonus: p.points.bonus.toLocaleString('en-US') }) },
    {
      key: 'rules',
      label: t('sample.row.rules'),
      show: (p) =>
        p.points.appliedRules.length
          ? p.points.appliedRules.map((r) => (r.startsWith('holiday:') ? t('rule.holiday', { name: r.slice(8) }) : r === 'birthday-double' || r === 'bonus-capped' ? t(`rule.${r}`) : r)).join(lang === 'en' ? ', ' : '、')
          : t('sample.none'),
    },
  ];

  return (
    <div data-testid="settings-sample">
      <Typography.Title level={5}>{t('sample.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('sample.intro')}</Typography.Paragraph>
      <Form form={form} layout="vertical" size="small" initialValues={values} onValuesChange={(_, all) => setValues(all as BasketForm)}>
        <Row gutter={12}>
          <Col span={6}>
            <Form.Item name="tier" label={t('sample.tier')}>
              <Select data-testid="sample-tier" options={codes.map((c) => ({ value: c, label: tierName(c) }))} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="day" label={t('sample.day')} rules={[{ validator: async (_, v: string) => { if (!isCalendarDay(v ?? '')) throw new Error(t('holiday.day')); } }]}>
              <Input data-testid="sample-day" placeholder="YYYY-MM-DD" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="availablePoints" label={t('sample.available')} rules={[wholeRule(LIMITS.points)]}>
              <ExactNumberInput data-testid="sample-available-points" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="birthday" label=" " valuePropName="checked">
              <Checkbox data-testid="sample-birthday">{t('sample.birthday')}</Checkbox>
            </Form.Item>
          </Col>
        </Row>
        <Form.List name="lines">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => (
                <Row gutter={12} key={field.key} align="top" data-testid="sample-line">
                  <Col span={8}>
                    <Form.Item name={[field.name, 'category']} label={i === 0 ? t('sample.category') : undefined}>
                      <AutoComplete options={categories.map((c) => ({ value: c }))} data-testid="sample-line-category" />
                    </Form.Item>
                  </Col>
                  <Col span={7}>
                    <Form.Item name={[field.name, 'price']} label={i === 0 ? t('sample.price') : undefined} rules={[yuanRule(LIMITS.priceFen)]}>
                      <ExactNumberInput data-testid="sample-line-price" suffix="¥" />
                    </Form.Item>
                  </Col>
                  <Col span={6}>
                    <Form.Item name={[field.name, 'quantity']} label={i === 0 ? t('sample.quantity') : undefined} rules={[wholeRule(LIMITS.quantity)]}>
                      <ExactNumberInput data-testid="sample-line-quantity" />
                    </Form.Item>
                  </Col>
                  <Col span={3} style={{ paddingTop: i === 0 ? 30 : 0 }}>
                    <Button icon={<DeleteOutlined />} onClick={() => remove(field.name)} disabled={fields.length <= 1} data-testid="sample-line-remove" />
                  </Col>
                </Row>
              ))}
              {fields.length < LIMITS.lines && (
                <Button icon={<PlusOutlined />} size="small" onClick={() => add({ category: 'grocery', price: '10', quantity: '1' })} data-testid="sample-line-add" style={{ marginBottom: 12 }}>
                  {t('sample.addLine')}
                </Button>
              )}
            </>
          )}
        </Form.List>
      </Form>
      {result ? (
        <Table
          data-testid="settings-preview"
          size="small"
          pagination={false}
          rowKey="key"
          dataSource={rows}
          onRow={(r) => ({ 'data-testid': `sample-row-${r.key}` }) as HTMLAttributes<HTMLElement>}
          columns={[
            { key: 'what', title: t('sample.what'), render: (_, r) => r.label },
            { key: 'before', title: t('sample.before'), render: (_, r) => <span data-testid={`sample-before-${r.key}`}>{r.show(result.before)}</span> },
            {
              key: 'after',
              title: t('sample.after'),
              render: (_, r) => {
                const [b, a] = [r.show(result.before), r.show(result.after)];
                return (
                  <Typography.Text strong={a !== b} type={a !== b ? 'warning' : undefined} data-testid={`sample-after-${r.key}`}>
                    {a}
                  </Typography.Text>
                );
              },
            },
          ]}
        />
      ) : (
        <Alert type="warning" showIcon message={t('sample.invalid')} data-testid="settings-preview-invalid" />
      )}
    </div>
  );
}
