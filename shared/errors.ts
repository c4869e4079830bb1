/**
 * Stable error codes the clients may branch on. A code, once published, keeps its meaning; the message beside
 * it is for people and comes in the caller's language (Accept-Language: zh-CN by default, or en).
 */
export const ErrorCode = {
  VALIDATION: 'VALIDATION_FAILED',
  MALFORMED_JSON: 'MALFORMED_JSON',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  BAD_SIGNATURE: 'BAD_SIGNATURE',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'RATE_LIMITED',
  CONSENT_REQUIRED: 'CONSENT_REQUIRED',
  CONSENT_OUTDATED: 'CONSENT_OUTDATED',
  OTP_INVALID: 'OTP_INVALID',
  BAD_CREDENTIALS: 'BAD_CREDENTIALS',
  REGISTER_REQUIRED: 'REGISTER_REQUIRED',
  MEMBER_CODE_MISTYPED: 'MEMBER_CODE_MISTYPED',
  MEMBER_CODE_EXPIRED: 'MEMBER_CODE_EXPIRED',
  MEMBER_CODE_UNKNOWN: 'MEMBER_CODE_UNKNOWN',
  NOT_A_MEMBER: 'NOT_A_MEMBER',
  SCENE_UNKNOWN: 'SCENE_UNKNOWN',
  SALE_TOO_LATE: 'SALE_TOO_LATE',
  SPEND_TOO_LATE: 'SPEND_TOO_LATE',
  RECEIPT_CONFLICT: 'RECEIPT_CONFLICT',
  INVALID_POINTS_PAYMENT: 'INVALID_POINTS_PAYMENT',
  INSUFFICIENT_POINTS: 'INSUFFICIENT_POINTS',
  RETURN_EXCEEDS_SALE: 'RETURN_EXCEEDS_SALE',
  WECHAT_UNAVAILABLE: 'WECHAT_UNAVAILABLE',
  WECHAT_REJECTED: 'WECHAT_REJECTED',
  WECHAT_BUSY: 'WECHAT_BUSY',
  DEV_SIGN_IN_DISABLED: 'DEV_SIGN_IN_DISABLED',
  PRESENCE_REQUIRED: 'PRESENCE_REQUIRED',
  MEMBER_CODE_USED: 'MEMBER_CODE_USED',
  DATE_IN_FUTURE: 'DATE_IN_FUTURE',
  INTERNAL: 'INTERNAL',
  // Staff scope and account security (BUSINESS-RULES item 8).
  OUT_OF_SCOPE: 'OUT_OF_SCOPE',
  ESCALATION: 'ESCALATION',
  PASSWORD_POLICY: 'PASSWORD_POLICY',
  ACCOUNT_LOCKED: 'ACCOUNT_LOCKED',
  SESSION_ENDED: 'SESSION_ENDED',
  SESSION_IDLE: 'SESSION_IDLE',
  // Staff points adjustments.
  IDEMPOTENCY_CONFLICT: 'IDEMPOTENCY_CONFLICT',
  CASE_REF_REQUIRED: 'CASE_REF_REQUIRED',
  CASE_OTHER_MEMBER: 'CASE_OTHER_MEMBER',
  COMPENSATION_CAP: 'COMPENSATION_CAP',
  COMPENSATION_DAILY_CAP: 'COMPENSATION_DAILY_CAP',
  // Bad input (issue 6 §6).
  SETTINGS_CHANGED: 'SETTINGS_CHANGED',
  STORE_UNKNOWN: 'STORE_UNKNOWN',
  // Member profile (issue 9).
  BIRTHDAY_LOCKED: 'BIRTHDAY_LOCKED',
  // Privacy rights (issue 9 §4).
  MEMBERSHIP_ENDED: 'MEMBERSHIP_ENDED',
  DELETION_BLOCKED: 'DELETION_BLOCKED',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** What each code means, for the OpenAPI document and for whoever maps codes to their own wording. */
export const errorCodeMeanings: Record<ErrorCode, string> = {
  VALIDATION_FAILED: 'The params, query or body do not fit the schema or a business rule; `details` lists each problem with its field path (["body","lines",0,"lineNo"]).',
  MALFORMED_JSON: 'The body is not valid JSON.',
  PAYLOAD_TOO_LARGE: 'The body is larger than the API accepts (413).',
  UNAUTHENTICATED: 'No session, or it expired or was ended: sign in again.',
  BAD_SIGNATURE: 'A signed request (register or platform) has a wrong or stale x-signature / x-timestamp.',
  FORBIDDEN: 'Signed in, but this account, role, scope or register may not do this.',
  NOT_FOUND: 'The member, store, register, account or record named does not exist.',
  CONFLICT: 'Someone changed the same thing meanwhile, or it already exists: reload and retry.',
  RATE_LIMITED: 'Too many attempts; `details.retryAfterSeconds` (and the Retry-After header) say when to try again.',
  CONSENT_REQUIRED: 'Joining needs the privacy policy and terms accepted.',
  CONSENT_OUTDATED: 'The privacy policy or terms changed; `details` carries the current versions to accept.',
  OTP_INVALID: 'The one-time code is wrong, used or expired.',
  BAD_CREDENTIALS: 'Wrong staff username or password.',
  REGISTER_REQUIRED: 'A cashier must name the register they sign in at; `details.registers` lists the choices.',
  MEMBER_CODE_MISTYPED: 'The member code fails its check digit: ask the shopper to show it again.',
  MEMBER_CODE_EXPIRED: 'The member code is too old: ask the shopper to refresh it.',
  MEMBER_CODE_UNKNOWN: 'No member matches this member code.',
  NOT_A_MEMBER: 'The shopper (or the phone number given) has not joined yet.',
  SCENE_UNKNOWN: 'The scan-to-join code is unknown or no longer in use.',
  SALE_TOO_LATE: 'The sale is older than the late-sale window allows.',
  SPEND_TOO_LATE: 'A sale that spends the member’s balance must reach us within minutes of its time (offline sales may earn late, not spend).',
  RECEIPT_CONFLICT: 'This receipt or return number was already recorded with different content.',
  INVALID_POINTS_PAYMENT: 'The points payment does not fit the points rules (rate, minimum, share of the bill).',
  INSUFFICIENT_POINTS: 'The member has fewer points than the payment asks; `details` carries balance and requested.',
  RETURN_EXCEEDS_SALE: 'More is returned than is left to return on the sale; `details` names the line.',
  WECHAT_UNAVAILABLE: 'WeChat sign-in is not connected on this server.',
  WECHAT_REJECTED: 'WeChat refused the code (used, expired or unknown): get a new one and retry.',
  WECHAT_BUSY: 'WeChat is busy or unreachable (503): retry shortly.',
  DEV_SIGN_IN_DISABLED: 'The dev sign-in is switched off on this server.',
  PRESENCE_REQUIRED: 'Spending a member’s balance needs the member code shown for this sale (a member number or phone only earns).',
  MEMBER_CODE_USED: 'This member code was already used for another purchase: ask the member to refresh it.',
  DATE_IN_FUTURE: 'A business date after today (jobs refuse it unless told otherwise).',
  OUT_OF_SCOPE: 'The store, register, member or report is outside the account’s scope (403).',
  ESCALATION: 'An account may not grant or change a role, scope or permission wider than its own (403).',
  PASSWORD_POLICY: 'The new password does not meet the password policy; `details` lists what is missing.',
  ACCOUNT_LOCKED: 'Too many failed sign-ins: the staff account is locked for a while (429; details say how long).',
  SESSION_ENDED: 'The staff session was ended (password, role, scope or permission change, disabling, forced sign-out): sign in again.',
  SESSION_IDLE: 'The staff session was idle too long: sign in again.',
  IDEMPOTENCY_CONFLICT: 'This idempotency key was already used with a different request (409).',
  CASE_REF_REQUIRED: 'A customer-service compensation needs its case reference.',
  CASE_OTHER_MEMBER: 'The case reference is already bound to another member (409).',
  COMPENSATION_CAP: 'The grants under this case would exceed the per-case compensation cap (409).',
  COMPENSATION_DAILY_CAP: 'The account’s compensation grants today would exceed its daily cap (409).',
  SETTINGS_CHANGED: 'The settings were changed since they were read (409): read them again (with their `version`) and re-apply the change.',
  STORE_UNKNOWN: 'A platform order names a store code the chain does not have (400); `details` names the field.',
  BIRTHDAY_LOCKED: 'The member has already set their birthday, which they set once (409); customer service corrects it.',
  MEMBERSHIP_ENDED: 'The membership was deleted at the member’s request: the member’s own sessions are over (401: sign in again; joining again makes a new member), and a register or staff naming it gets 404.',
  DELETION_BLOCKED: 'The membership cannot be deleted yet (409): `details.blockedBy` says why (e.g. a stored-value balance to refund first).',
  INTERNAL: 'Our bug (500); nothing the caller can fix.',
};

/**
 * Every 4xx/5xx body has this shape; `details` carries zod field paths for validation errors, else null or facts.
 * Its schema (for the OpenAPI document) is `apiErrorSchema` in shared/openapi.ts: this module stays free of zod,
 * because the mini-program reads it.
 */
export interface ApiErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}
