import { randomBytes } from 'node:crypto';
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type * as z from 'zod';
import { ErrorCode } from '../../../shared/errors';
import { verifyCouponCode } from '../../../shared/features/coupons/coupon-code';
import { applyCoupons, byValue, isStackable, quoteCoupons, type Combination, type NotApplied, type UsableCoupon } from '../../../shared/features/coupons/combination';
import { conflicts, eligibility, usabilityAt, type CouponCandidate, type CouponLine, type SaleContext } from '../../../shared/features/coupons/rules';
import type { CouponBenefit } from '../../../shared/features/coupons/schemas';
import type { CouponReason, couponCombinationView, couponNotAppliedView, createCouponHoldRequest } from '../../../shared/features/coupons/redemption-schemas';
import { businessDayOf } from '../../../shared/rules/business-time';
import { timeStepOf } from '../../../shared/rules/member-code';
import { nowIso, nowMs } from '../../commons/clock';
import type { AppConfig } from '../../commons/config';
import { memberCodePrf } from '../../commons/crypto';
import { ddb, isConditionFailure } from '../../commons/dynamodb';
import { badRequest, conflict, forbidden, msg, notFound } from '../../commons/errors';
import { batchRead, itemKeyOf, readTogether, type Item, type ItemsRead, type SessionGate } from '../../commons/first-read';
import { guardedChange, type GuardedWrite, type TransactItem } from '../../commons/guarded-change';
import { keys } from '../../commons/keys';
import { assertUnderLimitOf, countAttempt, rateWindowKey } from '../../commons/rate-limit';
import { checkPresentedCode, claimCodeForSpend, MEMBER_CODE_FAILURES, presenceRequired } from '../members/member-codes';
import { membershipEnded } from '../points/points-ledger';
import { couponGrant } from './entities';
import { readTemplates, walletEntryOf, type GrantItem, type GrantTemplate } from './grants';

/**
 * Redeeming coupons at the register (issue 10 §3; docs/ARCHITECTURE.md "Redeeming coupons"). The quote and the sale
 * (functions/features/sales/sales.ts) read the member's grants, their templates (designs cached) and, for coupons
 * paid from what is left of a budget, their shard; the rules decide (shared/features/coupons); the sale commits the
 * grants, their shards and the member's wallet in its own transaction. Holds live on the grant items and are judged
 * by their expiry instant alone (`heldUntil`), never by a TTL.
 */

/** A grant as the register reads it: with the hold it may carry. */
export type RegisterGrant = GrantItem & { holdId?: string; heldUntil?: string; holdStore?: string; holdRegister?: string; holdOrderRef?: string };

/** A coupon on a sale, kept on the sale item so a return can judge it without reading its template. */
export type SaleCoupon = {
  grantId: string;
  templateId: string;
  discountFen: number;
  allocation: Array<{ lineNo: number; discountFen: number }>;
  benefit: CouponBenefit;
  minOrderFen: number;
};

/** Member wallets hold a handful of coupons; a quote reads at most this many (soonest-expiring first). */
export const MAX_WALLET_READ = 90;

export interface CouponSnapshot {
  grants: Map<string, RegisterGrant>;
  templates: Map<string, GrantTemplate>;
  store: { storeId: string; region: string };
  /** What is left on a grant's shard, for coupons paid from the budget at redemption (reserve 0, budgeted). */
  budgetLeft: Map<string, number>;
}

const shardKey = (templateId: string, shard: number) => `${templateId}#${shard}`;
const budgeted = (tp: GrantTemplate) => tp.limits.budgetFen !== null;
/** Coupons whose value depends on the basket reserve nothing at claim: their discount comes from what is left. */
const paidFromBudget = (tp: GrantTemplate) => budgeted(tp) && tp.reserveFen === 0;

/** A hold still standing at `nowIsoValue` that is not `own`: decided by the instant, whatever DynamoDB's TTL did. */
export const heldByOther = (g: Pick<RegisterGrant, 'holdId' | 'heldUntil'>, now: string, own?: string) =>
  Boolean(g.holdId && g.heldUntil && g.heldUntil >= now && g.holdId !== own);

