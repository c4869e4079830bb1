/**
 * The staff points-adjustment form (会员积分调整 / 补偿): what was typed → what may be sent. Pure, so the limits are
 * tested here; the server checks the same limits (shared/points.ts `pointsAdjustmentRequest`, the service cap).
 */

/** As `pointsAdjustmentRequest`: |points| ≤ 1,000,000, a reason of 2–200 characters. */
export const MAX_ADJUSTMENT_POINTS = 1_000_000;
export const REASON_MIN = 2;
export const REASON_MAX = 200;

export type MemberNoResult = { ok: true; memberId: string } | { ok: false; error: 'empty' | 'invalid' };

/** A member number as staff type it ("123 456 789", "123-456-789") → the 9 digits. */
export function parseMemberNo(input: string): MemberNoResult {
  const clean = input.replace(/[\s-]/g, '');
  if (!clean) return { ok: false, error: 'empty' };
  return /^\d{9}$/.test(clean) ? { ok: true, memberId: clean } : { ok: false, error: 'invalid' };
}

export type PointsError = 'empty' | 'notInteger' | 'zero' | 'negativeNotAllowed' | 'overCap' | 'tooLarge';
export type PointsResult = { ok: true; points: number } | { ok: false; error: PointsError };

/**
 * The points to add (positive) or deduct (negative). Customer service grants compensation only: positive and at
 * most `cap` points per case. Thousands separators and full-width signs are accepted.
 */
export function parseAdjustmentPoints(input: string, rule: { positiveOnly: boolean; cap?: number }): PointsResult {
  const clean = input
    .replace(/[\s,，]/g, '')
    .replace(/^[－—–]/, '-')
    .replace(/^＋/, '+');
  if (!clean) return { ok: false, error: 'empty' };
  const m = /^([+-]?)(\d+)$/.exec(clean);
  if (!m) return { ok: false, error: 'notInteger' };
  const magnitude = Number(m[2]);
  if (magnitude === 0) return { ok: false, error: 'zero' };
  const points = m[1] === '-' ? -magnitude : magnitude;
  if (rule.positiveOnly && points < 0) return { ok: false, error: 'negativeNotAllowed' };
  if (rule.positiveOnly && rule.cap !== undefined && points > rule.cap) return { ok: false, error: 'overCap' };
  if (magnitude > MAX_ADJUSTMENT_POINTS) return { ok: false, error: 'tooLarge' };
  return { ok: true, points };
}

export type ReasonResult = { ok: true; reason: string } | { ok: false; error: 'empty' | 'tooShort' | 'tooLong' };

export function parseReason(input: string): ReasonResult {
  const reason = input.trim();
  if (!reason) return { ok: false, error: 'empty' };
  if (reason.length < REASON_MIN) return { ok: false, error: 'tooShort' };
  if (reason.length > REASON_MAX) return { ok: false, error: 'tooLong' };
  return { ok: true, reason };
}

/**
 * A fresh idempotency key for one adjustment: made when the form opens for a member and again after a success,
 * kept across retries of a failed send (so a retry after a lost answer changes nothing twice).
 */
export function newAdjustmentKey(now: number = Date.now(), random: () => number = Math.random): string {
  let tail = '';
  for (let i = 0; i < 8; i++) tail += Math.floor(random() * 36).toString(36);
  return `adj-${now}-${tail}`;
}

/**
 * The compensation cap the server enforced, from a refusal's validation details
 * (`[{ path: ['body', 'points'], message: 'at most 100' }]`): the chain's cap may have changed since the page loaded.
 */
export function capFromDetails(details: unknown): number | undefined {
  if (!Array.isArray(details)) return undefined;
  for (const d of details as Array<{ path?: unknown; message?: unknown }>) {
    const path = Array.isArray(d?.path) ? d.path.join('.') : '';
    const m = typeof d?.message === 'string' ? /^at most (\d+)$/.exec(d.message) : null;
    if (m && path.endsWith('points')) return Number(m[1]);
  }
  return undefined;
}
