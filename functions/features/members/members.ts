import { BatchGetCommand, GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { z } from 'zod';
import { ErrorCode } from '../../../shared/errors';
import { encodeMemberCode, MEMBER_CODE_STEP_SECONDS, timeStepOf, verifyMemberCode } from '../../../shared/rules/member-code';
import { maskPhone } from '../../../shared/rules/phone';
import type { joinRequest, MemberCard, staffMemberDetailSchema, staffMemberViewSchema, staffProfileViewSchema } from '../../../shared/features/members/schemas';
import { tierByCode, type TierCode } from '../../../shared/settings';
import type { AppConfig } from '../../commons/config';
import { blindIndex, decryptField, encryptField, memberCodePrf, releasedIdentityHash } from '../../commons/crypto';
import { ddb, cancellationReasons, transactWrite, updateItem, type TransactItem } from '../../commons/dynamodb';
import { readTogether, type ItemKey } from '../../commons/first-read';
import { badRequest, conflict, forbidden, HttpError, msg, notFound } from '../../commons/errors';
import { homeStoreOf, type StaffScope } from '../../../shared/roles';
import type { MemberPrincipal, ShopperPrincipal, StaffPrincipal } from '../../commons/http';
import { keys } from '../../commons/keys';
import { auditPut, actorOf } from '../../commons/audit';
import { businessDay, nowIso, nowMs } from '../../commons/clock';
import { countAttempt } from '../../commons/rate-limit';
import { checkPresentedCode, MEMBER_CODE_FAILURES } from './member-codes';
import { SHOPPER_TOKEN_SECONDS, signToken, type ShopperClaims } from '../../commons/tokens';
import { getSettings } from '../settings/settings';
import { getStore, resolveScene, sceneOf, storeIdsInScope, type SceneItem } from '../staff/stores';
import type { MemberItem } from './member-item';
import { wechatClient, wechatError } from './wechat';
import { member, releasedIdentity } from './entities';
import { memberIdsByName } from './name-index';
import { sessionEnded } from './privacy';
import { inboxOf, readInbox, unreadOf } from '../points/messages';
import { membershipEnded } from '../points/points-ledger';
import { priorBenefitsOf, type BenefitsHad } from '../../../shared/rules/privacy';
import { usableInWallet } from '../coupons/grants';

/** Members: joining (会员注册), the card, the rotating member code, and staff views. */
export type { MemberItem } from './member-item';

/** Member numbers are 9 digits and double as the member id; the counter starts past 100000000. */
const FIRST_MEMBER_NO = 100_000_000;

const memberNotFound = () => notFound(msg('未找到该会员', 'Member not found'));

export const phoneBlindIndex = (config: AppConfig, phone: string) => blindIndex(config.keys.blindIndex, 'phone', phone);

/** The released-identity records (rule 15.4) a person's phone, openid and unionid would have, were they released. */
export function releasedIdentityKeys(config: AppConfig, id: { phoneEnc?: string; appId?: string; openid?: string; unionid?: string }): ItemKey[] {
  const k = config.keys.releasedIdentity;
  return [
    ...(id.phoneEnc ? [releasedIdentityHash(k, 'phone', decryptField(config.keys.field, id.phoneEnc))] : []),
    ...(id.openid && id.appId ? [releasedIdentityHash(k, 'openid', `${id.appId}:${id.openid}`)] : []),
    ...(id.unionid ? [releasedIdentityHash(k, 'unionid', id.unionid)] : []),
  ].map((h) => keys.releasedIdentity(h));
}

/** A member as they are now; undefined when there is none, or the membership was deleted (or is being deleted). */
export async function getMember(tableName: string, memberId: string): Promise<MemberItem | undefined> {
  const found = await member.get(tableName, [memberId]);
  return found?.status === 'active' ? found : undefined;
}

async function memberIdOf(tableName: string, key: { PK: string; SK: string }): Promise<string | undefined> {
  const out = await ddb().send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
  return out.Item?.memberId as string | undefined;
}

type IdentityRef = Pick<ShopperClaims, 'oid' | 'uid' | 'app' | 'phh'>;
const identityKeysOf = (id: IdentityRef) => ({
  openid: id.oid && id.app ? keys.openidIdentity(id.app, id.oid) : null,
  unionid: id.uid ? keys.unionidIdentity(id.uid) : null,
  phone: id.phh ? keys.phoneIdentity(id.phh) : null,
});

/**
 * Which member, if any, a signed-in identity already belongs to: openid first, then unionid, then phone. Every
 * identity the token carries is read in one consistent BatchGetItem (with `alsoRead`: a join's scene).
 */
export async function findMemberByIdentity(config: AppConfig, id: IdentityRef, alsoRead: ItemKey[] = []) {
  const k = identityKeysOf(id);
  const read = await readTogether(config.tableName, [k.openid, k.unionid, k.phone, ...alsoRead].filter((x): x is ItemKey => !!x));
  const memberOf = (key: ItemKey | null) => (key ? read.get(key)?.memberId : undefined) as string | undefined;
  const byOpenid = memberOf(k.openid);
  const byUnionid = byOpenid ? undefined : memberOf(k.unionid);
  const byPhone = memberOf(k.phone);
  return { wechatMemberId: byOpenid ?? byUnionid, openidLinked: !!byOpenid, unionidLinked: !!(byOpenid || byUnionid), phoneMemberId: byPhone, read };
}

async function allocateMemberId(tableName: string): Promise<string> {
  const out = await updateItem({ TableName: tableName, Key: keys.memberNoCounter(), UpdateExpression: 'ADD seq :one', ExpressionAttributeValues: { ':one': 1 }, ReturnValues: 'UPDATED_NEW' });
  return String(FIRST_MEMBER_NO + Number(out!.seq));
}

/** Only an active member takes new identities, consents or merge requests (a deleted one's item stays as the ledger's head). */
const ACTIVE = { cond: '#status = :active', names: { '#status': 'status' }, values: { ':active': 'active' } } as const;

const identityPut = (tableName: string, key: { PK: string; SK: string }, memberId: string, kind: string) => ({
  Put: {
    TableName: tableName,
    Item: { ...key, type: 'identity', kind, memberId, linkedAt: nowIso() },
    ConditionExpression: 'attribute_not_exists(PK)',
  },
});

type JoinInput = z.output<typeof joinRequest>;
type Identity = { appId?: string; openid?: string; unionid?: string; phoneEnc?: string; phoneHash?: string };

/**
 * Joining is idempotent per person: the same openid, unionid or phone always lands on the same member.
 * An account arriving with a known phone is merged into that member; an openid and a phone that already
 * belong to two different members are queued for customer service, never merged silently.
 */
export async function joinMember(config: AppConfig, principal: ShopperPrincipal, input: JoinInput) {
  const settings = await getSettings(config.tableName);
  const { privacyPolicyVersion, termsVersion } = settings.consent;
  if (input.consent.privacyPolicyVersion !== privacyPolicyVersion || input.consent.termsVersion !== termsVersion) {
    throw conflict(msg('隐私政策或会员条款已更新，请阅读并同意最新版本', 'The privacy policy or terms have changed; read and accept the current version'), ErrorCode.CONSENT_OUTDATED, {
      privacyPolicyVersion,
      termsVersion,
    });
  }
  const identity: Identity = { appId: principal.app, openid: principal.oid, unionid: principal.uid, phoneEnc: principal.ph, phoneHash: principal.phh };
  if (input.phoneCode) {
    const phone = await wechatClient(config).getPhoneNumber(input.phoneCode).catch(wechatError);
    identity.phoneEnc = encryptField(config.keys.field, phone.purePhoneNumber);
    identity.phoneHash = phoneBlindIndex(config, phone.purePhoneNumber);
  }
  if (!identity.openid && !identity.phoneHash) throw forbidden(msg('请先用微信或手机号登录', 'Sign in with WeChat or a phone number first'));
  const at = nowIso();
  const consents: MemberItem['consents'] = { privacyPolicy: { version: privacyPolicyVersion, at }, terms: { version: termsVersion, at }, ...(input.consent.marketing !== undefined ? { marketing: { granted: input.consent.marketing, at } } : {}) };
  // A phone or WeChat account released by a deleted membership: what it had had (rule 15.4), read with the identities.
  const released = releasedIdentityKeys(config, identity);
  let scene: SceneItem | undefined;
  let priorBenefits: BenefitsHad | null = null;

  for (let attempt = 0; attempt < 4; attempt++) {
    // The first look-up reads the scene and the released identities along with the identities.
    const sceneKey = attempt === 0 && input.scene ? keys.scene(input.scene) : null;
    const releasedKeys = attempt === 0 ? released : [];
    const found = await findMemberByIdentity(config, { oid: identity.openid, uid: identity.unionid, app: identity.appId, phh: identity.phoneHash }, [...(sceneKey ? [sceneKey] : []), ...releasedKeys]);
    if (sceneKey) scene = sceneOf(found.read.get<SceneItem>(sceneKey));
    if (attempt === 0) priorBenefits = priorBenefitsOf(releasedKeys.map((k) => releasedIdentity.parse(found.read.get(k))), at);
    let member: MemberItem | undefined;
    let created = false;
    try {
      if (!found.wechatMemberId && !found.phoneMemberId) {
        member = await createMember(config, identity, consents, scene, undefined, priorBenefits);
        created = true;
      } else if (found.wechatMemberId && found.phoneMemberId && found.wechatMemberId !== found.phoneMemberId) {
        member = await queueMerge(config, found.wechatMemberId, found.phoneMemberId, consents);
      } else {
        member = await linkIdentities(config, (found.wechatMemberId ?? found.phoneMemberId)!, identity, found, consents);
      }
    } catch (err) {
      // Someone linked one of these identities meanwhile (a double tap, two devices): look again.
      if (cancellationReasons(err)?.includes('ConditionalCheckFailed')) continue;
      throw err;
    }
    // What a new member brings (welcome hooks) happens on MemberJoined from the table's stream, not here.
    const claims: ShopperClaims = { typ: 'shopper', sub: member.memberId, oid: identity.openid, uid: identity.unionid, app: identity.appId, ph: identity.phoneEnc, phh: identity.phoneHash };
    const session = await signToken(config.keys.token, claims, SHOPPER_TOKEN_SECONDS, nowMs());
    // A new member has no messages yet; a member joining again (another store's link) may have some.
    const unread = created ? 0 : unreadOf(await readInbox(config.tableName, member.memberId));
    return { ...session, created, card: await cardOf(config, member, unread) };
  }
  throw conflict(msg('注册请求冲突，请重试', 'Joining collided with another request; please try again'));
}

export async function findMemberIdByPhone(config: AppConfig, phone: string): Promise<string | undefined> {
  return memberIdOf(config.tableName, keys.phoneIdentity(phoneBlindIndex(config, phone)));
}

/**
 * 支付即会员: a WeChat Pay payer who authorised membership in the payment flow becomes a member, attributed to
 * the store; their consent is the authorisation, recorded with the current document versions.
 */
export async function enrollByPayment(config: AppConfig, openid: string, storeId: string, registerId: string | null) {
  const appId = config.wechat?.appId ?? 'wechat-pay';
  const [releasedKey] = releasedIdentityKeys(config, { appId, openid });
  for (let attempt = 0; attempt < 3; attempt++) {
    const read = await readTogether(config.tableName, [keys.openidIdentity(appId, openid), releasedKey]);
    const existing = read.get(keys.openidIdentity(appId, openid))?.memberId as string | undefined;
    if (existing) return { memberId: existing, created: false };
    const settings = await getSettings(config.tableName);
    const at = nowIso();
    const consents = { privacyPolicy: { version: settings.consent.privacyPolicyVersion, at }, terms: { version: settings.consent.termsVersion, at } };
    const store = await getStore(config.tableName, storeId);
    const priorBenefits = priorBenefitsOf([releasedIdentity.parse(read.get(releasedKey))], at);
    try {
      const member = await createMember(config, { appId, openid }, consents, { storeId, registerId: registerId ?? '-', storeName: store?.name ?? storeId }, 'pay', priorBenefits);
      return { memberId: member.memberId, created: true };
    } catch (err) {
      if (!cancellationReasons(err)?.includes('ConditionalCheckFailed')) throw err;
    }
  }
  throw conflict(msg('入会请求冲突，请重试', 'Enrolment collided with another request; please retry'));
}

async function createMember(
  config: AppConfig,
  identity: Identity,
  consents: MemberItem['consents'],
  scene?: { storeId: string; registerId: string; storeName: string },
  channel?: MemberItem['joinChannel'],
  priorBenefits?: BenefitsHad | null,
) {
  const t = config.tableName;
  const memberId = await allocateMemberId(t);
  const joinedAt = consents.terms.at;
  const identityItems = identityKeysOf({ oid: identity.openid, uid: identity.unionid, app: identity.appId, phh: identity.phoneHash });
  const member: MemberItem = {
    memberId,
    status: 'active',
    tier: 'base',
    ...identity,
    consents,
    identityKeys: [identityItems.openid, identityItems.unionid, identityItems.phone].filter((k) => k !== null).map((k) => k.PK),
    // A new member whose phone or WeChat account had welcome benefits under a deleted membership gets none again.
    ...(priorBenefits ? { priorBenefits } : {}),
    joinedAt,
    joinChannel: channel ?? (scene ? 'scan' : identity.openid ? 'wechat' : 'phone'),
    joinStoreId: scene?.storeId ?? null,
    joinRegisterId: scene?.registerId ?? null,
    joinStoreName: scene?.storeName ?? null,
    pointsAvailable: 0,
    pointsPending: 0,
    storedValueFen: 0,
    usableCoupons: 0,
  };
  const items: TransactItem[] = [
    {
      Put: {
        TableName: t,
        Item: { ...keys.member(memberId), ...keys.memberJoinIndex(member.joinStoreId, businessDay(joinedAt), joinedAt, memberId), type: 'member', ...member },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
  ];
  if (identity.openid && identity.appId) items.push(identityPut(t, keys.openidIdentity(identity.appId, identity.openid), memberId, 'openid'));
  if (identity.unionid) items.push(identityPut(t, keys.unionidIdentity(identity.unionid), memberId, 'unionid'));
  if (identity.phoneHash) items.push(identityPut(t, keys.phoneIdentity(identity.phoneHash), memberId, 'phone'));
  await transactWrite(items);
  return member;
}

/** Adds the identities the member lacks (merging a WeChat account into a phone member, or the reverse). */
async function linkIdentities(
  config: AppConfig,
  memberId: string,
  identity: Identity,
  found: Awaited<ReturnType<typeof findMemberByIdentity>>,
  consents: MemberItem['consents'],
) {
  const t = config.tableName;
  const member = await getMember(t, memberId);
  if (!member) throw memberNotFound();
  const items: TransactItem[] = [];
  // Joining again records the documents accepted now; a marketing choice stands until the member changes it.
  const patch: Partial<MemberItem> = { consents: { ...consents, ...(consents.marketing ? {} : member.consents.marketing ? { marketing: member.consents.marketing } : {}) } };
  if (identity.openid && identity.appId && !found.openidLinked) {
    items.push(identityPut(t, keys.openidIdentity(identity.appId, identity.openid), memberId, 'openid'));
    Object.assign(patch, { openid: identity.openid, appId: identity.appId });
  }
  if (identity.unionid && !found.unionidLinked && !member.unionid) {
    items.push(identityPut(t, keys.unionidIdentity(identity.unionid), memberId, 'unionid'));
    patch.unionid = identity.unionid;
  }
  // A member keeps the phone they joined with; a second phone is not attached silently.
  if (identity.phoneHash && !found.phoneMemberId && !member.phoneHash) {
    items.push(identityPut(t, keys.phoneIdentity(identity.phoneHash), memberId, 'phone'));
    Object.assign(patch, { phoneEnc: identity.phoneEnc, phoneHash: identity.phoneHash });
  }
  const fields = Object.keys(patch);
  // Each identity item linked is listed on the member (appended, so two links at once both stay), for a deletion to release.
  const linked = items.map((i) => (i.Put!.Item as { PK: string }).PK);
  const sets = [...fields.map((f) => `#${f} = :${f}`), ...(linked.length ? ['identityKeys = list_append(if_not_exists(identityKeys, :noKeys), :linked)'] : [])];
  items.push({
    Update: {
      TableName: t,
      Key: keys.member(memberId),
      UpdateExpression: `SET ${sets.join(', ')}`,
      ConditionExpression: ACTIVE.cond,
      ExpressionAttributeNames: { ...Object.fromEntries(fields.map((f) => [`#${f}`, f])), ...ACTIVE.names },
      ExpressionAttributeValues: { ...Object.fromEntries(fields.map((f) => [`:${f}`, patch[f as keyof MemberItem]])), ...ACTIVE.values, ...(linked.length ? { ':noKeys': [], ':linked': linked } : {}) },
    },
  });
  await ddb().send(new TransactWriteCommand({ TransactItems: items }));
  return { ...member, ...patch };
}

/** Two members for one person: queue it once per pair for customer service, answer with the WeChat member. */
async function queueMerge(config: AppConfig, wechatMemberId: string, phoneMemberId: string, consents: MemberItem['consents']) {
  const t = config.tableName;
  const createdAt = nowIso();
  await ddb()
    .send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: t,
              Item: { ...keys.mergeRequest(wechatMemberId, phoneMemberId), ...keys.openMergeIndex(createdAt), type: 'merge', mergeId: `${wechatMemberId}-${phoneMemberId}`, wechatMemberId, phoneMemberId, createdAt, status: 'open' },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          {
            Update: {
              TableName: t,
              Key: keys.member(wechatMemberId),
              // The documents accepted now; a marketing choice stands unless this join made one.
              UpdateExpression: `SET mergePending = :t, consents.privacyPolicy = :pp, consents.terms = :tm${consents.marketing ? ', consents.marketing = :mk' : ''}`,
              ConditionExpression: ACTIVE.cond,
              ExpressionAttributeNames: ACTIVE.names,
              ExpressionAttributeValues: { ':t': true, ':pp': consents.privacyPolicy, ':tm': consents.terms, ...(consents.marketing ? { ':mk': consents.marketing } : {}), ...ACTIVE.values },
            },
          },
        ],
      }),
    )
    .catch((err) => {
      const reasons = cancellationReasons(err);
      if (reasons?.[1] === 'ConditionalCheckFailed') return; // the WeChat member was deleted meanwhile: answered below
      if (reasons?.[0] !== 'ConditionalCheckFailed') throw err; // already queued
    });
  const member = await getMember(t, wechatMemberId);
  if (!member) throw memberNotFound();
  return member;
}

