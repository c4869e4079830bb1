import type { BrowserContext, Page } from 'playwright-core';
import { shanghaiDateTime } from '../../miniapp/src/utils/time';
import { useBrowserStack } from '../support/browser-stack';
import { eventually, memberTokenOf, screenshot, signInWithOtp } from '../support/shopper-app';
import { consoleHelpers } from '../support/console';

/**
 * Issue 9 in the shopper's app (H5 in headless Chromium, the whole local stack): the member sets their birthday
 * once and sees it locked; a sale at the register appears in their purchases with store, Shanghai time, amount and
 * pending points, and opens as a receipt with its lines; a message puts a badge on the card that "mark all read"
 * clears; an existing member opening a store's join link is told they are already a member and goes to the card,
 * whether already signed in or signing in from the link.
 */
jest.setTimeout(300_000);

const env = useBrowserStack();
const h = consoleHelpers(env);
const shot = (p: Page, name: string) => screenshot(p, name);

const PHONE = '13612349001';
let context: BrowserContext;
let page: Page;
let memberId: string;

const sceneOf = (storeId: string) => env.stack.seedResult.stores.find((s) => s.storeId === storeId)!.registers[0].scene;
const storeName = (storeId: string) => env.stack.seedResult.stores.find((s) => s.storeId === storeId)!.name;
/** Opens a page of the app afresh (a hash change alone may keep the page that was showing). */
async function open(route: string) {
  await page.goto(`${env.stack.appUrl}/#${route}`);
  await page.reload();
}
const openCard = async () => {
  await open('/pages/card/index');
  await page.locator('#member-no').waitFor();
};

beforeAll(async () => {
  context = await env.phone();
  page = await context.newPage();
  page.on('pageerror', (err) => console.error('page error:', err.message));
  // A new shopper joins from S001's register link.
  await page.goto(`${env.stack.appUrl}/#/pages/join/index?scene=${sceneOf('S001')}`);
  await signInWithOtp(page, PHONE);
  await page.locator('#join-benefits').waitFor();
  // The new member's benefits are shown before joining (the entry tier from the rules).
  expect(await page.locator('#join-benefits').textContent()).toContain('注册会员');
  await page.locator('#consent-checkbox').click();
  await page.locator('#join-button').click();
  await page.locator('#member-no').waitFor();
  memberId = ((await page.locator('#member-no').textContent()) ?? '').replace(/\D/g, '');
  expect(memberId).toMatch(/^\d{9}$/);
});
afterAll(() => context?.close());

it('sets the birthday once from the profile (then it is locked) and saves the nickname', async () => {
  await page.locator('#entry-profile').click();
  await page.locator('#profile-page').waitFor();
  await page.locator('#birthday-row').waitFor();
  // Before it is set: it can be set once, and the birthday month doubles points for the tiers that have it.
  await eventually(() => page.locator('#birthday-note').textContent(), (v) => expect(v).toMatch(/只能设置一次[\s\S]*金卡会员、钻石会员生日当月消费享双倍积分/));

  await page.locator('#birthday-row').click();
  await page.locator('.weui-picker__action:visible').filter({ hasText: '确定' }).click();
  // Set once: the app asks before it sends it.
  await page.getByText('确认设置').click();
  await page.locator('#birthday-locked').waitFor();
  expect(await page.locator('#birthday-value').getAttribute('data-birthday')).toBe('1990-01-01');
  expect(await page.locator('#birthday-locked').textContent()).toContain('联系客服');
  expect(await h.api((await memberToken())).call('myProfile')).toMatchObject({ birthday: '1990-01-01', birthdayEditable: false });

  await page.locator('#profile-nickname').fill('小鲜');
  await page.locator('#gender-female').click();
  await page.locator('#profile-save').click();
  await eventually(() => page.locator('#profile-save').getAttribute('aria-disabled'), (v) => expect(v).toBe('true'));

  // Still locked, and the nickname kept, after a reload.
  await page.reload();
  await page.locator('#birthday-locked').waitFor();
  expect(await page.locator('#profile-nickname').inputValue()).toBe('小鲜');
  expect(await page.locator('#gender-female').getAttribute('aria-checked')).toBe('true');
  await shot(page, 'profile-locked.png');
});

const memberToken = () => memberTokenOf(page);

