import { createHash } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type * as z from 'zod';
import { ErrorCode } from '../../../shared/errors';
import { encodeCouponCode, COUPON_CODE_STEP_SECONDS } from '../../../shared/features/coupons/coupon-code';
import type { claimCouponRequest, couponCentreResponse, issueCompensationCouponRequest, MemberCoupon, myCouponsQuery } from '../../../shared/features/coupons/schemas';
import { faceValueFen } from '../../../shared/features/coupons/schemas';
import { timeStepOf } from '../../../shared/rules/member-code';
import { actorOf, auditPut } from '../../commons/audit';
import { businessDay, nowIso, nowMs } from '../../commons/clock';
import type { AppConfig } from '../../commons/config';
import { memberCodePrf } from '../../commons/crypto';
import { ddb, getConsistent, transactWrite, cancellationReasons } from '../../commons/dynamodb';
import { conflict, HttpError, msg, notFound } from '../../commons/errors';
import { batchRead, itemKeyOf } from '../../commons/first-read';
import { invalidCursor, queryPage } from '../../commons/cursor';
import type { MemberPrincipal, StaffPrincipal } from '../../commons/http';
import { keys } from '../../commons/keys';
import { getSettings } from '../settings/settings';
import { assertMembershipActive, sessionEnded } from '../members/privacy';
import type { MemberItem } from '../members/member-item';
import { couponCount, couponGrant, couponStock, couponTemplate } from './entities';
import { grantCoupons, levelsOf, memberCouponOf, memberGone, membershipEnded, parseWalletEntry, readTemplates, releaseGrantWrites, shardKeysOf, stateOf, usableInWallet, type GrantItem, type GrantTemplate } from './grants';
import { getPack } from './templates';
import { assertMayChangeMember } from '../points/points';

/**
 * The member's side of coupons: the coupon centre, claiming, my coupons and a coupon's QR; and customer service's:
 * a member's coupons, a compensation coupon, a revocation.
 */

// ---- the coupon centre and claiming ---------------------------------------------------------------------------

/**
 * What the centre offers and how much is left, kept per container for a few seconds: every shopper opens the centre,
 * and reading every shard of every template for each would cost more than the claims. A claim is exact whatever the
 * centre showed (it reads the shards itself); only "sold out" may show a few seconds late. The member's own counts
 * are read fresh.
 */
/** 5 s; tests set `COUPON_CENTRE_CACHE_MS=0` so each call sees what the test just did. */
const centreCacheMs = () => Number(process.env.COUPON_CENTRE_CACHE_MS ?? 5000);
let centreCache: { at: number; tableName: string; offered: GrantTemplate[]; remaining: Map<string, number> } | null = null;
export const forgetCouponCentreForTests = () => {
  centreCache = null;
};

