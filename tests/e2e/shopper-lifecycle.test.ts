import fs from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { shiftClockForTests } from '../../functions/commons/clock';
import { useBrowserStack } from '../support/browser-stack';
import { consoleHelpers } from '../support/console';
import { changeSettings, withWelcomePoints } from '../support/settings';
import { digitsOf, eventually, memberTokenOf, openAppPage, screenshot, signInWithOtp, step } from '../support/shopper-app';

/**
 * Issue 9 §7, a member's whole life in the shopper's app (H5 in headless Chromium, the whole local stack): with a
 * welcome bonus of 100 points, a shopper joins from a register's link and is credited the bonus; sets their birthday
 * (then it is locked); buys ¥188.80 at the register, which names them by the code on their card; sees the purchase
 * with its points pending; after the return window the activation job makes them available, with a message and the
 * card's badge; downloads their data; deletes their membership; and joins again with the same phone as a new member
 * with nothing: no balance and no second welcome bonus.
 */
jest.setTimeout(420_000);

const env = useBrowserStack();
const h = consoleHelpers(env);

const PHONE = '13612349701';
/** The new-member welcome points ops sets (settings `points.welcomePoints`). */
const WELCOME = 100;

let context: BrowserContext;
let page: Page;

const store = () => env.stack.seedResult.stores.find((s) => s.storeId === 'S001')!;
const open = (route: string) => openAppPage(page, env.stack.appUrl!, route);
const openCard = async () => {
  await open('/pages/card/index');
  await page.locator('#member-no').waitFor();
};
/** The card afresh until its available points read `n` (a stream reaction or a job may still be landing). */
const cardShowsAvailable = (n: number) =>
  eventually(
    async () => {
      await openCard();
      return page.locator('#points-available').textContent();
    },
    (v) => expect(v).toBe(String(n)),
    30_000,
  );
const unreadBadge = async () => ((await page.locator('#messages-badge').count()) ? Number(await page.locator('#messages-badge').getAttribute('data-unread')) : 0);

beforeAll(async () => {
  context = await env.phone();
  page = await context.newPage();
  page.on('pageerror', (err) => console.error('page error:', err.message));
});
afterAll(async () => {
  shiftClockForTests(0);
  await context?.close();
});

