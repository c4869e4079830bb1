import { GiftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RouteResponse } from '../../../../shared/routes';
import { ShanghaiTime } from '../../components/ShanghaiTime';
import { formatFen } from '../../forms/exact-number';
import { ApiError, api, errorMessage } from '../../shell/api';
import { pick, useLang, useT } from '../../shell/i18n';
import { benefitSummary, faceFenOf } from '../coupon-templates/model';
import { newIdempotencyKey } from './adjust-model';
import { couponsMessages } from './coupons-messages';

export type StaffMemberCoupon = RouteResponse<'memberCoupons'>['items'][number];
type TemplateOption = RouteResponse<'couponTemplates'>['items'][number];

const stateColor: Record<StaffMemberCoupon['state'], string> = { usable: 'green', 'not-yet-valid': 'blue', redeemed: 'default', expired: 'orange', revoked: 'red' };
/** Only a coupon not yet used, revoked or expired can be revoked (the server says the same). */
export const revocable = (c: Pick<StaffMemberCoupon, 'state'>) => c.state === 'usable' || c.state === 'not-yet-valid';
const CASE_REF = /^[A-Za-z0-9_-]{3,40}$/;

/** The member's coupons, newest first, a page at a time. */
export function useMemberCoupons(memberId: string) {
  const [items, setItems] = useState<StaffMemberCoupon[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);
  const fetchPage = useCallback(
    async (from: string | null) => {
      const mine = ++seq.current;
      setLoading(true);
      setError(null);
      try {
        const r = await api.call('memberCoupons', { params: { memberId }, query: from ? { cursor: from } : {} });
        if (mine !== seq.current) return;
        setItems((prev) => {
          const base = from ? prev : [];
          const seen = new Set(base.map((c) => c.grantId));
          return [...base, ...r.items.filter((c) => !seen.has(c.grantId))];
        });
        setCursor(r.cursor);
      } catch (err) {
        if (mine === seq.current) setError(errorMessage(err));
      } finally {
        if (mine === seq.current) setLoading(false);
      }
    },
    [memberId],
  );
  useEffect(() => {
    setItems([]);
    setCursor(null);
    void fetchPage(null);
  }, [fetchPage]);
  return { items, loading, error, hasMore: cursor !== null, loadMore: () => cursor && void fetchPage(cursor), reload: () => void fetchPage(null) };
}

/**
 * Customer service's compensation coupon: a live, active template (centre or issued-only) whose face value is
 * within the per-case cap, a case reference and a reason. One idempotency key per opening of the dialog, so a
 * double click or a retry after a lost answer never issues twice; a new opening is a new coupon.
 */
