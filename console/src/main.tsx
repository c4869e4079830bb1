import AntApp from 'antd/es/app';
import ConfigProvider from 'antd/es/config-provider';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import 'dayjs/locale/zh-cn';
import dayjs from 'dayjs';
import { lazy, Suspense, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { HashRouter } from 'react-router-dom';
import { useLang } from './shell/i18n';
import { refreshProfile } from './shell/api';

// The signed-in console (ProLayout and the menus) loads after sign-in: the sign-in screen needs only a form.
const ConsoleLayout = lazy(() => import('./shell/Layout'));
import { Login } from './shell/Login';
import { getSession, setSession, useSession } from './shell/session';

function Console() {
  const lang = useLang();
  const session = useSession();
  useEffect(() => {
    dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  }, [lang]);
  // The account may have changed since sign-in (role, scope, disabled): ask once per load.
  useEffect(() => {
    if (!session) return;
    void refreshProfile().then((staff) => {
      const now = getSession();
      if (staff && now && JSON.stringify(staff) !== JSON.stringify(now.staff)) setSession({ ...now, staff });
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session?.token]);
  return (
    <ConfigProvider locale={lang === 'en' ? enUS : zhCN} theme={{ token: { colorPrimary: '#8c5a2b' } }}>
      <AntApp>
        <HashRouter>
          {session ? (
            <Suspense fallback={null}>
              <ConsoleLayout staff={session.staff} />
            </Suspense>
          ) : (
            <Login />
          )}
        </HashRouter>
      </AntApp>
    </ConfigProvider>
  );
}

createRoot(document.getElementById('root')!).render(<Console />);
