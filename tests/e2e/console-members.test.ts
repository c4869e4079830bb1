import { lastDevOtp } from '../../functions/adapters/dev-sms';
import { useBrowserStack } from '../support/browser-stack';
import { consoleHelpers } from '../support/console';

/**
 * Customer service and ops at a desk, in headless Chromium on the staff console: find a member by phone, read
 * their timeline, reveal the phone (audited), grant capped compensation (1.5 refused, never read as 15), deduct
 * beyond the balance only after confirming the debt, approve a diamond upgrade, change a setting after seeing
 * a sample basket before and after.
 */
jest.setTimeout(300_000);

const env = useBrowserStack({ console: true });
const { api, consent: CONSENT, staffToken, signIn } = consoleHelpers(env);


async function joinedMember(phone: string) {
  await api().call('devSendOtp', { body: { phone } });
  const session = await api().call('devVerifyOtp', { body: { phone, code: lastDevOtp(phone)! } });
  const joined = await api(session.token).call('join', { body: { consent: CONSENT } });
  return { memberId: joined.card.memberId, token: joined.token };
}

async function sale(memberId: string, receiptNo: string, fen: number) {
  const cashier = await staffToken('cashier');
  return api(cashier).call('recordSale', {
    body: { receiptNo, storeId: 'S001', registerId: 'S001-R1', soldAt: new Date().toISOString(), lines: [{ lineNo: 1, sku: 'SKU-1', category: 'jewellery', qtyMilli: 1000, unitPriceFen: fen, lineDiscountFen: 0 }], payments: [{ method: 'card', amountFen: fen }], member: { memberId } },
  });
}


it('customer service finds a member by phone, reads the timeline, reveals the phone and grants compensation', async () => {
  const phone = '13912345101';
  const { memberId, token } = await joinedMember(phone);
  await sale(memberId, 'CS-1', 12_345);

  const page = await (await env.desk()).newPage();
  await signIn(page, 'service');
  await page.getByTestId('menu-members').click();
  await page.getByTestId('member-search-input').fill(`+86 ${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`);
  await page.getByTestId('member-search-submit').click();
  await page.locator(`[data-testid="member-result"][data-member-id="${memberId}"]`).waitFor();
  await page.getByTestId('member-result-link').click();

  await page.getByTestId('member-card').waitFor();
  await expect(page.getByTestId('member-number').textContent()).resolves.toContain(memberId);
  await page.locator('[data-testid="timeline-item"][data-kind="joined"]').waitFor();
  const saleItem = page.locator('[data-testid="timeline-item"][data-kind="sale"]');
  await saleItem.waitFor();
  await expect(saleItem.textContent()).resolves.toContain('123.45');

  // The full number, with the permission, and the reveal is in the audit log.
  await page.getByTestId('reveal-phone').click();
  await expect(page.getByTestId('revealed-phone').textContent()).resolves.toContain(phone);
  const audit = await api(await staffToken('admin')).call('auditLog', { query: { target: `member:${memberId}`, limit: 10 } });
  expect(audit.items.map((e) => e.action)).toContain('member.revealPhone');

  // 1.5 is refused as it stands: nothing is previewed or granted.
  await page.getByTestId('adjust-points').fill('1.5');
  await page.getByTestId('adjust-note').fill('配送延误补偿');
  await page.getByTestId('adjust-case-ref').fill('CS-20261202-001');
  await page.getByTestId('adjust-submit').click();
  await page.getByText('只能输入整数，不能有小数').waitFor();
  await expect(page.getByTestId('adjust-points').inputValue()).resolves.toBe('1.5');
  expect(await page.getByTestId('adjust-confirm-modal').count()).toBe(0);

  await page.getByTestId('adjust-points').fill('20');
  await page.getByTestId('adjust-submit').click();
  await page.getByTestId('adjust-confirm-modal').waitFor();
  await expect(page.getByTestId('adjust-confirm-balance').textContent()).resolves.toMatch(/20/);
  // What this case and this account may still grant before this one.
  await expect(page.getByTestId('adjust-confirm-caps').textContent()).resolves.toMatch(/500.*2,000/);
  await page.getByTestId('adjust-confirm').click();
  await page.getByTestId('adjust-success').waitFor();
  await page.locator('[data-testid="timeline-item"][data-kind="points"]').first().waitFor();

  const points = await api(token).call('myPoints');
  expect(points.available).toBe(20);
  await page.context().close();
});

