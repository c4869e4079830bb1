import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { lastDevOtp } from '../../functions/adapters/dev-sms';

/**
 * What the end-to-end files driving the shopper's H5 app share: polling for a state instead of sleeping, the dev
 * sign-in, opening a page afresh, the member's session as the app holds it, and screenshots.
 */

/** Polls until `read()` satisfies `check` (jest has no expect.poll); the last failed check is thrown at the deadline. */
export async function eventually<T>(read: () => Promise<T> | T, check: (value: T) => void, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    try {
      check(value);
      return value;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/** Signs in on the login page (or the join page's sign-in) with the dev code sent to `phone`. */
export async function signInWithOtp(p: Page, phone: string) {
  await p.locator('#phone-input').waitFor();
  await p.locator('#phone-input').fill(phone);
  // A second sign-in with the same phone must wait for the new code, not take the last one.
  const before = lastDevOtp(phone);
  await p.locator('#send-otp').click();
  await eventually(() => lastDevOtp(phone), (c) => expect(c !== before && /^\d{6}$/.test(c ?? '')).toBe(true));
  await p.locator('#otp-input').fill(lastDevOtp(phone)!);
  await p.locator('#verify-otp').click();
}

/** Opens a page of the app afresh (a hash change alone may keep the page that was showing). */
export async function openAppPage(p: Page, appUrl: string, route: string) {
  await p.goto(`${appUrl}/#${route}`);
  await p.reload();
}

/** The digits of an element's text (member numbers, member codes). */
export const digitsOf = async (p: Page, selector: string) => ((await p.locator(selector).textContent()) ?? '').replace(/\D/g, '');

/** The member's session from the page's storage (what the app sends). */
export async function memberTokenOf(p: Page): Promise<string> {
  return p.evaluate(() => {
    const raw = localStorage.getItem('membership.shopperToken') ?? '';
    try {
      const parsed = JSON.parse(raw) as { data?: string } | string;
      return typeof parsed === 'string' ? parsed : (parsed.data ?? '');
    } catch {
      return raw;
    }
  });
}

export const SCREENSHOTS_DIR = path.join(os.tmpdir(), 'membership-e2e');

/** A screenshot in SCREENSHOTS_DIR once the page has slid in (H5 animates page changes). */
export async function screenshot(p: Page, name: string, opts: { fullPage?: boolean } = {}) {
  fs.mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  await p.waitForTimeout(500);
  await p.screenshot({ path: path.join(SCREENSHOTS_DIR, name), fullPage: opts.fullPage ?? false });
}

/**
 * Runs one step of a long scenario; if it fails, a full-page screenshot named after the step is saved (and its path
 * added to the error) before the failure is rethrown.
 */
export async function step<T>(p: Page, name: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    const file = `failed-${name.replace(/[^\w-]+/g, '-')}.png`;
    await screenshot(p, file, { fullPage: true }).catch(() => undefined);
    if (err instanceof Error) err.message = `[${name}] ${err.message}\n(screenshot: ${path.join(SCREENSHOTS_DIR, file)})`;
    throw err;
  }
}
