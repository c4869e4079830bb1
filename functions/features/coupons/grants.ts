import { randomBytes } from 'node:crypto';
import { ErrorCode } from '../../../shared/errors';
import { faceValueFen, type CouponTemplate, type GrantSource, type MemberCoupon } from '../../../shared/features/coupons/schemas';
import { claimRefusal, lastUsableInstant, usabilityAt, validityOf } from '../../../shared/features/coupons/rules';
import { spreadOverShards, takeFromShards, type ShardLevel } from '../../../shared/features/coupons/shards';
import { TTL_ATTRIBUTE, keys } from '../../commons/keys';
import type { AppConfig } from '../../commons/config';
import { nowIso } from '../../commons/clock';
import { batchRead, itemKeyOf, type Item, type ItemKey } from '../../commons/first-read';
import { AlreadyApplied, guardedChange, type GuardedWrite } from '../../commons/guarded-change';
import { conflict, msg, notFound } from '../../commons/errors';
import type { MemberItem } from '../members/member-item';
import { couponClaim, couponCount, couponGrant, couponStock, couponTemplate } from './entities';

/**
 * Making grants: the one path by which a member receives coupons (claiming in the coupon centre, a pack, the
 * new-member pack, a compensation coupon). One guarded change (functions/commons/guarded-change.ts):
 *
 *  1. one consistent BatchGetItem: each template, every stock shard of it, the member's count of it, the member and
 *     the claim's idempotency record;
 *  2. a plan from that alone: refusals (not claimable, the member's limit, sold out) and which shard gives each unit;
 *  3. one transaction: each shard it takes from (`remaining >= n`, the budget), each count (`received = seen`), the
 *     grants, the idempotency record (`once`), the member's wallet, and whatever the caller adds (its audit entry,
 *     a case's cap).
 * A shard emptied or a count moved by someone else between 1 and 3 fails its guard: the change reads everything
 * again and plans afresh, so "sold out" is only ever said on a read in which every shard is at 0 (nothing is
 * stranded on a shard another claim missed), and the member's limit only on their own count as it stands.
 */
export type GrantTemplate = CouponTemplate & { description?: { zh: string; en: string } | null; shards: number; reserveFen: number };
export type GrantItem = NonNullable<ReturnType<typeof couponGrant.parse>>;
export type StockShard = NonNullable<ReturnType<typeof couponStock.parse>>;

export const CLAIM_RECORD_DAYS = 30;

/** Time-ordered, so a member's coupons read newest first by key: 14 digits of UTC time and 6 random characters. */
export function newGrantId(atIso: string): string {
  const stamp = atIso.replace(/[-:TZ.]/g, '').slice(0, 14);
  const rand = randomBytes(6).toString('base64url').replace(/[^A-Za-z0-9]/g, 'x').slice(0, 6);
  return `${stamp}${rand}`;
}

/** The wallet's entry for a grant on the member item: what the card and the register need without reading it. */
export const walletEntryOf = (g: Pick<GrantItem, 'templateId' | 'validFrom' | 'validThrough'>) => `${g.templateId}|${g.validFrom}|${g.validThrough}`;
export function parseWalletEntry(entry: string): { templateId: string; validFrom: string; validThrough: string } {
  const [templateId, validFrom, validThrough] = entry.split('|');
  return { templateId, validFrom, validThrough };
}
/** Coupons in the wallet usable on `day` (a business day). */
export const usableInWallet = (wallet: Record<string, string> | undefined, day: string) =>
  Object.values(wallet ?? {}).filter((e) => {
    const w = parseWalletEntry(e);
    return w.validFrom <= day && day <= w.validThrough;
  }).length;

// ---- views -----------------------------------------------------------------------------------------------

export function stateOf(grant: Pick<GrantItem, 'status' | 'validFrom' | 'validThrough'>, atIso: string): MemberCoupon['state'] {
  if (grant.status === 'redeemed') return 'redeemed';
  if (grant.status === 'revoked') return 'revoked';
  if (grant.status === 'expired') return 'expired';
  const u = usabilityAt(grant, atIso);
  return u === 'ok' ? 'usable' : u === 'not-yet-valid' ? 'not-yet-valid' : 'expired';
}

