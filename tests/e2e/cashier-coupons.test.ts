import { createApiClient, fetchTransport } from '../../shared/api-client';
import { useBrowserStack } from '../support/browser-stack';
import path from 'node:path';
import { eventually, SCREENSHOTS_DIR } from '../support/shopper-app';
import { joinShopper, memberCodeFor, staffToken } from '../support/shoppers';
import type { TestApi } from '../support/test-api';

/**
 * A cashier redeems a coupon in Chromium: the member (joined, two coupons claimed through the API) shows their code;
 * the cashier identifies them, quotes a basket, sees the best coupon ticked and the other with its reason in
 * Chinese, and checks out; the coupon is then used in the member's coupons.
 */
jest.setTimeout(240_000);

const env = useBrowserStack();
/** The typed client against the running stack (the shape tests/support's helpers take). */
const api = { client: (token?: string | null) => createApiClient({ baseUrl: env.stack.apiUrl, transport: fetchTransport, token: () => token ?? null, locale: () => 'zh-CN' }) } as unknown as TestApi;

it('a cashier sees the member’s coupons with the best one ticked and redeems it with the sale', async () => {
  const { memberId, client } = await joinShopper(api, '13612340077');
  const ops = api.client(await staffToken(api, 'ops', 'ops-demo-2026'));
  const design = (templateId: string, name: string, thresholdFen: number, offFen: number) => ({
    templateId,
    name: { zh: name, en: name },
    benefit: { kind: 'cash-off' as const, thresholdFen, offFen },
    validity: { type: 'after-receipt' as const, days: 7 },
    scope: {},
    limits: { stock: 100, perMember: 5, budgetFen: null, minOrderFen: 0 },
    stacking: { group: templateId.toLowerCase() },
    claimChannel: 'centre' as const,
  });
  await ops.call('createCouponTemplate', { body: design('E2E-OFF10', '满50减10', 5000, 1000) });
  await ops.call('createCouponTemplate', { body: design('E2E-OFF50', '满500减50', 50000, 5000) });
  const usable = (await client.call('claimCoupon', { body: { templateId: 'E2E-OFF10', idempotencyKey: 'e2e-claim-1' } })).grants[0].grantId;
  const tooBig = (await client.call('claimCoupon', { body: { templateId: 'E2E-OFF50', idempotencyKey: 'e2e-claim-2' } })).grants[0].grantId;

  const page = await (await env.phone()).newPage();
  page.on('pageerror', (err) => console.error('page error:', err.message));
  await page.goto(`${env.stack.appUrl}/#/pages/staff/login/index`);
  await page.locator('#staff-username').fill('cashier');
  await page.locator('#staff-password').fill('cashier-demo-2026');
  await page.locator('#staff-register').fill('S001-R1');
  await page.locator('#staff-login').click();
  await page.locator('#identify-input').waitFor();
  await page.locator('#identify-input').fill(memberCodeFor(memberId));
  await page.locator('#identify-button').click();
  await page.locator('#identified-member').waitFor();

  await page.locator('#quote-amount').fill('120');
  await page.locator('#quote-button').click();
  await page.locator('#coupon-panel').waitFor();
  await eventually(() => page.locator(`#coupon-${usable}`).getAttribute('data-chosen'), (v) => expect(v).toBe('1'));
  const reason = page.locator(`#coupon-na-${tooBig}`);
  expect(await reason.getAttribute('data-reason')).toBe('below-threshold');
  expect(await reason.textContent()).toContain('未满使用门槛，还差 ¥380.00');
  expect(await page.locator('#quote-coupon-discount').textContent()).toContain('10.00');
  await page.locator('#quote-panel').screenshot({ path: path.join(SCREENSHOTS_DIR, 'cashier-coupons.png') });

  // Untick and tick again: the quote follows the cashier's choice.
  await page.locator(`#coupon-${usable}`).click();
  await eventually(() => page.locator(`#coupon-${usable}`).getAttribute('data-chosen'), (v) => expect(v).toBe('0'));
  await page.locator(`#coupon-${usable}`).click();
  await eventually(() => page.locator(`#coupon-${usable}`).getAttribute('data-chosen'), (v) => expect(v).toBe('1'));

  await page.locator('#checkout-button').click();
  await page.locator('#checkout-done').waitFor();
  expect(await page.locator('#checkout-done').textContent()).toContain('优惠券抵扣 ¥10.00');
  const used = await client.call('myCoupons', { query: { view: 'used' } });
  expect(used.items.map((c) => c.grantId)).toEqual([usable]);
});
