import { lastDevOtp } from '../../functions/adapters/dev-sms';
import type { ApiError } from '../../shared/api-client';
import { pagesFor } from '../../console/src/pages/registry';
import { useBrowserStack } from '../support/browser-stack';
import { consoleHelpers } from '../support/console';

/**
 * Coupons at a desk, in headless Chromium on the staff console: ops design a 满200减30 template in the form, find
 * it in the list, pause and resume it (each audited); customer service issues a compensation coupon on a member's
 * page and sees it in the member's coupons and timeline; finance and cashiers get no coupon pages, and the API
 * refuses them the same routes.
 */
jest.setTimeout(300_000);

const env = useBrowserStack({ console: true });
const { api, consent: CONSENT, staffToken, signIn } = consoleHelpers(env);
const suffix = Date.now().toString(36).slice(-6).toUpperCase();

async function joinedMember(phone: string) {
  await api().call('devSendOtp', { body: { phone } });
  const session = await api().call('devVerifyOtp', { body: { phone, code: lastDevOtp(phone)! } });
  const joined = await api(session.token).call('join', { body: { consent: CONSENT } });
  return { memberId: joined.card.memberId, token: joined.token };
}

it('ops create a 满200减30 template in the form, see it in the list, pause and resume it', async () => {
  const templateId = `E2E-CASH-${suffix}`;
  const page = await (await env.desk()).newPage();
  await signIn(page, 'ops');
  await page.getByTestId('menu-couponTemplates').click();
  await page.getByTestId('coupon-templates-page').waitFor();
  await page.getByTestId('template-new').click();
  await page.getByTestId('template-form').waitFor();
  await page.getByTestId('template-id').fill(templateId);
  await page.getByTestId('template-name-zh').fill('满200减30');
  await page.getByTestId('template-name-en').fill('¥30 off ¥200');
  // 满减 is the default kind.
  await page.getByTestId('template-threshold').fill('200');
  await page.getByTestId('template-off').fill('30');
  await expect(page.getByTestId('template-preview').textContent()).resolves.toContain('满200减30');
  await page.getByTestId('template-valid-days').fill('7');
  await page.getByTestId('template-stock').fill('1000');
  await page.getByTestId('template-budget').fill('3000');
  // An amount that is not exact is refused as typed and nothing is sent.
  await page.getByTestId('template-min-order').fill('1.234');
  await page.getByTestId('template-form-submit').click();
  await page.getByText('金额最多两位小数').waitFor();
  await page.getByTestId('template-min-order').fill('0');
  await page.getByTestId('template-form-submit').click();

  // Made: the drawer shows it as the server has it, and the list holds it.
  await expect(page.getByTestId('template-detail-summary').textContent()).resolves.toBe('满200减30');
  await page.keyboard.press('Escape');
  const row = page.locator(`[data-testid="template-row"][data-template-id="${templateId}"]`);
  await row.waitFor();
  await expect(row.getByTestId('template-summary').textContent()).resolves.toBe('满200减30');
  await expect(row.getAttribute('data-status')).resolves.toBe('active');
  await expect(row.getByTestId('template-stock-cell').textContent()).resolves.toBe('0 / 1,000');

  const ops = await staffToken('ops');
  const made = await api(ops).call('couponTemplate', { params: { templateId } });
  expect(made).toMatchObject({ benefit: { kind: 'cash-off', thresholdFen: 20_000, offFen: 3_000 }, validity: { type: 'after-receipt', days: 7 }, limits: { stock: 1000, perMember: 1, budgetFen: 300_000, minOrderFen: 0 }, status: 'active' });

  await row.getByTestId('template-pause').click();
  await page.getByTestId('template-action-reason').fill('库存盘点');
  await page.getByTestId('template-action-confirm').click();
  await page.locator(`[data-testid="template-row"][data-template-id="${templateId}"][data-status="paused"]`).waitFor();
  expect((await api(ops).call('couponTemplate', { params: { templateId } })).status).toBe('paused');

  await page.locator(`[data-testid="template-row"][data-template-id="${templateId}"]`).getByTestId('template-resume').click();
  await page.getByTestId('template-action-confirm').click();
  await page.locator(`[data-testid="template-row"][data-template-id="${templateId}"][data-status="active"]`).waitFor();
  expect((await api(ops).call('couponTemplate', { params: { templateId } })).status).toBe('active');

  const audit = await api(await staffToken('admin')).call('auditLog', { query: { target: `coupon-template:${templateId}`, limit: 10 } });
  expect(audit.items.map((e) => e.action).sort()).toEqual(['coupon.template.create', 'coupon.template.pause', 'coupon.template.resume']);
  expect(audit.items.find((e) => e.action === 'coupon.template.pause')?.after).toMatchObject({ status: 'paused', reason: '库存盘点' });
  await page.context().close();
});