export function memberCouponOf(grant: GrantItem, template: GrantTemplate, atIso: string): MemberCoupon {
  return {
    grantId: grant.grantId,
    templateId: grant.templateId,
    name: template.name,
    description: template.description ?? null,
    benefit: template.benefit,
    scope: template.scope,
    minOrderFen: template.limits.minOrderFen,
    stacking: template.stacking,
    receivedAt: grant.receivedAt,
    validFrom: grant.validFrom,
    validThrough: grant.validThrough,
    lastUsableAt: lastUsableInstant(grant),
    state: stateOf(grant, atIso),
    source: grant.source.kind,
    redeemedAt: grant.redeemedAt ?? null,
    redemption: grant.redemption ?? null,
  };
}

/**
 * A template's design never changes once made (only its status, which lives on its shards too), so each container
 * keeps the designs it has read: a warm claim reads only the shards, the member's count, the member and its key.
 */
const designs = new Map<string, GrantTemplate>();
const MAX_CACHED_DESIGNS = 1000;
export const forgetTemplateDesignsForTests = () => designs.clear();

/** Templates by id: from this container's cache, the rest read together (one BatchGetItem, or none). */
export async function readTemplates(tableName: string, templateIds: Iterable<string>): Promise<Map<string, GrantTemplate>> {
  const ids = [...new Set(templateIds)];
  const missing = ids.filter((id) => !designs.has(id));
  if (missing.length) {
    const found = await batchRead(tableName, missing.map((id) => keys.couponTemplate(id)));
    for (const id of missing) {
      const t = couponTemplate.parse(found.get(itemKeyOf(keys.couponTemplate(id))));
      if (!t) continue;
      if (designs.size >= MAX_CACHED_DESIGNS) designs.delete(designs.keys().next().value!);
      designs.set(id, t as GrantTemplate);
    }
  }
  const out = new Map<string, GrantTemplate>();
  for (const id of ids) if (designs.has(id)) out.set(id, designs.get(id)!);
  return out;
}

// ---- the shards ---------------------------------------------------------------------------------------------

export const shardKeysOf = (templateId: string, shards: number): ItemKey[] => Array.from({ length: shards }, (_, n) => keys.couponStock(templateId, n));

export function levelsOf(found: ReadonlyMap<string, Item>, t: GrantTemplate): Array<ShardLevel & { status: StockShard['status']; item: StockShard }> {
  return shardKeysOf(t.templateId, t.shards).map((k, shard) => {
    const item = couponStock.parse(found.get(itemKeyOf(k)));
    if (!item) throw new Error(`coupon template ${t.templateId} is missing its stock shard ${shard}`);
    return { shard, remaining: item.remaining, budgetRemainingFen: item.budgetRemainingFen, status: item.status, item };
  });
}

/** The stock and budget of a template, summed over its shards. */
export function statsOf(shards: StockShard[]) {
  const s = (f: (x: StockShard) => number) => shards.reduce((n, x) => n + f(x), 0);
  const budgeted = shards.length > 0 && shards[0].budgetFen !== null;
  return {
    stock: s((x) => x.stock),
    remaining: s((x) => x.remaining),
    issued: s((x) => x.stock - x.remaining),
    redeemed: s((x) => x.redeemed),
    released: s((x) => x.released),
    budgetFen: budgeted ? s((x) => x.budgetFen ?? 0) : null,
    budgetRemainingFen: budgeted ? s((x) => x.budgetRemainingFen ?? 0) : null,
    reservedFen: s((x) => x.reservedFen),
    settledFen: s((x) => x.settledFen),
  };
}

/** The shard items a new template starts with: stock and budget spread as evenly as whole numbers allow. */
export function initialShards(templateId: string, stock: number, budgetFen: number | null, shards: number, status: StockShard['status']) {
  const stockParts = spreadOverShards(stock, shards);
  const budgetParts = budgetFen === null ? null : spreadOverShards(budgetFen, shards);
  return stockParts.map((units, n) => ({
    ...keys.couponStock(templateId, n),
    type: 'couponStock',
    templateId,
    shard: n,
    status,
    stock: units,
    remaining: units,
    budgetFen: budgetParts ? budgetParts[n] : null,
    budgetRemainingFen: budgetParts ? budgetParts[n] : null,
    reservedFen: 0,
    settledFen: 0,
    redeemed: 0,
    released: 0,
  }));
}

