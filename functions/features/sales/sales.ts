import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { z } from 'zod';
import { ErrorCode } from '../../../shared/errors';
import { addBusinessDays, businessDayOf, businessMonthOf, lotExpiryDay } from '../../../shared/rules/business-time';
import { allocateProportionally, earnPointsForSale } from '../../../shared/rules/earning';
import { consumeFifo, settleDebt } from '../../../shared/rules/ledger';
import { quoteBasket as quoteRule, validatePointsPayment } from '../../../shared/rules/checkout';
import { rollingGrowthFen, upgradeOnSale } from '../../../shared/rules/tiers';
import { lineNetFen, saleNetFen, type SaleRequest, type SaleResult, type quoteRequest, type saleMemberRefSchema } from '../../../shared/features/sales/schemas';
import { tierByCode, type ChainSettings, type TierCode } from '../../../shared/settings';
import type { AppConfig } from '../../commons/config';
import { cancellationReasons, ddb, transactWrite } from '../../commons/dynamodb';
import { readTogether, type ItemKey, type ItemsRead, type SessionGate } from '../../commons/first-read';
import { badRequest, conflict, forbidden, HttpError, msg, notFound } from '../../commons/errors';
import { keys } from '../../commons/keys';
import { nowIso, nowMs } from '../../commons/clock';
import { firstResult, payloadHash, replayOf } from '../../commons/first-result';
import { enrollByPayment, findMemberIdByPhone, phoneBlindIndex } from '../members/members';
import { checkPresentedCode, claimCodeForSpend, presenceRequired, type PresentedCode } from '../members/member-codes';
import { getSettings } from '../settings/settings';
import { changePoints, loadPointsState, pointsStateOf, staleLots, usableLots, type PlannedEntry, type PointsState } from '../points/points-ledger';
import { sale } from './entities';
import type { ItemOf } from '../../commons/entity';
import { interleavePoint } from '../../commons/interleave';
import type { CouponLine } from '../../../shared/features/coupons/rules';
import { couponNotUsable, heldByOther, quoteCouponSection, readCouponSnapshot, redeemOnSale, settleGrantWrites, checkCouponCodes, verifyCouponCodes, MAX_WALLET_READ, type SaleCoupon } from '../coupons/redemption';
import { parseWalletEntry } from '../coupons/grants';

/**
 * Sales from the register and the channels: idempotent per store and receipt number, earning by the sale's own
 * time (late sales up to the configured days), taking a points payment atomically with the earning.
 */
export interface SalePoster {
  storeId: string;
  registerId: string | null;
  channel: 'pos' | 'meituan' | 'douyin' | 'tmall';
  /** Rate-limit key for wrong member codes: the cashier (`staff:<username>`); absent for a register signing by itself. */
  caller?: string;
  /** The cashier's session, when the route reads it with its first read (see `readTogether`). */
  gate?: SessionGate | null;
}

/** What a return needs to know about the sale, stored with it (declared in ./entities.ts). */
export type SaleItem = ItemOf<typeof sale>;

const SIGN_IN_FUTURE_TOLERANCE_MS = 5 * 60_000;
/**
 * A sale that spends the member's balance must reach us within this long of its own time: presence is proven by
 * a code valid for a minute or two, so an offline register may send late sales that earn, not ones that spend
 * (a code seen at the till can't be replayed days later for a sale dated back to that minute).
 */
export const SPEND_LATE_MAX_MS = 15 * 60_000;


type MemberRef = z.infer<typeof saleMemberRefSchema>;
interface ResolvedMember {
  memberId: string;
  /** Present only when the member showed their code: the proof of presence that spending needs. */
  presented: PresentedCode | null;
  /** The member's points snapshot, from the request's first read. */
  state: PointsState;
  /** The first read, with the caller's extra keys (a sale's coupons) when asked for. */
  read?: ItemsRead;
}

/**
 * A member named by code, phone or member number, and the request's first read: the staff session (while not
 * checked yet), the member, and for a code the caller's wrong-code window, in one consistent read (a phone needs
 * its identity item first). Only a code proves the member is at the register, so only a code lets a sale spend
 * the member's balance; a phone or number may only earn. `receipt`: a sale's, read along when the code is
 * refused, so a retry whose code has aged meanwhile is answered as recorded without counting a wrong code.
 */