/** The member's grants named, their templates, the store, and the budget left where a coupon is paid from it. */
export async function readCouponSnapshot(tableName: string, memberId: string, grantIds: string[], storeId: string, firstRead?: ItemsRead): Promise<CouponSnapshot> {
  // No coupon to judge (a quote without presence): nothing to read.
  if (grantIds.length === 0) return { grants: new Map(), templates: new Map(), store: { storeId, region: '' }, budgetLeft: new Map() };
  const grantKeys = grantIds.map((g) => keys.couponGrant(memberId, g));
  // Read with the member in the request's first read (a sale), else now.
  const found: ItemsRead = firstRead ?? (await readTogether(tableName, [...grantKeys, keys.store(storeId)]));
  const grants = new Map<string, RegisterGrant>();
  for (const k of grantKeys) {
    const g = couponGrant.parse(found.get(k));
    if (g) grants.set(g.grantId, g as RegisterGrant);
  }
  const storeItem = found.get(keys.store(storeId));
  const templates = await readTemplates(tableName, [...grants.values()].map((g) => g.templateId));
  const shards = [...grants.values()].filter((g) => templates.has(g.templateId) && paidFromBudget(templates.get(g.templateId)!));
  const budgetLeft = new Map<string, number>();
  if (shards.length) {
    const read = await batchRead(tableName, shards.map((g) => keys.couponStock(g.templateId, g.shard)));
    for (const g of shards) budgetLeft.set(shardKey(g.templateId, g.shard), (read.get(itemKeyOf(keys.couponStock(g.templateId, g.shard)))?.budgetRemainingFen as number | null) ?? 0);
  }
  return { grants, templates, store: { storeId, region: (storeItem?.region as string | undefined) ?? '' }, budgetLeft };
}

type Refused = { grantId: string; templateId: string | null; reason: CouponReason; detail: Record<string, unknown> };

/** The grants as the rules' candidates; those missing or held by another order are refused here. */
export function candidatesOf(snap: CouponSnapshot, grantIds: string[], now: string, ownHold?: string): { candidates: CouponCandidate[]; refused: Refused[] } {
  const candidates: CouponCandidate[] = [];
  const refused: Refused[] = [];
  for (const id of grantIds) {
    const g = snap.grants.get(id);
    const template = g && snap.templates.get(g.templateId);
    if (!g || !template) {
      refused.push({ grantId: id, templateId: g?.templateId ?? null, reason: 'not-found', detail: {} });
      continue;
    }
    if (g.status === 'available' && heldByOther(g, now, ownHold)) {
      refused.push({ grantId: id, templateId: g.templateId, reason: 'held', detail: { heldUntil: g.heldUntil } });
      continue;
    }
    const budgetLeftFen = paidFromBudget(template) ? (snap.budgetLeft.get(shardKey(g.templateId, g.shard)) ?? 0) : null;
    candidates.push({
      grant: { grantId: g.grantId, templateId: g.templateId, memberId: g.memberId, receivedAt: g.receivedAt, validFrom: g.validFrom, validThrough: g.validThrough, status: g.status },
      template,
      budgetLeftFen,
    });
  }
  return { candidates, refused };
}

export const saleContextOf = (snap: CouponSnapshot, atIso: string): SaleContext => ({ storeId: snap.store.storeId, region: snap.store.region, atIso, otherBenefits: [] });

// ---- views ------------------------------------------------------------------------------------------------------

const nameOf = (templates: Map<string, GrantTemplate>, templateId: string | null) => (templateId && templates.get(templateId)?.name) || null;

export function combinationView(c: Pick<Combination, 'redemptions' | 'savingsFen'>, templates: Map<string, GrantTemplate>): z.infer<typeof couponCombinationView> {
  return {
    grantIds: c.redemptions.map((r) => r.grantId),
    savingsFen: c.savingsFen,
    redemptions: c.redemptions.map((r) => ({ grantId: r.grantId, templateId: r.templateId, name: nameOf(templates, r.templateId) ?? { zh: r.templateId, en: r.templateId }, discountFen: r.discountFen, allocation: r.allocation })),
  };
}

