import { StyleProvider } from '@ant-design/cssinjs';
import { render } from '@testing-library/react';
import { App } from 'antd';
import type { ReactElement } from 'react';
import { setSession, type StaffProfile } from '../shell/session';

/**
 * Helpers for the console's page tests (imported by *.test.tsx only). jsdom cannot compute styles of
 * pseudo-elements, which antd's tables ask for to size a scrollbar; that one complaint is noise, not a failure.
 */
export function quietJsdom(): void {
  const original = console.error;
  let spy: jest.SpyInstance | undefined;
  beforeAll(() => {
    spy = jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      const first = args[0] as { message?: unknown } | string | undefined;
      const text = typeof first === 'string' ? first : String(first?.message ?? '');
      if (text.includes('Not implemented: window.getComputedStyle(elt, pseudoElt)')) return;
      original(...args);
    });
  });
  afterAll(() => spy?.mockRestore());
}

/**
 * A page as the console renders it: inside antd's App (message, modal). Ant Design's generated styles go to a
 * detached element: jsdom matches every stylesheet rule on each getComputedStyle (antd calls it on every table and
 * popup render), which made a page test take seconds per render. The tests read the DOM, not the looks.
 */
const styleSink = document.createElement('div');
export const renderPage = (ui: ReactElement) =>
  render(
    <StyleProvider container={styleSink}>
      <App>{ui}</App>
    </StyleProvider>,
  );

export function signInAs(staff: Partial<StaffProfile> & Pick<StaffProfile, 'role' | 'scope'>): void {
  setSession({
    token: 'test-token',
    expiresAt: new Date(Date.now() + 3600_000).toISOString(),
    staff: { username: 'admin.test', displayName: 'Test', canRevealPhone: false, register: null, ...staff },
  });
}
