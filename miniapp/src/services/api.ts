import Taro from '@tarojs/taro';
import { ApiError, createApiClient, type HttpTransport } from '@shared/api-client';
import { getLocale, translate } from '../i18n';
import { pages, withQuery } from '../utils/links';
import { apiBaseUrl } from './runtime';
import { shopperSession, staffSession } from './session';

export { ApiError };

const NETWORK_ERROR = 'NETWORK_ERROR';
const REQUEST_TIMEOUT_MS = 15_000;

/** Taro.request as the shared client's transport: JSON in, JSON out, every HTTP status answered. */
const taroTransport: HttpTransport = async (req) => {
  try {
    const res = await Taro.request({
      url: req.url,
      method: req.method as keyof Taro.request.Method,
      header: req.headers,
      data: req.body,
      dataType: 'json',
      timeout: REQUEST_TIMEOUT_MS,
    });
    let body: unknown = res.data;
    if (typeof body === 'string') {
      try {
        body = body ? JSON.parse(body) : undefined;
      } catch {
        // not JSON: keep the text
      }
    }
    return { status: res.statusCode, body };
  } catch {
    // No HTTP answer at all: offline, server down, CORS refused, timeout.
    throw new ApiError(0, NETWORK_ERROR, translate('error.network'));
  }
};

/** The current page's route, so a 401 can bring the user back after signing in again. */
function currentRoute(): string | undefined {
  const stack = Taro.getCurrentPages();
  const page = stack[stack.length - 1] as { route?: string; options?: Record<string, string> } | undefined;
  if (!page?.route) return undefined;
  const path = `/${page.route.replace(/^\//, '').split('?')[0]}`;
  return withQuery(path, page.options ?? {});
}

let redirecting = false;
function sendToLogin(loginPage: string) {
  if (redirecting) return;
  redirecting = true;
  const here = currentRoute();
  const url = here && !here.startsWith(loginPage) ? withQuery(loginPage, { redirect: here }) : loginPage;
  Taro.showToast({ title: translate('error.sessionExpired'), icon: 'none' }).catch(() => undefined);
  Taro.reLaunch({ url }).finally(() => {
    redirecting = false;
  });
}

/**
 * A client whose 401 answers (to a request that carried a token) end that session and go to its login page.
 * A 401 without a token, e.g. wrong credentials at login, is left to the page.
 */
function clientFor(session: { token: () => string | null; clear: () => void }, loginPage: string) {
  const client = createApiClient({ baseUrl: apiBaseUrl, transport: taroTransport, token: session.token, locale: getLocale });
  const call = (async (...args: Parameters<typeof client.call>) => {
    const hadToken = Boolean(session.token());
    try {
      return await client.call(...args);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401 && hadToken) {
        session.clear();
        sendToLogin(loginPage);
      }
      throw err;
    }
  }) as typeof client.call;
  return { call };
}

/** Shopper pages: sign-in, join, card, code. */
export const api = clientFor(shopperSession, pages.login);
/** Staff pages: staff login, cashier, staff home. */
export const staffApi = clientFor(staffSession, pages.staffLogin);

/** A message for the user from anything a call threw. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message || translate('error.generic');
  return translate('error.generic');
}

export const isNetworkError = (err: unknown) => err instanceof ApiError && err.code === NETWORK_ERROR;
