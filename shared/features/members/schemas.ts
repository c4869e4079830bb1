import * as z from 'zod';
import { isoInstant, memberIdSchema, phoneSchema, sceneSchema, i18nTextSchema } from '../../schemas';
import { consentVersionSchema, tierCodeSchema } from '../../settings';

/** Members and identity: sign-in, joining, the card, the member code, identifying at the register, the merge queue. */

// ---- sign-in -------------------------------------------------------------------------------------
export const wechatSignInRequest = z.object({ code: z.string().min(1).max(128) });
export const devOtpRequest = z.object({ phone: phoneSchema });
export const devOtpResponse = z.object({ sent: z.literal(true), expiresInSeconds: z.number().int(), devMode: z.literal(true) });
export const devVerifyRequest = z.object({ phone: phoneSchema, code: z.string().regex(/^\d{6}$/, 'the code has 6 digits') });

/** A shopper session: `member` is null until they have joined. */
export const shopperSessionResponse = z.object({
  token: z.string(),
  expiresAt: isoInstant,
  memberId: memberIdSchema.nullable(),
  phoneMasked: z.string().nullable(),
  devMode: z.boolean(),
});

// ---- joining -------------------------------------------------------------------------------------
export const consentSchema = z.object({
  accepted: z.literal(true, { error: '需同意隐私政策和会员条款 / consent to the privacy policy and terms is required' }),
  privacyPolicyVersion: consentVersionSchema,
  termsVersion: consentVersionSchema,
});
export const joinRequest = z.object({
  consent: consentSchema,
  scene: sceneSchema.optional(),
  /** WeChat getPhoneNumber code, when the shopper shared their number in the mini-program. */
  phoneCode: z.string().min(1).max(128).optional(),
});

export const memberCardSchema = z.object({
  memberId: memberIdSchema,
  tier: z.object({ code: tierCodeSchema, name: i18nTextSchema }),
  points: z.object({ available: z.number().int(), pending: z.number().int() }),
  storedValueFen: z.number().int(),
  usableCoupons: z.number().int(),
  phoneMasked: z.string().nullable(),
  joinedAt: isoInstant,
  joinStore: z.object({ storeId: z.string(), name: z.string() }).nullable(),
  mergePending: z.boolean(),
});
export type MemberCard = z.infer<typeof memberCardSchema>;

export const joinResponse = z.object({
  token: z.string(),
  expiresAt: isoInstant,
  created: z.boolean(),
  card: memberCardSchema,
});

export const sceneInfoResponse = z.object({
  scene: sceneSchema,
  store: z.object({ storeId: z.string(), name: z.string() }),
  registerId: z.string(),
  consent: z.object({ privacyPolicyVersion: z.string(), termsVersion: z.string() }),
  chainName: i18nTextSchema,
});

export const memberCodeResponse = z.object({
  code: z.string().length(18),
  step: z.number().int(),
  expiresAt: isoInstant,
  stepSeconds: z.number().int(),
});

export const memberCodeRequest = z.object({ code: z.string().min(1).max(40) });
export const staffMemberViewSchema = z.object({
  memberId: memberIdSchema,
  tier: z.object({ code: tierCodeSchema, name: i18nTextSchema }),
  phoneMasked: z.string().nullable(),
  points: z.object({ available: z.number().int(), pending: z.number().int() }),
  storedValueFen: z.number().int(),
  usableCoupons: z.number().int(),
  joinedAt: isoInstant,
  joinStoreId: z.string().nullable(),
  joinRegisterId: z.string().nullable(),
});
export const identifyResponse = z.object({ member: staffMemberViewSchema, codeStep: z.number().int() });
export const revealPhoneResponse = z.object({ memberId: memberIdSchema, phone: z.string().nullable() });

export const mergeRequestSchema = z.object({
  mergeId: z.string(),
  wechatMemberId: memberIdSchema,
  phoneMemberId: memberIdSchema,
  createdAt: isoInstant,
  status: z.enum(['open', 'done', 'rejected']),
});
export const mergeListResponse = z.object({ items: z.array(mergeRequestSchema) });

