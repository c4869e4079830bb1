import { GetCommand, paginateQuery, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { z } from 'zod';
import { ErrorCode } from '../../shared/errors';
import { sameScope, type StaffRole, type StaffScope } from '../../shared/roles';
import type { createStaffRequest, staffAccountSchema, staffProfileSchema, updateStaffRequest } from '../../shared/schemas';
import { ddb, cancellationReasons } from '../commons/dynamodb';
import { keys } from '../commons/keys';
import { auditPut, type AuditActor } from '../commons/audit';
import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from '../commons/crypto';
import { badRequest, conflict, HttpError, notFound, unauthenticated } from '../commons/errors';
import { nowIso, nowMs } from '../commons/clock';
import { countAttempt } from '../commons/rate-limit';
import { signToken, STAFF_TOKEN_SECONDS, type StaffClaims } from '../commons/tokens';
import type { AppConfig } from '../commons/config';
import { getRegister, listRegistersOfStore } from './stores';

/** Staff accounts: sign-in with scrypt-hashed passwords, sessions as jose tokens, admin management. */
export interface StaffAccountItem {
  username: string;
  displayName: string;
  role: StaffRole;
  scope: StaffScope;
  canRevealPhone: boolean;
  disabled: boolean;
  passwordHash: string;
  createdAt: string;
  updatedAt: string;
}
type StaffAccount = z.infer<typeof staffAccountSchema>;

export const publicAccount = (a: StaffAccountItem): StaffAccount => ({
  username: a.username,
  displayName: a.displayName,
  role: a.role,
  scope: a.scope,
  canRevealPhone: a.canRevealPhone,
  disabled: a.disabled,
  createdAt: a.createdAt,
});

async function getAccount(tableName: string, username: string): Promise<StaffAccountItem | undefined> {
  const out = await ddb().send(new GetCommand({ TableName: tableName, Key: keys.staff(username) }));
  return out.Item as StaffAccountItem | undefined;
}

const LOGIN_LIMIT = { bucket: 'staff-login', limit: 10, windowSeconds: 60 };

export async function signInStaff(config: AppConfig, input: { username: string; password: string; registerId?: string }) {
  await countAttempt(config.tableName, LOGIN_LIMIT, input.username);
  const account = await getAccount(config.tableName, input.username);
  const ok = await verifyPassword(input.password, account?.passwordHash ?? DUMMY_PASSWORD_HASH);
  if (!account || !ok || account.disabled) {
    throw unauthenticated('Wrong username or password', ErrorCode.BAD_CREDENTIALS);
  }
  let register: StaffClaims['reg'];
  if (account.role === 'cashier') {
    if (account.scope.level !== 'store') throw new HttpError(403, ErrorCode.FORBIDDEN, 'A cashier account must belong to one store');
    const storeId = account.scope.storeId;
    const found = input.registerId ? await getRegister(config.tableName, storeId, input.registerId) : undefined;
    if (!found) {
      const registers = await listRegistersOfStore(config.tableName, storeId);
      throw badRequest('REGISTER_REQUIRED', 'Choose the register you are working at', {
        registers: registers.map((r) => ({ registerId: r.registerId, name: r.name })),
      });
    }
    register = { storeId, registerId: found.registerId };
  }
  const claims: StaffClaims = { typ: 'staff', sub: account.username, role: account.role, scope: account.scope, rev: account.canRevealPhone, reg: register };
  const session = await signToken(config.keys.token, claims, STAFF_TOKEN_SECONDS, nowMs());
  return { ...session, staff: profileOf(claims, account.displayName) };
}

export function profileOf(claims: StaffClaims, displayName: string): z.infer<typeof staffProfileSchema> {
  return {
    username: claims.sub,
    displayName,
    role: claims.role,
    scope: claims.scope,
    canRevealPhone: claims.rev,
    register: claims.reg ?? null,
  };
}

/**
 * A token outlives a change to its account; each container re-reads the account at most once a minute, so
 * disabling a staff member or changing their role takes effect within a minute without a read per request.
 */
const ACTIVE_CACHE_MS = 60_000;
const activeCache = new Map<string, { at: number; account: StaffAccountItem | undefined }>();

export async function assertStaffAccountActive(tableName: string, claims: StaffClaims): Promise<void> {
  let hit = activeCache.get(claims.sub);
  if (!hit || nowMs() - hit.at > ACTIVE_CACHE_MS) {
    hit = { at: nowMs(), account: await getAccount(tableName, claims.sub) };
    activeCache.set(claims.sub, hit);
  }
  const a = hit.account;
  if (!a || a.disabled || a.role !== claims.role || !sameScope(a.scope, claims.scope)) {
    throw unauthenticated('Your staff account has changed; sign in again');
  }
}

export function forgetStaffAccount(username: string): void {
  activeCache.delete(username);
}

export async function getStaffProfile(tableName: string, claims: StaffClaims) {
  const account = await getAccount(tableName, claims.sub);
  if (!account) throw notFound('No such staff account');
  return profileOf(claims, account.displayName);
}

export async function listStaff(tableName: string) {
  const items: StaffAccountItem[] = [];
  const pages = paginateQuery({ client: ddb() }, { TableName: tableName, IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': keys.staffPartition() } });
  for await (const page of pages) items.push(...((page.Items ?? []) as StaffAccountItem[]));
  return { items: items.map(publicAccount) };
}

export async function createStaff(tableName: string, actor: AuditActor, input: z.output<typeof createStaffRequest>) {
  if (input.role === 'cashier' && input.scope.level !== 'store') {
    throw badRequest(ErrorCode.VALIDATION, 'A cashier works at one store', [{ path: ['body', 'scope', 'level'], message: 'must be "store" for a cashier' }]);
  }
  const now = nowIso();
  const item: StaffAccountItem = {
    username: input.username,
    displayName: input.displayName,
    role: input.role,
    scope: input.scope,
    canRevealPhone: input.canRevealPhone ?? false,
    disabled: false,
    passwordHash: await hashPassword(input.password),
    createdAt: now,
    updatedAt: now,
  };
  try {
    await ddb().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName,
              Item: { ...keys.staff(item.username), ...keys.staffIndex(item.username), type: 'staff', ...item },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          auditPut(tableName, actor, 'staff.create', `staff:${item.username}`, null, publicAccount(item)),
        ],
      }),
    );
  } catch (err) {
    if (cancellationReasons(err)?.[0] === 'ConditionalCheckFailed') throw conflict(`Username ${item.username} is taken`);
    throw err;
  }
  return publicAccount(item);
}