// ---- refusals ------------------------------------------------------------------------------------------------

export const notClaimable = (templateId: string, why: string) =>
  conflict(msg('该优惠券当前不可领取', 'This coupon cannot be claimed now'), ErrorCode.COUPON_NOT_CLAIMABLE, { templateId, why });
export const outOfStock = (templateId: string) => conflict(msg('优惠券已抢光', 'This coupon is all gone'), ErrorCode.COUPON_OUT_OF_STOCK, { templateId });
export const budgetExhausted = (templateId: string) => conflict(msg('优惠券预算已用完', 'This coupon’s budget is used up'), ErrorCode.COUPON_BUDGET_EXHAUSTED, { templateId });
export const memberLimit = (templateId: string, perMember: number, received: number) =>
  conflict(msg(`每位会员最多领取 ${perMember} 张`, `At most ${perMember} per member`), ErrorCode.COUPON_MEMBER_LIMIT, { templateId, perMember, received });
export const templateNotFound = (templateId: string) => notFound(msg(`优惠券 ${templateId} 不存在`, `No coupon template ${templateId}`));
const keyReused = () => conflict(msg('该请求编号已用于另一次领取', 'This idempotency key was already used for a different claim'), ErrorCode.IDEMPOTENCY_CONFLICT);
export const memberGone = (memberId: string) => notFound(msg(`会员 ${memberId} 不存在`, `No member ${memberId}`));
export const membershipEnded = () => notFound(msg('该会员已注销', 'This membership has ended'), ErrorCode.MEMBERSHIP_ENDED);

// ---- granting -------------------------------------------------------------------------------------------------

export interface GrantRequest {
  memberId: string;
  /** Templates and how many of each (a pack: several; a claim or a compensation: one). */
  lines: Array<{ templateId: string; count: number }>;
  /** 'centre': only templates claimable in the coupon centre; 'issue': any active template. */
  via: 'centre' | 'issue';
  source: { kind: GrantSource; ref: string | null };
  /** The idempotency record's key and what it was used for: the same request again answers the first result. */
  claimKey: string;
  request: string;
  /** What the caller commits with the grants (an audit entry, a case's cap), given the grants made. */
  extraWrites?: (grants: GrantItem[], templates: Map<string, GrantTemplate>) => GuardedWrite[];
  /** How the caller refuses an ended membership (a shopper's session: 401; staff: 404). */
  ended?: () => Error;
}

export interface GrantResult {
  grants: GrantItem[];
  templates: Map<string, GrantTemplate>;
  /** True when this answered an earlier request under the same key. */
  replayed: boolean;
}

type Snapshot = { found: Map<string, Item>; templates: Map<string, GrantTemplate> };

