import type { BrowserContext, Page } from 'playwright-core';
import { addBusinessDays, businessDayOf } from '../../shared/rules/business-time';
import { dayRange } from '../../miniapp/src/utils/coupons';
import { useBrowserStack } from '../support/browser-stack';
import { consoleHelpers } from '../support/console';
import { eventually, memberTokenOf, screenshot, signInWithOtp, step } from '../support/shopper-app';
import { measureTapTargets } from '../support/tap-targets';

/**
 * Issue 10 §4 in the shopper's app (H5 in headless Chromium, the whole local stack): ops puts a coupon in the centre;
 * a new member sees 0 on the card's coupon tile, claims it in the coupon centre, finds it under 可用 with its days
 * and expiry badge, opens it and sees its rules, stores and rotating QR; the card's tile says 1. A claim past the
 * per-member limit (made stale by a claim from another device) is refused with the limit message.
 */
jest.setTimeout(300_000);

const env = useBrowserStack();
const h = consoleHelpers(env);
const shot = (p: Page, name: string) => screenshot(p, name);

const PHONE = '13612349101';
const TEMPLATE = 'E2E-CPN-30';
const OTHER = 'E2E-CPN-8Z';
let context: BrowserContext;
let page: Page;

const sceneOf = (storeId: string) => env.stack.seedResult.stores.find((s) => s.storeId === storeId)!.registers[0].scene;
const storeName = (storeId: string) => env.stack.seedResult.stores.find((s) => s.storeId === storeId)!.name;
async function open(route: string) {
  await page.goto(`${env.stack.appUrl}/#${route}`);
  await page.reload();
}
const openCard = async () => {
  await open('/pages/card/index');
  await page.locator('#member-no').waitFor();
};
const claimButton = (templateId: string) => page.locator(`#centre-${templateId} .centre-item__claim`);

beforeAll(async () => {
  const ops = await h.staffToken('ops');
  const design = { scope: { storeIds: ['S001', 'S002'] }, stacking: { group: 'cash-off' }, claimChannel: 'centre' as const };
  await h.api(ops).call('createCouponTemplate', {
    body: { templateId: TEMPLATE, name: { zh: '满200减30', en: '¥30 off ¥200' }, benefit: { kind: 'cash-off', thresholdFen: 20000, offFen: 3000 }, validity: { type: 'after-receipt', days: 7 }, limits: { stock: 100, perMember: 1 }, ...design } as never,
  });
  await h.api(ops).call('createCouponTemplate', {
    body: { templateId: OTHER, name: { zh: '全场8折', en: '20% off' }, benefit: { kind: 'percent-off', offBasisPoints: 2000, capFen: 5000 }, validity: { type: 'after-receipt', days: 30 }, limits: { stock: 100, perMember: 1 }, ...design, stacking: { group: 'percent-off' } } as never,
  });

  context = await env.phone();
  page = await context.newPage();
  page.on('pageerror', (err) => console.error('page error:', err.message));
  await page.goto(`${env.stack.appUrl}/#/pages/join/index?scene=${sceneOf('S001')}`);
  await signInWithOtp(page, PHONE);
  await page.locator('#join-benefits').waitFor();
  // The join page says where member coupons come from rather than promising them outright.
  expect(await page.locator('#join-benefits').textContent()).toContain('领券中心');
  await page.locator('#consent-checkbox').click();
  await page.locator('#join-button').click();
  await page.locator('#member-no').waitFor();
});
afterAll(() => context?.close());

