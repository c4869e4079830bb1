import * as z from 'zod';
import { staffRoleSchema, staffScopeSchema } from '../../../shared/roles';
import { defineEntity } from '../../commons/entity';
import { keys } from '../../commons/keys';

/** The staff feature's items: stores, registers and their join scenes, staff accounts and sessions, the audit log. */
export const store = defineEntity({
  name: 'Store',
  feature: 'staff',
  layout: { PK: 'STORE#<storeId>', SK: 'STORE', GSI1PK: 'STORES', GSI1SK: '<region>#<storeId>#' },
  patterns: ['a store by id', 'stores by region with their registers, in one query (GSI1)'],
  memberData: 'none',
  key: keys.store,
  indexKeys: keys.storeIndex,
  sample: { key: ['<storeId>'], indexKeys: ['<region>', '<storeId>'] },
  schema: z.looseObject({ storeId: z.string(), name: z.string(), region: z.string(), address: z.string() }),
});
export const register = defineEntity({
  name: 'Register',
  feature: 'staff',
  layout: { PK: 'STORE#<storeId>', SK: 'REGISTER#<registerId>', GSI1PK: 'STORES', GSI1SK: '<region>#<storeId>#R#<registerId>' },
  patterns: ["a store's registers", 'stores and registers in one query (GSI1)'],
  memberData: 'none',
  key: keys.register,
  indexKeys: keys.registerIndex,
  sample: { key: ['<storeId>', '<registerId>'], indexKeys: ['<region>', '<storeId>', '<registerId>'] },
  schema: z.looseObject({ storeId: z.string(), registerId: z.string(), name: z.string(), joinScene: z.string() }),
});
export const joinScene = defineEntity({
  name: 'Join scene',
  feature: 'staff',
  layout: { PK: 'SCENE#<scene>', SK: 'SCENE' },
  patterns: ['scan-to-join QR scene → store and register'],
  memberData: 'none',
  key: keys.scene,
  sample: { key: ['<scene>'] },
  schema: z.looseObject({ scene: z.string(), storeId: z.string(), registerId: z.string(), storeName: z.string() }),
});
export const staffAccount = defineEntity({
  name: 'Staff account',
  feature: 'staff',
  layout: { PK: 'STAFF#<username>', SK: 'ACCOUNT', GSI1PK: 'STAFF', GSI1SK: '<username>' },
  patterns: ['sign-in', 'list accounts (GSI1)'],
  memberData: 'none',
  key: keys.staff,
  indexKeys: keys.staffIndex,
  sample: { key: ['<username>'], indexKeys: ['<username>'] },
  schema: z.looseObject({
    username: z.string(),
    displayName: z.string(),
    role: staffRoleSchema,
    scope: staffScopeSchema,
    /** The region of a store-scoped account's store, resolved when the scope is set. */
    scopeRegion: z.string().nullable().optional(),
    canRevealPhone: z.boolean(),
    disabled: z.boolean(),
    passwordHash: z.string(),
    /** Bumped by every change that ends the account's sessions; a token carries the generation it was issued under. */
    sessionGen: z.number().int().optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
});
export const staffSession = defineEntity({
  name: 'Staff session',
  feature: 'staff',
  layout: { PK: 'STAFF#<username>', SK: 'SESSION#<sessionId>' },
  patterns: ['exact revocation and idle timeout: last activity (TTL = token expiry)'],
  memberData: 'none',
  key: keys.staffSession,
  sample: { key: ['<username>', '<sessionId>'] },
  schema: z.looseObject({ username: z.string(), sessionId: z.string(), gen: z.number().int(), createdAt: z.string(), lastSeenAt: z.number(), ttl: z.number().int() }),
});
export const signInFailures = defineEntity({
  name: 'Sign-in failures',
  feature: 'staff',
  layout: { PK: 'STAFF#<username>', SK: 'SIGNIN' },
  patterns: ['lockout per account (TTL)'],
  memberData: 'none',
  key: keys.staffSignInFailures,
  sample: { key: ['<username>'] },
  schema: z.looseObject({ lockedUntil: z.number().optional(), lastAt: z.number().optional() }),
});
export const auditEntry = defineEntity({
  name: 'Audit entry',
  feature: 'staff',
  layout: { PK: 'AUDIT#<business day>', SK: '<at>#<id>', GSI1PK: 'AUDITBY#<username>', GSI1SK: '<at>', GSI2PK: 'AUDITON#<target>', GSI2SK: '<at>' },
  patterns: ['audit log by day', 'by actor (GSI1)', "by target (GSI2: a member's, an account's, the settings' entries)"],
  memberData: { export: 'audit', onDeletion: 'kept', why: 'the audit log (at least 6 months), by member number' },
  key: keys.audit,
  indexKeys: (username: string, at: string, target: string) => ({ ...keys.auditByActorIndex(username, at), ...keys.auditByTargetIndex(target, at) }),
  sample: { key: ['<business day>', '<at>', '<id>'], indexKeys: ['<username>', '<at>', '<target>'] },
  schema: z.looseObject({ at: z.string(), actor: z.string(), role: staffRoleSchema, action: z.string(), target: z.string() }),
});

export const staffEntities = [store, register, joinScene, staffAccount, staffSession, signInFailures, auditEntry];
