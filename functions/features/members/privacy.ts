import { GetCommand, paginateQuery, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type * as z from 'zod';
import { ErrorCode } from '../../../shared/errors';
import { DATA_EXPORT_FORMAT, type consentsResponse, type DataExport, type deleteMembershipRequest, type deleteMembershipResponse, type deletionPreviewResponse } from '../../../shared/features/members/privacy-schemas';
import { benefitsToRecord, previewDeletion, RELEASED_IDENTITY_RETENTION_YEARS, releasedIdentityExpiresAt, type DeletionPreview } from '../../../shared/rules/privacy';
import { homeStoreOf } from '../../../shared/roles';
import { businessDayOf } from '../../../shared/rules/business-time';
import { auditPut, SYSTEM_ACTOR } from '../../commons/audit';
import { nowIso } from '../../commons/clock';
import type { AppConfig } from '../../commons/config';
import { decryptField, releasedIdentityHash } from '../../commons/crypto';
import { cancellationReasons, ddb, getConsistent, transactWrite, type TransactItem } from '../../commons/dynamodb';
import type { Entity } from '../../commons/entity';
import { conflict, msg, notFound, unauthenticated } from '../../commons/errors';
import { batchRead, itemKeyOf, type ItemKey } from '../../commons/first-read';
import { StaleSnapshot } from '../../commons/guarded-change';
import { interleavePoint } from '../../commons/interleave';
import type { MemberPrincipal } from '../../commons/http';
import { keys, TTL_ATTRIBUTE } from '../../commons/keys';
import { inbox, ledgerEntry, lot, message, pendingPoints, pointsMember, tierApproval } from '../points/entities';
import { changePoints, usableLots, type PointsMember, type PointsState } from '../points/points-ledger';
import { sale, saleReturn } from '../sales/entities';
import { couponCount, couponGrant } from '../coupons/entities';
import { parseWalletEntry, readTemplates, releaseGrantWrites, usableInWallet, type GrantItem } from '../coupons/grants';
import { auditEntry } from '../staff/entities';
import { member, mergeRequest, nameIdentity, openidIdentity, phoneIdentity, releasedIdentity, unionidIdentity } from './entities';
import type { MemberItem } from './member-item';

/**
 * The member's privacy rights under PIPL (issue 9 §4, docs/BUSINESS-RULES.md item 15):
 *
 *   - consents: marketing is given or withdrawn on its own, apart from membership (audit-logged);
 *   - the export: everything the platform holds about the member, one section per kind of item (each entity that
 *     holds member data names its section, `memberData` in its declaration; privacy.test.ts checks them all);
 *   - the deletion: personal data erased, points and coupons forfeited through the ledger (so it still balances),
 *     ledgers and sales kept under the member number, identities released (a keyed hash kept for anti-abuse),
 *     sessions ended, audit-logged. One transaction, guarded like every points change.
 *
 * Actions the member takes on their own data are audit-logged as the system's (`SYSTEM_ACTOR`, the audit log's
 * roles are staff roles), with the action named `member.self.*`.
 */
type Consents = z.infer<typeof consentsResponse>;
type DeletionAnswer = z.infer<typeof deleteMembershipResponse>;

const memberNotFound = () => notFound(msg('未找到该会员', 'Member not found'));
/** A session whose membership has ended: 401, so the app signs out (rule 15.3). */
export const sessionEnded = () =>
  unauthenticated(msg('会员已注销，登录已失效；如需再次入会请重新登录', 'This membership was deleted and its session has ended; sign in again to join as a new member'), ErrorCode.MEMBERSHIP_ENDED);

/**
 * The session check every member route makes (functions/commons/http.ts), but the deletion's own retries: one
 * consistent read of the member's status. A deleted or deleting membership ends every session it had.
 */
export async function assertMembershipActive(tableName: string, memberId: string): Promise<void> {
  const out = await ddb().send(new GetCommand({ TableName: tableName, Key: keys.member(memberId), ConsistentRead: true, ProjectionExpression: '#s', ExpressionAttributeNames: { '#s': 'status' } }));
  if (out.Item && out.Item.status !== 'active') throw sessionEnded();
}

const SELF = SYSTEM_ACTOR;
const selfAudit = (t: string, memberId: string, action: 'consent' | 'export' | 'delete', before: unknown, after: unknown) => auditPut(t, SELF, `member.self.${action}`, `member:${memberId}`, before, after);
const ACTIVE = { cond: '#status = :active', names: { '#status': 'status' }, values: { ':active': 'active' } } as const;

async function activeMember(tableName: string, memberId: string): Promise<MemberItem> {
  const m = await member.get(tableName, [memberId], { consistent: true });
  if (!m) throw memberNotFound();
  if (m.status !== 'active') throw sessionEnded();
  return m;
}

// ---- consents -----------------------------------------------------------------------------------------------
const consentsOf = (m: MemberItem): Consents => ({
  privacyPolicy: m.consents.privacyPolicy,
  terms: m.consents.terms,
  marketing: m.consents.marketing ? { granted: m.consents.marketing.granted, at: m.consents.marketing.at } : { granted: false, at: null },
});

export async function myConsents(config: AppConfig, principal: MemberPrincipal): Promise<Consents> {
  return consentsOf(await activeMember(config.tableName, principal.memberId));
}

/** Gives or withdraws marketing consent (rule 15.1); the same choice again changes nothing and logs nothing. */
export async function setMarketingConsent(config: AppConfig, principal: MemberPrincipal, granted: boolean): Promise<Consents> {
  const t = config.tableName;
  const m = await activeMember(t, principal.memberId);
  if ((m.consents.marketing?.granted ?? false) === granted) return consentsOf(m);
  const marketing = { granted, at: nowIso() };
  try {
    await transactWrite([
      {
        Update: {
          TableName: t,
          Key: keys.member(m.memberId),
          UpdateExpression: 'SET consents.marketing = :m',
          ConditionExpression: ACTIVE.cond,
          ExpressionAttributeNames: ACTIVE.names,
          ExpressionAttributeValues: { ':m': marketing, ...ACTIVE.values },
        },
      },
      selfAudit(t, m.memberId, 'consent', { marketing: m.consents.marketing?.granted ?? false }, { marketing: granted }),
    ]);
  } catch (err) {
    if (cancellationReasons(err)?.[0] === 'ConditionalCheckFailed') throw sessionEnded();
    throw err;
  }
  return consentsOf({ ...m, consents: { ...m.consents, marketing } });
}

// ---- the export -----------------------------------------------------------------------------------------------
/**
 * The entities the export reads, each into the section its declaration names. privacy.test.ts fails when an entity
 * that holds member data (and names a section) is missing here.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const exportedEntities: ReadonlyArray<Entity<any, any>> = [member, pointsMember, openidIdentity, unionidIdentity, phoneIdentity, nameIdentity, lot, ledgerEntry, pendingPoints, message, inbox, sale, saleReturn, tierApproval, auditEntry, mergeRequest, couponGrant, couponCount];

type Item = Record<string, unknown>;
async function queryAll(input: ConstructorParameters<typeof QueryCommand>[0]): Promise<Item[]> {
  const out: Item[] = [];
  for await (const page of paginateQuery({ client: ddb() }, input)) out.push(...((page.Items ?? []) as Item[]));
  return out;
}

/** Every identity item key the member may hold: those listed on the member, and those its own fields name (members from before the list). */
function identityKeysOfMember(m: MemberItem): ItemKey[] {
  const pks = new Set(m.identityKeys ?? []);
  if (m.openid && m.appId) pks.add(keys.openidIdentity(m.appId, m.openid).PK);
  if (m.unionid) pks.add(keys.unionidIdentity(m.unionid).PK);
  if (m.phoneHash) pks.add(keys.phoneIdentity(m.phoneHash).PK);
  return [...pks].map((PK) => ({ PK, SK: 'IDENT' }));
}

/** An identity item's kind and value, from its key: `IDENT#OPENID#<appId>:<openid>`, `IDENT#UNIONID#<unionid>`, `IDENT#PHONE#<blind index>`. */
function identityOf(pk: string): { kind: 'openid' | 'unionid' | 'phone'; appId: string | null; value: string } | null {
  const [, kind, ...rest] = pk.split('#');
  const v = rest.join('#');
  if (kind === 'OPENID') {
    const i = v.indexOf(':');
    return { kind: 'openid', appId: v.slice(0, i), value: v.slice(i + 1) };
  }
  if (kind === 'UNIONID') return { kind: 'unionid', appId: null, value: v };
  if (kind === 'PHONE') return { kind: 'phone', appId: null, value: v };
  return null;
}

/** The identity items that still name the member (read consistently). */
async function linkedIdentities(tableName: string, m: MemberItem) {
  const read = await batchRead(tableName, identityKeysOfMember(m));
  return [...read.values()].filter((i) => i.memberId === m.memberId) as Array<Item & { PK: string; linkedAt?: string }>;
}

const str = (v: unknown) => (typeof v === 'string' ? v : null);
const int = (v: unknown) => (typeof v === 'number' ? v : 0);

/** Everything the platform holds about the member (rule 15.2), as one JSON document. Audit-logged (which sections, how many items). */
export async function exportMyData(config: AppConfig, principal: MemberPrincipal): Promise<DataExport> {
  const t = config.tableName;
  const memberId = principal.memberId;
  const m = await activeMember(t, memberId);
  const [partition, identities, salesAndReturns, audits, approval, openMerges] = await Promise.all([
    // The member's own partition: the member item, lots, ledger, pending points, messages and their counters.
    queryAll({ TableName: t, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.member(memberId).PK }, ConsistentRead: true }),
    linkedIdentities(t, m),
    queryAll({ TableName: t, IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': keys.memberSales(memberId) } }),
    queryAll({ TableName: t, IndexName: 'GSI2', KeyConditionExpression: 'GSI2PK = :pk', ExpressionAttributeValues: { ':pk': keys.auditOnTarget(`member:${memberId}`) } }),
    tierApproval.get(t, [memberId], { consistent: true }),
    queryAll({
      TableName: t,
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      FilterExpression: 'wechatMemberId = :m OR phoneMemberId = :m',
      ExpressionAttributeValues: { ':pk': keys.openMerges(), ':m': memberId },
    }),
  ]);
  const bySk = (prefix: string) => partition.filter((i) => String(i.SK).startsWith(prefix));
  const pm = pointsMember.parse(partition.find((i) => i.SK === 'PROFILE')) ?? (m as PointsMember);
  const field = (sealed: string | undefined) => (sealed ? decryptField(config.keys.field, sealed) : null);
  const phone = field(pm.phoneEnc);
  const nickname = field(pm.nicknameEnc);
  const counters = inbox.parse(partition.find((i) => i.SK === 'INBOX'));

  const doc: DataExport = {
    format: DATA_EXPORT_FORMAT,
    exportedAt: nowIso(),
    memberId,
    member: {
      memberId,
      tier: pm.tier,
      joinedAt: pm.joinedAt,
      joinChannel: pm.joinChannel,
      joinStore: pm.joinStoreId ? { storeId: pm.joinStoreId, name: pm.joinStoreName ?? pm.joinStoreId } : null,
      joinRegisterId: pm.joinRegisterId,
      homeStoreId: homeStoreOf(pm),
      phone,
      nickname,
      gender: pm.gender ?? null,
      birthday: field(pm.birthdayEnc),
      birthMonth: pm.birthMonth ?? null,
      region: pm.region ?? null,
      consents: consentsOf(pm),
      points: { available: pm.pointsAvailable ?? 0, pending: pm.pointsPending ?? 0, debt: pm.pointsDebt ?? 0 },
      storedValueFen: pm.storedValueFen ?? 0,
      usableCoupons: usableInWallet(pm.couponWallet, businessDayOf(nowIso())),
      spendByMonth: pm.spendByMonth ?? {},
      signIn: { lastDay: pm.lastSignInDay ?? null, streak: pm.signInStreak ?? 0 },
      lastPurchaseAt: str((pm as Item).lastPurchaseAt),
      tierApprovalPending: pm.tierApprovalPending ?? null,
      mergePending: pm.mergePending ?? false,
    },
    identities: [
      ...identities.map((i) => {
        const id = identityOf(i.PK)!;
        // The phone's item is keyed by a blind index: the member's copy shows the phone itself.
        return { kind: id.kind, value: id.kind === 'phone' ? (phone ?? id.value) : id.value, appId: id.appId, linkedAt: str(i.linkedAt) };
      }),
      ...(pm.nameHash && nickname !== null ? [{ kind: 'name' as const, value: nickname, appId: null, linkedAt: null }] : []),
    ],
    lots: lot.parseAll(bySk(keys.lotPrefix)).map((l) => ({ expiryDay: l.expiryDay, remaining: l.remaining })),
    ledger: ledgerEntry.parseAll(bySk(keys.ledgerPrefix)).map((e) => ({ seq: e.seq, kind: e.kind, points: e.points, debt: e.debt, balanceAfter: e.balanceAfter, at: e.at, reason: e.reason, ref: e.ref, storeId: e.storeId ?? null })),
    pending: pendingPoints.parseAll(bySk(keys.pendingPrefix)).map((p) => ({ saleId: p.saleId, storeId: p.storeId, receiptNo: p.receiptNo, points: p.points, availableOn: p.activationDay, soldAt: p.soldAt })),
    messages: {
      delivered: counters?.delivered ?? 0,
      readThrough: counters?.readThrough ?? 0,
      items: message.parseAll(bySk(keys.messagePrefix)).map((x) => ({ messageId: x.messageId, at: x.at, kind: x.kind, title: x.title, body: x.body })),
    },
    coupons: {
      grants: couponGrant.parseAll(bySk(keys.couponGrantPrefix)).map((g) => ({ grantId: g.grantId, templateId: g.templateId, receivedAt: g.receivedAt, validFrom: g.validFrom, validThrough: g.validThrough, status: g.status, source: g.source.kind, redeemedAt: g.redeemedAt ?? null, redemption: g.redemption ?? null })),
      received: couponCount.parseAll(bySk(keys.couponCountPrefix)).map((c) => ({ templateId: c.templateId, received: c.received })),
    },
    purchases: {
      sales: sale.parseAll(salesAndReturns.filter((i) => i.type === 'sale')).map((s) => {
        const details = new Map((s.lineDetails ?? []).map((d) => [d.lineNo, d]));
        return {
          storeId: s.storeId,
          receiptNo: s.receiptNo,
          registerId: str((s as Item).registerId),
          soldAt: s.soldAt,
          netFen: s.netFen,
          pointsPaid: s.pointsPaid,
          pointsEarned: s.result.points.earned,
          returnedFen: s.returnedFen,
          lines: s.lines.map((l) => ({ lineNo: l.lineNo, sku: details.get(l.lineNo)?.sku ?? null, name: details.get(l.lineNo)?.name ?? null, qtyMilli: l.qtyMilli, netFen: l.netFen, points: l.points, returnedMilli: l.returnedMilli })),
        };
      }),
      returns: saleReturn.parseAll(salesAndReturns.filter((i) => i.type === 'return')).map((r) => ({
        returnId: r.returnId,
        saleId: r.saleId,
        storeId: r.storeId ?? null,
        returnedAt: r.returnedAt ?? null,
        refundFen: r.result.refundFen,
        pointsReversed: r.result.points.reversed,
        pointsPaidBack: r.result.points.paidBack,
      })),
    },
    tierApproval: approval ? { tier: approval.tier, growthFen: approval.growthFen, requestedAt: approval.requestedAt } : null,
    audit: auditEntry.parseAll(audits).map((a) => ({ at: a.at, action: a.action, role: a.action.startsWith('member.self.') ? 'member' : a.actor === SYSTEM_ACTOR.username ? 'system' : a.role })),
    merges: mergeRequest.parseAll(openMerges).map((x) => ({ mergeId: x.mergeId, wechatMemberId: x.wechatMemberId, phoneMemberId: x.phoneMemberId, createdAt: x.createdAt, status: x.status })),
  };
  // The entry says what was handed over (how many of each), never the data.
  const counts = { ledger: doc.ledger.length, sales: doc.purchases.sales.length, returns: doc.purchases.returns.length, messages: doc.messages.items.length, identities: doc.identities.length, audit: doc.audit.length };
  await ddb().send(new PutCommand(selfAudit(t, memberId, 'export', null, counts).Put));
  return doc;
}

// ---- deletion ------------------------------------------------------------------------------------------------
/** Coupons the member still holds (the wallet lists every available grant) that have not passed their last valid day. */
const unexpiredCoupons = (m: PointsMember, today: string) => Object.values((m as MemberItem).couponWallet ?? {}).filter((e) => parseWalletEntry(e).validThrough >= today).length;

const holdingsOf = (m: PointsMember, state: Pick<PointsState, 'lots' | 'today'>) => ({
  pointsAvailable: usableLots(state).reduce((n, l) => n + l.remaining, 0),
  pointsPending: m.pointsPending ?? 0,
  pointsDebt: m.pointsDebt ?? 0,
  storedValueFen: m.storedValueFen ?? 0,
  usableCoupons: unexpiredCoupons(m, state.today),
});

const deletionBlocked = (preview: DeletionPreview) =>
  conflict(
    msg('储值余额需先退款，之后才能注销会员', 'Refund your stored-value balance first; then the membership can be deleted'),
    ErrorCode.DELETION_BLOCKED,
    { blockedBy: preview.blockedBy },
  );

export async function deletionPreview(config: AppConfig, principal: MemberPrincipal): Promise<z.infer<typeof deletionPreviewResponse>> {
  const m = (await activeMember(config.tableName, principal.memberId)) as PointsMember;
  const lots = Object.entries(m.lots ?? {}).map(([expiryDay, remaining]) => ({ expiryDay, remaining }));
  const p = previewDeletion(holdingsOf(m, { lots, today: businessDayOf(nowIso()) }));
  return { memberId: m.memberId, forfeits: p.forfeits, blockedBy: p.blockedBy, releasedIdentityRetentionYears: RELEASED_IDENTITY_RETENTION_YEARS };
}

/**
 * The member item's personal attributes and job index keys, removed by the deletion. What stays: the member number,
 * status, tier, when and where they joined (and the join index: the join reports count it), the consents they gave
 * (the record that the processing had a basis), the zeroed balances and the ledger's sequence, and the deletion.
 */
export const PERSONAL_ATTRIBUTES = [
  'appId', 'openid', 'unionid', 'phoneEnc', 'phoneHash', 'identityKeys', 'nicknameEnc', 'nameHash', 'gender', 'region', 'birthdayEnc', 'birthMonth', 'birthdaySetBy',
  'spendByMonth', 'lastSignInDay', 'signInStreak', 'lastPurchaseAt', 'bonusDay', 'bonusToday', 'tierApprovalPending', 'tierApproved', 'lastTierReview', 'tierChangedAt',
  'mergePending', 'priorBenefits', 'referralRewardedAt', 'GSI2PK', 'GSI2SK',
] as const;

/**
 * At most this many items in one transaction (DynamoDB's limit is 100): a member with more pending sales than fit
 * is deleted in steps (rule 15.3), the first marking them `deleting`. Tests lower it to exercise the steps.
 */
export const deletionLimits = { maxItems: 100 };

type DeletionStep = { done: true; answer: DeletionAnswer } | { done: false };

/**
 * Deletes the membership (rule 15.3). Each step is one guarded points change (the member's `pointsRev`, like every
 * sale, return and job), so a sale, a code or a job racing it either lands before (and its points are forfeited with
 * the rest) or finds the membership ended. Normally one step does everything; a member with very many pending sales
 * is first marked `deleting` (everything refuses them from then on) and their pending points forfeited in batches.
 * A retry, whatever its key, answers what the deletion answered.
 */
export async function deleteMembership(config: AppConfig, principal: MemberPrincipal, input: z.output<typeof deleteMembershipRequest>): Promise<DeletionAnswer> {
  const memberId = principal.memberId;
  for (let step = 0; step < 1000; step++) {
    const outcome = await changePoints<DeletionStep>(config, memberId, (state) => planDeletionStep(config, state, input.idempotencyKey), { endingMembership: true });
    if (outcome.done) return outcome.answer;
  }
  throw conflict(msg('注销未能完成，请重试', 'The deletion did not finish; please retry'));
}

async function planDeletionStep(config: AppConfig, state: PointsState, requestKey: string) {
  const t = config.tableName;
  const m = state.member;
  const memberId = m.memberId;
  const nothing = { entries: [], lotChanges: [] };
  if (m.status === 'deleted') {
    const d = m.deletion!;
    return { ...nothing, result: { done: true as const, answer: { memberId, deletedAt: d.at, forfeited: d.forfeited, releasedIdentities: d.releasedIdentities } } };
  }
  // What is forfeited is decided once, by the first step, on the membership as it was.
  let deletion = m.deletion;
  if (m.status === 'active') {
    // Stored value (when it exists) is the member's money: a balance blocks the deletion until its refund flow has
    // run (shared/rules/privacy.ts `previewDeletion`); the refund is not this change's to make.
    const preview = previewDeletion(holdingsOf(m, state));
    if (preview.blockedBy.length) throw deletionBlocked(preview);
    deletion = { requestKey, at: state.now, forfeited: preview.forfeits, releasedIdentities: 0 };
  }
  const pending = pendingPoints.parseAll(
    await queryAll({ TableName: t, KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)', ExpressionAttributeValues: { ':pk': keys.member(memberId).PK, ':p': keys.pendingPrefix }, ConsistentRead: true }),
  );
  // Each pending item is deleted on condition it still holds what was read (an activation or a return moves it).
  const pendingDelete = (p: (typeof pending)[number]): TransactItem => ({ Delete: { TableName: t, Key: keys.pending(memberId, p.saleId), ConditionExpression: 'points = :p', ExpressionAttributeValues: { ':p': p.points } } });
  // The coupons the member still holds: the wallet lists every available grant (read consistently, as they stand).
  const wallet = (m as MemberItem).couponWallet;
  const openGrants = await availableGrants(t, memberId, Object.keys(wallet ?? {}));
  const designs = await readTemplates(t, openGrants.map((g) => g.templateId));
  const forfeit = (grants: GrantItem[]) => couponForfeitWrites(t, grants, designs, state.today, state.now);
  await interleavePoint('deletion:coupons', { memberId });

  const [identities, approval, merges] = await Promise.all([
    linkedIdentities(t, m),
    getConsistent(t, keys.tierApproval(memberId)),
    queryAll({ TableName: t, IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk', FilterExpression: 'wechatMemberId = :m OR phoneMemberId = :m', ExpressionAttributeValues: { ':pk': keys.openMerges(), ':m': memberId } }),
  ]);
  const released = releasedIdentities(config, m, identities, state.now);
  const usable = usableLots(state);
  const available = usable.reduce((n, l) => n + l.remaining, 0);
  const debt = m.pointsDebt ?? 0;
  const entries =
    available > 0 || debt > 0
      ? [
          {
            kind: 'expire' as const,
            points: -available,
            debt: -debt,
            reason: { zh: '注销会员，积分作废', en: 'forfeited: membership deleted' },
            ref: 'MEMBERSHIP-DELETED',
            extra: { source: 'membership-deleted' },
          },
        ]
      : [];
  const lotChanges = usable.map((l) => ({ expiryDay: l.expiryDay, points: -l.remaining }));
  const final = deletion!;
  const answer: DeletionAnswer = { memberId, deletedAt: state.now, forfeited: final.forfeited, releasedIdentities: released.length };
  const items: TransactItem[] = [
    ...identities.map((i): TransactItem => ({ Delete: { TableName: t, Key: { PK: i.PK, SK: 'IDENT' }, ConditionExpression: 'memberId = :m', ExpressionAttributeValues: { ':m': memberId } } })),
    ...released.map((r): TransactItem => ({ Put: { TableName: t, Item: r } })),
    ...(m.nameHash ? [{ Delete: { TableName: t, Key: keys.nameIndex(m.nameHash, memberId) } }] : []),
    ...(m.phoneHash ? [{ Delete: { TableName: t, Key: keys.otp(m.phoneHash) } }] : []),
    ...(approval ? [{ Delete: { TableName: t, Key: keys.tierApproval(memberId) } }] : []),
    // Closed, not deleted: a message reaction arriving late finds it closed and delivers nothing.
    { Put: { TableName: t, Item: { ...keys.inbox(memberId), type: 'inbox', closed: true, closedAt: state.now } } },
    ...merges.map((x): TransactItem => ({
      Update: {
        TableName: t,
        Key: { PK: x.PK as string, SK: x.SK as string },
        UpdateExpression: 'SET #st = :rejected, decidedAt = :now, decidedBy = :by, note = :note REMOVE GSI1PK, GSI1SK',
        ConditionExpression: '#st = :open',
        ExpressionAttributeNames: { '#st': 'status' },
        ExpressionAttributeValues: { ':rejected': 'rejected', ':open': 'open', ':now': state.now, ':by': 'system', ':note': 'membership deleted at the member’s request' },
      },
    })),
    selfAudit(t, memberId, 'delete', { status: m.status }, { status: 'deleted', forfeited: final.forfeited, releasedIdentities: released.length, requestKey: final.requestKey }),
  ];
  // The member update, the ledger entries (the forfeit, and any stale lot's expiry) and the lot writes come on top.
  const ledgerItems = 2 + 2 * state.lots.length;
  const couponWrites = forfeit(openGrants);
  if (ledgerItems + items.length + pending.length + couponWrites.length > deletionLimits.maxItems) {
    // Too many for one transaction: mark the membership ending and forfeit a batch of pending points first, then
    // a batch of coupons (the wallet keeps naming them until the last step removes it whole).
    const room = Math.max(1, deletionLimits.maxItems - ledgerItems);
    if (pending.length) {
      const batch = pending.slice(0, room);
      return {
        ...nothing,
        pendingDelta: -batch.reduce((n, p) => n + p.points, 0),
        memberSet: { status: 'deleting', deletion: final },
        memberRemove: ['GSI2PK', 'GSI2SK'],
        guards: batch.map(pendingDelete),
        result: { done: false as const },
      };
    }
    let batch = openGrants.slice(0, 1);
    for (let n = 2; n <= openGrants.length && forfeit(openGrants.slice(0, n)).length <= room; n++) batch = openGrants.slice(0, n);
    return {
      ...nothing,
      memberSet: { status: 'deleting', deletion: final },
      memberRemove: ['GSI2PK', 'GSI2SK'],
      guards: forfeit(batch),
      result: { done: false as const },
    };
  }
  const pendingTotal = pending.reduce((n, p) => n + p.points, 0);
  // The pending items and the member disagree: a sale or an activation landed between the two reads. Read again.
  if (pendingTotal !== (m.pointsPending ?? 0)) throw new StaleSnapshot(`pending items of ${memberId}`);
  return {
    entries,
    lotChanges,
    pendingDelta: -pendingTotal,
    // Coupons are forfeited with the points: each available grant is revoked (one past its last day, expired) and its
    // budget reservation goes back to its shard, and the wallet goes. The wallet is guarded as read (its size: a
    // grant made since adds to it, and one redeemed or expired since fails its own grant's condition).
    memberSet: { status: 'deleted', deletion: { ...final, at: state.now, releasedIdentities: released.length }, usableCoupons: 0, storedValueFen: 0 },
    memberRemove: [...PERSONAL_ATTRIBUTES, 'couponWallet'],
    memberCondition: wallet
      ? { expression: 'size(#cw) = :walletSize', names: { '#cw': 'couponWallet' }, values: { ':walletSize': Object.keys(wallet).length } }
      : { expression: 'attribute_not_exists(#cw)', names: { '#cw': 'couponWallet' } },
    // Every item that reads something is conditioned on it as read (a failed condition plans the step again).
    guards: [...pending.map(pendingDelete), ...couponWrites, ...items],
    result: { done: true as const, answer },
  };
}

/** The member's grants among `grantIds` that are still available, read consistently (100 keys to a BatchGetItem). */
async function availableGrants(tableName: string, memberId: string, grantIds: string[]): Promise<GrantItem[]> {
  const out: GrantItem[] = [];
  for (let i = 0; i < grantIds.length; i += 100) {
    const ks = grantIds.slice(i, i + 100).map((g) => keys.couponGrant(memberId, g));
    const found = await batchRead(tableName, ks);
    for (const k of ks) {
      const g = couponGrant.parse(found.get(itemKeyOf(k)));
      if (g?.status === 'available') out.push(g);
    }
  }
  return out;
}

/**
 * The writes that forfeit grants (rule 15.3): each grant revoked ("membership deleted"; one already past its last
 * valid day: expired, as the job would have), conditioned on still being available, leaving the expiry index; and
 * one update per stock shard they came from, giving their budget reservations back (a transaction may name an item
 * once, so grants of one shard are released together).
 */
function couponForfeitWrites(tableName: string, grants: GrantItem[], designs: Map<string, { limits: { budgetFen: number | null } }>, today: string, at: string): TransactItem[] {
  const grantWrites: TransactItem[] = [];
  const shards = new Map<string, { update: ReturnType<typeof releaseGrantWrites>['shardUpdate']; count: number; reserved: number; budgeted: boolean }>();
  for (const g of grants) {
    const budgeted = designs.get(g.templateId)?.limits.budgetFen !== null;
    const end = g.validThrough < today ? ({ status: 'expired', at } as const) : ({ status: 'revoked', at, by: 'member', reason: 'membership deleted' } as const);
    const { grantUpdate, shardUpdate } = releaseGrantWrites(tableName, g, end, budgeted);
    grantWrites.push(grantUpdate as TransactItem);
    const key = `${g.templateId}#${g.shard}`;
    const had = shards.get(key) ?? { update: shardUpdate, count: 0, reserved: 0, budgeted };
    shards.set(key, { ...had, count: had.count + 1, reserved: had.reserved + g.reservedFen });
  }
  const shardWrites = [...shards.values()].map(
    (s): TransactItem => ({ Update: { ...s.update.Update, ExpressionAttributeValues: { ':one': s.count, ...(s.budgeted ? { ':r': s.reserved } : {}) } } }),
  );
  return [...grantWrites, ...shardWrites];
}

/**
 * The released-identity records (rule 15.4) of the member's phone and each WeChat id still linked: a keyed hash with
 * its own key (never the blind index), which benefits it had, and when it expires (TTL).
 */
function releasedIdentities(config: AppConfig, m: PointsMember, identities: Array<{ PK: string }>, now: string) {
  const benefits = benefitsToRecord(m);
  const expiresAt = releasedIdentityExpiresAt(now);
  const record = (kind: 'phone' | 'openid' | 'unionid', value: string) => ({
    ...keys.releasedIdentity(releasedIdentityHash(config.keys.releasedIdentity, kind, value)),
    type: 'released-identity',
    kind,
    releasedAt: now,
    expiresAt,
    newMemberBenefit: benefits.newMember,
    referralReward: benefits.referral,
    [TTL_ATTRIBUTE]: Math.floor(Date.parse(expiresAt) / 1000),
  });
  const out: Array<ReturnType<typeof record>> = [];
  if (m.phoneEnc) out.push(record('phone', decryptField(config.keys.field, m.phoneEnc)));
  for (const i of identities) {
    const id = identityOf(i.PK);
    if (id?.kind === 'openid') out.push(record('openid', `${id.appId}:${id.value}`));
    if (id?.kind === 'unionid') out.push(record('unionid', id.value));
  }
  return out;
}

/**
 * After a deletion (MembershipDeleted, from the stream): the member's messages, which serve only them, are erased.
 * Safe to run again; the inbox was closed by the deletion, so no message arrives after it.
 */
export async function eraseMessages(tableName: string, memberId: string): Promise<number> {
  const found = await queryAll({
    TableName: tableName,
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
    ExpressionAttributeValues: { ':pk': keys.member(memberId).PK, ':p': keys.messagePrefix },
    ProjectionExpression: 'PK, SK',
    ConsistentRead: true,
  });
  for (let i = 0; i < found.length; i += 100) {
    await transactWrite(found.slice(i, i + 100).map((k) => ({ Delete: { TableName: tableName, Key: { PK: k.PK, SK: k.SK } } })));
  }
  return found.length;
}