export function notAppliedView(n: NotApplied | Refused, templates: Map<string, GrantTemplate>): z.infer<typeof couponNotAppliedView> {
  const { grantId, templateId, reason } = n;
  const d = ('detail' in n ? n.detail : n) as Record<string, unknown>;
  return {
    grantId,
    templateId,
    name: nameOf(templates, templateId),
    reason: reason as CouponReason,
    ...(typeof d.missingFen === 'number' ? { missingFen: d.missingFen } : {}),
    ...(typeof d.with === 'string' ? { with: d.with } : {}),
    ...(typeof d.validFrom === 'string' ? { validFrom: d.validFrom } : {}),
    ...(typeof d.validThrough === 'string' ? { validThrough: d.validThrough } : {}),
    ...(typeof d.budgetLeftFen === 'number' ? { budgetLeftFen: d.budgetLeftFen } : {}),
    ...(typeof d.heldUntil === 'string' ? { heldUntil: d.heldUntil } : {}),
  };
}

/**
 * The quote's coupon section on the lines after the tier discount: usable coupons, the best combination, the
 * combination the totals use (the request's explicit choice, else the best), and a reason for every other coupon.
 */
export function quoteCouponSection(snap: CouponSnapshot, grantIds: string[], lines: CouponLine[], atIso: string, opts: { chosen?: string[]; ownHold?: string; shown: 'all' | 'codes' | 'none' }) {
  const { candidates, refused } = candidatesOf(snap, grantIds, atIso, opts.ownHold);
  const q = quoteCoupons(candidates, lines, saleContextOf(snap, atIso));
  let chosen: Pick<Combination, 'redemptions' | 'savingsFen'> = q.best;
  if (opts.chosen) {
    const byId = new Map(candidates.map((c) => [c.grant.grantId, c]));
    const picked: UsableCoupon[] = [];
    const usableNow = new Map(q.usable.map((u) => [u.grantId, u]));
    for (const id of opts.chosen) {
      const u = usableNow.get(id);
      if (!u) continue;
      const candidate = byId.get(id)!;
      const e = eligibility(candidate, lines, saleContextOf(snap, atIso));
      if (!e.ok) continue;
      const usable = { candidate, discountFen: e.discountFen, lineNos: e.lines.map((l) => l.lineNo) };
      // A chosen coupon that clashes with one chosen before it is left out (the quote's notApplied says why).
      if (picked.some((p) => conflicts(p.candidate.template.stacking, candidate.template.stacking))) continue;
      picked.push(usable);
    }
    const applied = applyCoupons(lines, picked.sort(byValue));
    chosen = { redemptions: applied.redemptions, savingsFen: applied.savingsFen };
  }
  return {
    section: {
      shown: opts.shown,
      usable: q.usable.map((u) => ({ ...u, name: nameOf(snap.templates, u.templateId)!, validThrough: snap.grants.get(u.grantId)!.validThrough })),
      best: combinationView(q.best, snap.templates),
      chosen: combinationView(chosen, snap.templates),
      notApplied: [...refused, ...q.notApplied].map((n) => notAppliedView(n, snap.templates)),
    },
    chosen,
  };
}

export const couponNotUsable = (grantId: string, reason: CouponReason, detail: Record<string, unknown> = {}) =>
  conflict(msg(`优惠券 ${grantId} 不可用于本单（${reasonZh[reason]}）`, `Coupon ${grantId} cannot be used on this sale (${reason})`), ErrorCode.COUPON_NOT_USABLE, { grantId, reason, ...detail });

