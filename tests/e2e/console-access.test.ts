import { consolePages, pagesFor } from '../../console/src/pages/registry';
import { demoStaff } from '../../local/seed';
import { routeManifest } from '../../shared/route-manifest';
import { fillPath } from '../../shared/route-paths';
import { useBrowserStack } from '../support/browser-stack';
import { consoleHelpers } from '../support/console';

/**
 * The staff console in headless Chromium: each demo account sees the menu its role allows, and a page its role
 * does not see is refused by the API too when called directly with that account's session.
 */
jest.setTimeout(240_000);

const env = useBrowserStack({ console: true });
const { signIn } = consoleHelpers(env);


const accounts = ['admin', 'ops', 'finance', 'service', 'cashier', 'admin.s002', 'ops.sh'];

it.each(accounts)('%s sees exactly the menu its role allows', async (username) => {
  const account = demoStaff.find((s) => s.username === username)!;
  const page = await (await env.desk()).newPage();
  const expected = pagesFor(account.role).filter((p) => p.menu);
  if (account.role === 'cashier') {
    // Cashiers sign in at a register, in the mini-program; the console says so.
    await page.goto(`${env.stack.consoleUrl}/#/`);
    await page.getByTestId('login-username').fill(account.username);
    await page.getByTestId('login-password').fill(account.password);
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('login-error').textContent()).resolves.toContain('收银请使用小程序中的收银台');
    expect(expected).toEqual([]);
    return;
  }
  await signIn(page, username);
  await page.getByTestId(`menu-${expected[0].key}`).waitFor();
  const shown = await page.locator('[data-testid^="menu-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice(5)));
  expect(shown.sort()).toEqual(expected.map((p) => p.key).sort());
  await page.context().close();
});

it.each(accounts)('the API refuses %s every console page its menu hides', async (username) => {
  const account = demoStaff.find((s) => s.username === username)!;
  const login = await fetch(`${env.stack.apiUrl}/staff/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: account.password, ...(account.registerId ? { registerId: account.registerId } : {}) }),
  });
  const { token } = (await login.json()) as { token: string };
  const visible = new Set(pagesFor(account.role).map((p) => p.key));
  const hidden = consolePages.filter((p) => !visible.has(p.key));
  for (const p of hidden) {
    const route = routeManifest[p.route];
    const path = fillPath(route.path, { memberId: '000000001', storeId: 'S001', registerId: 'S001-R1', username: 'ops', mergeId: '000000001-000000002' });
    const res = await fetch(`${env.stack.apiUrl}${path}`, {
      method: route.method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'accept-language': 'zh-CN' },
      body: route.method === 'GET' ? undefined : '{}',
    });
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect({ page: p.key, status: res.status }).toEqual({ page: p.key, status: 403 });
    expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
  }
});