async function resolveMember(
  config: AppConfig,
  ref: MemberRef,
  atMs: number,
  caller: string,
  gate: SessionGate | null,
  opts: { needsPresence: boolean; receipt?: ItemKey; extra?: (memberId: string) => ItemKey[] },
): Promise<ResolvedMember | { recorded: SaleItem }> {
  const extra = (memberId: string) => opts.extra?.(memberId) ?? [];
  const t = config.tableName;
  if (!('code' in ref)) {
    if (opts.needsPresence) throw presenceRequired();
    let memberId: string | undefined;
    if ('memberId' in ref) memberId = ref.memberId;
    else {
      const phoneKey = keys.phoneIdentity(phoneBlindIndex(config, ref.phone));
      memberId = (await readTogether(t, [phoneKey], gate)).get(phoneKey)?.memberId as string | undefined;
      if (!memberId) throw notFound(msg('该手机号不是会员', 'No member has this phone number'), ErrorCode.NOT_A_MEMBER);
    }
    const read = await readTogether(t, [keys.member(memberId), ...extra(memberId)], gate);
    return { memberId, presented: null, state: await pointsStateOf(t, memberId, read.get(keys.member(memberId))), read };
  }
  const check = checkPresentedCode(config, ref.code, atMs, caller);
  const memberKey = check.memberId ? keys.member(check.memberId) : null;
  const read = await readTogether(t, [check.windowKey, ...(memberKey ? [memberKey, ...extra(check.memberId!)] : opts.receipt ? [opts.receipt] : [])], gate);
  const recorded = !memberKey && opts.receipt ? read.get<SaleItem>(opts.receipt) : undefined;
  if (recorded) return { recorded };
  const presented = await check.settle(read.get(check.windowKey));
  return { memberId: presented.memberId, presented, state: await pointsStateOf(t, presented.memberId, read.get(memberKey!)), read };
}

function assertSaleTime(settings: ChainSettings, soldAt: string) {
  const t = Date.parse(soldAt);
  if (t > nowMs() + SIGN_IN_FUTURE_TOLERANCE_MS) throw badRequest(ErrorCode.VALIDATION, msg('销售时间晚于当前时间', 'The sale is dated in the future'), [{ path: ['body', 'soldAt'], message: 'in the future' }]);
  const oldest = addBusinessDays(businessDayOf(nowIso()), -settings.lateSaleMaxDays);
  if (businessDayOf(soldAt) < oldest) {
    throw badRequest(ErrorCode.SALE_TOO_LATE, msg(`补录销售最多接受 ${settings.lateSaleMaxDays} 天内的`, `Sales are accepted up to ${settings.lateSaleMaxDays} days late`), [{ path: ['body', 'soldAt'], message: `before ${oldest}` }]);
  }
}

async function existingSale(tableName: string, storeId: string, receiptNo: string): Promise<SaleItem | undefined> {
  return sale.get(tableName, [storeId, receiptNo], { consistent: true });
}

const replay = (found: SaleItem, hash: string): SaleResult =>
  replayOf(found, hash, () => conflict(msg(`小票 ${found.receiptNo} 已以不同内容登记`, `Receipt ${found.receiptNo} was already recorded with different content`), ErrorCode.RECEIPT_CONFLICT))!;


/** Who is posting, for the wrong-member-code limit: the cashier, else the register signing by itself. */
export const codeCallerOf = (poster: SalePoster) => poster.caller ?? `register:${poster.storeId}:${poster.registerId ?? '-'}`;

/** Payments that spend the member's own balance: they need the member's presence. */
const spendsBalance = (sale: SaleRequest) => sale.payments.some((p) => p.method === 'points' || p.method === 'stored_value');

/** A sale's lines as coupons see them: what each costs after line and tier discounts (as rung up). */
const couponLinesOf = (lines: SaleRequest['lines']): CouponLine[] => lines.map((l) => ({ lineNo: l.lineNo, sku: l.sku, category: l.category, qtyMilli: l.qtyMilli, netFen: lineNetFen(l) }));

/** What a sale's coupons took off, per line and in all, as the sale records it. */
type SaleRedemption = { coupons: SaleCoupon[]; discountFen: number; lineCouponFen: Map<number, number> };

