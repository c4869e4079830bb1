import { z } from 'zod';

/** Every 4xx/5xx body has this shape; `details` carries zod field paths for validation errors. */
export const apiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof apiErrorSchema>;

/** Stable error codes the clients may branch on. */
export const ErrorCode = {
  VALIDATION: 'VALIDATION_FAILED',
  MALFORMED_JSON: 'MALFORMED_JSON',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'RATE_LIMITED',
  CONSENT_REQUIRED: 'CONSENT_REQUIRED',
  CONSENT_OUTDATED: 'CONSENT_OUTDATED',
  OTP_INVALID: 'OTP_INVALID',
  BAD_CREDENTIALS: 'BAD_CREDENTIALS',
  MEMBER_CODE_MISTYPED: 'MEMBER_CODE_MISTYPED',
  MEMBER_CODE_EXPIRED: 'MEMBER_CODE_EXPIRED',
  MEMBER_CODE_UNKNOWN: 'MEMBER_CODE_UNKNOWN',
  NOT_A_MEMBER: 'NOT_A_MEMBER',
  SCENE_UNKNOWN: 'SCENE_UNKNOWN',
  WECHAT_UNAVAILABLE: 'WECHAT_UNAVAILABLE',
  WECHAT_REJECTED: 'WECHAT_REJECTED',
  DEV_SIGN_IN_DISABLED: 'DEV_SIGN_IN_DISABLED',
  PRESENCE_REQUIRED: 'PRESENCE_REQUIRED',
  MEMBER_CODE_USED: 'MEMBER_CODE_USED',
  INSUFFICIENT_POINTS: 'INSUFFICIENT_POINTS',
  RECEIPT_CONFLICT: 'RECEIPT_CONFLICT',
  RETURN_EXCEEDS_SALE: 'RETURN_EXCEEDS_SALE',
  DATE_IN_FUTURE: 'DATE_IN_FUTURE',
  INTERNAL: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
