import { ProLayout } from '@ant-design/pro-components';
import { Button, Result, Space, Spin, Tag, Typography } from 'antd';
import { Suspense, useMemo } from 'react';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { pagesFor, sections, type Section } from '../pages/registry';
import { pick, setLang, useLang, useT } from './i18n';
import { shellMessages } from './messages';
import { setSession, type StaffProfile } from './session';

/** The signed-in console: a menu of the pages this role may use, and those pages. */
export default function ConsoleLayout({ staff }: { staff: StaffProfile }) {
  const t = useT(shellMessages);
  const lang = useLang();
  const location = useLocation();
  const pages = useMemo(() => pagesFor(staff.role), [staff.role]);
  const menuRoutes = useMemo(() => {
    const bySection = new Map<Section, typeof pages>();
    for (const p of pages.filter((p) => p.menu)) bySection.set(p.section, [...(bySection.get(p.section) ?? []), p]);
    return [...bySection].map(([section, items]) => ({
      path: `/${section}`,
      name: pick(sections[section], lang),
      routes: items.map((p) => ({ path: p.path, name: pick(p.label, lang), key: p.key })),
    }));
  }, [pages, lang]);
  const home = pages.find((p) => p.menu)?.path;
  const scopeText =
    staff.scope.level === 'chain' ? t('scope.chain') : staff.scope.level === 'region' ? t('scope.region', { region: staff.scope.region }) : t('scope.store', { storeId: staff.scope.storeId });

  const signOut = () => setSession(null);

  return (
    <ProLayout
      title={t('title')}
      logo={false}
      layout="mix"
      fixSiderbar
      location={{ pathname: location.pathname }}
      route={{ path: '/', routes: menuRoutes }}
      // Few entries: every section open, so nothing is hidden behind a click.
      menu={{ defaultOpenAll: true, ignoreFlatMenu: true }}
      menuItemRender={(item, dom) => (item.path ? <Link to={item.path} data-testid={`menu-${item.key ?? item.path}`}>{dom}</Link> : dom)}
      actionsRender={() => [
        <Space key="who" data-testid="whoami">
          <Typography.Text>{staff.displayName}</Typography.Text>
          <Tag color="blue">{t(`role.${staff.role}`)}</Tag>
          <Tag>{scopeText}</Tag>
        </Space>,
        <Button key="lang" type="text" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} data-testid="switch-language">
          {t('language')}
        </Button>,
        <Button key="out" type="text" onClick={signOut} data-testid="sign-out">
          {t('signOut')}
        </Button>,
      ]}
    >
      <Suspense fallback={<Spin tip={t('loading')} />}>
        <Routes>
          {pages.map((p) => (
            <Route key={p.key} path={p.path} element={<p.Component />} />
          ))}
          <Route path="/" element={home ? <Navigate to={home} replace /> : <Result status="info" title={t('noPages')} data-testid="no-pages" />} />
          <Route path="*" element={<Result status="404" title={t('notFound')} extra={<Link to="/">{t('back')}</Link>} />} />
        </Routes>
      </Suspense>
    </ProLayout>
  );
}
