import { createApiClient, fetchTransport } from '../../shared/api-client';
import { lastDevOtp } from '../../functions/adapters/dev-sms';
import { useBrowserStack } from '../support/browser-stack';

/**
 * The top tier needs an ops approval: a member whose sale crosses the diamond threshold waits in the staff pages'
 * queue, and ops approve them there (in headless Chromium on the H5 build).
 */
jest.setTimeout(240_000);

const env = useBrowserStack();

it('ops approve a diamond upgrade from the queue', async () => {
  const api = (token?: string) => createApiClient({ baseUrl: env.stack.apiUrl, transport: fetchTransport, token: () => token });
  const phone = '13912345001';
  await api().call('devSendOtp', { body: { phone } });
  const session = await api().call('devVerifyOtp', { body: { phone, code: lastDevOtp(phone)! } });
  const joined = await api(session.token).call('join', { body: { consent: { accepted: true, privacyPolicyVersion: '2026-11-01', termsVersion: '2026-11-01' } } });
  const memberId = joined.card.memberId;
  const cashier = (await api().call('staffLogin', { body: { username: 'cashier', password: 'cashier-demo-2026', registerId: 'S001-R1' } })).token;
  const sale = await api(cashier).call('recordSale', {
    body: { receiptNo: 'BIG-1', storeId: 'S001', registerId: 'S001-R1', soldAt: new Date().toISOString(), lines: [{ lineNo: 1, sku: 'GOLD-BAR', category: 'jewellery', qtyMilli: 1000, unitPriceFen: 5_000_000, lineDiscountFen: 0 }], payments: [{ method: 'card', amountFen: 5_000_000 }], member: { memberId } },
  });
  expect(sale.tier).toMatchObject({ code: 'gold', approvalQueued: 'diamond' });

  const page = await (await env.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' })).newPage();
  await page.goto(`${env.stack.appUrl}/#/pages/staff/login/index`);
  await page.locator('#staff-username').fill('ops');
  await page.locator('#staff-password').fill('ops-demo-2026');
  await page.locator('#staff-login').click();
  await page.locator('#staff-nav-approvals').click();
  const row = page.locator(`.approval-row[data-member-id="${memberId}"]`);
  await row.waitFor();
  await page.locator(`#approve-${memberId}`).click();
  await page.locator('.taro__modal .taro-model__confirm').click();
  await row.waitFor({ state: 'detached' });

  const tier = await api(joined.token).call('myTier');
  expect(tier.tier.code).toBe('diamond');
});
