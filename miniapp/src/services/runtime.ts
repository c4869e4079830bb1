import { consoleLink } from '../utils/staff-access';

/**
 * Where the app runs and what it talks to. H5 reads `window.__MEMBERSHIP_CONFIG__` (written by the static
 * server's /config.js before the bundle loads) so one build serves every environment; the mini-program has
 * no such file and uses the values baked in at build time.
 */
export const isWeapp = process.env.TARO_ENV === 'weapp';
export const isH5 = process.env.TARO_ENV === 'h5';

const DEFAULT_API_BASE_URL = 'http://127.0.0.1:3000';
const DEFAULT_PUBLIC_URL = 'http://127.0.0.1:5173/';

function runtimeConfig(): MembershipRuntimeConfig | undefined {
  if (!isH5 || typeof window === 'undefined') return undefined;
  return window.__MEMBERSHIP_CONFIG__;
}

export function apiBaseUrl(): string {
  return runtimeConfig()?.apiBaseUrl || process.env.TARO_APP_API_BASE_URL || DEFAULT_API_BASE_URL;
}

/** The dev banner: set by /config.js on H5; on weapp the server's /info answer (`devSignIn`) decides. */
export function isDevModeConfigured(): boolean {
  return runtimeConfig()?.devMode === true;
}

/**
 * The staff console's address (会员运营后台), which the staff home shows to staff who are not cashiers: from
 * /config.js on H5 (\`consoleUrl\`, set when a console is served), else the build's \`TARO_APP_CONSOLE_URL\`; undefined
 * when neither names an http(s) address.
 */
export function consoleUrl(): string | undefined {
  return consoleLink(runtimeConfig()?.consoleUrl) ?? consoleLink(process.env.TARO_APP_CONSOLE_URL);
}

/** The H5 app's own address, which the scan-to-join link points at. */
export function publicAppUrl(): string {
  if (isH5 && typeof window !== 'undefined') return `${window.location.origin}${window.location.pathname}`;
  return process.env.TARO_APP_PUBLIC_URL || DEFAULT_PUBLIC_URL;
}