/**
 * Records a sale once per store and receipt. A retry (same receipt, same content) always gets the first
 * result, however it races with the first try: whatever this attempt runs into (insufficient points because
 * the first try spent them, a used member code, a lost race), the recorded sale is looked up first.
 */
export async function recordSale(config: AppConfig, poster: SalePoster, sale: SaleRequest): Promise<SaleResult> {
  if (sale.storeId !== poster.storeId) throw forbidden(msg('这台收银机属于其他门店', 'This register belongs to another store'));
  const t = config.tableName;
  const hash = payloadHash(sale);
  const recorded = async () => {
    const found = await existingSale(t, sale.storeId, sale.receiptNo);
    return found && replay(found, hash);
  };
  return firstResult(recorded, () => recordNewSale(config, poster, sale, hash));
}

async function recordNewSale(config: AppConfig, poster: SalePoster, sale: SaleRequest, hash: string): Promise<SaleResult> {
  const t = config.tableName;
  const settings = await getSettings(t);
  assertSaleTime(settings, sale.soldAt);
  const late = businessDayOf(sale.soldAt) < businessDayOf(nowIso());
  const netFen = saleNetFen(sale.lines);
  const saleId = `${sale.storeId}-${sale.receiptNo}`;
  const pointsPayment = sale.payments.filter((p) => p.method === 'points');
  const pointsUsed = pointsPayment.reduce((n, p) => n + (p.points ?? 0), 0);
  const pointsPaidFen = pointsPayment.reduce((n, p) => n + p.amountFen, 0);
  if (sale.payments.some((p) => p.method === 'stored_value')) {
    throw badRequest(ErrorCode.VALIDATION, msg('储值支付尚未开通', 'Stored-value payments are not available yet'), [{ path: ['body', 'payments'], message: 'stored_value is not accepted yet' }]);
  }

  const coupons = sale.coupons;
  if ((spendsBalance(sale) || coupons) && Date.parse(sale.soldAt) < nowMs() - SPEND_LATE_MAX_MS) {
    throw badRequest(ErrorCode.SPEND_TOO_LATE, msg('积分抵现须在结账时实时提交；离线补录的销售只能累积积分', 'A sale paid with points must be sent at checkout; sales sent late (offline) can earn, not spend'), [
      { path: ['body', 'soldAt'], message: `more than ${SPEND_LATE_MAX_MS / 60_000} minutes ago` },
    ]);
  }
  const gate = poster.gate ?? null;
  // Coupons need the member's presence: the member code (claimed once below), each coupon's own QR, or a hold
  // made for this order with either. A member number or phone only earns.
  let couponsMember: string | null = null;
  let codesCheck: ReturnType<typeof checkCouponCodes> | null = null;
  if (coupons && !(sale.member && 'code' in sale.member)) {
    if (coupons.codes?.length) {
      // Judged now; the caller's wrong-code window is read with the member (or alone, when the codes are refused).
      codesCheck = checkCouponCodes(config, coupons.codes, Date.parse(sale.soldAt), codeCallerOf(poster));
      if (!codesCheck.memberId) await codesCheck.settle((await readTogether(t, [codesCheck.windowKey], gate)).get(codesCheck.windowKey));
      if (coupons.grantIds.some((g) => !codesCheck!.grantIds.has(g))) throw presenceRequired();
      couponsMember = codesCheck.memberId;
    } else if (coupons.holdId) couponsMember = coupons.holdId.split('-')[0];
    else throw presenceRequired();
  }
  const memberRef: MemberRef | undefined = sale.member ?? (couponsMember ? { memberId: couponsMember } : undefined);
  // A sale's coupons are read with the member (the grants and the store), in the request's first read.
  const couponKeys = coupons ? (m: string) => [...coupons.grantIds.map((g) => keys.couponGrant(m, g)), keys.store(sale.storeId), ...(codesCheck ? [codesCheck.windowKey] : [])] : undefined;
  const found = memberRef ? await resolveMember(config, memberRef, Date.parse(sale.soldAt), codeCallerOf(poster), gate, { needsPresence: spendsBalance(sale), receipt: keys.sale(sale.storeId, sale.receiptNo), extra: couponKeys }) : null;
  if (found && 'recorded' in found) return replay(found.recorded, hash);
  const resolved = found;
  if (codesCheck && resolved?.read) await codesCheck.settle(resolved.read.get(codesCheck.windowKey));
  if (couponsMember && resolved && resolved.memberId !== couponsMember) {
    throw badRequest(ErrorCode.COUPON_CODE_INVALID, msg('优惠券不属于本单的会员', 'The coupons belong to another member'), [{ path: ['body', 'coupons'], message: 'another member’s coupons' }]);
  }
  let memberId = resolved?.memberId ?? null;
  let enrolled = false;
  const payer = sale.payments.find((p) => p.method === 'wechat' && p.payerOpenid && p.payerAuthorisedMembership);
  if (!memberId && payer) {
    // Enrolling writes a member: not for a receipt already recorded (a retry, or another sale under it).
    await readTogether(t, [], gate);
    const recorded = await existingSale(t, sale.storeId, sale.receiptNo);
    if (recorded) return replay(recorded, hash);
    const r = await enrollByPayment(config, payer.payerOpenid!, sale.storeId, poster.registerId);
    memberId = r.memberId;
    enrolled = r.created;
  }
  // The caller's right to act, checked again at commit (a cashier signed out meanwhile writes nothing).
  const deny = gate?.commitCheck() ?? null;

  const baseItem = (result: SaleResult, extra: Partial<SaleItem>, red?: SaleRedemption): SaleItem => ({
    saleId,
    storeId: sale.storeId,
    receiptNo: sale.receiptNo,
    payloadHash: hash,
    memberId,
    soldAt: sale.soldAt,
    netFen: netFen - (red?.discountFen ?? 0),
    lines: sale.lines.map((l) => ({ lineNo: l.lineNo, qtyMilli: l.qtyMilli, netFen: lineNetFen(l) - (red?.lineCouponFen.get(l.lineNo) ?? 0), points: 0, returnedMilli: 0, ...(red ? { couponFen: red.lineCouponFen.get(l.lineNo) ?? 0 } : {}) })),
    pointsPaid: pointsUsed,
    pointsPaidFen,
    spentFrom: [],
    pendingPoints: 0,
    earnedToBalance: 0,
    returnedFen: 0,
    pointsPaidBack: 0,
    returnsVersion: 0,
    result,
    memberBy: sale.member ? ('code' in sale.member ? 'code' : 'phone' in sale.member ? 'phone' : 'memberId') : null,
    lineDetails: sale.lines.map((l) => ({ lineNo: l.lineNo, sku: l.sku, ...(l.name !== undefined ? { name: l.name } : {}) })),
    ...(red ? { coupons: red.coupons, couponClawedBackFen: 0 } : {}),
    ...extra,
  });
  const salePut = (item: SaleItem) => ({
    Put: { TableName: t, Item: { ...keys.sale(item.storeId, item.receiptNo), ...(item.memberId ? keys.memberSalesIndex(item.memberId, item.soldAt, item.storeId, item.receiptNo) : {}), type: 'sale', channel: poster.channel, registerId: poster.registerId, recordedAt: nowIso(), ...item }, ConditionExpression: 'attribute_not_exists(PK)' },
  });

  if (!memberId) {
    const result: SaleResult = { saleId, receiptNo: sale.receiptNo, memberId: null, netFen, points: { earned: 0, pending: false, availableOn: null, spent: 0, balance: null }, tier: null, enrolled: false, late };
    await readTogether(t, [], gate); // the session, when nothing else was read
    try {
      await transactWrite([salePut(baseItem(result, {})), ...(deny ? [deny.item] : [])]);
    } catch (err) {
      if (deny && cancellationReasons(err)?.[1] === 'ConditionalCheckFailed') throw deny.deny();
      throw err;
    }
    return result;
  }
  const codeClaim = (pointsUsed > 0 || coupons) && resolved?.presented ? claimCodeForSpend(t, resolved.presented, saleId) : null;
  const paidFen = sale.payments.reduce((n, p) => n + p.amountFen, 0);
  const couponMember = memberId;
  // The first attempt plans on the coupons read with the member; a later one reads them again.
  let couponsFirstRead = resolved?.memberId === memberId ? resolved?.read : undefined;
  return changePoints(
    config,
    memberId,
    async (state) => {
      // The coupons, judged at commit from the sale's own lines and the grants as they are now (read each attempt;
      // each grant and shard is guarded in the transaction).
      let red: SaleRedemption | undefined;
      let couponWrites: object[] = [];
      if (coupons) {
        const snap = await readCouponSnapshot(t, couponMember, coupons.grantIds, sale.storeId, couponsFirstRead);
        couponsFirstRead = undefined;
        await interleavePoint('sale:coupons-read', { saleId });
        if (coupons.holdId && !resolved?.presented && !coupons.codes?.length) {
          // The hold is the member's presence: it must still stand, for these coupons, made at this store.
          for (const id of coupons.grantIds) {
            const g = snap.grants.get(id);
            if (g && g.status === 'available' && !(g.holdId === coupons.holdId && g.holdStore === sale.storeId && g.heldUntil! >= state.now)) {
              // Held for another order, or for this one at another store: held; else the hold has lapsed or was released.
              const heldElsewhere = heldByOther(g, state.now, coupons.holdId) || (g.holdId === coupons.holdId && g.heldUntil! >= state.now);
              throw heldElsewhere ? couponNotUsable(id, 'held', { heldUntil: g.heldUntil }) : couponNotUsable(id, 'hold-expired');
            }
          }
        }
        const r = redeemOnSale(snap, coupons.grantIds, couponLinesOf(sale.lines), sale.soldAt, coupons.holdId);
        const lineCouponFen = new Map<number, number>();
        r.coupons.forEach((c) => c.allocation.forEach((a) => lineCouponFen.set(a.lineNo, (lineCouponFen.get(a.lineNo) ?? 0) + a.discountFen)));
        red = { coupons: r.coupons, discountFen: r.discountFen, lineCouponFen };
        if (paidFen !== netFen - r.discountFen) {
          throw conflict(msg(`优惠券共优惠 ${r.discountFen / 100} 元，应收 ${(netFen - r.discountFen) / 100} 元，支付合计 ${paidFen / 100} 元`, `The coupons take off ${r.discountFen} fen: payments should add up to ${netFen - r.discountFen} fen, not ${paidFen}`), ErrorCode.COUPON_DISCOUNT_MISMATCH, { discountFen: r.discountFen, payableFen: netFen - r.discountFen, paidFen });
        }
        couponWrites = settleGrantWrites(t, snap, r.coupons, { storeId: sale.storeId, receiptNo: sale.receiptNo, now: state.now, holdId: coupons.holdId }).map((w) => w.item);
      }
      const p = planSale(state, { tableName: t, sale, settings, saleId, netFen: netFen - (red?.discountFen ?? 0), pointsUsed, pointsPaidFen, late, enrolled, baseItem: (result, extra) => baseItem(result, extra, red), salePut, red });
      return {
        ...p,
        ...(codeClaim ? { refusals: [codeClaim] } : {}),
        ...(red ? { guards: couponWrites, wallet: { remove: red.coupons.map((c) => c.grantId) } } : {}),
      };
    },
    { first: resolved?.state, deny },
  );
}

