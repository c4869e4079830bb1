import { SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Form, Input, Segmented, Space, type InputRef } from 'antd';
import { useRef, useState } from 'react';
import { useT } from '../../shell/i18n';
import { useMemberSearch } from './hooks';
import { membersMessages } from './messages';
import { describeQuery, NAME_MAX, parseQuery, type QueryProblem, type SearchMode } from './search-query';
import { SearchResults } from './SearchResults';

const kindKey = { phone: 'search.byPhone', memberId: 'search.byNumber', name: 'search.byName' } as const;

/** Find a member by phone or member number, or by exact name; each result links to the member's page. */
export default function FindMember() {
  const t = useT(membersMessages);
  const { state, search } = useMemberSearch();
  const [mode, setMode] = useState<SearchMode>('number');
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<QueryProblem | null>(null);
  const input = useRef<InputRef>(null);

  const submit = () => {
    const parsed = parseQuery(mode, text);
    if (!parsed.ok) {
      setProblem(parsed.problem);
      return;
    }
    setProblem(null);
    void search(parsed.query);
  };

  const asked = state.status === 'idle' ? null : describeQuery(state.query);
  const kindLabel = asked ? t(kindKey[asked.kind]) : '';
  const hint = problem ? t(`search.${problem}`, { max: NAME_MAX }) : t(mode === 'name' ? 'search.nameHint' : 'search.hint');

  return (
    <Space direction="vertical" size="large" style={{ width: '100%', maxWidth: 880 }}>
      <Card title={t('search.title')}>
        <Form onFinish={submit} layout="vertical">
          <Form.Item style={{ marginBottom: 12 }}>
            <Segmented<SearchMode>
              data-testid="member-search-mode"
              value={mode}
              options={[
                { value: 'number', label: <span data-testid="member-search-mode-number">{t('search.mode.number')}</span> },
                { value: 'name', label: <span data-testid="member-search-mode-name">{t('search.mode.name')}</span> },
              ]}
              onChange={(m) => {
                setMode(m);
                setText('');
                setProblem(null);
                input.current?.focus();
              }}
            />
          </Form.Item>
          <Form.Item validateStatus={problem ? 'error' : undefined} help={<span data-testid="member-search-hint">{hint}</span>} style={{ marginBottom: 0 }}>
            <Space.Compact style={{ width: '100%' }}>
              <Input
                ref={input}
                data-testid="member-search-input"
                size="large"
                allowClear
                autoFocus
                autoComplete="off"
                inputMode={mode === 'name' ? 'text' : 'tel'}
                placeholder={t(mode === 'name' ? 'search.namePlaceholder' : 'search.placeholder')}
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
          <Empty data-testid="member-not-found" description={t('search.notFound', { query: asked?.text ?? '', kind: kindLabel })} />
        </Card>
      )}

      {state.status === 'done' && state.items.length > 0 && <SearchResults items={state.items} byName={asked?.kind === 'name'} kindLabel={kindLabel} />}
    </Space>
  );
}
