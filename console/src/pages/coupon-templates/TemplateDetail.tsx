import { Descriptions, Drawer, Progress, Space, Tag, Typography } from 'antd';
import { ShanghaiTime } from '../../components/ShanghaiTime';
import { formatFen } from '../../forms/exact-number';
import { pick, useLang, useT } from '../../shell/i18n';
import { couponTemplatesMessages } from './messages';
import { actionsFor, benefitSummary, budgetUse, validitySummary, zheOf, percentOf, yuanOf, type CouponTemplateView } from './model';
import { StatusActionButton } from './StatusAction';
import { StatusTag } from './StatusTag';

const list = (xs: readonly string[], all: string) => (xs.length ? <Space wrap size={[4, 4]}>{xs.map((x) => <Tag key={x}>{x}</Tag>)}</Space> : <Typography.Text type="secondary">{all}</Typography.Text>);

/** One template: every rule it was made with, its stock and budget, and (ops) its status actions. */
export function TemplateDetail({ template, canAct, onClose, onChanged }: { template: CouponTemplateView | null; canAct: boolean; onClose: () => void; onChanged: (t: CouponTemplateView) => void }) {
  const t = useT(couponTemplatesMessages);
  const lang = useLang();
  const tp = template;
  const b = tp?.benefit;
  const budget = tp ? budgetUse(tp.stats) : null;
  return (
    <Drawer open={tp !== null} onClose={onClose} width={720} title={tp ? `${pick(tp.name, lang)} · ${tp.templateId}` : ''} data-testid="template-detail" destroyOnHidden>
      {tp && b && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Space wrap>
            <StatusTag status={tp.status} />
            {canAct && actionsFor(tp.status).map((a) => <StatusActionButton key={a} template={tp} action={a} onDone={onChanged} size="middle" />)}
          </Space>
          <Descriptions column={1} bordered size="small" data-testid="template-detail-rules">
            <Descriptions.Item label={t('col.kind')}>
              <span data-testid="template-detail-summary">{benefitSummary(b, lang)}</span>
              <Typography.Text type="secondary"> · {t(`kind.${b.kind}`)}</Typography.Text>
            </Descriptions.Item>
            {b.kind === 'percent-off' && (
              <Descriptions.Item label={t('field.discount')}>{t('detail.discount', { zhe: zheOf(b.offBasisPoints), percent: percentOf(b.offBasisPoints), bp: b.offBasisPoints })}</Descriptions.Item>
            )}
            {b.kind === 'second-half-price' && <Descriptions.Item label={t('field.halfSkus')}>{list(b.skus, '—')}</Descriptions.Item>}
            {tp.description && <Descriptions.Item label={t('field.descZh')}>{pick(tp.description, lang)}</Descriptions.Item>}
            <Descriptions.Item label={t('col.validity')}>
              {validitySummary(tp.validity, lang)} <Typography.Text type="secondary">{t('detail.endsAt')}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('col.channel')}>{t(`channel.${tp.claimChannel}`)}</Descriptions.Item>
            <Descriptions.Item label={t('field.perMember')}>{tp.limits.perMember}</Descriptions.Item>
            <Descriptions.Item label={t('field.minOrder')}>¥{yuanOf(tp.limits.minOrderFen)}</Descriptions.Item>
            <Descriptions.Item label={t('field.stores')}>{list(tp.scope.storeIds, t('detail.everywhere'))}</Descriptions.Item>
            <Descriptions.Item label={t('field.regions')}>{list(tp.scope.regions, t('detail.everywhere'))}</Descriptions.Item>
            <Descriptions.Item label={t('field.categories')}>{list(tp.scope.categories, t('detail.everything'))}</Descriptions.Item>
            <Descriptions.Item label={t('field.skus')}>{list(tp.scope.skus, t('detail.everything'))}</Descriptions.Item>
            <Descriptions.Item label={t('field.excludeCategories')}>{list(tp.scope.excludeCategories, '—')}</Descriptions.Item>
            <Descriptions.Item label={t('field.excludeSkus')}>{list(tp.scope.excludeSkus, '—')}</Descriptions.Item>
            <Descriptions.Item label={t('field.group')}>
              <Tag color="blue">{tp.stacking.group}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('field.excludes')}>{list(tp.stacking.excludes, '—')}</Descriptions.Item>
            <Descriptions.Item label={t('field.shards')}>{tp.shards}</Descriptions.Item>
            <Descriptions.Item label={t('detail.created')}>
              <ShanghaiTime at={tp.createdAt} /> · {tp.createdBy}
            </Descriptions.Item>
            <Descriptions.Item label={t('detail.statusChanged')}>
              <ShanghaiTime at={tp.statusChangedAt} />
            </Descriptions.Item>
          </Descriptions>
          <Descriptions column={2} bordered size="small" title={t('detail.stats')} data-testid="template-detail-stats">
            <Descriptions.Item label={t('field.stock')}>{tp.stats.stock.toLocaleString('en-US')}</Descriptions.Item>
            <Descriptions.Item label={t('stats.issued')}>
              <span data-testid="template-detail-issued">{tp.stats.issued.toLocaleString('en-US')}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('stats.remaining')}>{tp.stats.remaining.toLocaleString('en-US')}</Descriptions.Item>
            <Descriptions.Item label={t('stats.redeemed')}>{tp.stats.redeemed.toLocaleString('en-US')}</Descriptions.Item>
            <Descriptions.Item label={t('stats.released')}>{tp.stats.released.toLocaleString('en-US')}</Descriptions.Item>
            <Descriptions.Item label={t('stats.reserveEach')}>¥{formatFen(tp.reserveFen)}</Descriptions.Item>
            <Descriptions.Item label={t('field.budget')} span={2}>
              {budget && tp.stats.budgetFen !== null ? (
                <Space direction="vertical" style={{ width: '100%' }}>
                  <Progress percent={budget.percent} size="small" />
                  <span>
                    {t('stats.budgetLine', {
                      settled: formatFen(tp.stats.settledFen),
                      reserved: formatFen(tp.stats.reservedFen),
                      remaining: formatFen(tp.stats.budgetRemainingFen ?? 0),
                      budget: formatFen(tp.stats.budgetFen),
                    })}
                  </span>
                </Space>
              ) : (
                <Typography.Text type="secondary">{t('stats.noBudget', { settled: formatFen(tp.stats.settledFen) })}</Typography.Text>
              )}
            </Descriptions.Item>
          </Descriptions>
        </Space>
      )}
    </Drawer>
  );
}
