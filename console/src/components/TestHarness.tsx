import { configure } from '@testing-library/react';
import { App, ConfigProvider } from 'antd';
import type { ReactNode } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { setSession, type StaffProfile } from '../shell/session';

// antd's first render in jsdom is slow (CSS-in-JS); a find waits long enough for it.
configure({ asyncUtilTimeout: 10_000 });

/** Rendering a page in tests: a signed-in role, antd's App (message, modal) and a router at a path. Used by tests only. */
export function signInAs(role: StaffProfile['role'], extra: Partial<StaffProfile> = {}): void {
  setSession({
    token: 'test-token',
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    staff: { username: `${role}.one`, displayName: `${role} one`, role, scope: { level: 'chain' }, canRevealPhone: false, register: null, ...extra } as StaffProfile,
  });
}

export function inApp(node: ReactNode, { path = '/', at = '/' }: { path?: string; at?: string } = {}) {
  return (
    <ConfigProvider theme={{ token: { motion: false } }}>
      <App>
        <MemoryRouter initialEntries={[at]}>
          <Routes>
            <Route path={path} element={node} />
            <Route path="*" element={<div data-testid="elsewhere" />} />
          </Routes>
        </MemoryRouter>
      </App>
    </ConfigProvider>
  );
}
