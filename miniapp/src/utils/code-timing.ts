import type { MessageKey } from '../i18n/messages';
/**
 * When to fetch the next member code. The server's `expiresAt` is compared with the phone's clock, which may
 * be off: the delay is clamped to one step so a fast or slow clock cannot stall or hammer the refresh.
 */
export const REFRESH_LEAD_MS = 1000;
const MIN_DELAY_MS = 1000;

export function refreshDelayMs(expiresAtIso: string, nowMs: number, stepSeconds: number): number {
  const expiresAt = Date.parse(expiresAtIso);
  const stepMs = Math.max(1, stepSeconds) * 1000;
  if (Number.isNaN(expiresAt)) return stepMs;
  const delay = expiresAt - nowMs - REFRESH_LEAD_MS;
  return Math.min(Math.max(delay, MIN_DELAY_MS), stepMs);
}

/** Whole seconds left, for the small countdown under the code; never negative. */
export function secondsLeft(expiresAtIso: string, nowMs: number): number {
  const expiresAt = Date.parse(expiresAtIso);
  if (Number.isNaN(expiresAt)) return 0;
  return Math.max(0, Math.ceil((expiresAt - nowMs) / 1000));
}

/**
 * When a code received at `receivedAtMs` stops being valid, by the phone's own clock: the server's `expiresAt` when
 * it lies within one step after receipt, else one step after receipt (the phone's clock is off, and the time since
 * receipt is the only thing it measures right).
 */
export function localExpiryMs(expiresAtIso: string, receivedAtMs: number, stepSeconds: number): number {
  const stepMs = Math.max(1, stepSeconds) * 1000;
  const expiresAt = Date.parse(expiresAtIso);
  const left = expiresAt - receivedAtMs;
  if (Number.isNaN(expiresAt) || left <= 0 || left > stepMs) return receivedAtMs + stepMs;
  return expiresAt;
}

/** Whole seconds until `atMs`; never negative. */
export const secondsUntil = (atMs: number, nowMs: number): number => Math.max(0, Math.ceil((atMs - nowMs) / 1000));

/**
 * What the code on screen is worth:
 * - `none`: no code yet;
 * - `fresh`: valid, the next one comes before it expires;
 * - `refreshing`: the next one is being fetched;
 * - `expired`: past its expiry with no newer one (the fetch failed while online);
 * - `offline`: the network is gone, the code still valid (it will not be replaced until the network returns);
 * - `offline-expired`: the network is gone and the code may have expired: shown dimmed, with a notice.
 */
export type CodeStatus = 'none' | 'fresh' | 'refreshing' | 'expired' | 'offline' | 'offline-expired';

export function codeStatus(s: { expiryMs: number | undefined; nowMs: number; online: boolean; loading: boolean }): CodeStatus {
  if (s.expiryMs === undefined) return 'none';
  const expired = s.nowMs >= s.expiryMs;
  if (!s.online) return expired ? 'offline-expired' : 'offline';
  if (s.loading) return 'refreshing';
  return expired ? 'expired' : 'fresh';
}

/** A code the cashier may no longer accept, or one about to be replaced, is drawn faded. */
export const codeDimmed = (status: CodeStatus): boolean => status === 'refreshing' || status === 'expired' || status === 'offline-expired';

/**
 * Whether the phone is online, from WeChat's `getNetworkType` (`networkType: 'none'` offline) or
 * `onNetworkStatusChange` (`isConnected`) answer. An answer that says neither counts as online: the requests
 * themselves will tell.
 */
export function isOnline(res: { isConnected?: boolean; networkType?: string } | undefined): boolean {
  if (typeof res?.isConnected === 'boolean') return res.isConnected;
  return res?.networkType !== 'none';
}

/** The line under a rotating code (member code or coupon QR): when it refreshes, how long it stays valid offline. */
export function codeCountdown(t: (key: MessageKey, vars?: Record<string, string | number>) => string, status: CodeStatus, secondsLeft: number): string {
  if (status === 'refreshing') return t('card.codeRefreshing');
  if (status === 'fresh') return t('card.codeRefreshIn', { s: secondsLeft });
  if (status === 'offline') return t('card.codeValidFor', { s: secondsLeft });
  if (status === 'expired') return t('card.codeExpired');
  return '';
}
