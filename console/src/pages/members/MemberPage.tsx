import { EyeOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Result, Row, Skeleton, Space, Statistic, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { ShanghaiTime } from '../../components/ShanghaiTime';
import { formatFen } from '../../forms/exact-number';
import { pick, useLang, useT } from '../../shell/i18n';
import { useSession, type StaffProfile } from '../../shell/session';
import { roleMayCall } from '../../shell/access';
import type { AdjustRole } from './adjust-model';
import { AdjustPoints } from './AdjustPoints';
import { MemberCoupons } from './MemberCoupons';
import { useMember, useRevealPhone, useTimeline, type MemberView } from './hooks';
import { MemberProfile } from './MemberProfile';
import { MemberTimeline } from './MemberTimeline';
import { membersMessages } from './messages';

/** The role's way of adjusting points, if the route table lets it adjust at all (ops: either way; service: compensation). */
function adjustRoleOf(staff: StaffProfile | undefined): AdjustRole | null {
  if (!staff || !roleMayCall(staff.role, 'adjustPoints')) return null;
  return staff.role === 'service' ? 'service' : staff.role === 'ops' ? 'ops' : null;
}

function PhoneField({ member, canReveal }: { member: MemberView; canReveal: boolean }) {
  const t = useT(membersMessages);
  const { state, reveal } = useRevealPhone(member.memberId);
  if (state.status === 'shown') {
    return (
      <Space wrap>
        {state.phone ? (
          <Typography.Text copyable data-testid="revealed-phone" style={{ fontFamily: 'monospace' }}>
            {state.phone}
          </Typography.Text>
        ) : (
          <span data-testid="revealed-phone">{t('member.revealNone')}</span>
        )}
        <Tag color="orange" data-testid="reveal-logged">
          {t('member.revealLogged')}
        </Tag>
      </Space>
    );
  }
  return (
    <Space wrap>
      <span data-testid="member-phone-masked" style={{ fontFamily: 'monospace' }}>
        {member.phoneMasked ?? t('member.noPhone')}
      </span>
      {canReveal && member.phoneMasked && (
        <Button size="small" icon={<EyeOutlined />} loading={state.status === 'loading'} onClick={reveal} data-testid="reveal-phone">
          {t('member.reveal')}
        </Button>
      )}
      {state.status === 'error' && <Typography.Text type="danger" data-testid="reveal-error">{state.message}</Typography.Text>}
    </Space>
  );
}

function MemberCard({ member, canReveal, onRefresh }: { member: MemberView; canReveal: boolean; onRefresh: () => void }) {
  const t = useT(membersMessages);
  const lang = useLang();
  return (
    <Card
      data-testid="member-card"
      title={
        <Space>
          <span>{t('member.title', { memberId: member.memberId })}</span>
          <Tag color="gold" data-testid="member-tier">
            {pick(member.tier.name, lang)}
          </Tag>
        </Space>
      }
      extra={
        <Button icon={<ReloadOutlined />} onClick={onRefresh} data-testid="member-refresh">
          {t('member.refresh')}
        </Button>
      }
    >
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={6}>
          <Statistic title={t('member.pointsAvailable')} value={member.points.available} groupSeparator="," valueStyle={{ color: member.points.available < 0 ? '#cf1322' : undefined }} data-testid="member-points-available" />
        </Col>
        <Col span={6}>
          <Statistic title={t('member.pointsPending')} value={member.points.pending} groupSeparator="," data-testid="member-points-pending" />
        </Col>
        <Col span={6}>
          <Statistic title={t('member.storedValue')} value={formatFen(member.storedValueFen)} prefix="¥" data-testid="member-stored-value" />
        </Col>
        <Col span={6}>
          <Statistic title={t('member.coupons')} value={member.usableCoupons} data-testid="member-coupons" />
        </Col>
      </Row>
      <Descriptions column={2} size="small" bordered>
        <Descriptions.Item label={t('member.number')}>
          <Typography.Text copyable style={{ fontFamily: 'monospace' }} data-testid="member-number">
            {member.memberId}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('member.tier')}>{pick(member.tier.name, lang)}</Descriptions.Item>
        <Descriptions.Item label={t('member.phone')} span={2}>
          <PhoneField member={member} canReveal={canReveal} />
        </Descriptions.Item>
        <Descriptions.Item label={t('member.joinedAt')}>
          <ShanghaiTime at={member.joinedAt} />
        </Descriptions.Item>
        <Descriptions.Item label={t('member.joinStore')}>
          {member.joinStoreId ? (
            <span>
              {member.joinStoreId}
              {member.joinRegisterId && (
                <Typography.Text type="secondary">
                  {' '}
                  · {t('member.joinRegister')} {member.joinRegisterId}
                </Typography.Text>
              )}
            </span>
          ) : (
            t('member.online')
          )}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

/** A member's page: the card, the full phone on request, the profile (birthday corrections), the coupons (issue: ops, service; revoke: ops), the timeline, and (ops, service) a points adjustment. */
export default function MemberPage() {
  const t = useT(membersMessages);
  const { memberId } = useParams();
  const session = useSession();
  const validId = !!memberId && /^\d{9}$/.test(memberId);
  const member = useMember(validId ? memberId : undefined);
  const timeline = useTimeline(validId ? memberId : undefined);
  const adjustRole = adjustRoleOf(session?.staff);
  const canCorrect = !!session && roleMayCall(session.staff.role, 'correctMemberProfile');
  const role = session?.staff.role;
  const coupons = role ? { show: roleMayCall(role, 'memberCoupons'), issue: roleMayCall(role, 'issueCompensationCoupon'), revoke: roleMayCall(role, 'revokeCoupon') } : null;

  if (!validId) {
    return (
      <div data-testid="member-bad-number">
        <Result status="warning" title={t('member.badNumber')} extra={<Link to="/members">{t('member.backToSearch')}</Link>} />
      </div>
    );
  }
  if (member.state.status === 'loading') return <Skeleton active />;
  if (member.state.status === 'error') {
    return member.state.notFound ? (
      <div data-testid="member-not-found">
        <Result status="404" title={t('member.notFound')} subTitle={member.state.message} extra={<Link to="/members">{t('member.backToSearch')}</Link>} />
      </div>
    ) : (
      <Alert
        type="error"
        showIcon
        message={member.state.message}
        data-testid="member-error"
        action={
          <Button size="small" onClick={member.reload}>
            {t('member.retry')}
          </Button>
        }
      />
    );
  }

  const refreshAll = () => {
    void member.reload();
    void timeline.reload();
  };
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={adjustRole ? 15 : 24}>
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <MemberCard member={member.state.data} canReveal={!!session?.staff.canRevealPhone} onRefresh={refreshAll} />
          <MemberProfile member={member.state.data} canCorrect={canCorrect} onCorrected={refreshAll} />
          {coupons?.show && <MemberCoupons key={memberId} memberId={memberId} canIssue={coupons.issue} canRevoke={coupons.revoke} onChanged={refreshAll} />}
          <MemberTimeline
            items={timeline.items}
            hasMore={timeline.hasMore}
            loading={timeline.loading}
            error={timeline.error}
            loadedOnce={timeline.loadedOnce}
            onLoadMore={() => void timeline.loadMore()}
            onRetry={() => void timeline.reload()}
          />
        </Space>
      </Col>
      {adjustRole && (
        <Col xs={24} xl={9}>
          <AdjustPoints key={memberId} memberId={memberId} role={adjustRole} onDone={refreshAll} />
        </Col>
      )}
    </Row>
  );
}
