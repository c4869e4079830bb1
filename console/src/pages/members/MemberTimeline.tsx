import { Alert, Button, Card, Empty, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { auditActionLabel } from '../../components/audit-actions';
import { ShanghaiTime } from '../../components/ShanghaiTime';
import { formatFen } from '../../forms/exact-number';
import { pick, useLang, useT } from '../../shell/i18n';
import type { TimelineEntry, TimelineKind } from './hooks';
import { membersMessages } from './messages';

const kindColor: Record<TimelineKind, string> = {
  joined: 'green',
  sale: 'blue',
  return: 'orange',
  points: 'gold',
  tier: 'purple',
  message: 'cyan',
  audit: 'gray',
};

const signed = (n: number) => (n > 0 ? `+${n.toLocaleString('en-US')}` : n.toLocaleString('en-US'));

function EntryBody({ e }: { e: TimelineEntry }) {
  const t = useT(membersMessages);
  const lang = useLang();
  return (
    <div data-testid="timeline-item" data-kind={e.kind} data-id={e.id}>
      <Space wrap size="small">
        <Tag color={kindColor[e.kind]}>{t(`kind.${e.kind}`)}</Tag>
        <Typography.Text type="secondary">
          <ShanghaiTime at={e.at} />
        </Typography.Text>
        {(e.storeId || e.registerId) && (
          <Typography.Text type="secondary" data-testid="timeline-where">
            {t('timeline.where', { store: e.storeId ?? '—', register: e.registerId ?? '—' })}
          </Typography.Text>
        )}
      </Space>
      {(e.amountFen !== null || e.points !== null) && (
        <div style={{ marginTop: 4 }}>
          <Space wrap size="large">
            {e.amountFen !== null && (
              <span data-testid="timeline-amount">
                {e.kind === 'return' ? t('timeline.refund') : t('timeline.amount')}: <Typography.Text strong>¥{formatFen(e.amountFen)}</Typography.Text>
              </span>
            )}
            {e.points !== null && (
              <span data-testid="timeline-points">
                {t('timeline.points')}:{' '}
                <Typography.Text strong type={e.points < 0 ? 'danger' : 'success'}>
                  {signed(e.points)}
                </Typography.Text>
                {e.balanceAfter !== null && (
                  <Typography.Text type="secondary" data-testid="timeline-balance-after">
                    {t('timeline.balanceAfter', { n: e.balanceAfter.toLocaleString('en-US') })}
                  </Typography.Text>
                )}
              </span>
            )}
          </Space>
        </div>
      )}
      {e.shopperText && (
        <div data-testid="timeline-shopper-text" style={{ marginTop: 4 }}>
          <Tag color="green">{t('timeline.shopper')}</Tag>
          {pick(e.shopperText, lang)}
        </div>
      )}
      {e.internalNote && (
        <div data-testid="timeline-internal-note" style={{ marginTop: 4 }}>
          <Tag color="red">{t('timeline.internal')}</Tag>
          {e.internalNote}
          {e.kind === 'audit' && auditActionLabel(e.internalNote, lang) && (
            <Typography.Text strong data-testid="timeline-action-label">
              {' '}
              {auditActionLabel(e.internalNote, lang)}
            </Typography.Text>
          )}
        </div>
      )}
      {(e.actor || e.ref) && (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
          {e.actor && (
            <span data-testid="timeline-actor">
              {t('timeline.actor')}: {e.actor}
            </span>
          )}
          {e.actor && e.ref && ' · '}
          {e.ref && (
            <span>
              {t('timeline.ref')}: {e.ref}
            </span>
          )}
        </Typography.Text>
      )}
    </div>
  );
}

export function MemberTimeline(props: { items: TimelineEntry[]; hasMore: boolean; loading: boolean; error: string | null; loadedOnce: boolean; onLoadMore: () => void; onRetry: () => void }) {
  const t = useT(membersMessages);
  const { items, hasMore, loading, error, loadedOnce } = props;
  return (
    <Card title={t('timeline.title')} data-testid="timeline">
      {error && (
        <Alert
          data-testid="timeline-error"
          type="error"
          showIcon
          message={error}
          style={{ marginBottom: 16 }}
          action={
            <Button size="small" onClick={items.length ? props.onLoadMore : props.onRetry}>
              {t('member.retry')}
            </Button>
          }
        />
      )}
      {!loadedOnce && loading && <Spin />}
      {loadedOnce && items.length === 0 && <Empty data-testid="timeline-empty" description={t('timeline.empty')} />}
      {items.length > 0 && <Timeline items={items.map((e) => ({ key: e.id, color: kindColor[e.kind], children: <EntryBody e={e} /> }))} />}
      {hasMore ? (
        <Button data-testid="timeline-load-more" onClick={props.onLoadMore} loading={loading} block>
          {t('timeline.more')}
        </Button>
      ) : (
        loadedOnce && items.length > 0 && <Typography.Text type="secondary">{t('timeline.end')}</Typography.Text>
      )}
    </Card>
  );
}
