import { Alert, App, Button, Card, Checkbox, Descriptions, Form, Input, Modal, Space, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import { useRef, useState } from 'react';
import type { RouteResponse } from '../../../../shared/routes';
import { applyServerIssues } from '../../components/ServerFieldErrors';
import { ExactNumberInput, wholeRule } from '../../forms/ExactNumberInput';
import { ApiError, api, errorMessage } from '../../shell/api';
import { useT } from '../../shell/i18n';
import { adjustFieldOf, CASE_REF, draftOf, IdempotencyKeys, NOTE_LIMITS, pointsOptions, REASON_LIMITS, type AdjustFormValues, type AdjustmentDraft, type AdjustRole } from './adjust-model';
import { membersMessages } from './messages';

type Preview = RouteResponse<'previewPointsAdjustment'>;
type Confirmation = { draft: AdjustmentDraft; preview: Preview; key: string };
const n = (x: number) => x.toLocaleString('en-US');
const signed = (x: number) => (x > 0 ? `+${n(x)}` : n(x));

/**
 * Adjusting a member's points (ops: either way; customer service: compensation under a case). Nothing is sent
 * until the operator has seen what it does: the server previews it (balance and debt after, what the shopper
 * reads, the caps left), a deduction into debt needs its own tick, and the confirmation carries one idempotency
 * key, reused by a retry, so a lost answer never grants twice.
 */
export function AdjustPoints({ memberId, role, onDone }: { memberId: string; role: AdjustRole; onDone: () => void }) {
  const t = useT(membersMessages);
  const { message } = App.useApp();
  const [form] = Form.useForm<AdjustFormValues>();
  const keys = useRef(new IdempotencyKeys());
  const [previewing, setPreviewing] = useState(false);
  const [panelError, setPanelError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [confirmation, setConfirmation] = useState<Confirmation | null>(null);
  const [debtConfirmed, setDebtConfirmed] = useState(false);
  const [sending, setSending] = useState(false);
  const [sendError, setSendError] = useState<{ message: string; unknownOutcome: boolean } | null>(null);

  const lengthRule = (limits: { min: number; max: number }, key: 'adjust.note.length' | 'adjust.reason.length', required: boolean): Rule => ({
    validator: async (_, v: string | undefined) => {
      const len = [...(v ?? '').trim()].length;
      if (len === 0 && !required) return;
      if (len < limits.min || len > limits.max) throw new Error(t(key));
    },
  });
  const pointsRules: Rule[] = [
    {
      validator: async (_, v: string | undefined) => {
        if (role === 'service' && (v ?? '').trim().startsWith('-')) throw new Error(t('adjust.serviceGrantOnly'));
      },
    },
    wholeRule(pointsOptions(role)),
  ];

  const preview = async (values: AdjustFormValues) => {
    const draft = draftOf(values, role);
    setPreviewing(true);
    setPanelError(null);
    setDone(null);
    try {
      const result = await api.call('previewPointsAdjustment', {
        params: { memberId },
        body: { points: draft.points, ...(draft.shopperReason ? { shopperReason: draft.shopperReason } : {}), ...(draft.caseRef ? { caseRef: draft.caseRef } : {}), allowDebt: false },
      });
      setDebtConfirmed(false);
      setSendError(null);
      setConfirmation({ draft, preview: result, key: keys.current.keyFor(draft) });
    } catch (err) {
      setPanelError(errorMessage(err));
      applyServerIssues(form, err, adjustFieldOf);
    } finally {
      setPreviewing(false);
    }
  };

  const send = async () => {
    if (!confirmation) return;
    const { draft, preview: p, key } = confirmation;
    setSending(true);
    setSendError(null);
    try {
      const res = await api.call('adjustPoints', {
        params: { memberId },
        body: { ...draft, allowDebt: p.outcome === 'needs-debt-confirmation' && debtConfirmed, idempotencyKey: key },
      });
      keys.current.settle(key);
      setConfirmation(null);
      form.resetFields();
      const text = res.debt > 0 ? t('adjust.doneDebt', { points: signed(res.points), balance: n(res.balance), debt: n(res.debt) }) : t('adjust.done', { points: signed(res.points), balance: n(res.balance) });
      setDone(text);
      message.success?.(text);
      onDone();
    } catch (err) {
      // A 4xx is the server's answer (nothing applied); anything else may or may not have been applied.
      const answered = err instanceof ApiError && err.status < 500;
      if (err instanceof ApiError && err.code === 'IDEMPOTENCY_CONFLICT') {
        keys.current.settle(key);
        setSendError({ message: `${errorMessage(err)} ${t('adjust.keySpent')}`, unknownOutcome: false });
      } else {
        setSendError({ message: errorMessage(err), unknownOutcome: !answered });
      }
      if (answered) applyServerIssues(form, err, adjustFieldOf);
    } finally {
      setSending(false);
    }
  };

  const p = confirmation?.preview;
  const blocked = !p || p.outcome === 'over-cap' || (p.outcome === 'needs-debt-confirmation' && !debtConfirmed);

  return (
    <Card title={t(role === 'service' ? 'adjust.title.service' : 'adjust.title.ops')} data-testid="adjust-panel">
      <Typography.Paragraph type="secondary">{t(role === 'service' ? 'adjust.intro.service' : 'adjust.intro.ops')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={preview} data-testid="adjust-form">
        <Form.Item name="points" label={t('adjust.points')} extra={t(role === 'service' ? 'adjust.points.help.service' : 'adjust.points.help.ops')} rules={pointsRules} validateFirst required>
          <ExactNumberInput data-testid="adjust-points" placeholder={role === 'service' ? '200' : '-15'} />
        </Form.Item>
        <Form.Item name="note" label={t('adjust.note')} extra={t('adjust.note.help')} rules={[lengthRule(NOTE_LIMITS, 'adjust.note.length', true)]} required>
          <Input.TextArea data-testid="adjust-note" rows={2} showCount />
        </Form.Item>
        <Form.Item
          name="reasonZh"
          label={t('adjust.reasonZh')}
          extra={t('adjust.reason.help')}
          dependencies={['reasonEn']}
          rules={[
            lengthRule(REASON_LIMITS, 'adjust.reason.length', false),
            ({ getFieldValue }) => ({
              validator: async (_, v: string | undefined) => {
                if (!(v ?? '').trim() && (getFieldValue('reasonEn') ?? '').trim()) throw new Error(t('adjust.reason.zhNeeded'));
              },
            }),
          ]}
        >
          <Input data-testid="adjust-reason-zh" placeholder="积分调整" />
        </Form.Item>
        <Form.Item name="reasonEn" label={t('adjust.reasonEn')} rules={[lengthRule(REASON_LIMITS, 'adjust.reason.length', false)]}>
          <Input data-testid="adjust-reason-en" placeholder="Points adjustment" />
        </Form.Item>
        <Form.Item
          name="caseRef"
          label={t('adjust.caseRef')}
          required={role === 'service'}
          rules={[
            {
              validator: async (_, v: string | undefined) => {
                const s = (v ?? '').trim();
                if (!s) {
                  if (role === 'service') throw new Error(t('adjust.caseRef.required'));
                  return;
                }
                if (!CASE_REF.test(s)) throw new Error(t('adjust.caseRef.format'));
              },
            },
          ]}
        >
          <Input data-testid="adjust-case-ref" placeholder="CS-20261201-001" autoComplete="off" />
        </Form.Item>
        <Space direction="vertical" style={{ width: '100%' }}>
          {panelError && <Alert data-testid="adjust-error" type="error" showIcon message={panelError} />}
          {done && <Alert data-testid="adjust-success" type="success" showIcon message={done} />}
          <Button type="primary" htmlType="submit" loading={previewing} data-testid="adjust-submit">
            {t('adjust.submit')}
          </Button>
        </Space>
      </Form>

      <Modal
        open={confirmation !== null}
        title={t('adjust.confirmTitle')}
        maskClosable={false}
        closable={!sending}
        onCancel={() => !sending && setConfirmation(null)}
        width={560}
        footer={[
          <Button key="cancel" data-testid="adjust-cancel" disabled={sending} onClick={() => setConfirmation(null)}>
            {t('adjust.cancel')}
          </Button>,
          <Button key="confirm" data-testid="adjust-confirm" type="primary" danger={(p?.points ?? 0) < 0} disabled={blocked} loading={sending} onClick={send}>
            {sendError?.unknownOutcome ? t('adjust.retry') : t('adjust.confirm')}
          </Button>,
        ]}
      >
        {p && confirmation && (
          <Space direction="vertical" style={{ width: '100%' }} data-testid="adjust-confirm-modal">
            <Descriptions column={1} bordered size="small">
              <Descriptions.Item label={t('adjust.change')}>
                <Typography.Text strong type={p.points < 0 ? 'danger' : 'success'} data-testid="adjust-confirm-points">
                  {signed(p.points)}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('adjust.balance')}>
                <span data-testid="adjust-confirm-balance">
                  {n(p.balanceBefore)} → {n(p.balanceAfter)}
                </span>
              </Descriptions.Item>
              {(p.debtBefore !== 0 || p.debtAfter !== 0) && (
                <Descriptions.Item label={t('adjust.debt')}>
                  <span data-testid="adjust-confirm-debt">
                    {n(p.debtBefore)} → {n(p.debtAfter)}
                  </span>
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t('adjust.shopperReads')}>
                <span data-testid="adjust-confirm-shopper-text">
                  「{p.shopperText.zh}」
                  {p.shopperText.en && p.shopperText.en !== p.shopperText.zh && (
                    <Typography.Text type="secondary">
                      {' '}
                      {t('adjust.shopperReadsEn')}: “{p.shopperText.en}”
                    </Typography.Text>
                  )}
                </span>
              </Descriptions.Item>
              <Descriptions.Item label={t('adjust.internalNote')}>
                <span data-testid="adjust-confirm-note">{confirmation.draft.note}</span>
              </Descriptions.Item>
              {confirmation.draft.caseRef && <Descriptions.Item label={t('adjust.caseRefShown')}>{confirmation.draft.caseRef}</Descriptions.Item>}
              {p.caps && (
                <Descriptions.Item label={t('adjust.caps')}>
                  <Space direction="vertical" size={0} data-testid="adjust-confirm-caps">
                    <span>{p.caps.perCaseLeft === null ? t('adjust.capsNone') : t('adjust.capsCase', { n: n(p.caps.perCaseLeft) })}</span>
                    <span>{t('adjust.capsToday', { n: n(p.caps.todayLeft) })}</span>
                  </Space>
                </Descriptions.Item>
              )}
            </Descriptions>
            {p.shortBy > 0 && <Alert data-testid="adjust-confirm-short" type="warning" showIcon message={t('adjust.short', { n: n(p.shortBy) })} />}
            {p.points > 0 && p.debtBefore > 0 && <Alert type="info" showIcon message={t('adjust.paysDebt')} />}
            {p.outcome === 'needs-debt-confirmation' && (
              <Checkbox data-testid="adjust-confirm-debt-checkbox" checked={debtConfirmed} disabled={sending} onChange={(e) => setDebtConfirmed(e.target.checked)}>
                {t('adjust.debtCheckbox', { n: n(p.shortBy) })}
              </Checkbox>
            )}
            {p.outcome === 'needs-debt-confirmation' && !debtConfirmed && <Typography.Text type="secondary">{t('adjust.debtNeeded')}</Typography.Text>}
            {p.outcome === 'over-cap' && <Alert data-testid="adjust-over-cap" type="error" showIcon message={t('adjust.overCap')} />}
            {sendError && <Alert data-testid="adjust-confirm-error" type="error" showIcon message={sendError.message} description={sendError.unknownOutcome ? t('adjust.unknownOutcome') : undefined} />}
          </Space>
        )}
      </Modal>
    </Card>
  );
}