const reasonZh: Record<CouponReason, string> = {
  'not-available': '已使用或已失效',
  'not-yet-valid': '未到使用日期',
  expired: '已过期',
  'wrong-store': '本店不可用',
  'not-stackable': '不可与其他优惠同享',
  'category-excluded': '商品不在适用范围',
  'below-minimum-order': '订单金额未达最低消费',
  'below-threshold': '未达使用门槛',
  'no-second-item': '未购满两件',
  'gift-not-in-basket': '兑换商品未在本单',
  'no-discount': '本单无可优惠金额',
  'budget-exhausted': '活动预算已用完',
  'no-extra-saving': '不再带来更多优惠',
  'not-searched': '超出可同时计算的张数',
  held: '已被其他订单锁定',
  'hold-expired': '锁券已过期或已释放',
  'not-found': '不是该会员的优惠券',
};

/**
 * What a sale redeems, judged at commit from the sale's own lines (never the register's amounts): every chosen
 * coupon must apply on its own and stack with the others; their discounts are then spread over the lines.
 */
export function redeemOnSale(snap: CouponSnapshot, grantIds: string[], lines: CouponLine[], atIso: string, ownHold?: string) {
  const { candidates, refused } = candidatesOf(snap, grantIds, atIso, ownHold);
  if (refused.length) throw couponNotUsable(refused[0].grantId, refused[0].reason, refused[0].detail);
  const ctx = saleContextOf(snap, atIso);
  const chosen: UsableCoupon[] = [];
  for (const c of candidates) {
    const e = eligibility(c, lines, ctx);
    if (!e.ok) {
      const { ok: _ok, reason, ...detail } = e;
      throw couponNotUsable(c.grant.grantId, reason, detail);
    }
    chosen.push({ candidate: c, discountFen: e.discountFen, lineNos: e.lines.map((l) => l.lineNo) });
  }
  if (!isStackable(chosen)) {
    const [a, b] = chosen.flatMap((x, i) => chosen.slice(i + 1).filter((y) => conflicts(x.candidate.template.stacking, y.candidate.template.stacking)).map((y) => [x, y]))[0];
    throw couponNotUsable(b.candidate.grant.grantId, 'not-stackable', { with: a.candidate.grant.grantId });
  }
  const applied = applyCoupons(lines, chosen);
  const coupons: SaleCoupon[] = applied.redemptions.map((r) => {
    const tp = snap.templates.get(r.templateId)!;
    return { ...r, benefit: tp.benefit, minOrderFen: tp.limits.minOrderFen };
  });
  return { coupons, discountFen: applied.savingsFen, lines: applied.lines };
}

// ---- writes ----------------------------------------------------------------------------------------------------

/** Shard updates merged per shard: a transaction may not touch one item twice (two coupons of a template, one shard). */
function mergedShardUpdates(tableName: string, parts: Array<{ tp: GrantTemplate; shard: number; reservedFen: number; actualFen: number }>, sign: 1 | -1) {
  const byShard = new Map<string, { tp: GrantTemplate; shard: number; reservedFen: number; actualFen: number; n: number }>();
  for (const p of parts) {
    const k = shardKey(p.tp.templateId, p.shard);
    const m = byShard.get(k) ?? { tp: p.tp, shard: p.shard, reservedFen: 0, actualFen: 0, n: 0 };
    m.reservedFen += p.reservedFen;
    m.actualFen += p.actualFen;
    m.n += 1;
    byShard.set(k, m);
  }
  return [...byShard.values()].map((m) => {
    const key = keys.couponStock(m.tp.templateId, m.shard);
    if (!budgeted(m.tp)) {
      // No budget: nothing reserved or settled (reconcile holds an unbudgeted shard to 0 for both), only counted.
      return { Update: { TableName: tableName, Key: key, UpdateExpression: 'SET redeemed = redeemed + :n', ConditionExpression: 'attribute_exists(PK)', ExpressionAttributeValues: { ':n': sign * m.n } } };
    }
    // Settling: reserved → settled, the rest of the reservation back to what is left (for a coupon that reserved
    // nothing, the discount comes out of what is left). Restoring is the reverse. Either way remaining +
    // reserved + settled stays the budget, and what is left may not go below 0.
    const backFen = sign * (m.reservedFen - m.actualFen);
    return {
      Update: {
        TableName: tableName,
        Key: key,
        UpdateExpression: 'SET reservedFen = reservedFen - :r, settledFen = settledFen + :a, budgetRemainingFen = budgetRemainingFen + :back, redeemed = redeemed + :n',
        ConditionExpression: backFen < 0 ? 'budgetRemainingFen >= :need' : 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':r': sign * m.reservedFen, ':a': sign * m.actualFen, ':back': backFen, ':n': sign * m.n, ...(backFen < 0 ? { ':need': -backFen } : {}) },
      },
    };
  });
}

