import * as z from 'zod';
import { isoInstant, registerIdSchema, sceneSchema, storeIdSchema, usernameSchema } from '../../schemas';
import { staffRoleSchema, staffScopeSchema } from '../../roles';

/** Staff accounts, sessions, stores and registers, the audit log. */

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
export const createStoreRequest = z.object({ storeId: storeIdSchema, name: z.string().trim().min(1).max(40), region: z.string().trim().min(1).max(20), address: z.string().trim().min(1).max(120) });
export const createRegisterRequest = z.object({ registerId: registerIdSchema, name: z.string().min(1).max(40) });

export const joinCodeResponse = z.object({
  scene: sceneSchema,
  /** Mini-program page and query the QR opens; the client prefixes its own H5 origin for a link. */
  path: z.string(),
  store: z.object({ storeId: z.string(), name: z.string() }),
  registerId: z.string(),
});

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
  /** An action as the entries spell it (points.adjust, staff.update, member.revealPhone, ...). */
  action: z.string().regex(/^[a-zA-Z]+(\.[a-zA-Z+]+){0,3}$/).max(60).optional(),
  /** What was acted on, as the entries spell it (member:000000123, staff:alice, register:SH-001/R1, settings); served by its own index. */
  // A kind may be hyphenated (coupon-template:CASH-200-30, coupon-pack:NEW-MEMBER).
  target: z.string().regex(/^[a-z]+(-[a-z]+)*(:[A-Za-z0-9._:/-]{1,80})?$/).optional(),
  cursor: z.string().max(1000).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export const auditListResponse = z.object({ items: z.array(auditEntrySchema), cursor: z.string().nullable() });