export function IssueCouponDialog({ memberId, open, onClose, onIssued }: { memberId: string; open: boolean; onClose: () => void; onIssued: () => void }) {
  const t = useT(couponsMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ templateId?: string; caseRef?: string; reason?: string }>();
  const [templates, setTemplates] = useState<TemplateOption[] | undefined>();
  // undefined while the settings load; null when they could not be read (the server still enforces the cap).
  const [capFen, setCapFen] = useState<number | null | undefined>(undefined);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<{ message: string; unknownOutcome: boolean } | null>(null);
  const key = useRef<string>('');

  useEffect(() => {
    if (!open) return;
    key.current = newIdempotencyKey();
    form.resetFields();
    setError(null);
    setTemplates(undefined);
    setCapFen(undefined);
    let live = true;
    api.call('getSettings').then(
      (s) => live && setCapFen(s.settings.coupons.compensationCapFen),
      () => live && setCapFen(null),
    );
    (async () => {
      const all: TemplateOption[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 10; page++) {
        const r = await api.call('couponTemplates', { query: { state: 'live', ...(cursor ? { cursor } : {}) } });
        all.push(...r.items.filter((tp) => tp.status === 'active'));
        if (!r.cursor) break;
        cursor = r.cursor;
      }
      return all;
    })().then(
      (all) => live && setTemplates(all),
      (err: unknown) => {
        if (!live) return;
        setTemplates([]);
        setError({ message: errorMessage(err), unknownOutcome: false });
      },
    );
    return () => {
      live = false;
    };
  }, [open]); // eslint-disable-line react-hooks/exhaustive-deps

  const send = async (v: { templateId?: string; caseRef?: string; reason?: string }) => {
    if (sending) return;
    setSending(true);
    setError(null);
    try {
      const coupon = await api.call('issueCompensationCoupon', {
        params: { memberId },
        body: { templateId: v.templateId!, caseRef: (v.caseRef ?? '').trim(), reason: (v.reason ?? '').trim(), idempotencyKey: key.current },
      });
      message.success?.(t('issue.done', { name: pick(coupon.name, lang) }));
      onIssued();
    } catch (err) {
      // A 4xx is the server's answer (nothing issued); anything else may have been: a retry reuses the key.
      setError({ message: errorMessage(err), unknownOutcome: !(err instanceof ApiError && err.status < 500) });
    } finally {
      setSending(false);
    }
  };

  const over = (tp: TemplateOption) => typeof capFen === 'number' && faceFenOf(tp.benefit) > capFen;
  return (
    <Modal
      open={open}
      title={t('issue.title')}
      maskClosable={false}
      closable={!sending}
      onCancel={() => !sending && onClose()}
      destroyOnHidden
      footer={[
        <Button key="cancel" disabled={sending} onClick={onClose} data-testid="issue-coupon-cancel">
          {t('cancel')}
        </Button>,
        <Button key="ok" type="primary" loading={sending} onClick={() => form.submit()} data-testid="issue-coupon-confirm">
          {error?.unknownOutcome ? t('issue.retry') : t('issue.confirm')}
        </Button>,
      ]}
    >
      <Space direction="vertical" style={{ width: '100%' }} data-testid="issue-coupon-modal">
        {capFen !== undefined && <Alert type="info" showIcon data-testid="issue-coupon-cap" message={capFen === null ? t('issue.capUnknown') : t('issue.cap', { cap: formatFen(capFen) })} />}
        <Form form={form} layout="vertical" onFinish={(v) => void send(v)} autoComplete="off">
          <Form.Item name="templateId" label={t('issue.template')} extra={t('issue.template.help')} rules={[{ required: true, message: t('issue.template.required') }]}>
            <Select
              showSearch
              optionFilterProp="label"
              loading={templates === undefined}
              placeholder={t('issue.template.placeholder')}
              data-testid="issue-coupon-template"
              notFoundContent={templates && templates.length === 0 ? t('issue.template.none') : undefined}
              options={(templates ?? []).map((tp) => ({
                value: tp.templateId,
                disabled: over(tp),
                label: `${pick(tp.name, lang)} · ${benefitSummary(tp.benefit, lang)} · ${tp.templateId}${over(tp) ? ` (${t('issue.overCap')})` : ''}`,
              }))}
            />
          </Form.Item>
          <Form.Item
            name="caseRef"
            label={t('issue.caseRef')}
            extra={t('issue.caseRef.help')}
            rules={[
              { required: true, whitespace: true, message: t('issue.caseRef.required') },
              { validator: async (_, v: string | undefined) => { if ((v ?? '').trim() && !CASE_REF.test((v ?? '').trim())) throw new Error(t('issue.caseRef.format')); } },
            ]}
          >
            <Input data-testid="issue-coupon-case" placeholder="CS-20261202-001" />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('issue.reason')}
            rules={[{ validator: async (_, v: string | undefined) => { const n = [...(v ?? '').trim()].length; if (n < 2 || n > 200) throw new Error(t('reason.length')); } }]}
            required
          >
            <Input.TextArea rows={2} data-testid="issue-coupon-reason" showCount maxLength={200} />
          </Form.Item>
        </Form>
        {error && <Alert type="error" showIcon data-testid="issue-coupon-error" message={error.message} description={error.unknownOutcome ? t('issue.unknownOutcome') : undefined} />}
      </Space>
    </Modal>
  );
}

/** Ops revoke a coupon not yet used: a required reason, a confirmation; the audit log keeps both. */
function RevokeDialog({ memberId, coupon, onClose, onRevoked }: { memberId: string; coupon: StaffMemberCoupon | null; onClose: () => void; onRevoked: () => void }) {
  const t = useT(couponsMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const [reason, setReason] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setReason('');
    setError(null);
  }, [coupon?.grantId]);
  const n = [...reason.trim()].length;
  const send = async () => {
    if (!coupon) return;
    setSending(true);
    setError(null);
    try {
      await api.call('revokeCoupon', { params: { memberId, grantId: coupon.grantId }, body: { reason: reason.trim() } });
      message.success?.(t('revoke.done'));
      onRevoked();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSending(false);
    }
  };
  return (
    <Modal
      open={coupon !== null}
      title={t('revoke.title')}
      maskClosable={false}
      closable={!sending}
      onCancel={() => !sending && onClose()}
      footer={[
        <Button key="cancel" disabled={sending} onClick={onClose} data-testid="revoke-coupon-cancel">
          {t('cancel')}
        </Button>,
        <Button key="ok" type="primary" danger loading={sending} disabled={n < 2 || n > 200} onClick={() => void send()} data-testid="revoke-coupon-confirm">
          {t('revoke.confirm')}
        </Button>,
      ]}
    >
      {coupon && (
        <Space direction="vertical" style={{ width: '100%' }} data-testid="revoke-coupon-modal">
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('col.coupon')}>
              {pick(coupon.name, lang)} · {benefitSummary(coupon.benefit, lang)}
            </Descriptions.Item>
            <Descriptions.Item label={t('col.valid')}>
              {coupon.validFrom} – {coupon.validThrough}
            </Descriptions.Item>
          </Descriptions>
          <Alert type="warning" showIcon message={t('revoke.explain')} />
          <Typography.Text>{t('revoke.reason')}</Typography.Text>
          <Input.TextArea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="revoke-coupon-reason" status={reason && (n < 2 || n > 200) ? 'error' : undefined} />
          {reason && (n < 2 || n > 200) && <Typography.Text type="danger">{t('reason.length')}</Typography.Text>}
          {error && <Alert type="error" showIcon message={error} data-testid="revoke-coupon-error" />}
        </Space>
      )}
    </Modal>
  );
}

