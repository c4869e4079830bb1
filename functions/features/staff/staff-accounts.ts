import { randomBytes } from 'node:crypto';
import { DeleteCommand, GetCommand, paginateQuery, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { z } from 'zod';
import { ErrorCode } from '../../../shared/errors';
import { escalationProblems, scopeContains, type StaffGrant, type StaffRole, type StaffScope } from '../../../shared/roles';
import { passwordProblems, passwordProblemText } from '../../../shared/rules/password-policy';
import type { createStaffRequest, staffAccountSchema, staffProfileSchema, updateStaffRequest } from '../../../shared/features/staff/schemas';
import { ddb, cancellationReasons, isConditionFailure } from '../../commons/dynamodb';
import { keys, TTL_ATTRIBUTE } from '../../commons/keys';
import { auditPut, SYSTEM_ACTOR, type AuditActor } from '../../commons/audit';
import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from '../../commons/crypto';
import { badRequest, conflict, forbidden, HttpError, msg, notFound, unauthenticated } from '../../commons/errors';
import { nowIso, nowMs } from '../../commons/clock';
import { assertUnderLimit, countAttempt } from '../../commons/rate-limit';
import { signToken, STAFF_TOKEN_SECONDS, type StaffClaims } from '../../commons/tokens';
import type { AppConfig } from '../../commons/config';
import { batchRead, itemKeyOf, type Item, type SessionGate } from '../../commons/first-read';
import { getRegister, getStore, listRegistersOfStore, storeIdsInScope } from './stores';
import { staffAccount } from './entities';
import type { ItemOf } from '../../commons/entity';

/** A staff account as stored (declared in ./entities.ts). */
export type StaffAccountItem = ItemOf<typeof staffAccount>;
type StaffAccount = z.infer<typeof staffAccountSchema>;

export const IDLE_TIMEOUT_MS = 30 * 60_000;
const ACTIVITY_WRITE_MS = 60_000;
export const LOCK_AFTER_FAILURES = 5;
export const LOCK_MS = 15 * 60_000;
/** Failures per address across usernames (one address guessing many accounts). */
const ADDRESS_FAILURES = { bucket: 'staff-signin-ip', limit: 100, windowSeconds: 600 };

export const publicAccount = (a: StaffAccountItem): StaffAccount => ({
  username: a.username,
  displayName: a.displayName,
  role: a.role,
  scope: a.scope,
  canRevealPhone: a.canRevealPhone,
  disabled: a.disabled,
  createdAt: a.createdAt,
});

/** Who acts on accounts: the audit actor plus its permission (a grant is bounded by the actor's own). */
export type StaffActor = AuditActor & { canRevealPhone: boolean };
export const SYSTEM_STAFF_ACTOR: StaffActor = { ...SYSTEM_ACTOR, canRevealPhone: true };
const grantOf = (a: { role: StaffRole | string; scope: StaffScope; canRevealPhone: boolean }): StaffGrant => ({ role: a.role as StaffRole, scope: a.scope, canRevealPhone: a.canRevealPhone });

async function getAccount(tableName: string, username: string): Promise<StaffAccountItem | undefined> {
  return staffAccount.get(tableName, [username], { consistent: true });
}

/** The region an account works in (for region containment and the audit log's scope filter). */
export const regionOfAccount = (a: Pick<StaffAccountItem, 'scope' | 'scopeRegion'>): string | null =>
  a.scope.level === 'region' ? a.scope.region : a.scope.level === 'store' ? (a.scopeRegion ?? null) : null;

// ---- sign-in and lockout ------------------------------------------------------------------------

const accountLocked = (retryAfterMs: number) =>
  new HttpError(429, ErrorCode.ACCOUNT_LOCKED, msg('登录失败次数过多，账号已临时锁定，请稍后再试', 'Too many failed sign-ins: the account is locked for a while; try again later'), {
    retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)),
  });

