import type { Page } from 'playwright-core';
import { useBrowserStack } from '../support/browser-stack';
import { consoleHelpers } from '../support/console';
import { eventually, memberTokenOf, screenshot, signInWithOtp, step } from '../support/shopper-app';
import { memberCodeFor } from '../support/shoppers';

/**
 * Issue 10 end to end, in headless Chromium on the whole local stack: ops create a template in the console; a shopper
 * claims it in the app's coupon centre; a cashier redeems it on a sale at the register page; the app shows it used;
 * a whole return of the sale gives it back (a setting, on by default), and the app shows it usable again.
 */
jest.setTimeout(420_000);

const env = useBrowserStack({ console: true });
const h = consoleHelpers(env);
const suffix = Date.now().toString(36).slice(-5).toUpperCase();
const TEMPLATE = `JOURNEY-${suffix}`;
const PHONE = '13612349301';

async function openApp(page: Page, route: string) {
  await page.goto(`${env.stack.appUrl}/#${route}`);
  await page.reload();
}

it('console → coupon centre → register → used → whole return → usable again', async () => {
  // ---- ops design the coupon in the console
  const desk = await (await env.desk()).newPage();
  await h.signIn(desk, 'ops');
  await desk.getByTestId('menu-couponTemplates').click();
  await desk.getByTestId('coupon-templates-page').waitFor();
  await desk.getByTestId('template-new').click();
  await desk.getByTestId('template-form').waitFor();
  await desk.getByTestId('template-id').fill(TEMPLATE);
  await desk.getByTestId('template-name-zh').fill('满100减20');
  await desk.getByTestId('template-name-en').fill('¥20 off ¥100');
  await desk.getByTestId('template-threshold').fill('100');
  await desk.getByTestId('template-off').fill('20');
  await desk.getByTestId('template-valid-days').fill('7');
  await desk.getByTestId('template-stock').fill('50');
  await desk.getByTestId('template-budget').fill('1000');
  await desk.getByTestId('template-min-order').fill('0');
  await desk.getByTestId('template-form-submit').click();
  await expect(desk.getByTestId('template-detail-summary').textContent()).resolves.toBe('满100减20');
  await screenshot(desk, 'journey-console-template.png');
  await desk.context().close();

  // ---- a shopper joins and claims it in the coupon centre
  const phone = await env.phone();
  const app = await phone.newPage();
  app.on('pageerror', (err) => console.error('page error:', err.message));
  await app.goto(`${env.stack.appUrl}/#/pages/join/index`);
  await signInWithOtp(app, PHONE);
  await app.locator('#consent-checkbox').click();
  await app.locator('#join-button').click();
  await app.locator('#member-no').waitFor();
  const shopper = h.api(await memberTokenOf(app));
  const memberId = (await shopper.call('myCard')).memberId;
  await step(app, 'claim in the centre', async () => {
    await openApp(app, '/pages/coupons/centre/index');
    const claim = app.locator(`#centre-${TEMPLATE} .centre-item__claim`);
    await claim.waitFor();
    await claim.click();
    await eventually(() => app.locator(`#centre-${TEMPLATE}`).getAttribute('data-received'), (v) => expect(v).toBe('1'));
  });
  const grantId = (await shopper.call('myCoupons', { query: {} })).items.find((c) => c.templateId === TEMPLATE)!.grantId;

  // ---- the cashier redeems it on a ¥120 sale
  const register = await (await env.phone()).newPage();
  register.on('pageerror', (err) => console.error('page error:', err.message));
  await register.goto(`${env.stack.appUrl}/#/pages/staff/login/index`);
  await register.locator('#staff-username').fill('cashier');
  await register.locator('#staff-password').fill('cashier-demo-2026');
  await register.locator('#staff-register').fill('S001-R1');
  await register.locator('#staff-login').click();
  await register.locator('#identify-input').waitFor();
  await register.locator('#identify-input').fill(memberCodeFor(memberId));
  await register.locator('#identify-button').click();
  await register.locator('#identified-member').waitFor();
  await register.locator('#quote-amount').fill('120');
  await register.locator('#quote-button').click();
  await register.locator('#coupon-panel').waitFor();
  await eventually(() => register.locator(`#coupon-${grantId}`).getAttribute('data-chosen'), (v) => expect(v).toBe('1'));
  await register.locator('#checkout-button').click();
  await register.locator('#checkout-done').waitFor();
  expect(await register.locator('#checkout-done').textContent()).toContain('¥20.00');
  await screenshot(register, 'journey-register-redeemed.png');

  // ---- the app shows it used
  await step(app, 'used in the app', async () => {
    await openApp(app, '/pages/coupons/index');
    await app.locator('#coupons-tab-used').click();
    const row = app.locator(`#coupons-list .ticket[data-template-id="${TEMPLATE}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-state')).toBe('redeemed');
  });

  // ---- a whole return gives it back (still within its days)
  const cashier = h.api(await h.staffToken('cashier'));
  const purchases = await shopper.call('myPurchases', { query: {} });
  const sale = purchases.items[0];
  await cashier.call('recordReturn', { body: { returnNo: `JR-${suffix}`, storeId: sale.storeId, original: { storeId: sale.storeId, receiptNo: sale.receiptNo }, returnedAt: new Date().toISOString() } });
  await step(app, 'usable again', async () => {
    await openApp(app, '/pages/coupons/index');
    const row = app.locator(`#coupons-list .ticket[data-template-id="${TEMPLATE}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-state')).toBe('usable');
  });
  const template = await h.api(await h.staffToken('ops')).call('couponTemplate', { params: { templateId: TEMPLATE } });
  // Back to where it was before the sale: one issued, reserved again, nothing settled.
  expect(template.stats).toMatchObject({ issued: 1, redeemed: 0, reservedFen: 2000, settledFen: 0, budgetRemainingFen: 98_000 });
  await phone.close();
});
