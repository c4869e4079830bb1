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
