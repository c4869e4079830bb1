import { Alert, App, Button, Descriptions, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { DayPicker } from '../../components/DayPicker';
import { shanghaiToday } from '../../components/days';
import { FormError } from '../../components/FormParts';
import { applyServerIssues, serverIssues } from '../../components/ServerFieldErrors';
import { api, errorMessage } from '../../shell/api';
import { useLang, useT } from '../../shell/i18n';
import { membersMessages } from './messages';
import { BIRTHDAY_MIN, BIRTHDAY_OPEN_AT, birthdayProblem, correctionFieldOf, correctionOf, monthLabel, NOTE_MAX, noteProblem, type BirthdayCorrection, type BirthdayFormValues } from './profile-model';

/**
 * Correcting a member's birthday (ops, customer service): the day and the reason, then a confirmation that says
 * what changes and what the audit log keeps; nothing is sent before it. Setting a birthday is idempotent (the
 * same day twice changes nothing), so a retry after a lost answer needs no key. A refusal is shown as the server
 * said it, in the user's language; one about a field goes back to the form with that field marked.
 */
export function CorrectBirthday({ memberId, birthMonth, onClose, onDone }: { memberId: string; birthMonth: number | null; onClose: () => void; onDone: (day: string) => void }) {
  const t = useT(membersMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<BirthdayFormValues>();
  const [draft, setDraft] = useState<BirthdayCorrection | null>(null);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string>();
  const today = shanghaiToday();
  const current = birthMonth ? t('profile.birthMonth', { month: monthLabel(birthMonth, lang) }) : t('profile.notGiven');

  const send = async () => {
    if (!draft) return;
    setSending(true);
    setError(undefined);
    try {
      const res = await api.call('correctMemberProfile', { params: { memberId }, body: draft });
      const day = res.birthday ?? draft.birthday;
      message.success?.(t('birthday.done', { day }));
      onDone(day);
    } catch (err) {
      setError(errorMessage(err));
      // A refusal that names a field goes back to the form, with the field marked.
      if (applyServerIssues(form, err, correctionFieldOf).length < serverIssues(err).length) setDraft(null);
    } finally {
      setSending(false);
    }
  };

  const footer = draft
    ? [
        <Button key="back" data-testid="birthday-back" disabled={sending} onClick={() => setDraft(null)}>
          {t('birthday.back')}
        </Button>,
        <Button key="confirm" data-testid="birthday-confirm" type="primary" loading={sending} onClick={send}>
          {t('birthday.confirm')}
        </Button>,
      ]
    : [
        <Button key="cancel" onClick={onClose}>
          {t('birthday.cancel')}
        </Button>,
        <Button key="next" data-testid="birthday-next" type="primary" onClick={() => form.submit()}>
          {t('birthday.next')}
        </Button>,
      ];

  return (
    <Modal open title={draft ? t('birthday.confirmTitle') : t('birthday.title')} maskClosable={false} closable={!sending} onCancel={() => !sending && onClose()} footer={footer} width={520}>
      <div data-testid="birthday-modal">
        <FormError error={error} testId="birthday-error" />
        {/* Kept mounted through the confirmation, so "back" finds what was typed. */}
        <div hidden={draft !== null}>
          <Typography.Paragraph type="secondary">{t('birthday.intro')}</Typography.Paragraph>
          <Form
            form={form}
            layout="vertical"
            data-testid="birthday-form"
            onFinish={(v) => {
              setError(undefined);
              setDraft(correctionOf(v));
            }}
          >
            <Form.Item label={t('birthday.current')}>
              <span data-testid="birthday-current">{current}</span>
            </Form.Item>
            <Form.Item
              name="birthday"
              label={t('birthday.new')}
              extra={t('birthday.new.help')}
              required
              rules={[
                {
                  validator: async (_, v: string | undefined) => {
                    const p = birthdayProblem(v, today);
                    if (p) throw new Error(p === 'required' ? t('birthday.required') : t('birthday.range', { today }));
                  },
                },
              ]}
            >
              <DayPicker data-testid="birthday-day" min={BIRTHDAY_MIN} max={today} openAt={BIRTHDAY_OPEN_AT} />
            </Form.Item>
            <Form.Item
              name="note"
              label={t('birthday.note')}
              extra={t('birthday.note.help')}
              required
              rules={[
                {
                  validator: async (_, v: string | undefined) => {
                    const p = noteProblem(v);
                    if (p) throw new Error(p === 'required' ? t('birthday.note.required') : t('birthday.note.length', { max: NOTE_MAX }));
                  },
                },
              ]}
            >
              <Input.TextArea data-testid="birthday-note" rows={2} showCount />
            </Form.Item>
          </Form>
        </div>
        {draft && (
          <Space direction="vertical" style={{ width: '100%' }} data-testid="birthday-confirmation">
            <Descriptions column={1} bordered size="small">
              <Descriptions.Item label={t('member.number')}>{memberId}</Descriptions.Item>
              <Descriptions.Item label={t('birthday.current')}>{current}</Descriptions.Item>
              <Descriptions.Item label={t('birthday.confirmNew')}>
                <Typography.Text strong data-testid="birthday-confirm-day">
                  {draft.birthday}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('birthday.note')}>
                <span data-testid="birthday-confirm-note">{draft.note}</span>
              </Descriptions.Item>
            </Descriptions>
            <Alert type="info" showIcon message={t('birthday.audited')} />
          </Space>
        )}
      </div>
    </Modal>
  );
}