/** The member's coupons on their page; issuing (ops, service) and revoking (ops) where the route table allows. */
export function MemberCoupons({ memberId, canIssue, canRevoke, onChanged }: { memberId: string; canIssue: boolean; canRevoke: boolean; onChanged: () => void }) {
  const t = useT(couponsMessages);
  const lang = useLang();
  const coupons = useMemberCoupons(memberId);
  const [issuing, setIssuing] = useState(false);
  const [revoking, setRevoking] = useState<StaffMemberCoupon | null>(null);
  const after = () => {
    coupons.reload();
    onChanged();
  };
  return (
    <Card
      title={t('title')}
      data-testid="member-coupons-panel"
      extra={
        canIssue && (
          <Button icon={<GiftOutlined />} onClick={() => setIssuing(true)} data-testid="issue-coupon-open">
            {t('issue.open')}
          </Button>
        )
      }
    >
      {coupons.error && <Alert type="error" showIcon message={coupons.error} style={{ marginBottom: 16 }} data-testid="member-coupons-error" action={<Button size="small" onClick={coupons.reload}>{t('retry')}</Button>} />}
      <Table<StaffMemberCoupon>
        rowKey="grantId"
        size="small"
        loading={coupons.loading}
        dataSource={coupons.items}
        pagination={false}
        locale={{ emptyText: t('empty') }}
        onRow={(c) => ({ 'data-testid': 'member-coupon', 'data-grant-id': c.grantId, 'data-state': c.state, 'data-template-id': c.templateId }) as Record<never, never>}
        columns={[
          {
            key: 'coupon',
            title: t('col.coupon'),
            render: (_, c) => (
              <Space direction="vertical" size={0}>
                <span>{pick(c.name, lang)}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {benefitSummary(c.benefit, lang)}
                </Typography.Text>
              </Space>
            ),
          },
          {
            key: 'state',
            title: t('col.state'),
            render: (_, c) => (
              <Tag color={stateColor[c.state]} data-testid="member-coupon-state">
                {t(`state.${c.state}`)}
              </Tag>
            ),
          },
          { key: 'source', title: t('col.source'), render: (_, c) => t(`source.${c.source}`) },
          {
            key: 'valid',
            title: t('col.valid'),
            render: (_, c) => (
              <span title={t('valid.until')}>
                {c.validFrom} – {c.validThrough}
              </span>
            ),
          },
          { key: 'received', title: t('col.received'), render: (_, c) => <ShanghaiTime at={c.receivedAt} /> },
          {
            key: 'outcome',
            title: t('col.outcome'),
            render: (_, c) =>
              c.redemption ? (
                <span>{t('outcome.redeemed', { store: c.redemption.storeId, receipt: c.redemption.receiptNo, off: formatFen(c.redemption.discountFen) })}</span>
              ) : c.revokedAt ? (
                <span data-testid="member-coupon-revoked">
                  <ShanghaiTime at={c.revokedAt} /> {c.revokeReason}
                </span>
              ) : null,
          },
          ...(canRevoke
            ? [
                {
                  key: 'actions',
                  title: '',
                  render: (_: unknown, c: StaffMemberCoupon) =>
                    revocable(c) ? (
                      <Button size="small" danger onClick={() => setRevoking(c)} data-testid="revoke-coupon-open">
                        {t('revoke.open')}
                      </Button>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      {coupons.hasMore && (
        <Button block onClick={coupons.loadMore} loading={coupons.loading} data-testid="member-coupons-more" style={{ marginTop: 8 }}>
          {t('more')}
        </Button>
      )}
      {canIssue && (
        <IssueCouponDialog
          memberId={memberId}
          open={issuing}
          onClose={() => setIssuing(false)}
          onIssued={() => {
            setIssuing(false);
            after();
          }}
        />
      )}
      {canRevoke && (
        <RevokeDialog
          memberId={memberId}
          coupon={revoking}
          onClose={() => setRevoking(null)}
          onRevoked={() => {
            setRevoking(null);
            after();
          }}
        />
      )}
    </Card>
  );
}
