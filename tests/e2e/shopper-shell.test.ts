import type { BrowserContext, Page } from 'playwright-core';
import { signInWithOtp } from '../support/shopper-app';
import { useBrowserStack } from '../support/browser-stack';

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

interface TapCheck {
  /** Every clickable thing the check measured on the visible page. */
  seen: string[];
  /** Those smaller than 44 × 44 CSS px whose hit area is not that large either. */
  small: string[];
}

/**
 * Measures every visible clickable element of the page on top: an element with a click handler, a button, a link, an
 * input or a checkbox. One smaller than 44 CSS px in a direction
 * passes if the points 22 px either side of its centre still hit it (a larger hit area drawn by a pseudo-element).
 */
function measureTapTargets(page: Page): Promise<TapCheck> {
  return page.evaluate(() => {
    const MIN = 44;
    const visiblePages = Array.from(document.querySelectorAll('.taro_page')).filter((p) => p.checkVisibility());
    const root = visiblePages[visiblePages.length - 1] ?? document.body;
    const isClickable = (el: Element) => {
      // Taro's H5 components (taro-view-core, taro-text-core…) keep their listeners in `__events`; plain React elements
      // in their props.
      const events = (el as unknown as { __events?: Record<string, unknown> }).__events;
      if (events && ('click' in events || 'tap' in events)) return true;
      const key = Object.keys(el).find((k) => k.startsWith('__reactProps$'));
      const props = key ? (el as unknown as Record<string, Record<string, unknown>>)[key] : undefined;
      if (props && (typeof props.onClick === 'function' || typeof props.onTap === 'function')) return true;
      return el.matches('a[href], button, input, select, textarea, [role=button], [role=link], [role=checkbox], taro-button-core');
    };
    const clickables = Array.from(root.querySelectorAll('*')).filter(isClickable);
    // A control inside another (a NutUI button's inner parts) is measured as the outer one.
    const outer = clickables.filter((el) => !clickables.some((other) => other !== el && other.contains(el)));
    const seen: string[] = [];
    const small: string[] = [];
    for (const el of outer) {
      if (!el.checkVisibility({ visibilityProperty: true } as CheckVisibilityOptions)) continue;
      el.scrollIntoView({ block: 'center', inline: 'center' });
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const name = el.id ? `#${el.id}` : `${el.tagName.toLowerCase()}${Array.from(el.classList).map((c) => `.${c}`).join('')}`;
      seen.push(name);
      const cx = r.left + r.width / 2;
      const cy = r.top + r.height / 2;
      const hits = (x: number, y: number) => {
        const hit = document.elementFromPoint(x, y);
        return Boolean(hit) && (hit === el || el.contains(hit));
      };
      const reach = MIN / 2 - 0.5;
      const tall = r.height >= MIN || (hits(cx, cy - reach) && hits(cx, cy + reach));
      const wide = r.width >= MIN || (hits(cx - reach, cy) && hits(cx + reach, cy));
      if (!tall || !wide) small.push(`${name} ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    return { seen, small };
  });
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