/**
 * Members' home stores (join store, else first purchase store; null for neither), by id, in BatchGetItem
 * rounds of 100. Scoped staff lists use it to keep the members whose home store is in scope.
 */
export async function homeStoresOf(tableName: string, memberIds: string[]): Promise<Map<string, string | null>> {
  const homes = new Map<string, string | null>();
  const ids = [...new Set(memberIds)];
  for (let i = 0; i < ids.length; i += 100) {
    let pending: Array<Record<string, unknown>> = ids.slice(i, i + 100).map((id) => keys.member(id));
    for (let round = 0; pending.length > 0; round++) {
      if (round > 5) throw new Error('member read kept coming back unprocessed');
      if (round > 0) await new Promise((r) => setTimeout(r, 10 * 2 ** round));
      const out = await ddb().send(
        new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ProjectionExpression: 'memberId, joinStoreId, firstPurchaseStoreId' } } }),
      );
      for (const m of out.Responses?.[tableName] ?? []) homes.set(m.memberId as string, homeStoreOf(m));
      pending = (out.UnprocessedKeys?.[tableName]?.Keys ?? []) as Array<Record<string, unknown>>;
    }
  }
  return homes;
}

/**
 * The first 100 items of a GSI1 queue (merge requests, tier approvals) that a staff scope may see: all of them
 * for the chain, else those with a member (named by `membersOf`) whose home store lies within the scope.
 */