it('claims a coupon in the centre, finds it under 可用, opens its QR, and the card counts it', async () => {
  await step(page, 'card shows 0', async () => {
    await eventually(() => page.locator('#usable-coupons').textContent(), (v) => expect(v).toBe('0'));
    expect(await page.locator('#coupons-stat').getAttribute('data-soon')).toBeNull();
    await shot(page, 'coupons-card-0.png');
  });

  await step(page, 'the centre', async () => {
    await page.locator('#coupon-centre-entry').click();
    await page.locator(`#centre-${TEMPLATE}`).waitFor();
    const text = (await page.locator(`#centre-${TEMPLATE}`).textContent()) ?? '';
    expect(text).toContain('¥30');
    expect(text).toContain('满200可用');
    expect(text).toContain('领取后7天内有效');
    expect(text).toContain('已领 0/1');
    expect(text).toContain('剩余 100%');
    expect(await page.locator(`#centre-${OTHER}`).textContent()).toContain('8折');
    expect(await claimButton(TEMPLATE).textContent()).toContain('立即领取');
    await shot(page, 'coupon-centre.png');
    const taps = await measureTapTargets(page);
    expect(taps.seen).toEqual(expect.arrayContaining(['#centre-to-mine', '#lang-toggle']));
    expect(taps.seen.filter((x) => x.includes('centre-item__claim'))).toHaveLength(2);
    expect(taps.small).toEqual([]);
  });

  await step(page, 'claim', async () => {
    await claimButton(TEMPLATE).click();
    await eventually(() => page.locator(`#centre-${TEMPLATE}`).getAttribute('data-received'), (v) => expect(v).toBe('1'));
    await eventually(() => claimButton(TEMPLATE).textContent(), (v) => expect(v).toContain('已达上限'));
    expect(await page.locator(`#centre-${TEMPLATE}`).textContent()).toContain('已领 1/1');
  });

  const today = businessDayOf(new Date().toISOString());
  const last = addBusinessDays(today, 6);
  await step(page, 'my coupons', async () => {
    await page.locator('#centre-to-mine').click();
    const row = page.locator(`#coupons-list .ticket[data-template-id="${TEMPLATE}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-state')).toBe('usable');
    const text = (await row.textContent()) ?? '';
    expect(text).toContain(dayRange(today, last));
    expect(text).toContain('6天后过期');
    expect(await page.locator('#coupons-usable').getAttribute('data-count')).toBe('1');
    await shot(page, 'my-coupons.png');
    const taps = await measureTapTargets(page);
    expect(taps.seen).toEqual(expect.arrayContaining(['#coupons-to-centre', '#coupons-tab-usable', '#coupons-tab-used', '#coupons-tab-expired']));
    expect(taps.small).toEqual([]);
    // Nothing used or expired yet.
    await page.locator('#coupons-tab-used').click();
    await page.locator('#coupons-empty').waitFor();
    expect(await page.locator('#coupons-tab-used').getAttribute('aria-selected')).toBe('true');
    await page.locator('#coupons-tab-usable').click();
    await row.waitFor();
  });

  await step(page, 'detail and QR', async () => {
    await page.locator(`#coupons-list .ticket[data-template-id="${TEMPLATE}"]`).click();
    await page.locator('#coupon-qr').waitFor();
    expect(Number(await page.locator('#coupon-qr').getAttribute('data-modules'))).toBeGreaterThan(20);
    await eventually(() => page.locator('#coupon-code').getAttribute('data-state'), (v) => expect(v).toBe('fresh'));
    expect(await page.locator('#coupon-benefit').textContent()).toContain('满200元减30元');
    expect(await page.locator('#coupon-stacking').textContent()).toContain('每单限用一张满减券');
    expect(await page.locator('#coupon-until').textContent()).toBe(`有效期至 ${last.replace(/-/g, '.')} 23:59:59`);
    const stores = (await page.locator('#coupon-stores').textContent()) ?? '';
    expect(stores).toContain(storeName('S001'));
    expect(stores).toContain(storeName('S002'));
    // The QR the page shows is the one the API issues for this minute (read again should the minute turn between).
    const shopper = h.api(await memberTokenOf(page));
    const { items } = await shopper.call('myCoupons', { query: { view: 'usable' } });
    await eventually(
      async () => [await page.locator('#coupon-qr').getAttribute('aria-label'), (await shopper.call('myCouponCode', { params: { grantId: items[0].grantId } })).code],
      ([shown, issued]) => expect(shown).toBe(issued),
    );
    await shot(page, 'coupon-detail.png');
    const taps = await measureTapTargets(page);
    expect(taps.seen).toEqual(expect.arrayContaining(['#coupon-code-refresh']));
    expect(taps.small).toEqual([]);
    // Offline, as the member code: kept while valid, with the notice; back online, a fresh one.
    await context.setOffline(true);
    await page.locator('#coupon-code-offline').waitFor();
    expect(await page.locator('#coupon-code').getAttribute('data-state')).toBe('offline');
    await context.setOffline(false);
    await eventually(() => page.locator('#coupon-code').getAttribute('data-state'), (v) => expect(v).toBe('fresh'));
    expect(await page.locator('#coupon-code-offline').count()).toBe(0);
  });

  await step(page, 'card shows 1', async () => {
    await openCard();
    await eventually(() => page.locator('#usable-coupons').textContent(), (v) => expect(v).toBe('1'));
    const taps = await measureTapTargets(page);
    expect(taps.seen).toEqual(expect.arrayContaining(['#coupons-stat', '#coupon-centre-entry']));
    expect(taps.small).toEqual([]);
    await page.locator('#coupons-stat').click();
    await page.locator('#coupons-list .ticket').first().waitFor();
    await shot(page, 'coupons-card-1.png');
  });
});

it('a claim past the per-member limit says so in the shopper’s language', async () => {
  await open('/pages/coupons/centre/index');
  await page.locator(`#centre-${OTHER}`).waitFor();
  expect(await claimButton(OTHER).textContent()).toContain('立即领取');
  // Another device of the same member takes the one this member may have: the page on screen is now stale.
  await h.api(await memberTokenOf(page)).call('claimCoupon', { body: { templateId: OTHER, idempotencyKey: 'e2e-other-device-1' } });
  await claimButton(OTHER).click();
  const message = page.locator(`.centre-item__message[data-template-id="${OTHER}"]`);
  await message.waitFor();
  expect(await message.textContent()).toBe('您已达到这张优惠券的领取上限');
  await eventually(() => claimButton(OTHER).textContent(), (v) => expect(v).toContain('已达上限'));
  await shot(page, 'coupon-centre-limit.png');
  // Still exactly one of it.
  const mine = await h.api(await memberTokenOf(page)).call('myCoupons', { query: { view: 'usable' } });
  expect(mine.items.filter((c) => c.templateId === OTHER)).toHaveLength(1);
  expect(mine.usable).toBe(2);
});
