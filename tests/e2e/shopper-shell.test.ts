import type { BrowserContext, Page } from 'playwright-core';
import { signInWithOtp } from '../support/shopper-app';
import { useBrowserStack } from '../support/browser-stack';
import { measureTapTargets } from '../support/tap-targets';

/**
 * The shopper's app as a phone shows it (issue 9 §6), in headless Chromium on the H5 build: every control on the card
 * and points pages is at least a thumb's size (44 CSS px each way, or a hit area that large); and a member code that
 * may have expired while the phone was offline is drawn faded under a notice, then replaced as soon as the network
 * returns.
 */
jest.setTimeout(240_000);

const env = useBrowserStack();

/** A joined member's phone, on the card. The page clock is Playwright's, so a test can move time on. */
async function memberOnCard(phone: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await env.phone();
  await context.clock.install();
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error('page error:', err.message));
  await page.goto(`${env.stack.appUrl}/#/pages/login/index`);
  await signInWithOtp(page, phone);
  await page.locator('#consent-checkbox').click();
  await page.locator('#join-button').click();
  await page.locator('#member-code-digits').waitFor();
  return { context, page };
}

it('every control on the card and points pages is at least 44 CSS px, or has a hit area that large', async () => {
  const { context, page } = await memberOnCard('13700001001');
  const card = await measureTapTargets(page);
  // The check sees the card's controls (so a miss would show).
  expect(card.seen).toEqual(expect.arrayContaining(['#lang-toggle', '#member-tier', '#points-stat', '#entry-points', '#entry-tier', '#entry-rules', '#entry-messages', '#code-refresh', '#privacy-link', '#sign-out', '#staff-entry']));
  expect(card.small).toEqual([]);
  // And it catches one too small: without its larger hit area the language pill (24 px tall) fails.
  const style = await page.addStyleTag({ content: '.lang-toggle::before { display: none; }' });
  expect((await measureTapTargets(page)).small).toEqual([expect.stringMatching(/^#lang-toggle \d+×2\d$/)]);
  await style.evaluate((el) => (el as unknown as { remove(): void }).remove());

  await page.locator('#entry-points').click();
  await page.locator('#points-page #sign-in-button').waitFor();
  await page.locator('#points-page #points-history').waitFor();
  await page.waitForFunction(() => !document.querySelector('#history-skeleton'));
  const points = await measureTapTargets(page);
  expect(points.seen).toEqual(expect.arrayContaining(['#lang-toggle', '#points-rules-link', '#sign-in-button']));
  expect(points.small).toEqual([]);
  await context.close();
});

it('a code that may have expired offline is faded under a notice, and replaced when the network returns', async () => {
  const { context, page } = await memberOnCard('13700001002');
  const panel = page.locator('#member-code');
  await expect(panel.getAttribute('data-state')).resolves.toBe('fresh');
  const before = await page.locator('#member-code-digits').textContent();

  // Offline, the code is still good until its step ends: no fading yet, a notice that it will refresh later.
  await context.setOffline(true);
  await page.locator('#code-offline[data-expired="false"]').waitFor();
  await expect(panel.getAttribute('data-state')).resolves.toBe('offline');
  await expect(page.locator('.code-panel__codes--stale').count()).resolves.toBe(0);

  // Past the code's expiry (a step is 60 s): faded, and the notice says it may have expired.
  await page.clock.fastForward('01:05');
  await page.locator('#code-offline[data-expired="true"]').waitFor();
  await expect(panel.getAttribute('data-state')).resolves.toBe('offline-expired');
  await expect(page.locator('#code-offline').textContent()).resolves.toContain('网络已断开，会员码可能已失效');
  await expect(page.locator('#member-code .code-panel__codes--stale').count()).resolves.toBe(1);
  await expect(page.locator('#member-code-digits').textContent()).resolves.toBe(before);

  // Back online: a fresh code at once, shown as the server sent it, no notice, not faded.
  const fetched = page.waitForResponse((r) => r.url().endsWith('/me/code') && r.status() === 200);
  await context.setOffline(false);
  const fresh = (await (await fetched).json()) as { code: string };
  await page.waitForFunction(() => document.querySelector('#member-code')?.getAttribute('data-state') === 'fresh');
  await expect(page.locator('#code-offline').count()).resolves.toBe(0);
  await expect(page.locator('#member-code .code-panel__codes--stale').count()).resolves.toBe(0);
  expect(((await page.locator('#member-code-digits').textContent()) ?? '').replace(/\D/g, '')).toBe(fresh.code);
  await context.close();
});