export async function queueInScope(tableName: string, scope: StaffScope, gsi1pk: string, membersOf: (item: Record<string, unknown>) => string[]) {
  const items: Array<Record<string, unknown>> = [];
  const inScope = await storeIdsInScope(tableName, scope);
  let start: Record<string, unknown> | undefined;
  do {
    const out = await ddb().send(
      new QueryCommand({ TableName: tableName, IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': gsi1pk }, Limit: 100, ExclusiveStartKey: start }),
    );
    let page = out.Items ?? [];
    if (inScope !== 'all') {
      const homes = await homeStoresOf(tableName, page.flatMap(membersOf));
      page = page.filter((i) =>
        membersOf(i).some((memberId) => {
          const home = homes.get(memberId);
          return !!home && inScope.has(home);
        }),
      );
    }
    items.push(...page);
    start = out.LastEvaluatedKey;
  } while (start && items.length < 100 && inScope !== 'all');
  return items.slice(0, 100);
}

/** Open merge requests; scoped staff see those where either member's home store lies within their scope. */
export async function listOpenMerges(tableName: string, scope: StaffScope) {
  const items = await queueInScope(tableName, scope, keys.openMerges(), (i) => [i.wechatMemberId as string, i.phoneMemberId as string]);
  return {
    items: items.map((i) => ({
      mergeId: i.mergeId as string,
      wechatMemberId: i.wechatMemberId as string,
      phoneMemberId: i.phoneMemberId as string,
      createdAt: i.createdAt as string,
      status: i.status as 'open' | 'done' | 'rejected',
    })),
  };
}

function phoneMaskedOf(config: AppConfig, member: MemberItem): string | null {
  return member.phoneEnc ? maskPhone(decryptField(config.keys.field, member.phoneEnc)) : null;
}

async function cardOf(config: AppConfig, member: MemberItem, unreadMessages = 0): Promise<MemberCard> {
  const tier = tierByCode(await getSettings(config.tableName), member.tier);
  return {
    memberId: member.memberId,
    tier: { code: tier.code, name: tier.name },
    points: { available: member.pointsAvailable ?? 0, pending: member.pointsPending ?? 0 },
    storedValueFen: member.storedValueFen ?? 0,
    // Counted from the wallet (every available grant with its days), so it is right on the day a coupon starts or ends.
    usableCoupons: usableInWallet(member.couponWallet, businessDay()),
    phoneMasked: phoneMaskedOf(config, member),
    joinedAt: member.joinedAt,
    joinStore: member.joinStoreId ? { storeId: member.joinStoreId, name: member.joinStoreName ?? member.joinStoreId } : null,
    mergePending: member.mergePending ?? false,
    unreadMessages,
  };
}

/** The card and its unread-messages badge: the member and their inbox counters in one consistent BatchGetItem. */
export async function getCard(config: AppConfig, principal: MemberPrincipal): Promise<MemberCard> {
  const memberKey = keys.member(principal.memberId);
  const inboxKey = keys.inbox(principal.memberId);
  const read = await readTogether(config.tableName, [memberKey, inboxKey]);
  const found = member.parse(read.get(memberKey));
  if (!found) throw memberNotFound();
  // The shopper handler skips its membership check for this route (its `sessionWithFirstRead`): this is it.
  if (found.status !== 'active') throw sessionEnded();
  return cardOf(config, found, unreadOf(inboxOf(read.get(inboxKey))));
}

/** No read needed: the code is a function of the member number, the time step and the server's key. */
export function currentMemberCode(config: AppConfig, principal: MemberPrincipal) {
  const step = timeStepOf(nowMs());
  return {
    code: encodeMemberCode(Number(principal.memberId), step, memberCodePrf(config.keys.memberCode)),
    step,
    expiresAt: new Date((step + 1) * MEMBER_CODE_STEP_SECONDS * 1000).toISOString(),
    stepSeconds: MEMBER_CODE_STEP_SECONDS,
  };
}

/** Wrong codes count against the cashier's limit shared by every route that takes a member code. */
export async function identifyMember(config: AppConfig, staff: StaffPrincipal, code: string) {
  const caller = `staff:${staff.sub}`;
  // One read: the cashier's session, their wrong-code window and the member the code names.
  const check = checkPresentedCode(config, code, nowMs(), caller);
  const memberKey = check.memberId ? keys.member(check.memberId) : null;
  const read = await readTogether(config.tableName, memberKey ? [check.windowKey, memberKey] : [check.windowKey], staff.gate);
  const presented = await check.settle(read.get(check.windowKey));
  const member = memberKey && read.get<MemberItem>(memberKey);
  // A genuine code of a membership deleted since: not a guess, so it counts against no limit.
  if (member && member.status !== 'active') throw membershipEnded(member.memberId);
  if (!member) {
    await countAttempt(config.tableName, MEMBER_CODE_FAILURES, caller);
    throw notFound(msg('未找到该会员码对应的会员', 'No member matches this code'), ErrorCode.MEMBER_CODE_UNKNOWN);
  }
  return { member: await staffViewOf(config, member), codeStep: presented.step };
}

async function staffViewOf(config: AppConfig, member: MemberItem): Promise<z.infer<typeof staffMemberViewSchema>> {
  const card = await cardOf(config, member);
  return {
    memberId: member.memberId,
    tier: card.tier,
    phoneMasked: card.phoneMasked,
    points: card.points,
    storedValueFen: card.storedValueFen,
    usableCoupons: card.usableCoupons,
    joinedAt: member.joinedAt,
    joinStoreId: member.joinStoreId,
    joinRegisterId: member.joinRegisterId,
  };
}

/** The profile as a service agent sees it on a look-up: the birthday's month only (shared/features/members/schemas.ts). */
function staffProfileOf(config: AppConfig, m: MemberItem): z.infer<typeof staffProfileViewSchema> {
  return {
    nickname: m.nicknameEnc ? decryptField(config.keys.field, m.nicknameEnc) : null,
    gender: m.gender ?? null,
    region: m.region ?? null,
    birthMonth: m.birthMonth ?? null,
  };
}

/** The console's view: the register's, with the profile as service sees it. */
async function staffDetailOf(config: AppConfig, member: MemberItem): Promise<z.infer<typeof staffMemberDetailSchema>> {
  return { ...(await staffViewOf(config, member)), profile: staffProfileOf(config, member) };
}

/** Members are chain-wide (one card in every store): any staff member allowed the route looks anyone up. */
export async function getMemberForStaff(config: AppConfig, memberId: string) {
  const member = await getMember(config.tableName, memberId);
  if (!member) throw notFound(msg(`会员 ${memberId} 不存在`, `No member ${memberId}`));
  return staffDetailOf(config, member);
}

/**
 * Finding members for staff: by phone through the phone's blind index (one GetItem of its identity item, never
 * a scan), by member number, or by exact nickname through the name's blind index (one Query of its `NAME#`
 * partition: several members may share a name); then the members. In the same view as a look-up (phone masked,
 * the birthday's month only).
 */
export async function findMembersForStaff(config: AppConfig, q: { phone?: string; memberId?: string; name?: string }) {
  let ids: string[];
  if (q.name !== undefined) ids = await memberIdsByName(config, q.name);
  else {
    const memberId = q.memberId ?? (q.phone !== undefined ? await findMemberIdByPhone(config, q.phone) : undefined);
    ids = memberId ? [memberId] : [];
  }
  const members = await Promise.all(ids.map((id) => getMember(config.tableName, id)));
  const found = members.filter((m): m is MemberItem => !!m).sort((a, b) => a.memberId.localeCompare(b.memberId));
  return { items: await Promise.all(found.map((m) => staffDetailOf(config, m))) };
}

/**
 * Showing a full phone number is a staff action of its own: it needs the permission (as the account holds it now)
 * and leaves an audit entry. A look-up, so chain-wide like the member view.
 */
export async function revealPhone(config: AppConfig, staff: StaffPrincipal, memberId: string) {
  if (!staff.rev) throw forbidden(msg('您的账号无权查看完整手机号', 'Your account may not see full phone numbers'));
  const member = await getMember(config.tableName, memberId);
  if (!member) throw notFound(msg(`会员 ${memberId} 不存在`, `No member ${memberId}`));
  const phone = member.phoneEnc ? decryptField(config.keys.field, member.phoneEnc) : null;
  await ddb().send(
    new TransactWriteCommand({ TransactItems: [auditPut(config.tableName, actorOf(staff), 'member.revealPhone', `member:${memberId}`, null, { phoneMasked: phone && maskPhone(phone) })] }),
  );
  return { memberId, phone };
}
