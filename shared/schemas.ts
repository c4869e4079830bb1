import { z } from 'zod';
import { CN_MOBILE, normalizePhone } from './rules/phone';
import { staffRoleSchema, staffScopeSchema } from './roles';
import { chainSettingsSchema, tierCodeSchema } from './settings';

/** Request and response shapes of the API; the route table and the OpenAPI document are built from these. */

export const phoneSchema = z
  .string()
  .transform(normalizePhone)
  .pipe(z.string().regex(CN_MOBILE, '请输入11位手机号 / enter an 11-digit mainland mobile number'));

export const memberIdSchema = z.string().regex(/^\d{9}$/, 'member number has 9 digits');
export const storeIdSchema = z.string().regex(/^[A-Z0-9-]{2,20}$/);
export const registerIdSchema = z.string().regex(/^[A-Z0-9-]{2,24}$/);
export const sceneSchema = z.string().regex(/^[A-Za-z0-9]{4,32}$/, 'scene is 4–32 letters or digits');
export const isoInstant = z.string().datetime();
/**
 * An instant a client sends: any RFC 3339 offset (`2026-11-30T23:59:59+08:00`, `…Z`), normalised to UTC
 * (`2026-11-30T15:59:59.000Z`) so it is stored, compared and hashed one way.
 */
export const isoInstantInput = z
  .string()
  .datetime({ offset: true })
  .transform((s) => new Date(s).toISOString());

export const i18nTextSchema = z.object({ zh: z.string(), en: z.string() });

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
  privacyPolicyVersion: z.string().min(1).max(40),
  termsVersion: z.string().min(1).max(40),
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

export const publicInfoResponse = z.object({
  chainName: i18nTextSchema,
  consent: z.object({ privacyPolicyVersion: z.string(), termsVersion: z.string() }),
  devSignIn: z.boolean(),
  wechatSignIn: z.boolean(),
});

export const memberCodeResponse = z.object({
  code: z.string().length(18),
  step: z.number().int(),
  expiresAt: isoInstant,
  stepSeconds: z.number().int(),
});

// ---- staff ---------------------------------------------------------------------------------------
export const usernameSchema = z.string().regex(/^[a-z0-9._-]{3,32}$/, 'username: 3–32 lowercase letters, digits, . _ -');
export const staffLoginRequest = z.object({
  username: usernameSchema,
  password: z.string().min(1).max(200),
  /** Cashiers sign in at one register of their store. */
  registerId: registerIdSchema.optional(),
});
export const staffProfileSchema = z.object({
  username: usernameSchema,
  displayName: z.string(),
  role: staffRoleSchema,
  scope: staffScopeSchema,
  canRevealPhone: z.boolean(),
  register: z.object({ storeId: z.string(), registerId: z.string() }).nullable(),
});
export type StaffProfile = z.infer<typeof staffProfileSchema>;
export const staffSessionResponse = z.object({ token: z.string(), expiresAt: isoInstant, staff: staffProfileSchema });

export const staffAccountSchema = z.object({
  username: usernameSchema,
  displayName: z.string(),
  role: staffRoleSchema,
  scope: staffScopeSchema,
  canRevealPhone: z.boolean(),
  disabled: z.boolean(),
  createdAt: isoInstant,
});
/**
 * A staff password; the policy (≥ 10 characters, 3 of 4 character classes, not containing the username) is
 * checked by the service against the username, answering 400 PASSWORD_POLICY.
 */
export const staffPasswordSchema = z.string().min(1).max(200).describe('≥ 10 characters, at least 3 of: lower case, upper case, digits, symbols; must not contain the username');
export const createStaffRequest = z.object({
  username: usernameSchema,
  displayName: z.string().min(1).max(40),
  password: staffPasswordSchema,
  role: staffRoleSchema,
  scope: staffScopeSchema,
  canRevealPhone: z.boolean().default(false),
});
export const updateStaffRequest = z
  .object({
    displayName: z.string().min(1).max(40).optional(),
    role: staffRoleSchema.optional(),
    scope: staffScopeSchema.optional(),
    canRevealPhone: z.boolean().optional(),
    disabled: z.boolean().optional(),
    password: staffPasswordSchema.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');
export const staffListResponse = z.object({ items: z.array(staffAccountSchema) });
export const staffSignOutResponse = z.object({ username: usernameSchema, sessionsEndedAt: isoInstant });

export const registerSchema = z.object({
  storeId: z.string(),
  registerId: z.string(),
  name: z.string(),
  joinScene: sceneSchema,
});
export const storeSchema = z.object({
  storeId: z.string(),
  name: z.string(),
  region: z.string(),
  address: z.string(),
  registers: z.array(registerSchema),
});
export const storeListResponse = z.object({ items: z.array(storeSchema) });
export const createRegisterRequest = z.object({ registerId: registerIdSchema, name: z.string().min(1).max(40) });

export const joinCodeResponse = z.object({
  scene: sceneSchema,
  /** Mini-program page and query the QR opens; the client prefixes its own H5 origin for a link. */
  path: z.string(),
  store: z.object({ storeId: z.string(), name: z.string() }),
  registerId: z.string(),
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

export const auditEntrySchema = z.object({
  at: isoInstant,
  actor: z.string(),
  role: staffRoleSchema,
  action: z.string(),
  target: z.string(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});
export const auditQuery = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  actor: usernameSchema.optional(),
  cursor: z.string().max(1000).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export const auditListResponse = z.object({ items: z.array(auditEntrySchema), cursor: z.string().nullable() });

export const settingsResponse = z.object({ settings: chainSettingsSchema, updatedAt: isoInstant.nullable() });
export const updateSettingsRequest = z.object({ settings: chainSettingsSchema });

export const mergeRequestSchema = z.object({
  mergeId: z.string(),
  wechatMemberId: memberIdSchema,
  phoneMemberId: memberIdSchema,
  createdAt: isoInstant,
  status: z.enum(['open', 'done', 'rejected']),
});
export const mergeListResponse = z.object({ items: z.array(mergeRequestSchema) });

export const memberIdParams = z.object({ memberId: memberIdSchema });
export const usernameParams = z.object({ username: usernameSchema });
export const storeIdParams = z.object({ storeId: storeIdSchema });
export const registerParams = z.object({ storeId: storeIdSchema, registerId: registerIdSchema });
export const sceneParams = z.object({ scene: sceneSchema });

export const healthResponse = z.object({ ok: z.literal(true), time: isoInstant });
