/**
 * The rotating member code (会员码), built like WeChat's payment code: 18 digits that change every
 * 60-second time step, derived from the member number and the step with a keyed MAC, so the register can
 * verify a code without calling the shopper's phone.
 *
 *   68 | masked member number (9) | MAC (6) | Luhn check digit (1)
 *
 * - "68" sets it apart from WeChat Pay (10–15) and Alipay (25–30) codes scanned at the same register.
 * - The member number is masked with a keyed, per-step offset so consecutive codes look unrelated.
 * - The Luhn digit lets the register (and the cashier's page, before any request) catch a mistyped code.
 *
 * The keyed PRF is injected: the server passes an HMAC with its secret; this module stays pure.
 */
export const MEMBER_CODE_PREFIX = '68';
export const MEMBER_CODE_LENGTH = 18;
export const MEMBER_CODE_STEP_SECONDS = 60;
const MEMBER_NO_SPACE = 1_000_000_000;
const MAC_SPACE = 1_000_000;

/** Keyed pseudo-random function: message → integer in [0, 2^48). */
export type KeyedPrf = (message: string) => number;

export interface MemberCodeWindow {
  /** Steps accepted: the current one and this many before it (typing at the register takes time). */
  acceptPastSteps: number;
  /** Steps ahead accepted, for a phone whose clock runs fast. */
  acceptFutureSteps: number;
  /** How far back a code is still recognised as genuine but expired (for a clear message). */
  recogniseExpiredSteps: number;
}

export const defaultMemberCodeWindow: MemberCodeWindow = {
  acceptPastSteps: 1,
  acceptFutureSteps: 1,
  recogniseExpiredSteps: 120,
};

export function timeStepOf(epochMs: number): number {
  return Math.floor(epochMs / 1000 / MEMBER_CODE_STEP_SECONDS);
}

export function luhnCheckDigit(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/** Shape and check digit only: what the cashier's page can tell before sending anything. */
export function isWellFormedMemberCode(code: string): boolean {
  return (
    code.length === MEMBER_CODE_LENGTH &&
    /^\d+$/.test(code) &&
    code.startsWith(MEMBER_CODE_PREFIX) &&
    luhnCheckDigit(code.slice(0, -1)) === code.slice(-1)
  );
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const maskOffset = (prf: KeyedPrf, step: number) => prf(`mask:${step}`) % MEMBER_NO_SPACE;
const macOf = (prf: KeyedPrf, step: number, memberNo: number) => prf(`mac:${step}:${memberNo}`) % MAC_SPACE;

export function encodeMemberCode(memberNo: number, step: number, prf: KeyedPrf): string {
  if (!Number.isInteger(memberNo) || memberNo < 0 || memberNo >= MEMBER_NO_SPACE) {
    throw new RangeError(`member number out of range: ${memberNo}`);
  }
  const masked = (memberNo + maskOffset(prf, step)) % MEMBER_NO_SPACE;
  const body = MEMBER_CODE_PREFIX + pad(masked, 9) + pad(macOf(prf, step, memberNo), 6);
  return body + luhnCheckDigit(body);
}

export type MemberCodeVerdict =
  | { kind: 'valid'; memberNo: number; step: number }
  | { kind: 'expired'; memberNo: number; step: number }
  | { kind: 'mistyped' }
  | { kind: 'unknown' };

/** Tries the steps around `nowStep`; a code that verifies only for an older step is expired, not forged. */
export function verifyMemberCode(
  code: string,
  nowStep: number,
  prf: KeyedPrf,
  window: MemberCodeWindow = defaultMemberCodeWindow,
): MemberCodeVerdict {
  const cleaned = code.replace(/\s/g, '');
  if (!isWellFormedMemberCode(cleaned)) return { kind: 'mistyped' };
  const masked = Number(cleaned.slice(2, 11));
  const mac = Number(cleaned.slice(11, 17));
  const tryStep = (step: number): number | undefined => {
    const memberNo = (masked - maskOffset(prf, step) + MEMBER_NO_SPACE) % MEMBER_NO_SPACE;
    return macOf(prf, step, memberNo) === mac ? memberNo : undefined;
  };
  for (let step = nowStep + window.acceptFutureSteps; step >= nowStep - window.acceptPastSteps; step--) {
    const memberNo = tryStep(step);
    if (memberNo !== undefined) return { kind: 'valid', memberNo, step };
  }
  for (let back = window.acceptPastSteps + 1; back <= window.recogniseExpiredSteps; back++) {
    const memberNo = tryStep(nowStep - back);
    if (memberNo !== undefined) return { kind: 'expired', memberNo, step: nowStep - back };
  }
  return { kind: 'unknown' };
}
