import { ApiError, createApiClient, fetchTransport, type HttpTransport } from '../../../shared/api-client';
import { acceptLanguage, getLang } from './i18n';
import { sessionToken, setSession } from './session';

/** What `npm start` and the deployment write into /config.js beside the build. */
interface RuntimeConfig {
  apiBaseUrl: string;
}
const runtimeConfig = (): RuntimeConfig => (globalThis as { __MEMBERSHIP_CONFIG__?: RuntimeConfig }).__MEMBERSHIP_CONFIG__ ?? { apiBaseUrl: '' };

/** A session the server no longer honours (expired, revoked, account disabled) signs the console out. */
const transport: HttpTransport = async (req) => {
  const res = await fetchTransport(req);
  if (res.status === 401 && req.headers.authorization) setSession(null);
  return res;
};

/** The same typed client the mini-program uses, over fetch; errors come back in the user's language. */
export const api = createApiClient({ baseUrl: () => runtimeConfig().apiBaseUrl, transport, token: sessionToken, locale: acceptLanguage });

/** The message to show for a failed call: the server's own (already in the user's language), or ours when it never answered. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return getLang() === 'en' ? 'The server could not be reached. Check the connection and try again.' : '无法连接服务器，请检查网络后重试。';
}

export { ApiError };

/** The account as the server has it now (role, scope): an admin's change shows on the next load. */
export async function refreshProfile() {
  try {
    return await api.call('staffMe');
  } catch {
    return null;
  }
}
