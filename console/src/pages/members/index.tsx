import { SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Form, Input, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { pick, useLang, useT } from '../../shell/i18n';
import { useMemberSearch } from './hooks';
import { membersMessages } from './messages';
import { parseMemberQuery } from './search-query';

/** Find a member by phone or member number; each result links to the member's page. */
export default function FindMember() {
  const t = useT(membersMessages);
  const lang = useLang();
  const { state, search } = useMemberSearch();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<'empty' | 'invalid' | null>(null);

  const submit = () => {
    const parsed = parseMemberQuery(text);
    if (!parsed.ok) {
      setProblem(parsed.problem);
      return;
    }
    setProblem(null);
    void search(parsed.query);
  };

  const queryText = state.status === 'idle' ? '' : 'phone' in state.query ? state.query.phone : state.query.memberId;
  const queryKind = state.status === 'idle' ? '' : 'phone' in state.query ? t('search.byPhone') : t('search.byNumber');

  return (
    <Space direction="vertical" size="large" style={{ width: '100%', maxWidth: 880 }}>
      <Card title={t('search.title')}>
        <Form onFinish={submit} layout="vertical">
          <Form.Item validateStatus={problem ? 'error' : undefined} help={problem ? t(`search.${problem}`) : t('search.hint')} style={{ marginBottom: 0 }}>
            <Space.Compact style={{ width: '100%' }}>
              <Input
                data-testid="member-search-input"
                size="large"
                allowClear
                autoFocus
                autoComplete="off"
                inputMode="tel"
                placeholder={t('search.placeholder')}
                value={text}
                onChange={(e) => {
                  setText(e.target.value);
                  if (problem) setProblem(null);
                }}
              />
              <Button data-testid="member-search-submit" size="large" type="primary" htmlType="submit" icon={<SearchOutlined />} loading={state.status === 'loading'}>
                {t('search.submit')}
              </Button>
            </Space.Compact>
          </Form.Item>
        </Form>
      </Card>

      {state.status === 'error' && <Alert data-testid="member-search-error" type="error" showIcon message={state.message} />}

      {state.status === 'done' && state.items.length === 0 && (
        <Card>
          <Empty data-testid="member-not-found" description={t('search.notFound', { query: queryText, kind: queryKind })} />
        </Card>
      )}

      {state.status === 'done' && state.items.length > 0 && (
        <Card title={`${t('search.results')} · ${queryKind}`}>
          <List
            data-testid="member-results"
            dataSource={state.items}
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
                      <Tag color="gold">{pick(m.tier.name, lang)}</Tag>
                    </Space>
                  }
                  description={
                    <Space wrap size="large">
                      <span data-testid="member-result-phone">{m.phoneMasked ?? t('member.noPhone')}</span>
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
      )}
    </Space>
  );
}