export async function grantCoupons(config: AppConfig, req: GrantRequest, stats?: { attempts: number }): Promise<GrantResult> {
  const t = config.tableName;
  const claimKey = keys.couponClaim(req.memberId, req.claimKey);
  const memberKey = keys.member(req.memberId);
  const ids = req.lines.map((l) => l.templateId);
  let templates: Map<string, GrantTemplate> | null = null;

  const firstResult = async (found?: ReadonlyMap<string, Item>): Promise<GrantResult | null> => {
    const record = couponClaim.parse((found ?? (await batchRead(t, [claimKey]))).get(itemKeyOf(claimKey)));
    if (!record) return null;
    if (record.request !== req.request) throw keyReused();
    const grantKeys = record.grantIds.map((g) => keys.couponGrant(req.memberId, g));
    const items = await batchRead(t, grantKeys);
    const grants = grantKeys.map((k) => couponGrant.parse(items.get(itemKeyOf(k)))!).filter(Boolean);
    return { grants, templates: templates ?? (await readTemplates(t, grants.map((g) => g.templateId))), replayed: true };
  };

  try {
    return await guardedChange<Snapshot, GrantResult>(
      'coupon-grant',
      async () => {
        if (!templates) {
          templates = await readTemplates(t, ids);
          for (const id of ids) if (!templates.has(id)) throw templateNotFound(id);
        }
        const countKeys = ids.map((id) => keys.couponCount(req.memberId, id));
        const shardKeys = [...templates.values()].flatMap((tp) => shardKeysOf(tp.templateId, tp.shards));
        return { found: await batchRead(t, [...shardKeys, ...countKeys, memberKey, claimKey]), templates };
      },
      async ({ found, templates: tps }) => {
        // The member first: a shopper's claim is its own session check (the shopper group's `sessionWithFirstRead`).
        const m = found.get(itemKeyOf(memberKey)) as MemberItem | undefined;
        if (!m) throw memberGone(req.memberId);
        if (m.status !== 'active') throw (req.ended ?? membershipEnded)();
        const earlier = await firstResult(found);
        if (earlier) return { writes: [], result: earlier };
        const now = nowIso();
        const writes: GuardedWrite[] = [];
        const grants: GrantItem[] = [];
        for (const line of req.lines) {
          const tp = tps.get(line.templateId)!;
          const levels = levelsOf(found, tp);
          const countItem = couponCount.parse(found.get(itemKeyOf(keys.couponCount(req.memberId, tp.templateId))));
          const received = countItem?.received ?? 0;
          const refusal = claimRefusal({
            template: { ...tp, status: levels[0].status },
            via: req.via,
            grantedTotal: 0, // stock is the shards' business, below
            grantedToMember: received + line.count - 1,
            atIso: now,
          });
          if (refusal === 'not-claimable' || refusal === 'validity-over') throw notClaimable(tp.templateId, refusal);
          if (refusal === 'member-limit') throw memberLimit(tp.templateId, tp.limits.perMember, received);
          const taken = takeFromShards(levels, line.count, tp.reserveFen, Math.random);
          if (taken === 'out-of-stock') throw outOfStock(tp.templateId);
          if (taken === 'budget-exhausted') throw budgetExhausted(tp.templateId);
          for (const { shard, units } of taken) {
            const reserve = units * tp.reserveFen;
            const budgeted = levels[shard].budgetRemainingFen !== null;
            writes.push({
              kind: 'guard',
              item: {
                Update: {
                  TableName: t,
                  Key: keys.couponStock(tp.templateId, shard),
                  UpdateExpression: budgeted
                    ? 'SET remaining = remaining - :n, budgetRemainingFen = budgetRemainingFen - :r, reservedFen = reservedFen + :r'
                    : 'SET remaining = remaining - :n',
                  ConditionExpression: `#status = :active AND remaining >= :n${budgeted ? ' AND budgetRemainingFen >= :r' : ''}`,
                  ExpressionAttributeNames: { '#status': 'status' },
                  ExpressionAttributeValues: { ':n': units, ':active': 'active', ...(budgeted ? { ':r': reserve } : {}) },
                },
              },
            });
            const { validFrom, validThrough } = validityOf(tp, now);
            for (let i = 0; i < units; i++) {
              const grantId = newGrantId(now);
              const g: GrantItem = {
                grantId,
                templateId: tp.templateId,
                memberId: req.memberId,
                receivedAt: now,
                validFrom,
                validThrough,
                status: 'available',
                shard,
                reservedFen: tp.reserveFen,
                source: req.source,
              };
              grants.push(g);
              writes.push({
                kind: 'plain',
                item: {
                  Put: {
                    TableName: t,
                    Item: { ...keys.couponGrant(req.memberId, grantId), ...keys.couponExpiryIndex(req.memberId, validThrough, grantId), type: 'couponGrant', ...g },
                    ConditionExpression: 'attribute_not_exists(PK)',
                  },
                },
              });
            }
          }
          writes.push({
            kind: 'guard',
            item: {
              Update: {
                TableName: t,
                Key: keys.couponCount(req.memberId, tp.templateId),
                UpdateExpression: 'SET #type = :type, memberId = :m, templateId = :tp, received = :after',
                ConditionExpression: countItem ? 'received = :seen' : 'attribute_not_exists(PK)',
                ExpressionAttributeNames: { '#type': 'type' },
                ExpressionAttributeValues: { ':type': 'couponCount', ':m': req.memberId, ':tp': tp.templateId, ':after': received + line.count, ...(countItem ? { ':seen': received } : {}) },
              },
            },
          });
        }
        writes.push({
          kind: 'once',
          tag: 'claim',
          item: {
            Put: {
              TableName: t,
              Item: { ...claimKey, type: 'couponClaim', memberId: req.memberId, request: req.request, grantIds: grants.map((g) => g.grantId), at: now, [TTL_ATTRIBUTE]: Math.floor(Date.parse(now) / 1000) + CLAIM_RECORD_DAYS * 86400 },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
        });
        writes.push({ kind: 'guard', item: walletUpdate(t, req.memberId, m, { add: grants }) });
        writes.push(...(req.extraWrites?.(grants, tps) ?? []));
        return { writes, result: { grants, templates: tps, replayed: false } };
      },
      stats,
    );
  } catch (err) {
    if (err instanceof AlreadyApplied && err.tag === 'claim') {
      const earlier = await firstResult();
      if (earlier) return earlier;
    }
    throw err;
  }
}

/**
 * The member item's side of a grant change: add grants to the wallet or take them out, conditioned on the membership
 * standing. A member without a wallet yet gets one whole (a path into a missing map fails in DynamoDB).
 */
export function walletUpdate(tableName: string, memberId: string, m: Pick<MemberItem, 'couponWallet'>, change: { add?: GrantItem[]; remove?: string[] }) {
  const names: Record<string, string> = { '#status': 'status', '#w': 'couponWallet' };
  const values: Record<string, unknown> = { ':active': 'active' };
  const add = change.add ?? [];
  const remove = change.remove ?? [];
  let update: string;
  let condition = '#status = :active';
  if (!m.couponWallet) {
    const whole = Object.fromEntries(add.map((g) => [g.grantId, walletEntryOf(g)]));
    values[':wallet'] = whole;
    update = 'SET #w = :wallet';
    condition += ' AND attribute_not_exists(#w)';
  } else {
    const sets = add.map((g, i) => {
      names[`#g${i}`] = g.grantId;
      values[`:g${i}`] = walletEntryOf(g);
      return `#w.#g${i} = :g${i}`;
    });
    const removes = remove.map((id, i) => {
      names[`#r${i}`] = id;
      return `#w.#r${i}`;
    });
    update = [sets.length ? `SET ${sets.join(', ')}` : '', removes.length ? `REMOVE ${removes.join(', ')}` : ''].filter(Boolean).join(' ');
    condition += ' AND attribute_exists(#w)';
  }
  return { Update: { TableName: tableName, Key: keys.member(memberId), UpdateExpression: update, ConditionExpression: condition, ExpressionAttributeNames: names, ExpressionAttributeValues: values } };
}

/**
 * How a grant that was never used ends (expired by the job, revoked by ops, forfeited by a deletion): the grant
 * leaves the expiry index and the wallet, and its budget reservation goes back to its shard. The grant's condition
 * (`status = available`) is the caller's to interpret: someone redeemed or ended it first.
 */
export function releaseGrantWrites(tableName: string, grant: GrantItem, end: { status: 'expired' | 'revoked'; at: string; by?: string; reason?: string }, shardBudgeted: boolean) {
  const set = end.status === 'expired' ? 'expiredAt = :at' : 'revokedAt = :at, revokedBy = :by, revokeReason = :why';
  const grantUpdate = {
    Update: {
      TableName: tableName,
      Key: keys.couponGrant(grant.memberId, grant.grantId),
      UpdateExpression: `SET #status = :end, ${set} REMOVE GSI2PK, GSI2SK`,
      ConditionExpression: '#status = :available',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':end': end.status, ':available': 'available', ':at': end.at, ...(end.status === 'revoked' ? { ':by': end.by ?? 'system', ':why': end.reason ?? '' } : {}) },
    },
  };
  const shardUpdate = {
    Update: {
      TableName: tableName,
      Key: keys.couponStock(grant.templateId, grant.shard),
      UpdateExpression: shardBudgeted ? 'SET budgetRemainingFen = budgetRemainingFen + :r, reservedFen = reservedFen - :r, released = released + :one' : 'SET released = released + :one',
      ExpressionAttributeValues: { ':one': 1, ...(shardBudgeted ? { ':r': grant.reservedFen } : {}) },
    },
  };
  return { grantUpdate, shardUpdate };
}