/**
 * Counts this attempt against the username before the password is checked; refuses while the username is locked
 * or while its last 5 attempts (within 15 minutes) all failed or are still being checked. Returns the attempt's
 * number in the current run of failures.
 */
async function reserveSignInAttempt(tableName: string, username: string): Promise<number> {
  const key = keys.staffSignInFailures(username);
  for (let round = 0; round < 4; round++) {
    const now = nowMs();
    const stale = now - LOCK_MS;
    const ttl = Math.floor((now + 2 * LOCK_MS) / 1000) + 86400;
    try {
      const out = await ddb().send(
        new UpdateCommand({
          TableName: tableName,
          Key: key,
          UpdateExpression: 'SET lastAt = :now, #ttl = :ttl ADD n :one',
          ConditionExpression: 'n < :max AND lastAt > :stale AND lockedUntil <= :now',
          ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
          ExpressionAttributeValues: { ':now': now, ':ttl': ttl, ':one': 1, ':max': LOCK_AFTER_FAILURES, ':stale': stale },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return out.Attributes!.n as number;
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
    }
    const current = (await ddb().send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item;
    if (current && (current.lockedUntil as number) > now) throw accountLocked((current.lockedUntil as number) - now);
    // Five attempts in the current run, none succeeded yet: refused until the run goes stale.
    if (current && (current.lastAt as number) > stale) throw accountLocked((current.lastAt as number) + LOCK_MS - now);
    try {
      await ddb().send(
        new PutCommand({
          TableName: tableName,
          Item: { ...key, type: 'signInFailures', username, n: 1, lastAt: now, lockedUntil: 0, [TTL_ATTRIBUTE]: ttl },
          ConditionExpression: 'attribute_not_exists(n) OR lastAt <= :stale',
          ExpressionAttributeValues: { ':stale': stale },
        }),
      );
      return 1;
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
    }
  }
  throw accountLocked(LOCK_MS);
}

/** The attempt that made the fifth failure locks the username, with an audit entry in the same transaction. */
async function lockUsername(tableName: string, username: string, account: StaffAccountItem | undefined, sourceIp: string | undefined) {
  const now = nowMs();
  const lockedUntil = now + LOCK_MS;
  const actor: AuditActor = account ? { username, role: account.role, scope: account.scope, region: regionOfAccount(account) } : { ...SYSTEM_ACTOR };
  try {
    await ddb().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName,
              Key: keys.staffSignInFailures(username),
              UpdateExpression: 'SET lockedUntil = :until, lastAt = :now',
              ConditionExpression: 'n >= :max',
              ExpressionAttributeValues: { ':until': lockedUntil, ':now': now, ':max': LOCK_AFTER_FAILURES },
            },
          },
          auditPut(tableName, actor, 'staff.locked', `staff:${username}`, null, { failures: LOCK_AFTER_FAILURES, lockedUntil: new Date(lockedUntil).toISOString(), sourceIp: sourceIp ?? null, known: !!account }),
        ],
      }),
    );
  } catch (err) {
    // A success in between cleared the run: nothing to lock.
    if (cancellationReasons(err)?.[0] !== 'ConditionalCheckFailed') throw err;
  }
}