/**
 * A sale's redemption: each grant available → redeemed (out of the expiry index, its hold gone), conditioned on
 * being available and not held by another order at the sale's instant; each shard settled. Guards: failing means
 * someone else redeemed, held, revoked or spent the budget first (the sale plans again and says why).
 */
export function settleGrantWrites(tableName: string, snap: CouponSnapshot, coupons: SaleCoupon[], sale: { storeId: string; receiptNo: string; now: string; holdId?: string }): GuardedWrite[] {
  const grantWrites: GuardedWrite[] = coupons.map((c) => {
    const g = snap.grants.get(c.grantId)!;
    return {
      kind: 'guard',
      item: {
        Update: {
          TableName: tableName,
          Key: keys.couponGrant(g.memberId, g.grantId),
          UpdateExpression: 'SET #status = :redeemed, redeemedAt = :now, redemption = :r REMOVE GSI2PK, GSI2SK, holdId, heldUntil, holdStore, holdRegister, holdOrderRef',
          ConditionExpression: `#status = :available AND (attribute_not_exists(heldUntil) OR heldUntil < :now${sale.holdId ? ' OR holdId = :hold' : ''})`,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':redeemed': 'redeemed', ':available': 'available', ':now': sale.now, ':r': { storeId: sale.storeId, receiptNo: sale.receiptNo, discountFen: c.discountFen }, ...(sale.holdId ? { ':hold': sale.holdId } : {}) },
        },
      } as TransactItem,
    };
  });
  const shardWrites = mergedShardUpdates(
    tableName,
    coupons.map((c) => {
      const g = snap.grants.get(c.grantId)!;
      return { tp: snap.templates.get(g.templateId)!, shard: g.shard, reservedFen: budgeted(snap.templates.get(g.templateId)!) ? g.reservedFen : 0, actualFen: c.discountFen };
    }),
    1,
  ).map((item): GuardedWrite => ({ kind: 'guard', item: item as TransactItem }));
  return [...grantWrites, ...shardWrites];
}

/**
 * A whole return's restorations: each redeemed grant back to available (and into the expiry index), conditioned on
 * it still being this sale's redemption; each shard un-settled, conditioned on the budget still covering the
 * reservation again. Restored grants go back into the member's wallet (the caller's member write).
 */
export function restoreGrantWrites(tableName: string, restored: Array<{ grant: RegisterGrant; template: GrantTemplate }>, sale: { storeId: string; receiptNo: string }): GuardedWrite[] {
  const grantWrites: GuardedWrite[] = restored.map(({ grant: g }) => ({
    kind: 'guard',
    item: {
      Update: {
        TableName: tableName,
        Key: keys.couponGrant(g.memberId, g.grantId),
        UpdateExpression: 'SET #status = :available, GSI2PK = :pk, GSI2SK = :sk, restoredAt = :now REMOVE redemption, redeemedAt',
        ConditionExpression: '#status = :redeemed AND redemption.storeId = :store AND redemption.receiptNo = :receipt',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: (() => {
          const idx = keys.couponExpiryIndex(g.memberId, g.validThrough, g.grantId);
          return { ':available': 'available', ':redeemed': 'redeemed', ':pk': idx.GSI2PK, ':sk': idx.GSI2SK, ':now': nowIso(), ':store': sale.storeId, ':receipt': sale.receiptNo };
        })(),
      },
    } as TransactItem,
  }));
  const shardWrites = mergedShardUpdates(
    tableName,
    restored.map(({ grant: g, template }) => ({ tp: template, shard: g.shard, reservedFen: budgeted(template) ? g.reservedFen : 0, actualFen: g.redemption?.discountFen ?? 0 })),
    -1,
  ).map((item): GuardedWrite => ({ kind: 'guard', item: item as TransactItem }));
  return [...grantWrites, ...shardWrites];
}

