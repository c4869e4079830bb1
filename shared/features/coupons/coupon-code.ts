/**
 * A coupon's rotating QR (扫码核销), pure: the register takes it in place of the member code, as the member's
 * presence for this one coupon. It names the member and the grant, the 60-second step and a keyed MAC of the three
 * (the server's member-code key; the PRF is injected), so it can't be made from a member number and a grant id,
 * and a screenshot stops working within two minutes.
 *
 *   CP1.<member number>.<grant id>.<step, base 36>.<MAC, 10 base-36 characters>
 */
import { MEMBER_CODE_STEP_SECONDS, type KeyedPrf } from '../../rules/member-code';

export const COUPON_CODE_PREFIX = 'CP1';
export const COUPON_CODE_STEP_SECONDS = MEMBER_CODE_STEP_SECONDS;
const macOf = (prf: KeyedPrf, memberId: string, grantId: string, step: number) => prf(`coupon:${step}:${memberId}:${grantId}`).toString(36).padStart(10, '0');

export function encodeCouponCode(memberId: string, grantId: string, step: number, prf: KeyedPrf): string {
  return [COUPON_CODE_PREFIX, memberId, grantId, step.toString(36), macOf(prf, memberId, grantId, step)].join('.');
}

export type CouponCodeVerdict = { kind: 'valid'; memberId: string; grantId: string; step: number } | { kind: 'expired'; memberId: string; grantId: string } | { kind: 'invalid' };

/** The current step and the one before or after are valid (typing and clocks); older, up to two hours, is expired. */
export function verifyCouponCode(code: string, nowStep: number, prf: KeyedPrf): CouponCodeVerdict {
  const parts = code.trim().split('.');
  if (parts.length !== 5 || parts[0] !== COUPON_CODE_PREFIX) return { kind: 'invalid' };
  const [, memberId, grantId, stepText, mac] = parts;
  if (!/^\d{9}$/.test(memberId) || !/^[A-Za-z0-9_-]{1,40}$/.test(grantId) || !/^[0-9a-z]{1,12}$/.test(stepText) || !/^[0-9a-z]{10}$/.test(mac)) return { kind: 'invalid' };
  const step = parseInt(stepText, 36);
  if (step.toString(36) !== stepText || macOf(prf, memberId, grantId, step) !== mac) return { kind: 'invalid' };
  if (step > nowStep + 1) return { kind: 'invalid' };
  if (step >= nowStep - 1) return { kind: 'valid', memberId, grantId, step };
  return nowStep - step <= 120 ? { kind: 'expired', memberId, grantId } : { kind: 'invalid' };
}