export async function signInStaff(config: AppConfig, input: { username: string; password: string; registerId?: string }, sourceIp?: string) {
  const t = config.tableName;
  if (sourceIp) await assertUnderLimit(t, ADDRESS_FAILURES, sourceIp);
  const attempt = await reserveSignInAttempt(t, input.username);
  const account = await getAccount(t, input.username);
  const ok = await verifyPassword(input.password, account?.passwordHash ?? DUMMY_PASSWORD_HASH);
  if (!account || !ok || account.disabled) {
    await Promise.all([
      sourceIp ? countAttempt(t, ADDRESS_FAILURES, sourceIp).catch(() => undefined) : undefined,
      attempt >= LOCK_AFTER_FAILURES ? lockUsername(t, input.username, account, sourceIp) : undefined,
    ]);
    throw unauthenticated(msg('用户名或密码错误', 'Wrong username or password'), ErrorCode.BAD_CREDENTIALS);
  }
  await ddb().send(new DeleteCommand({ TableName: t, Key: keys.staffSignInFailures(input.username) }));
  let register: StaffClaims['reg'];
  if (account.role === 'cashier') {
    if (account.scope.level !== 'store') throw forbidden(msg('收银员账号必须属于一个门店', 'A cashier account must belong to one store'));
    const storeId = account.scope.storeId;
    const found = input.registerId ? await getRegister(t, storeId, input.registerId) : undefined;
    if (!found) {
      const registers = await listRegistersOfStore(t, storeId);
      throw badRequest(ErrorCode.REGISTER_REQUIRED, msg('请选择您所在的收银台', 'Choose the register you are working at'), {
        registers: registers.map((r) => ({ registerId: r.registerId, name: r.name })),
      });
    }
    register = { storeId, registerId: found.registerId };
  }
  const sessionId = randomBytes(18).toString('base64url');
  const gen = account.sessionGen ?? 0;
  const now = nowMs();
  const claims: StaffClaims = { typ: 'staff', sub: account.username, sid: sessionId, gen, role: account.role, scope: account.scope, rev: account.canRevealPhone, reg: register };
  const session = await signToken(config.keys.token, claims, STAFF_TOKEN_SECONDS, now);
  await ddb().send(
    new PutCommand({
      TableName: t,
      Item: {
        ...keys.staffSession(account.username, sessionId),
        type: 'staffSession',
        username: account.username,
        sessionId,
        gen,
        createdAt: new Date(now).toISOString(),
        lastSeenAt: now,
        register: register ?? null,
        [TTL_ATTRIBUTE]: Math.floor(now / 1000) + STAFF_TOKEN_SECONDS,
      },
    }),
  );
  return { ...session, staff: profileOf(claims, account.displayName) };
}

export function profileOf(claims: Pick<StaffClaims, 'sub' | 'role' | 'scope' | 'rev' | 'reg'>, displayName: string): z.infer<typeof staffProfileSchema> {
  return {
    username: claims.sub,
    displayName,
    role: claims.role,
    scope: claims.scope,
    canRevealPhone: claims.rev,
    register: claims.reg ?? null,
  };
}

// ---- sessions, checked on every request ---------------------------------------------------------

const sessionEnded = () => unauthenticated(msg('您的登录已失效，请重新登录', 'Your session has ended; sign in again'), ErrorCode.SESSION_ENDED);

/** The items every staff request checks: the account (generation, disabled) and the session (idle time). */
export const staffSessionKeys = (claims: Pick<StaffClaims, 'sub' | 'sid'>) => [keys.staff(claims.sub), keys.staffSession(claims.sub, claims.sid)];

type CheckedAccount = StaffAccountItem & { region: string | null };
const sameScope = (a: StaffScope, b: StaffScope) => {
  const [x, y] = [a as Partial<Record<'level' | 'region' | 'storeId', string>>, b as Partial<Record<'level' | 'region' | 'storeId', string>>];
  return x.level === y.level && x.region === y.region && x.storeId === y.storeId;
};

/**
 * The account behind a staff token, exactly as it is now: one consistent BatchGetItem of the account and the
 * session. Refuses a token whose account is gone or disabled, whose generation is no longer the account's, or
 * whose session has been idle for 30 minutes; records activity at most once a minute.
 */
export async function checkStaffSession(tableName: string, claims: StaffClaims): Promise<CheckedAccount> {
  return admitStaffSession(tableName, claims, await batchRead(tableName, staffSessionKeys(claims)));
}