/**
 * Which of a sale's coupons a whole return gives back: those this sale redeemed, still within their valid days,
 * whose shard's budget can take the reservation back; the rest stay redeemed, each with why.
 */
export async function planRestorations(tableName: string, memberId: string, coupons: SaleCoupon[], sale: { storeId: string; receiptNo: string }, atIso: string, settingOn: boolean) {
  const restored: Array<{ grant: RegisterGrant; template: GrantTemplate }> = [];
  const notRestored: Array<{ grantId: string; reason: 'expired' | 'setting-off' | 'budget-exhausted' | 'not-redeemed' }> = [];
  if (!settingOn) return { restored, notRestored: coupons.map((c) => ({ grantId: c.grantId, reason: 'setting-off' as const })) };
  const found = await batchRead(tableName, coupons.map((c) => keys.couponGrant(memberId, c.grantId)));
  const grants = coupons.map((c) => couponGrant.parse(found.get(itemKeyOf(keys.couponGrant(memberId, c.grantId)))) as RegisterGrant | undefined);
  const templates = await readTemplates(tableName, coupons.map((c) => c.templateId));
  const shardsToRead = grants.filter((g): g is RegisterGrant => Boolean(g && templates.get(g.templateId) && budgeted(templates.get(g.templateId)!)));
  const shards = shardsToRead.length ? await batchRead(tableName, shardsToRead.map((g) => keys.couponStock(g.templateId, g.shard))) : new Map<string, Item>();
  const needByShard = new Map<string, number>();
  const day = businessDayOf(atIso);
  coupons.forEach((c, i) => {
    const g = grants[i];
    const tp = templates.get(c.templateId);
    if (!g || !tp || g.status !== 'redeemed' || g.redemption?.storeId !== sale.storeId || g.redemption.receiptNo !== sale.receiptNo) return notRestored.push({ grantId: c.grantId, reason: 'not-redeemed' });
    if (day > g.validThrough) return notRestored.push({ grantId: c.grantId, reason: 'expired' });
    if (budgeted(tp)) {
      const k = shardKey(g.templateId, g.shard);
      const need = (needByShard.get(k) ?? 0) + (g.reservedFen - g.redemption.discountFen);
      const left = (shards.get(itemKeyOf(keys.couponStock(g.templateId, g.shard)))?.budgetRemainingFen as number | undefined) ?? 0;
      if (need > left) return notRestored.push({ grantId: c.grantId, reason: 'budget-exhausted' });
      needByShard.set(k, need);
    }
    restored.push({ grant: g, template: tp });
  });
  return { restored, notRestored };
}

export const walletEntriesOf = (restored: Array<{ grant: RegisterGrant }>) => Object.fromEntries(restored.map(({ grant }) => [grant.grantId, walletEntryOf(grant)]));

// ---- presence by the coupon's own QR -------------------------------------------------------------------------

const couponCodeInvalid = (why: string) =>
  badRequest(ErrorCode.COUPON_CODE_INVALID, msg('优惠券二维码无效或已过期，请让顾客刷新后重新出示', 'The coupon QR is invalid or too old; ask the member to show it again'), [{ path: ['body', 'coupons', 'codes'], message: why }]);

/**
 * The coupons' own QR codes, judged at `atMs` (pure CPU: the MACs) before anything is read: each must be valid now
 * and all must name one member. The caller reads `windowKey` (the caller's wrong-code window, the limit every
 * route taking a code shares) with its first read and `settle`s: a full window refuses; a code that is no coupon
 * QR counts against the limit and is refused.
 */
