import { DeleteOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Divider, Form, Input, Modal, Result, Row, Select, Skeleton, Space, Switch, Tabs, Tag, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import { useState, type ReactNode } from 'react';
import { settingsDiff, type SettingsChange } from '../../../../shared/rules/settings-preview';
import { defaultChainSettings } from '../../../../shared/settings-defaults';
import type { ChainSettings, TierCode } from '../../../../shared/settings';
import { applyServerIssues, issueText, type ServerIssue } from '../../components/ServerFieldErrors';
import { formatShanghai } from '../../components/ShanghaiTime';
import { formatFen, parseWhole, parseYuanToFen, type WholeOptions } from '../../forms/exact-number';
import { ExactNumberInput, wholeRule, yuanRule } from '../../forms/ExactNumberInput';
import { ApiError, errorMessage } from '../../shell/api';
import { pick, useLang, useT } from '../../shell/i18n';
import { useSession } from '../../shell/session';
import { BOUNDS, formFieldOf, isCalendarDay, tabOf, TIER_CODES, tierToForm, toForm, fromForm, type SettingsForm, type SettingsTab } from './form-model';
import { saveSettings, useCouponPacks, useSettingsDocument, type SettingsDocument } from './hooks';
import { settingsMessages } from './messages';
import { SamplePreview } from './SamplePreview';
import { SettingsDiff } from './SettingsDiff';

type Name = Array<string | number>;
const testid = (prefix: string, name: Name) => `${prefix}-${name.join('-')}`;

/** A live reading of a whole-number field ("= 95%（9.5折）"), shown only while the text is a number. */
function Hint({ name, render }: { name: Name; render: (n: number) => string }) {
  const form = Form.useFormInstance();
  const v = Form.useWatch(name, form) as string | undefined;
  const p = parseWhole(v ?? '');
  return p.ok ? <span>{render(p.value)}</span> : null;
}

/** The chain settings: edit, see what changes (the diff and a sample basket before and after), save at the version read. */
export default function SettingsPage() {
  const t = useT(settingsMessages);
  const session = useSession();
  const { doc, setDoc, loading, error, reload } = useSettingsDocument();
  const [generation, setGeneration] = useState(0);
  // Settings change only from chain-scoped ops or admin accounts (the route table lets this page open for both roles).
  const canSave = session?.staff.scope.level === 'chain';

  if (!doc) {
    if (loading) return <Skeleton active />;
    return (
      <div data-testid="settings-load-error">
        <Result
          status="error"
          title={t('loadFailed')}
          subTitle={error}
          extra={
            <Button onClick={() => void reload()} data-testid="settings-retry">
              {t('retry')}
            </Button>
          }
        />
      </div>
    );
  }
  return (
    <SettingsEditor
      key={`${doc.version}:${generation}`}
      doc={doc}
      canSave={canSave}
      loading={loading}
      onSaved={setDoc}
      onReload={async () => {
        const fresh = await reload();
        if (fresh) setGeneration((g) => g + 1);
      }}
    />
  );
}

function SettingsEditor({ doc, canSave, loading, onSaved, onReload }: { doc: SettingsDocument; canSave: boolean; loading: boolean; onSaved: (d: SettingsDocument) => void; onReload: () => Promise<void> }) {
  const t = useT(settingsMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<SettingsForm>();
  const [tab, setTab] = useState<SettingsTab>('tiers');
  const [reviewing, setReviewing] = useState<{ after: ChainSettings; changes: SettingsChange[] } | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<{ message: string; conflict: boolean } | null>(null);
  const [refusal, setRefusal] = useState<{ message: string; issues: ServerIssue[] } | null>(null);
  const packs = useCouponPacks();

  // ---- rules ----------------------------------------------------------------------------------
  const textRule = (len: { min: number; max: number }): Rule => ({
    validator: async (_, v: string | undefined) => {
      const n = [...(v ?? '').trim()].length;
      if (n < len.min || n > len.max) throw new Error(n === 0 ? t('required') : t('length', len));
    },
  });
  const yuanRules = (bounds: { min: number; max: number }): Rule[] => [
    yuanRule({}),
    {
      validator: async (_, v: string | undefined) => {
        const p = parseYuanToFen(v ?? '');
        if (p.ok && p.value > bounds.max) throw new Error(t('maxYuan', { max: formatFen(bounds.max) }));
        if (p.ok && p.value < bounds.min) throw new Error(t('minYuan', { min: formatFen(bounds.min) }));
      },
    },
  ];
  const dayRule: Rule = {
    validator: async (_, v: string | undefined) => {
      if (!isCalendarDay((v ?? '').trim())) throw new Error(t('holiday.day'));
    },
  };

  // ---- fields -----------------------------------------------------------------------------------
  const whole = (name: Name, label: ReactNode, bounds: WholeOptions, opts: { extra?: ReactNode; suffix?: string; id?: string; rules?: Rule[] } = {}) => (
    <Form.Item name={name} label={label} extra={opts.extra} rules={[wholeRule(bounds), ...(opts.rules ?? [])]} validateFirst required>
      <ExactNumberInput data-testid={opts.id ?? testid('settings', name)} suffix={opts.suffix} />
    </Form.Item>
  );
  const yuan = (name: Name, label: ReactNode, bounds: { min: number; max: number }, opts: { extra?: ReactNode; id?: string; disabled?: boolean } = {}) => (
    <Form.Item name={name} label={label} extra={opts.extra} rules={opts.disabled ? [] : yuanRules(bounds)} validateFirst required={!opts.disabled}>
      <ExactNumberInput data-testid={opts.id ?? testid('settings', name)} suffix={t('unit.yuan')} disabled={opts.disabled} />
    </Form.Item>
  );
  const text = (name: Name, label: ReactNode, len: { min: number; max: number }, opts: { extra?: ReactNode; id?: string } = {}) => (
    <Form.Item name={name} label={label} extra={opts.extra} rules={[textRule(len)]} required>
      <Input data-testid={opts.id ?? testid('settings', name)} autoComplete="off" />
    </Form.Item>
  );
  const pct = (bp: number) => String(Number((bp / 100).toFixed(2)));
  const discountHint = (bp: number) => (bp >= 10000 ? t('tier.noDiscount') : t('tier.discountHint', { percent: pct(bp), zhe: `${Number((bp / 1000).toFixed(3))}折` }));

  // ---- tabs -------------------------------------------------------------------------------------
  const tiersTab = (
    <Form.List name="tiers">
      {(fields, { add, remove }) => {
        const present = (form.getFieldValue('tiers') as SettingsForm['tiers'] | undefined)?.map((x) => x?.code) ?? [];
        const missing = TIER_CODES.filter((c) => !present.includes(c));
        return (
          <Space direction="vertical" style={{ width: '100%' }}>
            {fields.map((field) => {
              const code = form.getFieldValue(['tiers', field.name, 'code']) as TierCode;
              const isBase = code === 'base';
              const id = (f: string) => `settings-tier-${code}-${f}`;
              return (
                <Card
                  key={field.key}
                  size="small"
                  data-testid={`settings-tier-${code}`}
                  title={
                    <Space>
                      <Tag>{code}</Tag>
                      <Form.Item noStyle shouldUpdate>
                        {() => <span>{form.getFieldValue(['tiers', field.name, lang === 'en' ? 'nameEn' : 'nameZh']) as string}</span>}
                      </Form.Item>
                    </Space>
                  }
                  extra={
                    isBase ? (
                      <Typography.Text type="secondary">{t('tier.baseRequired')}</Typography.Text>
                    ) : (
                      <Button size="small" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} data-testid={id('remove')}>
                        {t('tier.remove')}
                      </Button>
                    )
                  }
                >
                  <Row gutter={16}>
                    <Col xs={24} md={6}>{text([field.name, 'nameZh'], t('tier.nameZh'), BOUNDS.nameLength, { id: id('nameZh') })}</Col>
                    <Col xs={24} md={6}>{text([field.name, 'nameEn'], t('tier.nameEn'), BOUNDS.nameLength, { id: id('nameEn') })}</Col>
                    <Col xs={24} md={6}>
                      {yuan([field.name, 'thresholdYuan'], t('tier.thresholdYuan'), BOUNDS.thresholdFen, { id: id('thresholdYuan'), disabled: isBase, extra: isBase ? t('tier.thresholdBase') : undefined })}
                    </Col>
                    <Col xs={24} md={6}>
                      {whole([field.name, 'discountBasisPoints'], t('tier.discount'), BOUNDS.discountBasisPoints, {
                        id: id('discountBasisPoints'),
                        extra: <Hint name={['tiers', field.name, 'discountBasisPoints']} render={discountHint} />,
                      })}
                    </Col>
                    <Col xs={24} md={6}>{whole([field.name, 'pointsPerYuan'], t('tier.pointsPerYuan'), BOUNDS.pointsPerYuan, { id: id('pointsPerYuan') })}</Col>
                    <Col xs={12} md={6}>
                      <Form.Item name={[field.name, 'birthdayDoublePoints']} label={t('tier.birthday')} valuePropName="checked">
                        <Switch data-testid={id('birthdayDoublePoints')} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={6}>
                      <Form.Item name={[field.name, 'needsApproval']} label={t('tier.approval')} valuePropName="checked">
                        <Switch data-testid={id('needsApproval')} />
                      </Form.Item>
                    </Col>
                  </Row>
                </Card>
              );
            })}
            <Space wrap>
              {missing.map((code) => {
                const d = defaultChainSettings.tiers.find((x) => x.code === code)!;
                return (
                  <Button
                    key={code}
                    icon={<PlusOutlined />}
                    data-testid={`settings-tier-add-${code}`}
                    onClick={() => add(tierToForm(d))}
                  >
                    {t('tier.add', { name: pick(d.name, lang) })}
                  </Button>
                );
              })}
            </Space>
            <Typography.Text type="secondary">{t('tier.thresholdOrder')}</Typography.Text>
          </Space>
        );
      }}
    </Form.List>
  );

  const earningTab = (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Form.Item
          name={['points', 'excludedCategories']}
          label={t('points.excludedCategories')}
          extra={t('points.excludedHelp')}
          rules={[
            {
              validator: async (_, v: string[] | undefined) => {
                const list = v ?? [];
                if (list.length > BOUNDS.categories.max) throw new Error(t('tooMany', { max: BOUNDS.categories.max }));
                if (list.some((c) => [...c.trim()].length < BOUNDS.categoryLength.min || [...c.trim()].length > BOUNDS.categoryLength.max)) throw new Error(t('length', BOUNDS.categoryLength));
              },
            },
          ]}
        >
          <Select mode="tags" tokenSeparators={[',', '，']} open={false} data-testid="settings-points-excludedCategories" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>{whole(['points', 'dailyBonusCap'], t('points.dailyBonusCap'), BOUNDS.dailyBonusCap, { extra: t('points.dailyBonusCapHelp'), suffix: t('unit.points') })}</Col>
      <Col xs={24} md={8}>{whole(['points', 'returnWindowDays'], t('points.returnWindowDays'), BOUNDS.returnWindowDays, { extra: t('points.returnWindowHelp'), suffix: t('unit.days') })}</Col>
      <Col xs={24} md={8}>{whole(['points', 'expiryReminderDays'], t('points.expiryReminderDays'), BOUNDS.expiryReminderDays, { suffix: t('unit.days') })}</Col>
      <Col xs={24} md={8}>{whole(['points', 'welcomePoints'], t('points.welcomePoints'), BOUNDS.welcomePoints, { extra: t('points.welcomeHelp'), suffix: t('unit.points') })}</Col>
      <Col xs={24} md={8}>{whole(['points', 'reviewWithPhoto'], t('points.reviewWithPhoto'), BOUNDS.reviewWithPhoto, { extra: t('points.plannedHelp'), suffix: t('unit.points') })}</Col>
      <Col xs={24} md={8}>{whole(['points', 'inviteFriend'], t('points.inviteFriend'), BOUNDS.inviteFriend, { extra: t('points.plannedHelp'), suffix: t('unit.points') })}</Col>
    </Row>
  );

  const deductionTab = (
    <Row gutter={16}>
      <Col xs={24} md={8}>
        {whole(['points', 'pointsPerYuanDeduction'], t('points.pointsPerYuanDeduction'), BOUNDS.pointsPerYuanDeduction, {
          extra: <Hint name={['points', 'pointsPerYuanDeduction']} render={(n) => t('points.rateHint', { points: n })} />,
        })}
      </Col>
      <Col xs={24} md={8}>{yuan(['points', 'deductionMinOrderYuan'], t('points.deductionMinOrderYuan'), BOUNDS.deductionMinOrderFen, { extra: t('points.deductionMinHelp') })}</Col>
      <Col xs={24} md={8}>
        {whole(['points', 'deductionMaxShareBasisPoints'], t('points.deductionMaxShare'), BOUNDS.deductionMaxShareBasisPoints, {
          extra: <Hint name={['points', 'deductionMaxShareBasisPoints']} render={(n) => t('points.shareHint', { percent: pct(n) })} />,
        })}
      </Col>
    </Row>
  );

  const signInTab = (
    <>
      <Form.List
        name={['points', 'signInCycle']}
        rules={[
          {
            validator: async (_, v: string[] | undefined) => {
              const n = (v ?? []).length;
              if (n < BOUNDS.signInCycleLength.min || n > BOUNDS.signInCycleLength.max) throw new Error(t('points.cycleLength'));
            },
          },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <>
            <Typography.Paragraph>
              <Typography.Text strong>{t('points.signInCycle')}</Typography.Text> <Typography.Text type="secondary">{t('points.signInCycleHelp')}</Typography.Text>
            </Typography.Paragraph>
            <Row gutter={12}>
              {fields.map((field, i) => (
                <Col key={field.key} xs={12} md={6} lg={3}>
                  <Form.Item name={field.name} label={t('points.signInDay', { n: i + 1 })} rules={[wholeRule(BOUNDS.signInPoints)]}>
                    <ExactNumberInput data-testid={`settings-signin-${i}`} suffix={t('unit.points')} />
                  </Form.Item>
                  {fields.length > 1 && (
                    <Button size="small" type="link" danger onClick={() => remove(field.name)} data-testid={`settings-signin-remove-${i}`} style={{ padding: 0, marginTop: -16 }}>
                      <DeleteOutlined />
                    </Button>
                  )}
                </Col>
              ))}
            </Row>
            {fields.length < BOUNDS.signInCycleLength.max && (
              <Button icon={<PlusOutlined />} onClick={() => add('5')} data-testid="settings-signin-add">
                {t('points.addDay')}
              </Button>
            )}
            <Form.ErrorList errors={errors} />
          </>
        )}
      </Form.List>
      <Divider />
      <Row gutter={16}>
        <Col xs={24} md={8}>{whole(['points', 'signInDaily'], t('points.signInDaily'), BOUNDS.signInDaily, { extra: t('points.signInDailyHelp'), suffix: t('unit.points') })}</Col>
      </Row>
    </>
  );

  const holidaysTab = (
    <Form.List name={['points', 'holidays']}>
      {(fields, { add, remove }) => (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">{t('holiday.help')}</Typography.Text>
          {fields.length === 0 && <Typography.Text>{t('holiday.none')}</Typography.Text>}
          {fields.map((field, i) => {
            const id = (f: string) => `settings-holiday-${i}-${f}`;
            return (
              <Card
                key={field.key}
                size="small"
                data-testid={`settings-holiday-${i}`}
                title={t('holiday.n', { n: i + 1 })}
                extra={
                  <Button size="small" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} data-testid={id('remove')}>
                    {t('holiday.remove')}
                  </Button>
                }
              >
                <Row gutter={16}>
                  <Col xs={24} md={6}>{text([field.name, 'nameZh'], t('holiday.nameZh'), BOUNDS.nameLength, { id: id('nameZh') })}</Col>
                  <Col xs={24} md={6}>{text([field.name, 'nameEn'], t('holiday.nameEn'), BOUNDS.nameLength, { id: id('nameEn') })}</Col>
                  <Col xs={12} md={6}>
                    <Form.Item name={[field.name, 'from']} label={t('holiday.from')} rules={[dayRule]} required>
                      <Input placeholder="YYYY-MM-DD" data-testid={id('from')} autoComplete="off" />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={6}>
                    <Form.Item
                      name={[field.name, 'to']}
                      label={t('holiday.to')}
                      dependencies={[['points', 'holidays', field.name, 'from']]}
                      required
                      rules={[
                        dayRule,
                        ({ getFieldValue }) => ({
                          validator: async (_, v: string | undefined) => {
                            const from = ((getFieldValue(['points', 'holidays', field.name, 'from']) as string | undefined) ?? '').trim();
                            const to = (v ?? '').trim();
                            if (isCalendarDay(from) && isCalendarDay(to) && to < from) throw new Error(t('holiday.order'));
                          },
                        }),
                      ]}
                      validateFirst
                    >
                      <Input placeholder="YYYY-MM-DD" data-testid={id('to')} autoComplete="off" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={6}>
                    {whole([field.name, 'multiplierPercent'], t('holiday.multiplier'), BOUNDS.multiplierPercent, {
                      id: id('multiplierPercent'),
                      suffix: t('unit.percent'),
                      extra: <Hint name={['points', 'holidays', field.name, 'multiplierPercent']} render={(n) => t('holiday.multiplierHint', { x: n / 100 })} />,
                    })}
                  </Col>
                  <Col xs={24} md={6}>{whole([field.name, 'flatBonus'], t('holiday.flatBonus'), BOUNDS.flatBonus, { id: id('flatBonus'), suffix: t('unit.points') })}</Col>
                  <Col xs={24} md={6}>{yuan([field.name, 'flatBonusMinYuan'], t('holiday.flatBonusMin'), BOUNDS.flatBonusMinFen, { id: id('flatBonusMinYuan') })}</Col>
                </Row>
              </Card>
            );
          })}
          {fields.length < BOUNDS.holidays.max && (
            <Button
              icon={<PlusOutlined />}
              data-testid="settings-holiday-add"
              onClick={() => add({ nameZh: '', nameEn: '', from: '', to: '', multiplierPercent: '200', flatBonus: '0', flatBonusMinYuan: '0' })}
            >
              {t('holiday.add')}
            </Button>
          )}
        </Space>
      )}
    </Form.List>
  );

  const couponsTab = (
    <Row gutter={16}>
      <Col span={24}>
        <Alert type="info" showIcon message={t('coupons.help')} style={{ marginBottom: 16 }} />
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          name={['coupons', 'newMemberPackId']}
          label={t('coupons.newMemberPack')}
          extra={packs === null ? t('coupons.packsUnavailable') : t('coupons.newMemberPackHelp')}
          rules={[{ pattern: /^[A-Za-z0-9_-]{1,40}$/, message: t('length', { min: 1, max: 40 }) }]}
        >
          {packs === null ? (
            <Input allowClear data-testid="settings-coupons-newMemberPackId" autoComplete="off" />
          ) : (
            <Select
              allowClear
              loading={packs === undefined}
              placeholder={t('coupons.noPack')}
              data-testid="settings-coupons-newMemberPackId"
              options={(packs ?? []).map((p) => ({ value: p.packId, label: `${p.packId} · ${pick(p.name, lang)}` }))}
            />
          )}
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>{yuan(['coupons', 'compensationCapYuan'], t('coupons.compensationCap'), BOUNDS.couponCompensationCapFen, { extra: t('coupons.compensationCapHelp') })}</Col>
      <Col xs={24} md={12}>
        <Form.Item name={['coupons', 'restoreOnWholeReturn']} label={t('coupons.restoreOnWholeReturn')} extra={t('coupons.restoreHelp')} valuePropName="checked">
          <Switch data-testid="settings-coupons-restoreOnWholeReturn" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>{whole(['coupons', 'expiryReminderDays'], t('coupons.expiryReminderDays'), BOUNDS.couponExpiryReminderDays, { extra: t('coupons.expiryReminderHelp'), suffix: t('unit.days') })}</Col>
    </Row>
  );

  const consentTab = (
    <Row gutter={16}>
      <Col span={24}>
        <Alert type="info" showIcon message={t('consent.help')} style={{ marginBottom: 16 }} />
      </Col>
      <Col xs={24} md={8}>{text(['privacyPolicyVersion'], t('consent.privacy'), BOUNDS.versionLength, { id: 'settings-consent-privacy' })}</Col>
      <Col xs={24} md={8}>{text(['termsVersion'], t('consent.terms'), BOUNDS.versionLength, { id: 'settings-consent-terms' })}</Col>
    </Row>
  );

  const otherTab = (
    <Row gutter={16}>
      <Col xs={24} md={8}>{text(['chainNameZh'], t('chainNameZh'), BOUNDS.nameLength)}</Col>
      <Col xs={24} md={8}>{text(['chainNameEn'], t('chainNameEn'), BOUNDS.nameLength)}</Col>
      <Col xs={24} md={8} />
      <Col xs={24} md={8}>{whole(['points', 'serviceCompensationCap'], t('points.serviceCompensationCap'), BOUNDS.serviceCompensationCap, { suffix: t('unit.points') })}</Col>
      <Col xs={24} md={8}>{whole(['points', 'serviceDailyCap'], t('points.serviceDailyCap'), BOUNDS.serviceDailyCap, { suffix: t('unit.points') })}</Col>
      <Col xs={24} md={8}>{whole(['lateSaleMaxDays'], t('lateSaleMaxDays'), BOUNDS.lateSaleMaxDays, { suffix: t('unit.days') })}</Col>
      <Col xs={24} md={8}>{whole(['lifecycle', 'sleepingAfterDays'], t('lifecycle.sleeping'), BOUNDS.lifecycleDays, { suffix: t('unit.days') })}</Col>
      <Col xs={24} md={8}>
        <Form.Item
          name={['lifecycle', 'churnedAfterDays']}
          label={t('lifecycle.churned')}
          dependencies={[['lifecycle', 'sleepingAfterDays']]}
          validateFirst
          required
          rules={[
            wholeRule(BOUNDS.lifecycleDays),
            ({ getFieldValue }) => ({
              validator: async (_, v: string | undefined) => {
                const sleeping = parseWhole((getFieldValue(['lifecycle', 'sleepingAfterDays']) as string | undefined) ?? '');
                const churned = parseWhole(v ?? '');
                if (sleeping.ok && churned.ok && churned.value < sleeping.value) throw new Error(t('lifecycle.order'));
              },
            }),
          ]}
        >
          <ExactNumberInput data-testid="settings-lifecycle-churnedAfterDays" suffix={t('unit.days')} />
        </Form.Item>
      </Col>
    </Row>
  );

  // ---- review and save --------------------------------------------------------------------------
  const review = async () => {
    setRefusal(null);
    try {
      await form.validateFields();
    } catch (err) {
      const first = (err as { errorFields?: Array<{ name: Name }> }).errorFields?.[0]?.name;
      if (first) setTab(tabOf(first));
      message.error?.(t('fixErrors'));
      return;
    }
    const after = fromForm(form.getFieldsValue(true) as SettingsForm, doc.settings);
    const changes = settingsDiff(doc.settings, after);
    if (changes.length === 0) {
      message.info?.(t('noChanges'));
      return;
    }
    setSaveError(null);
    setReviewing({ after, changes });
  };

  const save = async () => {
    if (!reviewing) return;
    setSaving(true);
    setSaveError(null);
    try {
      const res = await saveSettings(reviewing.after, doc.version);
      message.success?.(t('saved', { version: res.version }));
      setReviewing(null);
      onSaved(res);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        setSaveError({ message: err.message, conflict: true });
      } else if (err instanceof ApiError && err.status === 400) {
        const leftover = applyServerIssues(form, err, formFieldOf);
        const first = (err.details as Array<{ path?: string[] }> | undefined)?.map((d) => formFieldOf(d.path ?? [])).find((n) => n);
        if (first) setTab(tabOf(first));
        setRefusal({ message: err.message, issues: leftover });
        setReviewing(null);
      } else {
        setSaveError({ message: errorMessage(err), conflict: false });
      }
    } finally {
      setSaving(false);
    }
  };

  const consentChanges = reviewing?.changes.some((c) => c.path[0] === 'consent') ?? false;
  const tabs: Array<{ key: SettingsTab; label: string; children: ReactNode }> = [
    { key: 'tiers', label: t('tab.tiers'), children: tiersTab },
    { key: 'earning', label: t('tab.earning'), children: earningTab },
    { key: 'deduction', label: t('tab.deduction'), children: deductionTab },
    { key: 'signIn', label: t('tab.signIn'), children: signInTab },
    { key: 'holidays', label: t('tab.holidays'), children: holidaysTab },
    { key: 'coupons', label: t('tab.coupons'), children: couponsTab },
    { key: 'consent', label: t('tab.consent'), children: consentTab },
    { key: 'other', label: t('tab.other'), children: otherTab },
  ];

  return (
    <Card
      title={t('title')}
      data-testid="settings-page"
      extra={
        <Space wrap>
          <Typography.Text type="secondary" data-testid="settings-version">
            {t('version', { version: doc.version })} · {doc.updatedAt ? t('updatedAt', { at: formatShanghai(doc.updatedAt) }) : t('neverSaved')}
          </Typography.Text>
          <Button icon={<ReloadOutlined />} loading={loading} onClick={() => void onReload()} data-testid="settings-reload">
            {t('reload')}
          </Button>
          <Button onClick={() => form.resetFields()} data-testid="settings-reset">
            {t('reset')}
          </Button>
          <Button type="primary" onClick={() => void review()} disabled={!canSave} data-testid="settings-review">
            {t('review')}
          </Button>
        </Space>
      }
    >
      {!canSave && <Alert type="warning" showIcon message={t('chainOnly')} style={{ marginBottom: 16 }} data-testid="settings-chain-only" />}
      {refusal && (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => setRefusal(null)}
          style={{ marginBottom: 16 }}
          data-testid="settings-error"
          message={refusal.message}
          description={refusal.issues.length ? refusal.issues.map((i) => <div key={i.path.join('.')}>{`${i.path.slice(2).join('.')}: ${issueText(i)}`}</div>) : undefined}
        />
      )}
      <Form form={form} layout="vertical" initialValues={toForm(doc.settings)} scrollToFirstError>
        <Tabs activeKey={tab} onChange={(k) => setTab(k as SettingsTab)} items={tabs.map((x) => ({ ...x, label: <span data-testid={`settings-tab-${x.key}`}>{x.label}</span>, forceRender: true }))} />
      </Form>

      <Modal
        open={reviewing !== null}
        title={t('reviewTitle')}
        width={1000}
        maskClosable={false}
        closable={!saving}
        onCancel={() => !saving && setReviewing(null)}
        footer={[
          <Button key="cancel" disabled={saving} onClick={() => setReviewing(null)} data-testid="settings-review-cancel">
            {t('cancel')}
          </Button>,
          <Button key="save" type="primary" loading={saving} disabled={!canSave || !!saveError?.conflict} onClick={() => void save()} data-testid="settings-save-confirm">
            {t('save', { version: doc.version })}
          </Button>,
        ]}
      >
        {reviewing && (
          <Space direction="vertical" style={{ width: '100%' }} data-testid="settings-review-modal">
            {saveError && (
              <Alert
                type="error"
                showIcon
                data-testid={saveError.conflict ? 'settings-conflict' : 'settings-save-error'}
                message={saveError.conflict ? t('conflictTitle') : saveError.message}
                description={saveError.conflict ? `${saveError.message} ${t('conflictHint')}` : undefined}
                action={
                  saveError.conflict ? (
                    <Button
                      size="small"
                      onClick={() => {
                        setReviewing(null);
                        void onReload();
                      }}
                      data-testid="settings-conflict-reload"
                    >
                      {t('conflictReload')}
                    </Button>
                  ) : undefined
                }
              />
            )}
            {consentChanges && <Alert type="warning" showIcon message={t('consent.changed')} data-testid="settings-consent-warning" />}
            <Typography.Title level={5}>{t('diffTitle')}</Typography.Title>
            <SettingsDiff changes={reviewing.changes} before={doc.settings} after={reviewing.after} />
            <Divider />
            <SamplePreview before={doc.settings} after={reviewing.after} />
          </Space>
        )}
      </Modal>
    </Card>
  );
}
