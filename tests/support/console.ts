import type { Page } from 'playwright-core';
import { createApiClient, fetchTransport } from '../../shared/api-client';
import { demoStaff } from '../../local/seed';
import type { LocalStack } from '../../local/stack';

/** What the console's end-to-end files share: the typed client on the stack's API, demo sign-ins by API and in the page. */
export function consoleHelpers(env: { stack: LocalStack }) {
  const api = (token?: string) => createApiClient({ baseUrl: env.stack.apiUrl, transport: fetchTransport, token: () => token });
  const account = (username: string) => demoStaff.find((a) => a.username === username)!;
  return {
    api,
    consent: { accepted: true, privacyPolicyVersion: '2026-11-01', termsVersion: '2026-11-01' } as const,
    async staffToken(username: string) {
      const s = account(username);
      return (await api().call('staffLogin', { body: { username, password: s.password, ...(s.registerId ? { registerId: s.registerId } : {}) } })).token;
    },
    /** Signs in on the console's page as a demo account and waits for the signed-in layout. */
    async signIn(page: Page, username: string) {
      await page.goto(`${env.stack.consoleUrl}/#/`);
      await page.getByTestId('login-username').fill(username);
      await page.getByTestId('login-password').fill(account(username).password);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('whoami').waitFor();
    },
  };
}