export async function updateStaff(tableName: string, actor: AuditActor, username: string, patch: z.output<typeof updateStaffRequest>) {
  const before = await getAccount(tableName, username);
  if (!before) throw notFound(`No staff account ${username}`);
  const { password, ...fields } = patch;
  const after: StaffAccountItem = {
    ...before,
    ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
    updatedAt: nowIso(),
  };
  if (password) after.passwordHash = await hashPassword(password);
  if (after.role === 'cashier' && after.scope.level !== 'store') throw badRequest(ErrorCode.VALIDATION, 'A cashier works at one store');
  try {
    await ddb().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName,
              Item: { ...keys.staff(username), ...keys.staffIndex(username), type: 'staff', ...after },
              // Optimistic lock: a concurrent change makes this one fail instead of overwriting it.
              ConditionExpression: 'updatedAt = :seen',
              ExpressionAttributeValues: { ':seen': before.updatedAt },
            },
          },
          auditPut(tableName, actor, password ? 'staff.update+password' : 'staff.update', `staff:${username}`, publicAccount(before), publicAccount(after)),
        ],
      }),
    );
  } catch (err) {
    if (cancellationReasons(err)?.[0] === 'ConditionalCheckFailed') throw conflict('The account changed meanwhile; reload and retry');
    throw err;
  }
  forgetStaffAccount(username);
  return publicAccount(after);
}

/** Used by the seed: creates the account unless it exists. */
export async function ensureStaff(tableName: string, actor: AuditActor, input: z.output<typeof createStaffRequest>) {
  const existing = await getAccount(tableName, input.username);
  if (existing) return publicAccount(existing);
  return createStaff(tableName, actor, input);
}