it('shows a register sale in purchases with store, Shanghai time, amount and pending points, and opens its receipt', async () => {
  const cashier = await h.staffToken('cashier');
  const soldAt = new Date().toISOString();
  const sale = await h.api(cashier).call('recordSale', {
    body: {
      receiptNo: 'E2E-P-0001',
      storeId: 'S001',
      registerId: 'S001-R1',
      soldAt,
      lines: [
        { lineNo: 1, sku: 'RICE-5KG', name: '东北大米 5kg', category: 'grocery', qtyMilli: 1000, unitPriceFen: 6880, lineDiscountFen: 0 },
        { lineNo: 2, sku: 'APPLE', name: '红富士苹果', category: 'fresh', qtyMilli: 1250, unitPriceFen: 1600, lineDiscountFen: 0 },
      ],
      payments: [{ method: 'cash', amountFen: 8880 }],
      member: { memberId },
    },
  });
  expect(sale.points).toMatchObject({ earned: 88, pending: true });

  // The card and the points page say the same word for the same pending points.
  await openCard();
  await eventually(() => page.locator('#points-pending').textContent(), (v) => expect(v).toContain('待入账 88'));

  await page.locator('#entry-purchases').click();
  const row = page.locator('#purchases-list .purchase[data-receipt-no="E2E-P-0001"]');
  await row.waitFor();
  const text = (await row.textContent()) ?? '';
  expect(text).toContain(storeName('S001'));
  expect(text).toContain('¥88.80');
  expect(text).toContain('+88 积分');
  expect(text).toContain('待入账');
  expect(text).toContain(shanghaiDateTime(soldAt));
  await shot(page, 'purchases.png');

  await row.click();
  await page.locator('#receipt-head').waitFor();
  expect(await page.locator('#receipt-no').textContent()).toBe('E2E-P-0001');
  expect(await page.locator('#receipt-total').textContent()).toBe('¥88.80');
  expect(await page.locator('#receipt-store').textContent()).toBe(storeName('S001'));
  const lines = (await page.locator('#receipt-lines').textContent()) ?? '';
  expect(lines).toContain('东北大米 5kg');
  expect(lines).toContain('红富士苹果');
  expect(lines).toContain('×1.25');
  expect(lines).toContain('¥20.00');
  expect(await page.locator('#receipt-points').getAttribute('data-status')).toBe('pending');
  await shot(page, 'receipt.png');
});

it('puts an unread badge on the card’s messages entry, which mark-all-read clears', async () => {
  const ops = await h.staffToken('ops');
  await h.api(ops).call('adjustPoints', { params: { memberId }, body: { points: 30, note: 'e2e 角标', shopperReason: { zh: '活动奖励', en: 'Campaign reward' }, idempotencyKey: `e2e-badge-${memberId}` } });

  // The message arrives through the table's stream; the card reads the count with the card.
  await openCard();
  await eventually(
    async () => {
      await page.reload();
      await page.locator('#member-no').waitFor();
      return (await page.locator('#messages-badge').count()) ? page.locator('#messages-badge').textContent() : '';
    },
    (v) => expect(v).toBe('1'),
    30_000,
  );
  await shot(page, 'card-badge.png');

  await page.locator('#entry-messages').click();
  await page.locator('#messages-list .message').first().waitFor();
  expect(await page.locator('#messages-list .message--unread').count()).toBe(1);
  expect(await page.locator('#messages-unread').textContent()).toContain('1 条未读');
  await page.locator('#messages-read-all').click();
  await eventually(() => page.locator('#messages-list .message--unread').count(), (n) => expect(n).toBe(0));
  await eventually(() => page.locator('#messages-unread').textContent(), (v) => expect(v).toContain('没有未读消息'));
  expect(await page.locator('#messages-read-all').getAttribute('aria-disabled')).toBe('true');

  // Back on the card: no badge.
  await page.goBack();
  await page.locator('#member-no').waitFor();
  await eventually(() => page.locator('#messages-badge').count(), (n) => expect(n).toBe(0));
});

it('an existing member opening another store’s join link is told they are already a member and goes to the card', async () => {
  await open(`/pages/join/index?scene=${sceneOf('S002')}`);
  await page.locator('#join-already').waitFor();
  expect(await page.locator('#join-welcome').textContent()).toBe('您已是会员');
  expect(await page.locator('#join-already-no').textContent()).toBe(memberId);
  expect(await page.locator('#join-button').count()).toBe(0);
  await shot(page, 'join-already.png');
  await page.locator('#join-to-card').click();
  await page.locator('#member-no').waitFor();
  expect(((await page.locator('#member-no').textContent()) ?? '').replace(/\D/g, '')).toBe(memberId);

  // Signed out (another phone, a browser): signing in from the link lands on the same answer, not a second join.
  const other = await env.phone();
  try {
    const p = await other.newPage();
    await p.goto(`${env.stack.appUrl}/#/pages/join/index?scene=${sceneOf('S002')}`);
    await signInWithOtp(p, PHONE);
    await p.locator('#join-already').waitFor();
    expect(await p.locator('#join-already-no').textContent()).toBe(memberId);
  } finally {
    await other.close();
  }
  // Still one member for this phone, joined at S001.
  const card = await h.api(await memberToken()).call('myCard');
  expect(card).toMatchObject({ memberId, joinStore: { storeId: 'S001' }, unreadMessages: 0 });
});
