import { Alert, Card, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { ShanghaiTime } from '../../components/ShanghaiTime';
import { pick, useLang, useT } from '../../shell/i18n';
import type { MemberView } from './hooks';
import { membersMessages } from './messages';

/**
 * The members a search found. A name may be shared, so each row carries what tells them apart at a glance (the
 * member number, the masked phone, the tier, the join day, the region) and links to the member's page.
 */
export function SearchResults({ items, byName, kindLabel }: { items: MemberView[]; byName: boolean; kindLabel: string }) {
  const t = useT(membersMessages);
  const lang = useLang();
  return (
    <Card title={`${t('search.results')} · ${kindLabel}`}>
      {byName && items.length > 1 && <Alert data-testid="member-same-name" type="info" showIcon message={t('search.sameName', { n: items.length })} style={{ marginBottom: 8 }} />}
      <List
        data-testid="member-results"
        dataSource={items}
        rowKey={(m) => m.memberId}
        renderItem={(m) => (
          <List.Item
            data-testid="member-result"
            data-member-id={m.memberId}
            actions={[
              <Link key="open" to={`/members/${m.memberId}`} data-testid="member-result-link">
                {t('search.open')}
              </Link>,
            ]}
          >
            <List.Item.Meta
              title={
                <Space wrap>
                  <Link to={`/members/${m.memberId}`}>
                    <Typography.Text strong style={{ fontFamily: 'monospace' }}>
                      {m.memberId}
                    </Typography.Text>
                  </Link>
                  {m.profile.nickname && <span data-testid="member-result-name">{m.profile.nickname}</span>}
                  <Tag color="gold">{pick(m.tier.name, lang)}</Tag>
                </Space>
              }
              description={
                <Space wrap size="large">
                  <span data-testid="member-result-phone">{m.phoneMasked ?? t('member.noPhone')}</span>
                  <span data-testid="member-result-joined">
                    {t('search.joined')} <ShanghaiTime at={m.joinedAt} dateOnly />
                  </span>
                  {m.profile.region && <span data-testid="member-result-region">{m.profile.region}</span>}
                  <span>
                    {t('member.pointsAvailable')}: <Typography.Text strong>{m.points.available.toLocaleString('en-US')}</Typography.Text>
                  </span>
                  {m.points.pending > 0 && (
                    <span>
                      {t('member.pointsPending')}: {m.points.pending.toLocaleString('en-US')}
                    </span>
                  )}
                </Space>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
