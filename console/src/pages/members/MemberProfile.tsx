import { EditOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useLang, useT } from '../../shell/i18n';
import { CorrectBirthday } from './CorrectBirthday';
import type { MemberView } from './hooks';
import { membersMessages } from './messages';
import { monthLabel } from './profile-model';

/**
 * What the member gave of their profile, as a service agent may see it: the birthday's month only (the API sends
 * no more). Roles the route table lets correct a birthday get the action; the others never see it.
 */
export function MemberProfile({ member, canCorrect, onCorrected }: { member: MemberView; canCorrect: boolean; onCorrected: () => void }) {
  const t = useT(membersMessages);
  const lang = useLang();
  const [correcting, setCorrecting] = useState(false);
  const { nickname, gender, region, birthMonth } = member.profile;
  const notGiven = <Typography.Text type="secondary">{t('profile.notGiven')}</Typography.Text>;
  return (
    <Card
      data-testid="member-profile"
      title={t('profile.title')}
      extra={
        canCorrect && (
          <Button icon={<EditOutlined />} onClick={() => setCorrecting(true)} data-testid="birthday-correct-open">
            {t('birthday.open')}
          </Button>
        )
      }
    >
      <Descriptions column={2} size="small" bordered>
        <Descriptions.Item label={t('profile.nickname')}>
          <span data-testid="profile-nickname">{nickname ?? notGiven}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('profile.gender')}>
          <span data-testid="profile-gender">{gender ? t(`gender.${gender}`) : notGiven}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('profile.region')}>
          <span data-testid="profile-region">{region ?? notGiven}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('profile.birthday')}>
          <Tooltip title={t('profile.birthMonthHelp')}>
            <span data-testid="profile-birthday" data-month={birthMonth ?? ''}>
              {birthMonth ? t('profile.birthMonth', { month: monthLabel(birthMonth, lang) }) : notGiven}
            </span>
          </Tooltip>
        </Descriptions.Item>
      </Descriptions>
      {correcting && (
        <CorrectBirthday
          memberId={member.memberId}
          birthMonth={birthMonth}
          onClose={() => setCorrecting(false)}
          onDone={() => {
            setCorrecting(false);
            onCorrected();
          }}
        />
      )}
    </Card>
  );
}