/** The checks of `checkStaffSession` on the account and session items read (with other items, perhaps). */
async function admitStaffSession(tableName: string, claims: StaffClaims, read: ReadonlyMap<string, Item>): Promise<CheckedAccount> {
  const [accountKey, sessionKey] = staffSessionKeys(claims);
  const account = read.get(itemKeyOf(accountKey)) as StaffAccountItem | undefined;
  const session = read.get(itemKeyOf(sessionKey));
  if (!account || account.disabled || (account.sessionGen ?? 0) !== claims.gen || !session) throw sessionEnded();
  const now = nowMs();
  const lastSeenAt = session.lastSeenAt as number;
  if (now - lastSeenAt > IDLE_TIMEOUT_MS) {
    throw unauthenticated(msg('超过 30 分钟未操作，请重新登录', 'Signed out after 30 minutes without activity; sign in again'), ErrorCode.SESSION_IDLE);
  }
  if (now - lastSeenAt >= ACTIVITY_WRITE_MS) {
    await ddb()
      .send(
        new UpdateCommand({
          TableName: tableName,
          Key: sessionKey,
          UpdateExpression: 'SET lastSeenAt = :now',
          ConditionExpression: 'lastSeenAt < :now',
          ExpressionAttributeValues: { ':now': now },
        }),
      )
      .catch((err) => {
        if (!isConditionFailure(err)) throw err;
      });
  }
  let region = regionOfAccount(account);
  if (account.scope.level === 'store' && !region) region = (await getStore(tableName, account.scope.storeId))?.region ?? null;
  return { ...account, region };
}

/**
 * The session of a staff request whose route reads it with its own first read (`readTogether`), instead of on
 * its own before the route runs: one round trip fewer. `onAdmit` gets the account as it is now (role, scope,
 * permission and region come from it, as for every staff request). A token's role, scope and permission are the
 * account's whenever its generation is (every change of them ends the account's sessions), so the route could
 * be authorised on the token's; the account is checked to agree all the same.
 */
export function staffSessionGate(tableName: string, claims: StaffClaims, onAdmit: (account: CheckedAccount) => void): SessionGate {
  let admitted = false;
  let refused: unknown;
  const admit = async (read: ReadonlyMap<string, Item>) => {
    if (admitted) return;
    if (refused) throw refused;
    try {
      const account = await admitStaffSession(tableName, claims, read);
      if (account.role !== claims.role || account.canRevealPhone !== claims.rev || !sameScope(account.scope, claims.scope)) throw sessionEnded();
      admitted = true;
      onAdmit(account);
    } catch (err) {
      // Refused once, refused for the rest of the request (the handler asks again before answering: no second read).
      if (err instanceof HttpError) refused = err;
      throw err;
    }
  };
  return {
    keys: staffSessionKeys(claims),
    get admitted() {
      return admitted;
    },
    admit,
    verify: async () => {
      if (refused) throw refused;
      if (!admitted) await admit(await batchRead(tableName, staffSessionKeys(claims)));
    },
    commitCheck: () => ({ item: staffAccountCondition(tableName, claims), deny: sessionEnded }),
  };
}

/** A transaction item that holds only while the account is enabled and still at the token's session generation. */
export function staffAccountCondition(tableName: string, claims: Pick<StaffClaims, 'sub' | 'gen'>) {
  return {
    ConditionCheck: {
      TableName: tableName,
      Key: keys.staff(claims.sub),
      ConditionExpression: `attribute_exists(PK) AND (attribute_not_exists(disabled) OR disabled = :false) AND ${claims.gen === 0 ? '(attribute_not_exists(sessionGen) OR sessionGen = :gen)' : 'sessionGen = :gen'}`,
      ExpressionAttributeValues: { ':false': false, ':gen': claims.gen },
    },
  };
}

export async function getStaffProfile(tableName: string, claims: StaffClaims) {
  const account = await getAccount(tableName, claims.sub);
  if (!account) throw notFound(msg('员工账号不存在', 'No such staff account'));
  return profileOf({ ...claims, role: account.role, scope: account.scope, rev: account.canRevealPhone }, account.displayName);
}

// ---- account management -------------------------------------------------------------------------

