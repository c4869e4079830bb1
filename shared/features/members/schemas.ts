import * as z from 'zod';
import { businessDaySchema, dayRangeQuery, isoInstant, memberIdSchema, phoneSchema, sceneSchema, i18nTextSchema, storeIdSchema } from '../../schemas';
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
  /** Marketing, asked separately and never required (rule 15.1): absent or false, no marketing. */
  marketing: z.boolean().optional(),
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
  /** Messages not yet read (the card's badge on the message centre entry). */
  unreadMessages: z.number().int().nonnegative(),
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


// ---- the staff console: finding a member, their timeline, the merge queue ---------------------------
/** Find a member by phone (through the phone's blind index, never a scan), by member number or by exact nickname: exactly one of them. */
export const memberSearchQuery = z
  .object({ phone: phoneSchema.optional(), memberId: memberIdSchema.optional(), name: z.string().trim().min(1).max(32).optional() })
  .refine((q) => [q.phone, q.memberId, q.name].filter((x) => x !== undefined).length === 1, 'give a phone, a member number or a name, one of them');

export const timelineKinds = ['joined', 'sale', 'return', 'points', 'tier', 'message', 'audit'] as const;
/** One thing that happened to a member, newest first; the fields a kind has no use for are null. */
export const timelineEntrySchema = z.object({
  /** Stable within the member's timeline (the source item's key). */
  id: z.string(),
  at: isoInstant,
  kind: z.enum(timelineKinds),
  storeId: z.string().nullable(),
  registerId: z.string().nullable(),
  /** Sales and returns: the net amount in fen (a return's is what it refunded). */
  amountFen: z.number().int().nullable(),
  /** Points entries: the change to the available balance, and the balance after it. */
  points: z.number().int().nullable(),
  balanceAfter: z.number().int().nullable(),
  /** For staff only: an adjustment's note, an audit entry's action. */
  internalNote: z.string().nullable(),
  /** What the shopper reads (points entries, messages, tier changes). */
  shopperText: i18nTextSchema.nullable(),
  /** Audit entries and adjustments: the staff account that acted. */
  actor: z.string().nullable(),
  /** The receipt, return number, case or ledger sequence this came from. */
  ref: z.string().nullable(),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;
export const timelineQuery = z.object({
  cursor: z.string().max(1000).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
export const timelineResponse = z.object({ items: z.array(timelineEntrySchema), cursor: z.string().nullable() });

export const mergeIdParams = z.object({ mergeId: z.string().regex(/^\d{9}-\d{9}$/, 'a merge id is two member numbers joined by -') });
export const rejectMergeRequest = z.object({ note: z.string().trim().min(2).max(200) });

// ---- join statistics ----------------------------------------------------------------------------------
export const joinStatsQuery = dayRangeQuery.extend({ storeId: storeIdSchema.optional() });
export const joinStatsRowSchema = z.object({ day: businessDaySchema, storeId: z.string(), registerId: z.string(), members: z.number().int() });
/** A store whose new members on a day fell to half or less of its average for that weekday over the 4 weeks before. */
export const joinDropAlertSchema = z.object({ day: z.string(), storeId: z.string(), members: z.number().int(), trailingAverage: z.number() });
export const joinStatsResponse = z.object({ rows: z.array(joinStatsRowSchema), alerts: z.array(joinDropAlertSchema) });

// ---- profile (issue 9) --------------------------------------------------------------------------
/** A calendar date of birth, YYYY-MM-DD: a real day, from 1900 on, not after today (UTC+8 allows a day's slack). */
export const birthdaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a birthday is YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s && s >= '1900-01-01' && d.getTime() <= Date.now() + 86_400_000;
  }, 'not a real date of birth');
export const genderSchema = z.enum(['female', 'male', 'undisclosed']);
/** A nickname: trimmed, 1–32 characters, no control characters. */
export const nicknameSchema = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'no control characters');
export const regionSchema = z.string().trim().min(1).max(60);

export const memberProfileSchema = z.object({
  memberId: memberIdSchema,
  nickname: z.string().nullable(),
  gender: genderSchema.nullable(),
  birthday: z.string().nullable(),
  region: z.string().nullable(),
  /** False once the birthday is set: a member sets it once; customer service corrects it. */
  birthdayEditable: z.boolean(),
});
export const memberProfilePatch = z
  .object({
    nickname: nicknameSchema.nullable().optional(),
    gender: genderSchema.nullable().optional(),
    birthday: birthdaySchema.optional(),
    region: regionSchema.nullable().optional(),
  })
  .strict()
  .refine((p) => Object.values(p).some((v) => v !== undefined), 'change at least one field');
export const staffProfileCorrection = z
  .object({
    birthday: birthdaySchema,
    /** Why (the member's request, the document seen): kept in the audit entry. */
    note: z.string().trim().min(1).max(200),
  })
  .strict();

// ---- the staff console's member view (issue 9) ---------------------------------------------------
/**
 * What a service agent sees of the profile: nickname, gender and region as the member gave them, and of the
 * birthday the month alone (null: none set). The full date is not shown on a look-up: with the phone it is the
 * usual identity check elsewhere (and the ID number carries it), the birthday double needs only the month, and a
 * correction takes the date from the member. The register's view (identify) carries no profile at all.
 */
export const staffProfileViewSchema = z.object({
  nickname: z.string().nullable(),
  gender: genderSchema.nullable(),
  region: z.string().nullable(),
  birthMonth: z.number().int().min(1).max(12).nullable(),
});
export const staffMemberDetailSchema = staffMemberViewSchema.extend({ profile: staffProfileViewSchema });
export const memberSearchResponse = z.object({ items: z.array(staffMemberDetailSchema) });