export function checkCouponCodes(config: AppConfig, codes: string[], atMs: number, caller: string) {
  const prf = memberCodePrf(config.keys.memberCode);
  const grantIds = new Set<string>();
  let memberId: string | null = null;
  let why: string | null = null;
  let counts = false;
  for (const code of codes) {
    const v = verifyCouponCode(code, timeStepOf(atMs), prf);
    if (v.kind === 'invalid') {
      why = 'not a coupon code';
      counts = true;
      break;
    }
    if (v.kind === 'expired') why ??= 'expired';
    else if (memberId && v.memberId !== memberId) why ??= 'codes of different members';
    else {
      memberId = v.memberId;
      grantIds.add(v.grantId);
    }
  }
  if (!memberId && !why) why = 'no code';
  const windowKey = rateWindowKey(MEMBER_CODE_FAILURES, caller);
  return {
    /** The member the codes name when they are all valid now; null when they are refused (settle throws). */
    memberId: why ? null : memberId,
    grantIds,
    windowKey,
    settle: async (window: Record<string, unknown> | undefined): Promise<{ memberId: string; grantIds: Set<string> }> => {
      assertUnderLimitOf(MEMBER_CODE_FAILURES, window);
      if (counts) await countAttempt(config.tableName, MEMBER_CODE_FAILURES, caller);
      if (why) throw couponCodeInvalid(why);
      return { memberId: memberId!, grantIds };
    },
  };
}

/** The same, reading the caller's window by itself (a quote or a hold, whose first read comes after). */
export async function verifyCouponCodes(config: AppConfig, codes: string[], atMs: number, caller: string): Promise<{ memberId: string; grantIds: Set<string> }> {
  const check = checkCouponCodes(config, codes, atMs, caller);
  return check.settle((await readTogether(config.tableName, [check.windowKey])).get(check.windowKey));
}

// ---- holds ---------------------------------------------------------------------------------------------------------

export interface HoldPoster {
  storeId: string;
  registerId: string | null;
  caller: string;
  gate: SessionGate | null;
}

const newHoldId = (memberId: string) => `${memberId}-${BigInt('0x' + randomBytes(8).toString('hex')).toString(36).padStart(10, '0').slice(-10)}`;

/**
 * Holds the member's coupons for an unpaid order: each grant gets `holdId`, `heldUntil`, the store, register and
 * order, written on the grant with a condition on what was read. Another order can't hold or redeem them until
 * `heldUntil`; after it the hold is simply ignored. A retry for the same order at the same register answers the
 * hold it made while that stands. The member's presence: their code (spent once, as for a sale) or each coupon's QR.
 */