it('customer service issues a compensation coupon on a member’s page; it shows in the coupons and the timeline', async () => {
  const templateId = `E2E-COMP-${suffix}`;
  const ops = await staffToken('ops');
  await api(ops).call('createCouponTemplate', {
    body: {
      templateId,
      name: { zh: '无门槛10元补偿券', en: '¥10 off compensation' },
      benefit: { kind: 'no-threshold', offFen: 1000 },
      validity: { type: 'after-receipt', days: 30 },
      scope: {},
      limits: { stock: 100, perMember: 5 },
      stacking: { group: 'compensation' },
      claimChannel: 'issued',
    },
  });
  const { memberId, token } = await joinedMember('13912345301');

  const page = await (await env.desk()).newPage();
  await signIn(page, 'service');
  await page.goto(`${env.stack.consoleUrl}/#/members/${memberId}`);
  await page.getByTestId('member-coupons-panel').waitFor();
  // Customer service may issue but not revoke.
  expect(await page.getByTestId('revoke-coupon-open').count()).toBe(0);
  await page.getByTestId('issue-coupon-open').click();
  await page.getByTestId('issue-coupon-cap').filter({ hasText: '¥50.00' }).waitFor();
  await page.getByTestId('issue-coupon-template').click();
  await page.locator('.ant-select-item-option', { hasText: templateId }).click();
  await page.getByTestId('issue-coupon-case').fill(`CS-${suffix}`);
  await page.getByTestId('issue-coupon-reason').fill('配送延误补偿');
  // A double click issues once: one key per opening of the dialog.
  await page.getByTestId('issue-coupon-confirm').dblclick();
  await page.getByTestId('issue-coupon-modal').waitFor({ state: 'detached' });

  const row = page.locator(`[data-testid="member-coupon"][data-template-id="${templateId}"]`);
  await row.waitFor();
  await expect(row.getAttribute('data-state')).resolves.toBe('usable');
  await expect(row.textContent()).resolves.toContain('客服补偿');
  const audit = page.locator('[data-testid="timeline-item"][data-kind="audit"]', { hasText: 'coupon.compensate' });
  await audit.waitFor();
  await expect(audit.getByTestId('timeline-action-label').textContent()).resolves.toContain('发放补偿券');
  await expect(page.getByTestId('member-coupons-panel').getByTestId('member-coupon').count()).resolves.toBe(1);

  const mine = await api(token).call('myCoupons', { query: { view: 'usable' } });
  expect(mine.items.map((c) => [c.templateId, c.source])).toEqual([[templateId, 'compensation']]);
  await page.context().close();
});

it('finance and cashiers get no coupon pages, and the API refuses them the same routes', async () => {
  for (const role of ['finance', 'cashier'] as const) {
    expect(pagesFor(role).map((p) => p.key)).not.toEqual(expect.arrayContaining(['couponTemplates']));
    expect(pagesFor(role).map((p) => p.key)).not.toContain('couponPacks');
  }
  const page = await (await env.desk()).newPage();
  await signIn(page, 'finance');
  await page.getByTestId('menu-liability').waitFor();
  expect(await page.getByTestId('menu-couponTemplates').count()).toBe(0);
  expect(await page.getByTestId('menu-couponPacks').count()).toBe(0);
  await page.goto(`${env.stack.consoleUrl}/#/coupon-templates`);
  await page.locator('.ant-result-404').waitFor();
  await page.context().close();

  const body = { templateId: 'NOPE', name: { zh: 'x', en: 'x' }, benefit: { kind: 'no-threshold' as const, offFen: 100 }, validity: { type: 'after-receipt' as const, days: 1 }, scope: {}, limits: { stock: 1, perMember: 1 }, stacking: { group: 'x' }, claimChannel: 'centre' as const };
  const refusal = (p: Promise<unknown>) => p.then(() => null, (e: ApiError) => e.status);
  const finance = await staffToken('finance');
  const cashier = await staffToken('cashier');
  const service = await staffToken('service');
  expect(await refusal(api(finance).call('createCouponTemplate', { body }))).toBe(403);
  expect(await refusal(api(finance).call('createCouponPack', { body: { packId: 'NOPE', name: { zh: 'x', en: 'x' }, items: [{ templateId: 'NOPE', count: 1 }] } }))).toBe(403);
  expect(await refusal(api(finance).call('changeCouponTemplateStatus', { params: { templateId: 'NOPE' }, body: { action: 'pause' } }))).toBe(403);
  expect(await refusal(api(finance).call('issueCompensationCoupon', { params: { memberId: '000000001' }, body: { templateId: 'NOPE', caseRef: 'CS-1', reason: 'xx', idempotencyKey: 'abcdefgh' } }))).toBe(403);
  expect(await refusal(api(cashier).call('couponTemplates', { query: {} }))).toBe(403);
  expect(await refusal(api(cashier).call('createCouponTemplate', { body }))).toBe(403);
  // Customer service issues but never revokes.
  expect(await refusal(api(service).call('revokeCoupon', { params: { memberId: '000000001', grantId: 'NOPE' }, body: { reason: 'xx' } }))).toBe(403);
});
