import os from 'node:os';
import path from 'node:path';
import { lastDevOtp } from '../../functions/adapters/dev-sms';
import { getConfig } from '../../functions/commons/config';
import { registerKey, signRequest } from '../../functions/commons/signatures';
import { useBrowserStack } from '../support/browser-stack';

/**
 * A sale at the register appears as points in the shopper's app: the shopper joins in the H5 app, the register
 * (signing with its own key, no cashier session) posts a sale naming the member, and the card shows the points.
 */
jest.setTimeout(240_000);

const env = useBrowserStack();


/** The register's own signed request, as a POS without a cashier session sends it. */
async function postSignedSale(body: unknown, key?: string) {
  const { keys } = await getConfig();
  key ??= registerKey(keys.integration, 'S001', 'S001-R1');
  const raw = JSON.stringify(body);
  const ts = Math.floor(Date.now() / 1000);
  const res = await fetch(`${env.stack.apiUrl}/pos/sales`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-store-id': 'S001', 'x-register-id': 'S001-R1', 'x-timestamp': String(ts), 'x-signature': signRequest(key, ts, 'POST', '/pos/sales', raw) },
    body: raw,
  });
  return { status: res.status, body: await res.json() };
}

it('a sale at the register shows up as points on the member card', async () => {
  const phone = '13612340001';
  const context = await env.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto(`${env.stack.appUrl}/#/pages/login/index`);
  await page.locator('#phone-input').fill(phone);
  await page.locator('#send-otp').click();
  for (let i = 0; i < 50 && !lastDevOtp(phone); i++) await page.waitForTimeout(100);
  await page.locator('#otp-input').fill(lastDevOtp(phone)!);
  await page.locator('#verify-otp').click();
  await page.locator('#consent-checkbox').click();
  await page.locator('#join-button').click();
  await page.locator('#member-no').waitFor();
  const memberId = ((await page.locator('#member-no').textContent()) ?? '').replace(/\D/g, '');
  expect(memberId).toMatch(/^\d{9}$/);

  // A bad signature is refused; the right one records the sale.
  const sale = {
    receiptNo: 'E2E-0001',
    storeId: 'S001',
    registerId: 'S001-R1',
    soldAt: new Date().toISOString(),
    lines: [{ lineNo: 1, sku: 'RICE-5KG', category: 'grocery', qtyMilli: 1000, unitPriceFen: 8880, lineDiscountFen: 0 }],
    payments: [{ method: 'cash', amountFen: 8880 }],
    member: { memberId },
  };
  const forged = await postSignedSale(sale, 'not-the-register-key');
  expect(forged).toMatchObject({ status: 401, body: { error: { code: 'BAD_SIGNATURE' } } });
  const recorded = await postSignedSale(sale);
  expect(recorded.status).toBe(200);
  expect(recorded.body.points).toMatchObject({ earned: 88, pending: true });

  await page.reload();
  await page.locator('#points-pending').waitFor();
  // One name for pending points everywhere in the app: 待入账.
  expect(await page.locator('#points-pending').textContent()).toContain('待入账 88');
  await page.screenshot({ path: path.join(os.tmpdir(), 'membership-e2e', 'card-with-points.png') });
});
