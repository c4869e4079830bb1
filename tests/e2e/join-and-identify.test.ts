import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { lastDevOtp } from '../../functions/adapters/dev-sms';
import { useBrowserStack } from '../support/browser-stack';
import { eventually } from '../support/shopper-app';

/**
 * The whole system as `npm start` runs it (in-memory database), driven in real headless Chromium on the H5 build:
 * a new shopper opens a register's join link, signs in with the dev sign-in, joins and sees the card with its QR
 * code; a cashier signs in at the register and identifies that member by the code.
 */
jest.setTimeout(240_000);

const env = useBrowserStack();
const shots = path.join(os.tmpdir(), 'membership-e2e');
fs.mkdirSync(shots, { recursive: true });

/** Fills an input and checks the page kept the value (a page may prefill a field after it renders). */
async function fillField(page: Page, selector: string, value: string) {
  await eventually(
    async () => {
      if ((await page.locator(selector).inputValue()) !== value) await page.locator(selector).fill(value);
      await page.waitForTimeout(150);
      return page.locator(selector).inputValue();
    },
    (v) => expect(v).toBe(value),
  );
}

const digitsOf = async (page: Page, selector: string) => ((await page.locator(selector).textContent()) ?? '').replace(/\D/g, '');

async function newPhonePage(): Promise<Page> {
  const context = await env.browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'zh-CN', isMobile: true, hasTouch: true });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error('page error:', err.message));
  return page;
}

it('a shopper joins at a register and a cashier identifies them by the member code', async () => {
  // The demo cashier works at S001's register 1.
  const store = env.stack.seedResult.stores.find((s) => s.storeId === 'S001')!;
  const register = store.registers.find((r) => r.registerId === 'S001-R1')!;
  const phone = '13812345678';

  // Shopper: scan the register's join QR (here: open its link).
  const shopper = await newPhonePage();
  await shopper.goto(`${env.stack.appUrl}/#/pages/join/index?scene=${register.scene}`);
  // Not signed in: the join page sends the shopper to the dev sign-in, keeping the scene.
  await shopper.locator('#phone-input').waitFor();
  await fillField(shopper, '#phone-input', phone);
  await shopper.locator('#send-otp').click();
  await eventually(() => lastDevOtp(phone), (c) => expect(c).toMatch(/^\d{6}$/));
  await fillField(shopper, '#otp-input', lastDevOtp(phone)!);
  await shopper.locator('#verify-otp').click();

  // Join page with the store's name; consent, then join.
  await shopper.getByText(store.name).first().waitFor();
  await shopper.locator('#consent-checkbox').click();
  await shopper.locator('#join-button').click();

  // The member card with the rotating code.
  await shopper.locator('#member-no').waitFor();
  const memberId = await eventually(() => digitsOf(shopper, '#member-no'), (v) => expect(v).toMatch(/^\d{9}$/));
  await shopper.locator('#member-qr').waitFor();
  await shopper.locator('#member-barcode').waitFor();
  const code = await eventually(() => digitsOf(shopper, '#member-code-digits'), (v) => expect(v).toMatch(/^68\d{16}$/));
  await shopper.screenshot({ path: path.join(shots, 'card.png') });

  // Cashier at the same register.
  const cashier = await newPhonePage();
  await cashier.goto(`${env.stack.appUrl}/#/pages/staff/login/index`);
  await fillField(cashier, '#staff-username', 'cashier');
  await fillField(cashier, '#staff-password', 'cashier-demo-2026');
  await fillField(cashier, '#staff-register', register.registerId);
  await cashier.locator('#staff-login').click();

  // The register's join QR, pointing at the scene the shopper used.
  await cashier.locator('#join-qr').waitFor();
  await eventually(() => cashier.locator('#join-link').textContent(), (v) => expect(v).toContain(`scene=${register.scene}`));

  // A mistyped code is caught on the page; the real one identifies the member.
  const typo = code.slice(0, 17) + ((Number(code[17]) + 1) % 10);
  await fillField(cashier, '#identify-input', typo);
  await cashier.locator('#identify-button').click();
  await cashier.locator('#identify-error').waitFor();
  await fillField(cashier, '#identify-input', code);
  await cashier.locator('#identify-button').click();
  const found = cashier.locator('#identified-member');
  await found.waitFor();
  const text = await eventually(() => found.textContent(), (v) => expect(v).toContain(memberId));
  expect(text).toContain('138****5678');
  await cashier.screenshot({ path: path.join(shots, 'cashier.png') });
});