/** Accounts whose scope lies within the viewer's (a region viewer: region accounts and its stores' accounts). */
export async function listStaff(tableName: string, viewer: StaffScope) {
  const items: StaffAccountItem[] = [];
  const pages = paginateQuery({ client: ddb() }, { TableName: tableName, IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': keys.staffPartition() } });
  for await (const page of pages) items.push(...staffAccount.parseAll(page.Items));
  // A store-scoped account lies in a region when its store does: the region's stores, in one query.
  const regionStores = viewer.level === 'region' ? await storeIdsInScope(tableName, viewer) : 'all';
  const regionOf = (storeId: string) => (viewer.level === 'region' && regionStores !== 'all' && regionStores.has(storeId) ? viewer.region : null);
  const visible = items.filter((a) => scopeContains(viewer, a.scope, regionOf));
  return { items: visible.map(publicAccount) };
}

const passwordPolicyError = (problems: ReturnType<typeof passwordProblems>) =>
  badRequest(
    ErrorCode.PASSWORD_POLICY,
    msg(`密码不符合要求：${problems.map((p) => passwordProblemText[p].zh).join('；')}`, `The password does not meet the policy: ${problems.map((p) => passwordProblemText[p].en).join('; ')}`),
    problems.map((p) => ({ path: ['body', 'password'], message: passwordProblemText[p].en, code: p })),
  );

const cashierNeedsStore = () =>
  badRequest(ErrorCode.VALIDATION, msg('收银员只能属于一个门店', 'A cashier works at one store'), [{ path: ['body', 'scope', 'level'], message: 'must be "store" for a cashier' }]);

/** The region of the store a scope names (a store that does not exist is a 400); null for other scopes. */
async function regionOfScope(tableName: string, scope: StaffScope): Promise<string | null> {
  if (scope.level !== 'store') return scope.level === 'region' ? scope.region : null;
  const store = await getStore(tableName, scope.storeId);
  if (!store) throw badRequest(ErrorCode.VALIDATION, msg(`门店 ${scope.storeId} 不存在`, `No store ${scope.storeId}`), [{ path: ['body', 'scope', 'storeId'], message: 'no such store' }]);
  return store.region;
}

function assertNoEscalation(actor: StaffActor, before: StaffAccountItem | null, after: StaffAccountItem) {
  const regions = new Map<string, string | null | undefined>();
  for (const a of [before, after]) if (a?.scope.level === 'store') regions.set(a.scope.storeId, a.scopeRegion);
  const problems = escalationProblems(grantOf(actor), before && grantOf(before), grantOf(after), (storeId) => regions.get(storeId));
  if (problems.length > 0) {
    throw forbidden(msg('不能授予或修改超出自身权限的角色、范围或权限', 'You may not grant or change a role, scope or permission wider than your own'), ErrorCode.ESCALATION);
  }
}

export async function createStaff(tableName: string, actor: StaffActor, input: z.output<typeof createStaffRequest>, opts: { passwordPolicy?: boolean } = {}) {
  if (input.role === 'cashier' && input.scope.level !== 'store') throw cashierNeedsStore();
  if (opts.passwordPolicy !== false) {
    const problems = passwordProblems(input.password, input.username);
    if (problems.length) throw passwordPolicyError(problems);
  }
  const now = nowIso();
  const item: StaffAccountItem = {
    username: input.username,
    displayName: input.displayName,
    role: input.role,
    scope: input.scope,
    scopeRegion: input.scope.level === 'store' ? await regionOfScope(tableName, input.scope) : null,
    canRevealPhone: input.canRevealPhone ?? false,
    disabled: false,
    passwordHash: '',
    sessionGen: 0,
    createdAt: now,
    updatedAt: now,
  };
  assertNoEscalation(actor, null, item);
  item.passwordHash = await hashPassword(input.password);
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
    if (cancellationReasons(err)?.[0] === 'ConditionalCheckFailed') throw conflict(msg(`用户名 ${item.username} 已被占用`, `Username ${item.username} is taken`));
    throw err;
  }
  return publicAccount(item);
}

/** Changes that end the account's sessions: anything but the display name. */
function endsSessions(before: StaffAccountItem, after: StaffAccountItem, passwordChanged: boolean): boolean {
  return (
    passwordChanged ||
    before.role !== after.role ||
    JSON.stringify(before.scope) !== JSON.stringify(after.scope) ||
    before.canRevealPhone !== after.canRevealPhone ||
    before.disabled !== after.disabled
  );
}

export async function updateStaff(tableName: string, actor: StaffActor, username: string, patch: z.output<typeof updateStaffRequest>) {
  const before = await getAccount(tableName, username);
  if (!before) throw notFound(msg(`员工账号 ${username} 不存在`, `No staff account ${username}`));
  const { password, ...fields } = patch;
  const after: StaffAccountItem = {
    ...before,
    ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
    updatedAt: nowIso(),
  };
  if (after.role === 'cashier' && after.scope.level !== 'store') throw cashierNeedsStore();
  if (patch.scope) after.scopeRegion = after.scope.level === 'store' ? await regionOfScope(tableName, after.scope) : null;
  if (before.scope.level === 'store' && before.scopeRegion === undefined) before.scopeRegion = (await getStore(tableName, before.scope.storeId))?.region ?? null;
  assertNoEscalation(actor, before, after);
  if (password !== undefined) {
    const problems = passwordProblems(password, username);
    if (problems.length) throw passwordPolicyError(problems);
    after.passwordHash = await hashPassword(password);
  }
  const ended = endsSessions(before, after, password !== undefined);
  if (ended) after.sessionGen = (before.sessionGen ?? 0) + 1;
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
          auditPut(tableName, actor, password !== undefined ? 'staff.update+password' : 'staff.update', `staff:${username}`, publicAccount(before), { ...publicAccount(after), sessionsEnded: ended }),
        ],
      }),
    );
  } catch (err) {
    if (cancellationReasons(err)?.[0] === 'ConditionalCheckFailed') throw conflict(msg('该账号已被他人修改，请刷新后重试', 'The account changed meanwhile; reload and retry'));
    throw err;
  }
  return publicAccount(after);
}