export async function createCouponHold(config: AppConfig, poster: HoldPoster, body: z.output<typeof createCouponHoldRequest>) {
  if (body.storeId !== poster.storeId) throw forbidden(msg('这台收银机属于其他门店', 'This register belongs to another store'));
  const t = config.tableName;
  let memberId: string;
  let codeClaim: ReturnType<typeof claimCodeForSpend> | null = null;
  if (body.member) {
    const check = checkPresentedCode(config, body.member.code, nowMs(), poster.caller);
    const memberKey = check.memberId ? keys.member(check.memberId) : null;
    const read = await readTogether(t, [check.windowKey, ...(memberKey ? [memberKey] : [])], poster.gate);
    const presented = await check.settle(read.get(check.windowKey));
    if (read.get(memberKey!)?.status !== 'active') throw membershipEnded(presented.memberId);
    memberId = presented.memberId;
    codeClaim = claimCodeForSpend(t, presented, `HOLD#${body.storeId}#${body.orderRef}`);
  } else {
    const v = await verifyCouponCodes(config, body.codes!, nowMs(), poster.caller);
    if (body.grantIds.some((g) => !v.grantIds.has(g))) throw presenceRequired();
    memberId = v.memberId;
    const m = (await readTogether(t, [keys.member(memberId)], poster.gate)).get(keys.member(memberId));
    if (m?.status !== 'active') throw membershipEnded(memberId);
  }
  const register = poster.registerId ?? '-';
  const holdId = newHoldId(memberId);
  return guardedChange(
    'coupon-hold',
    async () => {
      const found = await batchRead(t, body.grantIds.map((g) => keys.couponGrant(memberId, g)));
      return body.grantIds.map((id) => couponGrant.parse(found.get(itemKeyOf(keys.couponGrant(memberId, id)))) as RegisterGrant | undefined);
    },
    (grants) => {
      const now = nowIso();
      const heldUntil = new Date(Date.parse(now) + body.minutes * 60_000).toISOString();
      const ours = (g: RegisterGrant) => g.holdOrderRef === body.orderRef && g.holdStore === body.storeId && g.holdRegister === register;
      grants.forEach((g, i) => {
        if (!g) throw notFound(msg(`该会员没有优惠券 ${body.grantIds[i]}`, `The member has no coupon ${body.grantIds[i]}`));
        const u = usabilityAt(g, now);
        if (u !== 'ok') throw couponNotUsable(g.grantId, u, u === 'expired' ? { validThrough: g.validThrough } : u === 'not-yet-valid' ? { validFrom: g.validFrom } : {});
        if (heldByOther(g, now) && !ours(g)) throw couponNotUsable(g.grantId, 'held', { heldUntil: g.heldUntil });
      });
      const live = grants as RegisterGrant[];
      // A retry for the same order: the hold it made, while it stands.
      const same = live[0].holdId;
      if (same && live.every((g) => g.holdId === same && ours(g) && g.heldUntil! >= now)) return { writes: [], result: { holdId: same, heldUntil: live[0].heldUntil!, grantIds: body.grantIds } };
      const writes: GuardedWrite[] = live.map((g) => ({
        kind: 'guard',
        item: {
          Update: {
            TableName: t,
            Key: keys.couponGrant(memberId, g.grantId),
            UpdateExpression: 'SET holdId = :h, heldUntil = :until, holdStore = :store, holdRegister = :reg, holdOrderRef = :ref',
            ConditionExpression: `#status = :available AND ${g.holdId ? 'holdId = :seen' : 'attribute_not_exists(holdId)'}`,
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':h': holdId, ':until': heldUntil, ':store': body.storeId, ':reg': register, ':ref': body.orderRef, ':available': 'available', ...(g.holdId ? { ':seen': g.holdId } : {}) },
          },
        } as TransactItem,
      }));
      if (codeClaim) writes.push({ kind: { refuse: codeClaim.error }, item: codeClaim.item as TransactItem });
      const deny = poster.gate?.commitCheck();
      if (deny) writes.push({ kind: { deny: deny.deny }, item: deny.item as TransactItem });
      return { writes, result: { holdId, heldUntil, grantIds: body.grantIds } };
    },
  );
}

/** Releases a hold made at this store: its grants lose the hold (a grant redeemed or held anew meanwhile is left alone). */
export async function releaseCouponHold(config: AppConfig, poster: Pick<HoldPoster, 'storeId'>, holdId: string) {
  const t = config.tableName;
  const memberId = holdId.split('-')[0];
  const held: RegisterGrant[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await ddb().send(
      new QueryCommand({
        TableName: t,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :c)',
        FilterExpression: 'holdId = :h',
        ExpressionAttributeValues: { ':pk': keys.member(memberId).PK, ':c': 'COUPON#', ':h': holdId },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    held.push(...(out.Items ?? []).map((i) => i as RegisterGrant));
    start = out.LastEvaluatedKey;
  } while (start);
  const here = held.filter((g) => g.holdStore === poster.storeId);
  if (here.length === 0) throw notFound(msg('没有这个锁券记录（或已释放）', 'No such coupon hold (or it was released)'));
  let released = 0;
  for (const g of here) {
    try {
      await ddb().send(
        new UpdateCommand({
          TableName: t,
          Key: keys.couponGrant(memberId, g.grantId),
          UpdateExpression: 'REMOVE holdId, heldUntil, holdStore, holdRegister, holdOrderRef',
          ConditionExpression: 'holdId = :h',
          ExpressionAttributeValues: { ':h': holdId },
        }),
      );
      released++;
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
    }
  }
  return { holdId, released };
}