it('joins with a welcome bonus, buys, sees the points become available, exports, deletes, and joins again with nothing', async () => {
  // 1. Ops welcomes new members with 100 points.
  await step(page, '1-settings', async () => {
    const saved = await changeSettings({ client: (t) => h.api(t) }, await h.staffToken('ops'), withWelcomePoints(WELCOME));
    expect(saved.settings.points.welcomePoints).toBe(WELCOME);
  });

  // 2. A new shopper opens S001's register link, signs in, reads the benefits (the bonus among them) and joins.
  const firstMemberId = await step(page, '2-join', async () => {
    await page.goto(`${env.stack.appUrl}/#/pages/join/index?scene=${store().registers[0].scene}`);
    await signInWithOtp(page, PHONE);
    await page.locator('#join-benefits').waitFor();
    expect(await page.locator('#join-welcome').textContent()).toBe(`欢迎加入 · ${store().name}`);
    const benefits = (await page.locator('#join-benefits').textContent()) ?? '';
    expect(benefits).toContain('新会员权益');
    expect(benefits).toContain(`入会即送 ${WELCOME} 积分`);
    await page.locator('#consent-checkbox').click();
    await page.locator('#join-button').click();
    await page.locator('#member-no').waitFor();
    const memberId = await eventually(() => digitsOf(page, '#member-no'), (v) => expect(v).toMatch(/^\d{9}$/));
    // The bonus is credited by a reaction to the join, through the table's stream.
    await cardShowsAvailable(WELCOME);
    await screenshot(page, 'lifecycle-joined.png');
    return memberId;
  });
  // The session the app holds now: after the deletion it must be refused.
  const firstToken = await memberTokenOf(page);

  // 3. The birthday, set once from the profile, then locked.
  await step(page, '3-birthday', async () => {
    await page.locator('#entry-profile').click();
    await page.locator('#profile-page').waitFor();
    await eventually(() => page.locator('#birthday-note').textContent(), (v) => expect(v).toContain('生日只能设置一次'));
    await page.locator('#birthday-row').click();
    await page.locator('.weui-picker__action:visible').filter({ hasText: '确定' }).click();
    await page.getByText('确认设置').click();
    await page.locator('#birthday-locked').waitFor();
    expect(await page.locator('#birthday-value').getAttribute('data-birthday')).toBe('1990-01-01');
    expect(await page.locator('#birthday-locked').textContent()).toBe('生日已设置，如需更正请联系客服。');
  });

  // 4. At S001's register the member shows the code on their card; the register names them by it.
  const sale = await step(page, '4-sale', async () => {
    await openCard();
    const code = await eventually(() => digitsOf(page, '#member-code-digits'), (v) => expect(v).toMatch(/^68\d{16}$/));
    const cashier = await h.staffToken('cashier');
    return h.api(cashier).call('recordSale', {
      body: {
        receiptNo: 'E2E-L-0001',
        storeId: 'S001',
        registerId: 'S001-R1',
        soldAt: new Date().toISOString(),
        lines: [
          { lineNo: 1, sku: 'OIL-5L', name: '花生油 5L', category: 'grocery', qtyMilli: 1000, unitPriceFen: 12880, lineDiscountFen: 0 },
          { lineNo: 2, sku: 'BEEF', name: '牛腱子', category: 'fresh', qtyMilli: 1000, unitPriceFen: 6000, lineDiscountFen: 0 },
        ],
        payments: [{ method: 'wechat', amountFen: 18880 }],
        member: { code },
      },
    });
  });
  expect(sale.memberId).toBe(firstMemberId);
  expect(sale.points).toMatchObject({ earned: 188, pending: true });
  const availableOn = sale.points.availableOn!;

  // 5. The purchase in the app: store, amount, and its points pending (待入账) until the return window ends.
  const purchase = page.locator('#purchases-list .purchase[data-receipt-no="E2E-L-0001"]');
  await step(page, '5-purchases', async () => {
    await openCard();
    await eventually(() => page.locator('#points-pending').textContent(), (v) => expect(v).toContain('待入账 188'));
    await page.locator('#entry-purchases').click();
    await purchase.waitFor();
    const text = (await purchase.textContent()) ?? '';
    expect(text).toContain(store().name);
    expect(text).toContain('¥188.80');
    expect(text).toContain('+188 积分');
    expect(text).toContain('待入账');
    expect(await purchase.getAttribute('data-points')).toBe('pending');
    await screenshot(page, 'lifecycle-purchase-pending.png');
  });

  // 6. Business time passes the return window: at 00:20 on the day the points become available, the nightly
  // activation job runs; its reaction tells the member.
  await step(page, '6-activation', async () => {
    await env.stack.drainEvents();
    const unreadBefore = (await h.api(firstToken).call('myCard')).unreadMessages;
    shiftClockForTests(Date.parse(`${availableOn}T00:20:00+08:00`) - Date.now());
    await env.stack.runJob('pending-activation', availableOn);
    await env.stack.drainEvents();

    await cardShowsAvailable(WELCOME + 188);
    expect(await page.locator('#points-pending').count()).toBe(0);
    expect(await unreadBadge()).toBe(unreadBefore + 1);
    await screenshot(page, 'lifecycle-card-badge.png');

    await page.locator('#entry-messages').click();
    const message = page.locator('#messages-list .message[data-kind="points-available"]');
    await message.waitFor();
    expect(await message.getAttribute('data-read')).toBe('false');
    expect(await message.locator('.message__title').textContent()).toBe('积分已到账');
    expect(await message.locator('.message__body').textContent()).toBe('您消费获得的 188 积分已可使用。');
    expect(await page.locator('#messages-unread').textContent()).toBe(`${unreadBefore + 1} 条未读`);

    await open('/pages/purchases/index');
    await purchase.waitFor();
    expect(await purchase.getAttribute('data-points')).toBe('available');
    expect(await purchase.textContent()).toContain('+188 积分 · 已入账');
    await screenshot(page, 'lifecycle-purchase-available.png');
  });

  // 7. The member downloads their data from the privacy page: a JSON file with everything about them.
  await step(page, '7-export', async () => {
    await open('/pages/privacy/index');
    await page.locator('#my-rights').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#rights-export').click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^member-data-${firstMemberId}-\\d{4}-\\d{2}-\\d{2}\\.json$`));
    const exported = JSON.parse(fs.readFileSync((await download.path())!, 'utf8'));
    expect(exported).toMatchObject({
      format: 'membership-data-export/1',
      memberId: firstMemberId,
      member: { memberId: firstMemberId, phone: PHONE, birthday: '1990-01-01', joinStore: { storeId: 'S001' }, points: { available: WELCOME + 188, pending: 0 } },
      purchases: { sales: [{ storeId: 'S001', receiptNo: 'E2E-L-0001', netFen: 18880, pointsEarned: 188 }] },
    });
    expect(exported.identities).toContainEqual(expect.objectContaining({ kind: 'phone', value: PHONE }));
    const ledger = exported.ledger as Array<{ kind: string; points: number; ref: string | null; storeId: string | null }>;
    expect(ledger).toContainEqual(expect.objectContaining({ kind: 'earn', points: 188, ref: `SALE#${sale.saleId}`, storeId: 'S001' }));
    expect(ledger.filter((e) => e.ref === 'WELCOME')).toEqual([expect.objectContaining({ kind: 'earn', points: WELCOME })]);
    expect(exported.messages.items).toContainEqual(expect.objectContaining({ kind: 'points-available' }));
  });

  // 8. The member deletes their membership: the confirm screen lists what is forfeited, the typed word confirms.
  await step(page, '8-delete', async () => {
    await page.locator('#rights-delete').click();
    await page.locator('#delete-confirm').waitFor();
    const forfeits = page.locator('#delete-forfeits');
    expect(await forfeits.locator('.rights__forfeit--available').textContent()).toBe(`可用积分 ${WELCOME + 188}`);
    expect(await forfeits.locator('.rights__forfeit--pending').count()).toBe(0);
    // What is kept: the phone's digest, so joining again brings no second new-member gift.
    expect(await page.locator('.rights__kept').textContent()).toContain('不再享受新人礼');
    await screenshot(page, 'lifecycle-delete-confirm.png', { fullPage: true });
    const confirm = page.locator('#delete-confirm-button');
    expect(await confirm.getAttribute('aria-disabled')).toBe('true');
    await page.locator('#delete-word').fill('注销');
    await eventually(() => confirm.getAttribute('aria-disabled'), (d) => expect(d).toBe('false'));
    await confirm.click();

    // Signed out to the welcome page; the old session is over.
    await page.locator('#welcome').waitFor();
    expect(await page.locator('#member-no').count()).toBe(0);
    await expect(h.api(firstToken).call('myCard')).rejects.toMatchObject({ status: 401, code: 'MEMBERSHIP_ENDED' });
  });

  // 9. The same phone joins again: a new member, with nothing, and no second welcome bonus once the join's
  // reactions have all run.
  await step(page, '9-join-again', async () => {
    await page.locator('#welcome-login').click();
    await signInWithOtp(page, PHONE);
    await page.locator('#consent-checkbox').waitFor();
    await page.locator('#consent-checkbox').click();
    await page.locator('#join-button').click();
    await page.locator('#member-no').waitFor();
    const memberId = await eventually(() => digitsOf(page, '#member-no'), (v) => expect(v).toMatch(/^\d{9}$/));
    expect(memberId).not.toBe(firstMemberId);
    expect(await page.locator('#points-available').textContent()).toBe('0');

    // Every domain event so far handled (the new join's included): still nothing. Nothing is landing any more, so
    // one fresh look is the answer.
    await env.stack.drainEvents();
    await openCard();
    expect(await page.locator('#points-available').textContent()).toBe('0');
    expect(((await page.locator('#member-no').textContent()) ?? '').replace(/\D/g, '')).toBe(memberId);
    expect(await page.locator('#points-pending').count()).toBe(0);

    await page.locator('#entry-points').click();
    await page.locator('#points-history').waitFor();
    await eventually(() => page.locator('#points-history').textContent(), (v) => expect(v).toContain('暂无积分记录'));
    expect(await page.locator('#points-history .history-item').count()).toBe(0);
    await screenshot(page, 'lifecycle-joined-again.png');

    const client = h.api(await memberTokenOf(page));
    expect(await client.call('myPoints')).toMatchObject({ available: 0, pending: 0, debt: 0 });
    const history = await client.call('myPointsHistory', { query: { limit: 50 } });
    expect(history.items.filter((e) => e.ref === 'WELCOME')).toEqual([]);
    expect(history.items).toEqual([]);
  });
});