async function centreOffer(t: string) {
  if (centreCache && centreCache.tableName === t && nowMs() - centreCache.at < centreCacheMs()) return centreCache;
  const out = await ddb().send(
    new QueryCommand({ TableName: t, IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': keys.couponTemplates('live') }, ScanIndexForward: false, Limit: 200 }),
  );
  const today = businessDay();
  const listed = couponTemplate.parseAll(out.Items).filter((tp) => tp.claimChannel === 'centre' && (tp.validity.type !== 'fixed' || tp.validity.to >= today)) as GrantTemplate[];
  const found = listed.length ? await batchRead(t, listed.flatMap((tp) => shardKeysOf(tp.templateId, tp.shards))) : new Map();
  const remaining = new Map<string, number>();
  // The shards carry the status as it is now (the template item's copy is written in the same transaction).
  const offered = listed.filter((tp) => {
    const levels = levelsOf(found, tp);
    remaining.set(tp.templateId, levels.reduce((n, l) => n + l.remaining, 0));
    return levels[0].status === 'active';
  });
  centreCache = { at: nowMs(), tableName: t, offered, remaining };
  return centreCache;
}

export async function couponCentre(config: AppConfig, principal: MemberPrincipal): Promise<z.infer<typeof couponCentreResponse>> {
  const t = config.tableName;
  const { offered, remaining } = await centreOffer(t);
  if (offered.length === 0) return { items: [] };
  const counts = await batchRead(t, offered.map((tp) => keys.couponCount(principal.memberId, tp.templateId)));
  return {
    items: offered.map((tp) => {
      const left = remaining.get(tp.templateId) ?? 0;
      const received = couponCount.parse(counts.get(itemKeyOf(keys.couponCount(principal.memberId, tp.templateId))))?.received ?? 0;
      return {
        templateId: tp.templateId,
        name: tp.name,
        description: tp.description ?? null,
        benefit: tp.benefit,
        validity: tp.validity,
        scope: tp.scope,
        minOrderFen: tp.limits.minOrderFen,
        perMember: tp.limits.perMember,
        received,
        soldOut: left === 0,
        remainingPercent: Math.ceil((left * 100) / tp.limits.stock),
      };
    }),
  };
}

const requestOf = (body: object) => createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 22);

export async function claimCoupon(config: AppConfig, principal: MemberPrincipal, body: z.infer<typeof claimCouponRequest>) {
  try {
    return await claimFor(config, principal, body);
  } catch (err) {
    // This route checks the membership in its own read (`sessionWithFirstRead`): a 404 found before that read
    // (an unknown coupon or pack) must not hide an ended membership's 401.
    if (err instanceof HttpError && err.status === 404) await assertMembershipActive(config.tableName, principal.memberId);
    throw err;
  }
}

async function claimFor(config: AppConfig, principal: MemberPrincipal, body: z.infer<typeof claimCouponRequest>) {
  const { idempotencyKey, ...what } = body;
  let lines: Array<{ templateId: string; count: number }>;
  let source: GrantItem['source'];
  if ('packId' in what) {
    const pack = await getPack(config.tableName, what.packId);
    if (!pack) throw notFound(msg(`券包 ${what.packId} 不存在`, `No coupon pack ${what.packId}`));
    lines = pack.items;
    source = { kind: 'pack', ref: pack.packId };
  } else {
    lines = [{ templateId: what.templateId, count: 1 }];
    source = { kind: 'centre', ref: null };
  }
  const result = await grantCoupons(config, { memberId: principal.memberId, lines, via: 'centre', source, claimKey: `claim:${idempotencyKey}`, request: requestOf(what), ended: sessionEnded });
  const now = nowIso();
  return { grants: result.grants.map((g) => memberCouponOf(g, result.templates.get(g.templateId)!, now)) };
}

// ---- my coupons ----------------------------------------------------------------------------------------------

async function memberOf(t: string, memberId: string): Promise<MemberItem | undefined> {
  return (await getConsistent(t, keys.member(memberId))) as MemberItem | undefined;
}

/** Usable (and not yet valid) soonest-expiring first; then, in the other views, newest first. */
export async function myCoupons(config: AppConfig, principal: MemberPrincipal, query: z.infer<typeof myCouponsQuery>) {
  const t = config.tableName;
  const now = nowIso();
  const today = businessDay();
  const m = await memberOf(t, principal.memberId);
  if (!m) throw notFound(msg('会员不存在', 'No such member'));
  const wallet = m.couponWallet ?? {};
  const usable = usableInWallet(wallet, today);
  if (query.view === 'usable') {
    // The usable view is one page (the wallet): it issues no cursor, so any cursor is not one of ours.
    if (query.cursor) throw invalidCursor();
    // The wallet names every grant still available: read those (and their templates), soonest-expiring first.
    const ids = Object.keys(wallet).filter((id) => parseWalletEntry(wallet[id]).validThrough >= today);
    const grantKeys = ids.map((id) => keys.couponGrant(principal.memberId, id));
    const found = grantKeys.length ? await batchRead(t, grantKeys) : new Map();
    const grants = grantKeys.map((k) => couponGrant.parse(found.get(itemKeyOf(k)))).filter((g): g is GrantItem => !!g && g.status === 'available');
    const tps = await readTemplates(t, grants.map((g) => g.templateId));
    const items = grants
      .map((g) => memberCouponOf(g, tps.get(g.templateId)!, now))
      .sort((a, b) => (a.state === b.state ? 0 : a.state === 'usable' ? -1 : 1) || a.validThrough.localeCompare(b.validThrough) || a.grantId.localeCompare(b.grantId));
    return { items, cursor: null, usable };
  }
  const page = await grantPage(config, principal.memberId, query.view, query.cursor, now);
  return { ...page, usable };
}

/** A page of a member's grants, newest first, optionally one view (used; expired or revoked). */
async function grantPage(config: AppConfig, memberId: string, view: 'used' | 'expired' | 'all', cursor: string | undefined, now: string) {
  const t = config.tableName;
  const filter =
    view === 'used'
      ? { FilterExpression: '#status = :redeemed', ExpressionAttributeNames: { '#status': 'status' }, values: { ':redeemed': 'redeemed' } }
      : view === 'expired'
        ? { FilterExpression: '#status IN (:expired, :revoked) OR (#status = :available AND validThrough < :today)', ExpressionAttributeNames: { '#status': 'status' }, values: { ':expired': 'expired', ':revoked': 'revoked', ':available': 'available', ':today': businessDay() } }
        : null;
  const page = await queryPage(config, `member:${memberId}:coupons:${view}`, cursor, {
    TableName: t,
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
    ...(filter ? { FilterExpression: filter.FilterExpression, ExpressionAttributeNames: filter.ExpressionAttributeNames } : {}),
    ExpressionAttributeValues: { ':pk': keys.member(memberId).PK, ':p': keys.couponGrantPrefix, ...(filter?.values ?? {}) },
    ScanIndexForward: false,
    Limit: 50,
  });
  const grants = couponGrant.parseAll(page.items);
  const tps = await readTemplates(t, grants.map((g) => g.templateId));
  return { items: grants.map((g) => ({ grant: g, coupon: memberCouponOf(g, tps.get(g.templateId)!, now) })).map((x) => x.coupon), grants, cursor: page.cursor };
}

async function ownGrant(t: string, memberId: string, grantId: string): Promise<{ grant: GrantItem; template: GrantTemplate }> {
  const grant = await couponGrant.get(t, [memberId, grantId], { consistent: true });
  if (!grant) throw notFound(msg('没有这张优惠券', 'No such coupon'));
  const template = (await readTemplates(t, [grant.templateId])).get(grant.templateId)!;
  return { grant, template };
}

export async function myCoupon(config: AppConfig, principal: MemberPrincipal, grantId: string) {
  const t = config.tableName;
  const { grant, template } = await ownGrant(t, principal.memberId, grantId);
  const storeIds = template.scope.storeIds.slice(0, 100);
  const stores = storeIds.length ? await batchRead(t, storeIds.map((s) => keys.store(s))) : new Map();
  return {
    ...memberCouponOf(grant, template, nowIso()),
    stores: storeIds.map((s) => ({ storeId: s, name: String((stores.get(itemKeyOf(keys.store(s))) as { name?: string } | undefined)?.name ?? s) })),
  };
}

/** The coupon's QR for this minute: only while it is usable (a used or expired coupon shows none). */
export async function myCouponCode(config: AppConfig, principal: MemberPrincipal, grantId: string) {
  const { grant } = await ownGrant(config.tableName, principal.memberId, grantId);
  const state = stateOf(grant, nowIso());
  if (state !== 'usable') throw conflict(msg('这张优惠券当前不可使用', 'This coupon cannot be used now'), ErrorCode.COUPON_NOT_USABLE, { reason: state });
  const step = timeStepOf(nowMs());
  return {
    code: encodeCouponCode(principal.memberId, grantId, step, memberCodePrf(config.keys.memberCode)),
    step,
    expiresAt: new Date((step + 1) * COUPON_CODE_STEP_SECONDS * 1000).toISOString(),
    stepSeconds: COUPON_CODE_STEP_SECONDS,
  };
}

// ---- customer service -------------------------------------------------------------------------------------------

export async function memberCouponsForStaff(config: AppConfig, memberId: string, query: { cursor?: string }) {
  const m = await memberOf(config.tableName, memberId);
  if (!m) throw memberGone(memberId);
  const page = await grantPage(config, memberId, 'all', query.cursor, nowIso());
  return {
    items: page.items.map((c, i) => ({ ...c, revokedAt: page.grants[i].revokedAt ?? null, revokeReason: page.grants[i].revokeReason ?? null })),
    cursor: page.cursor,
  };
}

export async function issueCompensationCoupon(config: AppConfig, staff: StaffPrincipal, memberId: string, body: z.infer<typeof issueCompensationCouponRequest>): Promise<MemberCoupon> {
  const t = config.tableName;
  const settings = await getSettings(t);
  const cap = settings.coupons.compensationCapFen;
  const m = await memberOf(t, memberId);
  if (!m) throw memberGone(memberId);
  if (m.status !== 'active') throw membershipEnded();
  // Customer service compensates any member, as with points (rule 8.4); ops within their scope.
  if (staff.role !== 'service') await assertMayChangeMember(t, staff, m);
  const tps = await readTemplates(t, [body.templateId]);
  const tp = tps.get(body.templateId);
  if (!tp) throw notFound(msg(`优惠券 ${body.templateId} 不存在`, `No coupon template ${body.templateId}`));
  const face = faceValueFen(tp.benefit);
  if (face > cap) {
    throw conflict(msg(`每个工单补偿券面额合计不超过 ¥${cap / 100}`, `Compensation coupons under one case are capped at ¥${cap / 100} of face value`), ErrorCode.COMPENSATION_CAP, { capFen: cap, faceFen: face });
  }
  const { idempotencyKey, ...what } = body;
  const result = await grantCoupons(config, {
    memberId,
    lines: [{ templateId: body.templateId, count: 1 }],
    via: 'issue',
    source: { kind: 'compensation', ref: body.caseRef },
    claimKey: `staff:${idempotencyKey}`,
    request: requestOf({ ...what, by: staff.sub }),
    extraWrites: (grants) => [
      {
        kind: { refuse: () => conflict(msg(`该工单的补偿已达上限（¥${cap / 100}）或属于其他会员`, `This case’s compensation is at its cap (¥${cap / 100}) or belongs to another member`), ErrorCode.COMPENSATION_CAP, { capFen: cap }) },
        item: {
          Update: {
            TableName: t,
            Key: keys.compensationCase(body.caseRef),
            UpdateExpression: 'SET memberId = if_not_exists(memberId, :m), #type = :case, lastAt = :now, firstAt = if_not_exists(firstAt, :now) ADD couponFaceFen :f',
            ConditionExpression: '(attribute_not_exists(memberId) OR memberId = :m) AND (attribute_not_exists(couponFaceFen) OR couponFaceFen <= :room)',
            ExpressionAttributeNames: { '#type': 'type' },
            ExpressionAttributeValues: { ':m': memberId, ':case': 'compensationCase', ':now': nowIso(), ':f': face, ':room': cap - face },
          },
        },
      },
      {
        kind: 'plain',
        item: auditPut(t, actorOf(staff), 'coupon.compensate', `member:${memberId}`, null, { grantId: grants[0].grantId, templateId: body.templateId, faceFen: face, caseRef: body.caseRef, reason: body.reason }),
      },
    ],
  });
  return memberCouponOf(result.grants[0], result.templates.get(body.templateId)!, nowIso());
}

export async function revokeCoupon(config: AppConfig, staff: StaffPrincipal, memberId: string, grantId: string, reason: string): Promise<MemberCoupon> {
  const t = config.tableName;
  for (let attempt = 0; ; attempt++) {
    const read = await batchRead(t, [keys.member(memberId), keys.couponGrant(memberId, grantId)]);
    const m = read.get(itemKeyOf(keys.member(memberId))) as MemberItem | undefined;
    if (!m) throw memberGone(memberId);
    await assertMayChangeMember(t, staff, m);
    const grant = couponGrant.parse(read.get(itemKeyOf(keys.couponGrant(memberId, grantId))));
    if (!grant) throw notFound(msg('没有这张优惠券', 'No such coupon'));
    const template = (await readTemplates(t, [grant.templateId])).get(grant.templateId)!;
    // Revoking again (a retry) answers as it stands; a coupon used or expired can't be revoked.
    if (grant.status === 'revoked') return memberCouponOf(grant, template, nowIso());
    if (grant.status !== 'available') throw conflict(msg('这张优惠券已使用或已过期，不能作废', 'This coupon was used or has expired: it cannot be revoked'), ErrorCode.COUPON_NOT_USABLE, { reason: grant.status });
    const shard = await couponStock.get(t, [grant.templateId, grant.shard], { consistent: true });
    const at = nowIso();
    const { grantUpdate, shardUpdate } = releaseGrantWrites(t, grant, { status: 'revoked', at, by: staff.sub, reason }, shard?.budgetFen !== null);
    try {
      await transactWrite([
        grantUpdate,
        shardUpdate,
        ...(m.couponWallet?.[grantId] ? [{ Update: { TableName: t, Key: keys.member(memberId), UpdateExpression: 'REMOVE couponWallet.#g', ExpressionAttributeNames: { '#g': grantId } } }] : []),
        auditPut(t, actorOf(staff), 'coupon.revoke', `member:${memberId}`, { grantId, status: 'available' }, { grantId, status: 'revoked', reason }),
      ]);
      return memberCouponOf({ ...grant, status: 'revoked', revokedAt: at, revokedBy: staff.sub, revokeReason: reason }, template, at);
    } catch (err) {
      if (!cancellationReasons(err) || attempt >= 5) throw err;
    }
  }
}