/** An admin's forced sign-out: every session of the account ends; signing in again works. Audit-logged. */
export async function signOutStaff(tableName: string, actor: StaffActor, username: string) {
  const account = await getAccount(tableName, username);
  if (!account) throw notFound(msg(`员工账号 ${username} 不存在`, `No staff account ${username}`));
  if (account.scope.level === 'store' && account.scopeRegion === undefined) account.scopeRegion = (await getStore(tableName, account.scope.storeId))?.region ?? null;
  assertNoEscalation(actor, account, account);
  const at = nowIso();
  try {
    await ddb().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName,
              Key: keys.staff(username),
              UpdateExpression: 'SET sessionGen = :next, updatedAt = :at',
              ConditionExpression: 'updatedAt = :seen',
              ExpressionAttributeValues: { ':next': (account.sessionGen ?? 0) + 1, ':at': at, ':seen': account.updatedAt },
            },
          },
          auditPut(tableName, actor, 'staff.signOut', `staff:${username}`, null, { sessionsEndedAt: at }),
        ],
      }),
    );
  } catch (err) {
    if (cancellationReasons(err)?.[0] === 'ConditionalCheckFailed') throw conflict(msg('该账号已被他人修改，请刷新后重试', 'The account changed meanwhile; reload and retry'));
    throw err;
  }
  return { username, sessionsEndedAt: at };
}

/** Used by the seed: creates the account unless it exists (demo passwords are exempt from the policy). */
export async function ensureStaff(tableName: string, actor: StaffActor, input: z.output<typeof createStaffRequest>) {
  const existing = await getAccount(tableName, input.username);
  if (existing) return publicAccount(existing);
  return createStaff(tableName, actor, input, { passwordPolicy: false });
}
