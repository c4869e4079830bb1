import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { startLocalStack, type LocalStack } from '../../local/stack';
import { answerOf, createContractValidator } from './contract';

/**
 * For end-to-end files: the whole system as `npm start` runs it (in-memory database, the H5 build that the e2e
 * global setup made) and headless Debian Chromium, started before the file's tests and stopped after. Every API
 * answer (to the app in the browser or to the test itself) is checked against the generated OpenAPI document;
 * one outside the contract fails the file.
 */
export function useBrowserStack(opts: { console?: boolean } = {}) {
  const contract = createContractValidator();
  const env: { stack: LocalStack; browser: Browser; phone(): Promise<BrowserContext>; desk(locale?: string): Promise<BrowserContext> } = {
    stack: undefined as never,
    browser: undefined as never,
    // A phone-sized page, in Chinese as the app is used.
    phone: () => env.browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'zh-CN', isMobile: true, hasTouch: true }),
    // A desk for the staff console.
    desk: (locale = 'zh-CN') => env.browser.newContext({ viewport: { width: 1440, height: 900 }, locale }),
  };
  beforeAll(async () => {
    process.env.DEV_SMS_SILENT = '1';
    process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
    // The coupon centre's few seconds of cache would hide what a test just created.
    process.env.COUPON_CENTRE_CACHE_MS = '0';
    env.stack = await startLocalStack({ memory: true, apiPort: 0, appPort: 0, buildH5: true, console: opts.console ?? false, consolePort: 0, buildConsole: false, quietLogs: true, log: () => undefined, onApiResponse: (a) => contract.observe(answerOf(a)) });
    env.browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      // Without the background-networking flags Chromium keeps trying hosts this machine can't reach.
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.stack?.stop();
    if (contract.violations.length) throw new Error(`answers outside the API contract:\n${[...new Set(contract.violations)].join('\n')}`);
  });
  return env;
}
