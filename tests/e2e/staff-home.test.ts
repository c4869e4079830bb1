import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { staffRoleLabels, type StaffRole } from '../../shared/staff-roles';
import { H5_DIST } from '../../local/h5-build';
import { useBrowserStack } from '../support/browser-stack';

/**
 * Management left the mini-program for the staff console (会员运营后台): staff who are not cashiers sign in on the H5
 * build and see who they are, a panel sending them to the console with its address (as the app's /config.js names it)
 * and no management tools; an old link to a removed page opens the staff home; the H5 build holds none of the removed
 * pages. Cashiers keep the register.
 */
jest.setTimeout(240_000);

const env = useBrowserStack({ console: true });

/** The pages that moved to the console, as the mini-program named them. */
const removedPages = ['pages/staff/approvals/index', 'pages/staff/member-points/index', 'pages/staff/liability/index'];

/** Every file the H5 build serves (source maps are not served to phones but are searched too: they name every module). */
function builtFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? builtFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

async function signIn(context: BrowserContext, role: StaffRole): Promise<Page> {
  const account = env.stack.seedResult.staff.find((s) => s.role === role)!;
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error('page error:', err.message));
  await page.goto(`${env.stack.appUrl}/#/pages/staff/login/index`);
  await page.locator('#staff-username').fill(account.username);
  await page.locator('#staff-password').fill(account.password);
  if (account.registerId) await page.locator('#staff-register').fill(account.registerId);
  await page.locator('#staff-login').click();
  return page;
}

/** The management tools the staff home used to list, and the removed pages' own controls. */
const managementSelectors = ['#staff-nav', '[id^="staff-nav-"]', '.staff-nav__item', '#approvals-page', '#mp-page', '#liability-page', '[id^="approve-"]', '#mp-submit', '#liability-refresh'];

it('the H5 build no longer contains the pages that moved to the console', () => {
  const files = builtFiles(H5_DIST);
  const served = files.filter((f) => /\.(js|html|css|json)$/.test(f));
  expect(served.length).toBeGreaterThan(0);
  const text = served.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
  // The check can see page paths at all: the pages that stay are there.
  expect(text).toContain('pages/staff/home/index');
  expect(text).toContain('pages/staff/cashier/index');
  for (const page of removedPages) {
    expect({ page, inBuild: text.includes(page) }).toEqual({ page, inBuild: false });
    expect(files.filter((f) => f.includes(page.replace('/index', '')))).toEqual([]);
  }
  // Nor their messages (the dictionaries' keys are kept as written).
  for (const key of ['approvals.title', 'mp.titleAdjust', 'liability.title', 'staff.tool.approvals']) expect({ key, inBuild: text.includes(`"${key}"`) || text.includes(`'${key}'`) }).toEqual({ key, inBuild: false });
});

it('the console is served where the app’s /config.js says', async () => {
  expect(env.stack.consoleUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  const config = await (await fetch(`${env.stack.appUrl}/config.js`)).text();
  expect(config).toContain(`"consoleUrl":"${env.stack.consoleUrl}"`);
  const consolePage = await fetch(env.stack.consoleUrl!);
  expect(consolePage.status).toBe(200);
  expect(await consolePage.text()).toContain('会员运营后台');
});

it.each(['ops', 'service', 'finance', 'admin'] as const)('%s sign in on the mini-program and are sent to the console, with no management tools', async (role) => {
  const context = await env.phone();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.stack.appUrl });
  const page = await signIn(context, role);

  // Who they are.
  const panel = page.locator('#staff-console');
  await panel.waitFor();
  expect(page.url()).toContain('#/pages/staff/home/index');
  await page.locator('#staff-profile').waitFor();
  expect(await page.locator('#staff-role').textContent()).toBe(staffRoleLabels[role].zh);

  // The panel: management is in the console, on a computer; the address to copy.
  const text = (await panel.textContent()) ?? '';
  expect(text).toContain('会员运营后台');
  for (const area of ['会员服务', '积分调整', '等级审批', '规则设置', '财务报表', '员工账号']) expect(text).toContain(area);
  expect(await page.locator('#staff-console-url').textContent()).toBe(env.stack.consoleUrl);
  expect(await page.locator('#staff-console-ask').count()).toBe(0);
  await page.locator('#staff-console-copy').click();
  await page.locator('#staff-console-copy', { hasText: '已复制' }).waitFor();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(env.stack.consoleUrl);

  // No management tools, and no register.
  for (const selector of managementSelectors) expect({ selector, count: await page.locator(selector).count() }).toEqual({ selector, count: 0 });
  expect(await page.locator('#staff-open-register').count()).toBe(0);

  // English on request.
  await page.locator('#lang-toggle').click();
  await page.locator('#staff-console', { hasText: 'Membership Console' }).waitFor();
  expect(await page.locator('#staff-role').textContent()).toBe(staffRoleLabels[role].en);
  await context.close();
});

it('an old link to a page that moved opens the staff home', async () => {
  const context = await env.phone();
  const home = await signIn(context, 'ops');
  await home.locator('#staff-console').waitFor();
  for (const removed of removedPages) {
    const page = await context.newPage();
    await page.goto(`${env.stack.appUrl}/#/${removed}`);
    await page.locator('#staff-console').waitFor();
    await page.waitForURL(/#\/pages\/staff\/home\/index/);
    for (const selector of managementSelectors) expect({ removed, selector, count: await page.locator(selector).count() }).toEqual({ removed, selector, count: 0 });
    await page.close();
  }
  await context.close();
});

it('a cashier still lands at the register, and the staff home offers it back instead of the console', async () => {
  const context = await env.phone();
  const page = await signIn(context, 'cashier');
  await page.locator('#join-qr').waitFor();
  expect(page.url()).toContain('#/pages/staff/cashier/index');

  await page.goto(`${env.stack.appUrl}/#/pages/staff/home/index`);
  await page.locator('#staff-open-register').waitFor();
  expect(await page.locator('#staff-console').count()).toBe(0);
  await page.locator('#staff-open-register').click();
  await page.locator('#join-qr').waitFor();
  await context.close();
});