it('ops deduct beyond the balance only after confirming the debt the member will owe', async () => {
  const { memberId, token } = await joinedMember('13912345102');
  const ops = await staffToken('ops');
  await api(ops).call('adjustPoints', { params: { memberId }, body: { points: 100, note: '开卡礼', idempotencyKey: `seed-${memberId}` } });

  const page = await (await env.desk()).newPage();
  await signIn(page, 'ops');
  await page.goto(`${env.stack.consoleUrl}/#/members/${memberId}`);
  await page.getByTestId('adjust-panel').waitFor();
  await page.getByTestId('adjust-points').fill('-150');
  await page.getByTestId('adjust-note').fill('误发积分扣回 OPS-002');
  await page.getByTestId('adjust-reason-zh').fill('积分更正');
  await page.getByTestId('adjust-submit').click();
  await page.getByTestId('adjust-confirm-modal').waitFor();
  // The effect, stated before anything happens: balance 100 → 0, 50 short becomes debt, the shopper's text.
  await expect(page.getByTestId('adjust-confirm-short').textContent()).resolves.toContain('50');
  await expect(page.getByTestId('adjust-confirm-shopper-text').textContent()).resolves.toContain('积分更正');
  await expect(page.getByTestId('adjust-confirm').isDisabled()).resolves.toBe(true);
  await page.getByTestId('adjust-confirm-debt-checkbox').click();
  await page.getByTestId('adjust-confirm').click();
  await page.getByTestId('adjust-success').waitFor();

  const points = await api(token).call('myPoints');
  expect({ available: points.available, debt: points.debt }).toEqual({ available: 0, debt: 50 });
  await page.context().close();
});

it('ops approve a diamond upgrade from the queue', async () => {
  const { memberId, token } = await joinedMember('13912345103');
  const result = await sale(memberId, 'BIG-1', 5_000_000);
  expect(result.tier).toMatchObject({ approvalQueued: 'diamond' });

  const page = await (await env.desk()).newPage();
  await signIn(page, 'ops');
  await page.getByTestId('menu-tierApprovals').click();
  const row = page.locator(`[data-testid="tier-approval-row"][data-member-id="${memberId}"]`);
  await row.waitFor();
  await row.getByTestId('tier-approve').click();
  await page.getByTestId('tier-decision-confirm').click();
  await row.waitFor({ state: 'detached' });
  expect((await api(token).call('myTier')).tier.code).toBe('diamond');
  await page.context().close();
});

it('ops change a setting after seeing a sample basket before and after; the change is audited', async () => {
  const ops = await staffToken('ops');
  const before = await api(ops).call('getSettings');
  const page = await (await env.desk()).newPage();
  await signIn(page, 'ops');
  await page.getByTestId('menu-settings').click();
  await page.getByTestId('settings-page').waitFor();
  const silver = before.settings.tiers.find((t) => t.code === 'silver')!;
  const field = page.getByTestId('settings-tier-silver-pointsPerYuan');
  await field.fill('1.5');
  await page.getByTestId('settings-review').click();
  await page.getByText('只能输入整数，不能有小数').first().waitFor();
  await field.fill(String(silver.pointsPerYuan + 1));
  await page.getByTestId('settings-review').click();
  await page.getByTestId('settings-review-modal').waitFor();
  await page.locator('[data-testid="settings-diff-row"][data-path="tiers.silver.pointsPerYuan"]').waitFor();
  const beforePoints = await page.getByTestId('sample-before-points').textContent();
  const afterPoints = await page.getByTestId('sample-after-points').textContent();
  expect(afterPoints).not.toEqual(beforePoints);
  await page.getByTestId('settings-save-confirm').click();
  await page.getByTestId('settings-review-modal').waitFor({ state: 'detached' });

  const after = await api(ops).call('getSettings');
  expect(after.version).toBe(before.version + 1);
  expect(after.settings.tiers.find((t) => t.code === 'silver')!.pointsPerYuan).toBe(silver.pointsPerYuan + 1);
  const audit = await api(await staffToken('admin')).call('auditLog', { query: { target: 'settings', limit: 5 } });
  expect(audit.items[0]).toMatchObject({ actor: 'ops', action: 'settings.update' });
  await page.context().close();
});

it('shows the server’s errors in the language the user chose', async () => {
  const page = await (await env.desk('en-US')).newPage();
  await page.goto(`${env.stack.consoleUrl}/#/`);
  await page.getByTestId('login-username').waitFor();
  // The console starts in Chinese; switch to English on the sign-in card.
  await page.getByText('English').click();
  await page.getByTestId('login-username').fill('ops');
  await page.getByTestId('login-password').fill('not-the-password');
  await page.getByTestId('login-submit').click();
  const text = await page.getByTestId('login-error').textContent();
  expect(text).toMatch(/[A-Za-z]{4,}/);
  expect(text).not.toMatch(/[\u4e00-\u9fff]/);
  await page.context().close();
});
