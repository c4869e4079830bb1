import fs from 'node:fs';
import { lastDevOtp } from '../../functions/adapters/dev-sms';
import { businessDay } from '../../functions/commons/clock';
import { useBrowserStack } from '../support/browser-stack';
import { consoleHelpers } from '../support/console';

/**
 * Finance and admin at a desk, in headless Chromium on the staff console: the points liability per day with its
 * CSV (UTF-8 with a BOM, so Excel shows Chinese); staff accounts, a register's signing key shown once and found
 * in the audit log; join statistics and a register's day; and a store's manager who sees only that store.
 */
jest.setTimeout(300_000);

const env = useBrowserStack({ console: true });
const { api, consent: CONSENT, staffToken, signIn } = consoleHelpers(env);



/** A member joins at a register and buys there; ops grant 100 points, so today's liability moves. */
async function activity(phone: string, storeId: string, registerId: string, cashier: string, receiptNo: string) {
  await api().call('devSendOtp', { body: { phone } });
  const session = await api().call('devVerifyOtp', { body: { phone, code: lastDevOtp(phone)! } });
  const scene = (await api(await staffToken('admin')).call('registerJoinCode', { params: { storeId, registerId } })).scene;
  const joined = await api(session.token).call('join', { body: { consent: CONSENT, scene } });
  const memberId = joined.card.memberId;
  await api(await staffToken(cashier)).call('recordSale', {
    body: { receiptNo, storeId, registerId, soldAt: new Date().toISOString(), lines: [{ lineNo: 1, sku: 'SKU-1', category: 'grocery', qtyMilli: 1000, unitPriceFen: 8_800, lineDiscountFen: 0 }], payments: [{ method: 'card', amountFen: 8_800 }], member: { memberId } },
  });
  await api(await staffToken('ops')).call('adjustPoints', { params: { memberId }, body: { points: 100, note: '开业活动', idempotencyKey: `e2e-${memberId}` } });
  return memberId;
}

/** Reads until the value is what is expected (the reports follow the table's stream), or gives the last value read. */
async function eventually<T>(read: () => Promise<T>, expected: T, timeoutMs = 60_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last = await read();
  while (JSON.stringify(last) !== JSON.stringify(expected) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 1000));
    last = await read();
  }
  return last;
}

beforeAll(async () => {
  await activity('13912345201', 'S001', 'S001-R1', 'cashier', 'AF-1');
  await activity('13912345202', 'S002', 'S002-R1', 'cashier2', 'AF-2');
});

it('finance reads today’s liability and exports it as CSV with a BOM', async () => {
  const today = businessDay();
  const context = await env.desk();
  const page = await context.newPage();
  await signIn(page, 'finance');
  await page.getByTestId('menu-liability').click();
  const row = page.getByTestId(`liability-day-row-${today}`);
  // The counters follow the ledger through the table's stream: the row shows once the reactions have run.
  expect(await eventually(async () => {
    await page.reload();
    await row.waitFor();
    return (await page.getByTestId(`liability-${today}-adjusted-points`).textContent())?.replace(/\D/g, '');
  }, '200')).toBe('200');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('liability-days-export').click()]);
  const bytes = fs.readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.toString('utf8').slice(1);
  expect(text.split(/\r?\n/)[0]).toMatch(/[\u4e00-\u9fff]/);
  expect(text).toContain(today);
  await context.close();
});

it('admin creates an account, reveals a register key once (audited), and reads joins and a register’s day', async () => {
  const context = await env.desk();
  const page = await context.newPage();
  await signIn(page, 'admin');

  await page.getByTestId('menu-staff').click();
  await page.getByTestId('staff-create').click();
  await page.getByTestId('staff-form-username').fill('service.e2e');
  await page.getByTestId('staff-form-display-name').fill('客服·测试');
  await page.getByTestId('staff-form-password').fill('Service-e2e-2026');
  await page.getByTestId('staff-form-role-service').click();
  await page.getByTestId('staff-form-scope-chain').click();
  await page.getByTestId('staff-form-submit').click();
  await page.getByTestId('staff-row-service.e2e').waitFor();

  await page.getByTestId('menu-stores').click();
  await page.getByTestId('store-expand-S001').click();
  await page.getByTestId('register-key-S001-S001-R1').click();
  await page.getByTestId('register-key-confirm').click();
  const key = (await page.getByTestId('register-key-value').textContent())!.trim();
  expect(key.length).toBeGreaterThanOrEqual(32);
  await page.getByTestId('register-key-close').click();
  await page.getByTestId('register-key-modal').waitFor({ state: 'detached' }).catch(() => undefined);
  expect(await page.getByText(key).count()).toBe(0);

  await page.getByTestId('menu-audit').click();
  await page.getByTestId('audit-filter-action').fill('register.revealKey');
  await page.getByTestId('audit-search').click();
  await page.locator('[data-testid="audit-row"][data-action="register.revealKey"]').first().waitFor();

  await page.getByTestId('menu-joins').click();
  await page.getByTestId('joins-chart').waitFor();
  await page.getByTestId('joins-table').waitFor();

  await page.getByTestId('menu-registerDay').click();
  expect(await eventually(async () => {
    await page.reload();
    await page.getByTestId('register-day-table').waitFor();
    return page.getByTestId('register-day-row-S001-S001-R1').count();
  }, 1)).toBe(1);
  await context.close();
});

it('a store’s manager sees only that store: its registers, its day report, its joins', async () => {
  const context = await env.desk();
  const page = await context.newPage();
  await signIn(page, 'admin.s002');
  await page.getByTestId('menu-stores').click();
  await page.getByTestId('store-row-S002').waitFor();
  expect(await page.getByTestId('store-row-S001').count()).toBe(0);
  // Opening a store is for chain admins: the button is not offered.
  expect(await page.getByTestId('store-create').count()).toBe(0);

  await page.getByTestId('menu-registerDay').click();
  expect(await eventually(async () => {
    await page.reload();
    await page.getByTestId('register-day-table').waitFor();
    return page.getByTestId('register-day-row-S002-S002-R1').count();
  }, 1)).toBe(1);
  expect(await page.locator('[data-testid^="register-day-row-S001"]').count()).toBe(0);

  await page.getByTestId('menu-joins').click();
  await page.getByTestId('joins-table').waitFor();
  expect(await page.locator('[data-testid^="joins-row-"][data-testid*="-S001-"]').count()).toBe(0);

  // And the API says the same to a direct call for another store.
  const token = await staffToken('admin.s002');
  const other = await fetch(`${env.stack.apiUrl}/staff/reports/registers?day=${businessDay()}&storeId=S001`, { headers: { authorization: `Bearer ${token}` } });
  expect([403, 200]).toContain(other.status);
  if (other.status === 200) expect(((await other.json()) as { rows: unknown[] }).rows).toEqual([]);
  await context.close();
});