function planSale(
  state: PointsState,
  c: {
    tableName: string;
    sale: SaleRequest;
    settings: ChainSettings;
    saleId: string;
    netFen: number;
    pointsUsed: number;
    pointsPaidFen: number;
    late: boolean;
    enrolled: boolean;
    baseItem: (result: SaleResult, extra: Partial<SaleItem>) => SaleItem;
    salePut: (item: SaleItem) => object;
    red?: SaleRedemption;
  },
) {
  // What each line cost the member: after line, tier and coupon discounts (points earn on it, returns refund it).
  const netOf = (l: SaleRequest['lines'][number]) => lineNetFen(l) - (c.red?.lineCouponFen.get(l.lineNo) ?? 0);
  const { sale, settings, member } = { ...c, member: state.member };
  const tier = tierByCode(settings, member.tier);
  const entries: PlannedEntry[] = [];
  const lotChanges: Array<{ expiryDay: string; points: number }> = [];

  // 1. The points payment: checked against the rules, then taken earliest-expiring first.
  let spentFrom: Array<{ expiryDay: string; points: number }> = [];
  if (c.pointsUsed > 0) {
    const why = validatePointsPayment({ pointsUsed: c.pointsUsed, fenCovered: c.pointsPaidFen, afterTierFen: c.netFen, settings });
    if (why) throw badRequest(ErrorCode.INVALID_POINTS_PAYMENT, msg(`积分抵现不符合规则：${why}`, `The points payment breaks the rules: ${why}`), [{ path: ['body', 'payments'], message: why }]);
    const { takes, shortfall } = consumeFifo(usableLots(state), c.pointsUsed, state.today);
    if (shortfall > 0) {
      const balance = c.pointsUsed - shortfall;
      throw new HttpError(409, ErrorCode.INSUFFICIENT_POINTS, msg(`会员可用积分 ${balance}，本次需要 ${c.pointsUsed}`, `The member has ${balance} points, ${c.pointsUsed} were asked`), { balance, requested: c.pointsUsed });
    }
    spentFrom = takes;
    for (const take of takes) lotChanges.push({ expiryDay: take.expiryDay, points: -take.points });
    entries.push({ kind: 'spend', points: -c.pointsUsed, reason: { zh: `消费抵现（${sale.storeId} 小票 ${sale.receiptNo}）`, en: `paid at ${sale.storeId} (receipt ${sale.receiptNo})` }, ref: `SALE#${c.saleId}`, extra: { storeId: sale.storeId } });
  }

  // 2. Earning, by the sale's own time and the member's tier.
  const bonusDay = businessDayOf(sale.soldAt);
  const bonusEarnedToday = (member as { bonusDay?: string }).bonusDay === bonusDay ? ((member as { bonusToday?: number }).bonusToday ?? 0) : 0;
  const earning = earnPointsForSale(
    sale.lines.map((l) => ({ lineNo: l.lineNo, category: l.category, netFen: netOf(l) })),
    { tier, settings, soldAtIso: sale.soldAt, birthdayMonth: member.birthMonth ?? null, pointsPaidFen: c.pointsPaidFen, bonusEarnedToday },
  );
  const earned = earning.totalPoints;
  const activationDay = addBusinessDays(businessDayOf(sale.soldAt), settings.points.returnWindowDays);
  const pending = earned > 0 && activationDay > state.today;
  const expiryDay = lotExpiryDay(sale.soldAt);
  const items: object[] = [];
  let pendingDelta = 0;
  if (earned > 0 && pending) {
    pendingDelta = earned;
    items.push({
      Put: {
        TableName: c.tableName,
        Item: { ...keys.pending(member.memberId, c.saleId), ...keys.pendingActivationIndex(member.memberId, c.saleId, activationDay), type: 'pending', memberId: member.memberId, saleId: c.saleId, storeId: sale.storeId, receiptNo: sale.receiptNo, points: earned, activationDay, expiryDay, soldAt: sale.soldAt },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    });
  } else if (earned > 0) {
    const { toDebt, toBalance } = settleDebt(member.pointsDebt ?? 0, earned);
    if (toBalance > 0) lotChanges.push({ expiryDay, points: toBalance });
    entries.push({ kind: 'earn', points: toBalance, debt: -toDebt, reason: { zh: `消费得积分（${sale.storeId} 小票 ${sale.receiptNo}）${toDebt ? `，其中 ${toDebt} 抵扣欠分` : ''}`, en: `purchase at ${sale.storeId} (receipt ${sale.receiptNo})${toDebt ? `, ${toDebt} settled debt` : ''}` }, ref: `SALE#${c.saleId}`, extra: { storeId: sale.storeId } });
  }

  // 3. Growth and the upgrade it may bring at once.
  const month = businessMonthOf(sale.soldAt);
  const spendByMonth = { ...(member.spendByMonth ?? {}), [month]: (member.spendByMonth?.[month] ?? 0) + c.netFen };
  const growth = rollingGrowthFen(spendByMonth, businessMonthOf(state.now));
  const upgrade = upgradeOnSale({ current: member.tier, growthFen: growth, settings });
  const memberSet: Record<string, unknown> = { spendByMonth, lastPurchaseAt: sale.soldAt > ((member as { lastPurchaseAt?: string }).lastPurchaseAt ?? '') ? sale.soldAt : (member as { lastPurchaseAt?: string }).lastPurchaseAt };
  if (earning.bonusPoints > 0) Object.assign(memberSet, { bonusDay, bonusToday: bonusEarnedToday + earning.bonusPoints });
  // The home store of a member who did not join at a store (staff scope: docs/BUSINESS-RULES.md item 8).
  if (!member.firstPurchaseStoreId) memberSet.firstPurchaseStoreId = sale.storeId;
  if (upgrade.tier !== member.tier) {
    memberSet.tier = upgrade.tier;
    Object.assign(memberSet, keys.tierReviewIndex(member.memberId, upgrade.tier));
  }
  let approvalQueued: TierCode | null = null;
  if (upgrade.needsApproval && member.tierApprovalPending !== upgrade.needsApproval) {
    approvalQueued = upgrade.needsApproval;
    memberSet.tierApprovalPending = upgrade.needsApproval;
    items.push({
      Put: {
        TableName: c.tableName,
        Item: { ...keys.tierApproval(member.memberId), ...keys.openTierApprovalIndex(state.now), type: 'tier-approval', memberId: member.memberId, tier: upgrade.needsApproval, growthFen: growth, requestedAt: state.now },
      },
    });
  }

  const balance = (member.pointsAvailable ?? 0) - staleLots(state).reduce((n, l) => n + l.remaining, 0) + entries.reduce((n, e) => n + e.points, 0);
  const result: SaleResult = {
    saleId: c.saleId,
    receiptNo: sale.receiptNo,
    memberId: member.memberId,
    netFen: c.netFen,
    points: { earned, pending, availableOn: pending ? activationDay : null, spent: c.pointsUsed, balance },
    tier: { code: upgrade.tier, upgradedFrom: upgrade.tier !== member.tier ? member.tier : null, approvalQueued },
    enrolled: c.enrolled,
    late: c.late,
    ...(c.red ? { coupons: { discountFen: c.red.discountFen, redeemed: c.red.coupons.map((x) => ({ grantId: x.grantId, templateId: x.templateId, discountFen: x.discountFen })) } } : {}),
  };
  // What each line earned, flat bonus included, so a return of a line takes back its share.
  const linePoints = earning.lines.map((l) => l.points);
  const shares = earned === 0 ? linePoints.map(() => 0) : allocateProportionally(earned, linePoints.some((p) => p > 0) ? linePoints : sale.lines.map((l) => netOf(l)));
  const saleItem = c.baseItem(result, {
    memberId: member.memberId,
    lines: sale.lines.map((l, i) => ({ lineNo: l.lineNo, qtyMilli: l.qtyMilli, netFen: netOf(l), points: shares[i] ?? 0, returnedMilli: 0, ...(c.red ? { couponFen: c.red.lineCouponFen.get(l.lineNo) ?? 0 } : {}) })),
    spentFrom,
    pendingPoints: pending ? earned : 0,
    earnedToBalance: pending ? 0 : earned,
  });
  return { entries, lotChanges, pendingDelta, memberSet, items: [c.salePut(saleItem), ...items], result };
}

/**
 * What the member may use on a basket, in the order of benefits (docs/BUSINESS-RULES.md "Order of benefits"): the
 * tier discount; then coupons, their thresholds met on the eligible lines after it; then the points deduction, its
 * minimum met after coupons. The points balance, the deduction and the member's coupons are shown only when the
 * member presented their code (a number or phone may earn, not spend); coupons also when their own QR codes are given.
 */
export async function quoteBasket(config: AppConfig, poster: SalePoster, input: z.output<typeof quoteRequest>) {
  if (input.storeId !== poster.storeId) throw forbidden(msg('这台收银机属于其他门店', 'This register belongs to another store'));
  const t = config.tableName;
  const settings = await getSettings(t);
  const found = await resolveMember(config, input.member, nowMs(), codeCallerOf(poster), poster.gate ?? null, { needsPresence: false });
  if ('recorded' in found) throw new Error('a quote has no receipt');
  const { memberId, presented, state } = found;
  const now = state.now;
  const tier = tierByCode(settings, state.member.tier);
  const available = presented ? usableLots(state).reduce((n, l) => n + l.remaining, 0) : 0;

  // 1. The tier discount on the whole basket, spread over the lines by their amounts.
  const amounts = input.lines.map((l) => lineNetFen(l));
  const listTotalFen = saleNetFen(input.lines);
  const tierStep = quoteRule({ listTotalFen, tier, settings, availablePoints: 0 });
  const afterTier = allocateProportionally(tierStep.afterTierFen, amounts);
  const lines: CouponLine[] = input.lines.map((l, i) => ({ lineNo: l.lineNo, sku: l.sku, category: l.category, qtyMilli: l.qtyMilli, netFen: afterTier[i] }));

  // 2. Coupons: all the member's with their code; else those whose own QR was given (or held for this order).
  const asked = input.coupons;
  let shownIds: string[] = [];
  let shown: 'all' | 'codes' | 'none' = 'none';
  if (presented) {
    const wallet = ((state.member as { couponWallet?: Record<string, string> }).couponWallet ?? {}) as Record<string, string>;
    shownIds = Object.entries(wallet)
      .sort(([a, x], [b, y]) => parseWalletEntry(x).validThrough.localeCompare(parseWalletEntry(y).validThrough) || a.localeCompare(b))
      .slice(0, MAX_WALLET_READ)
      .map(([id]) => id);
    shown = 'all';
  } else if (asked?.codes?.length) {
    const v = await verifyCouponCodes(config, asked.codes, nowMs(), codeCallerOf(poster));
    if (v.memberId !== memberId) throw badRequest(ErrorCode.COUPON_CODE_INVALID, msg('优惠券不属于该会员', 'The coupons belong to another member'), [{ path: ['body', 'coupons', 'codes'], message: 'another member’s coupons' }]);
    shownIds = [...v.grantIds];
    shown = 'codes';
  }
  let heldIds: string[] = [];
  if (!presented && asked?.holdId && asked.grantIds?.length && asked.holdId.startsWith(`${memberId}-`)) {
    heldIds = asked.grantIds.filter((g) => !shownIds.includes(g));
    if (shown === 'none' && heldIds.length) shown = 'codes';
  }
  const snap = await readCouponSnapshot(t, memberId, [...shownIds, ...heldIds], input.storeId);
  // Coupons offered by a hold alone: only while it stands for them.
  const offered = [...shownIds, ...heldIds.filter((g) => snap.grants.get(g)?.holdId === asked?.holdId && (snap.grants.get(g)?.heldUntil ?? '') >= now)];
  const { section, chosen } = quoteCouponSection(snap, offered, lines, now, { chosen: asked?.grantIds, ownHold: asked?.holdId, shown });
  const couponOff = new Map<number, number>();
  chosen.redemptions.forEach((r) => r.allocation.forEach((a) => couponOff.set(a.lineNo, (couponOff.get(a.lineNo) ?? 0) + a.discountFen)));
  const afterCouponsFen = tierStep.afterTierFen - chosen.savingsFen;

  // 3. Points on what is left (the tier's discount already taken).
  const q = quoteRule({ listTotalFen: afterCouponsFen, tier: { ...tier, discountBasisPoints: 10_000 }, settings, availablePoints: available });
  const rules = [
    `${tier.name.zh}：${tier.discountBasisPoints === 10000 ? '无折扣' : `${tier.discountBasisPoints / 1000}折`}，每元${tier.pointsPerYuan}积分${tier.birthdayDoublePoints ? '，生日月双倍积分' : ''}`,
    `积分抵现：${settings.points.pointsPerYuanDeduction}积分=1元，满${settings.points.deductionMinOrderFen / 100}元可用（用券后计），最多抵${settings.points.deductionMaxShareBasisPoints / 100}%`,
  ];
  return {
    memberId,
    tier: { code: tier.code, name: tier.name, discountBasisPoints: tier.discountBasisPoints, pointsPerYuan: tier.pointsPerYuan, birthdayDoublePoints: tier.birthdayDoublePoints },
    listTotalFen,
    tierDiscountFen: tierStep.tierDiscountFen,
    afterTierFen: tierStep.afterTierFen,
    points: presented
      ? { available, deductiblePoints: q.deductible.points, deductibleFen: q.deductible.fen, reason: q.deductible.reason }
      : { available: null, deductiblePoints: 0, deductibleFen: 0, reason: 'code-required' as const },
    payableFen: presented ? q.payableFen : afterCouponsFen,
    rules,
    coupons: section,
    couponDiscountFen: chosen.savingsFen,
    afterCouponsFen,
    lines: lines.map((l) => ({ lineNo: l.lineNo, afterTierFen: l.netFen, couponDiscountFen: couponOff.get(l.lineNo) ?? 0, netFen: l.netFen - (couponOff.get(l.lineNo) ?? 0) })),
  };
}
