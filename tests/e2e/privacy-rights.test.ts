import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { lastDevOtp } from '../../functions/adapters/dev-sms';
import { useBrowserStack } from '../support/browser-stack';
import { eventually, screenshot } from '../support/shopper-app';
import { consoleHelpers } from '../support/console';

/**
 * Issue 9 §4 in the shopper's app (H5 in headless Chromium, the whole local stack): on the privacy page a member
 * turns marketing messages on, downloads their data as a JSON file with their phone in it, then deletes their
 * membership: the confirm screen shows the points forfeited, the button waits for the typed word, and afterwards
 * the app has signed out to the welcome page and the old session is refused.
 */
jest.setTimeout(300_000);

const env = useBrowserStack();
const h = consoleHelpers(env);
const shot = (p: Page, name: string) => screenshot(p, name, { fullPage: true });

const PHONE = '13612349901';

it('a member turns marketing on, downloads their data and deletes their membership after seeing what is forfeited', async () => {
  // A member with points: joined through the API, 300 points from ops.
  await h.api().call('devSendOtp', { body: { phone: PHONE } });
  const session = await h.api().call('devVerifyOtp', { body: { phone: PHONE, code: lastDevOtp(PHONE)! } });
  const joined = await h.api(session.token).call('join', { body: { consent: h.consent } });
  const memberId = joined.card.memberId;
  await h.api(await h.staffToken('ops')).call('adjustPoints', { params: { memberId }, body: { points: 300, note: '隐私测试', idempotencyKey: 'e2e-privacy-1' } });

  const context = await env.phone();
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error('page error:', err.message));
  await page.goto(`${env.stack.appUrl}/#/pages/login/index`);
  await page.locator('#phone-input').fill(PHONE);
  const before = lastDevOtp(PHONE);
  await page.locator('#send-otp').click();
  await eventually(() => lastDevOtp(PHONE), (c) => expect(c !== before && /^\d{6}$/.test(c ?? '')).toBe(true));
  await page.locator('#otp-input').fill(lastDevOtp(PHONE)!);
  await page.locator('#verify-otp').click();
  await page.locator('#member-no').waitFor();

  await page.goto(`${env.stack.appUrl}/#/pages/privacy/index`);
  await page.reload();
  await page.locator('#my-rights').waitFor();
  await shot(page, 'privacy-rights.png');

  // Marketing consent: off, then on.
  const marketing = page.locator('#rights-marketing-switch');
  await marketing.click();
  await eventually(() => h.api(joined.token).call('myConsents'), (c) => expect(c.marketing.granted).toBe(true));

  // The export downloads as a file holding the member's own phone.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#rights-export').click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^member-data-${memberId}-\\d{4}-\\d{2}-\\d{2}\\.json$`));
  const exported = JSON.parse(fs.readFileSync((await download.path())!, 'utf8'));
  expect(exported).toMatchObject({ memberId, member: { phone: PHONE, points: { available: 300 } } });

  // Delete: the confirm screen lists what is forfeited; the button stays off until the word is typed.
  await page.locator('#rights-delete').click();
  await page.locator('#delete-confirm').waitFor();
  await expect(page.locator('#delete-forfeits').textContent()).resolves.toContain('300');
  await shot(page, 'privacy-delete-confirm.png');
  const confirm = page.locator('#delete-confirm-button');
  expect(await confirm.getAttribute('aria-disabled')).toBe('true');
  await page.locator('#delete-word').fill('注销');
  await eventually(() => confirm.getAttribute('aria-disabled'), (d) => expect(d).toBe('false'));
  await confirm.click();

  // Signed out to the welcome page; the old session is over.
  await page.locator('#privacy-link').waitFor();
  expect(await page.locator('#member-no').count()).toBe(0);
  await shot(page, 'privacy-after-delete.png');
  await expect(h.api(joined.token).call('myCard')).rejects.toMatchObject({ status: 401, code: 'MEMBERSHIP_ENDED' });
  await context.close();
});
