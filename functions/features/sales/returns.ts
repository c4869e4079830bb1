import { ErrorCode } from '../../../shared/errors';
import type { z } from 'zod';
import { businessMonthOf, lotExpiryDay } from '../../../shared/rules/business-time';
import { mulDivFloor } from '../../../shared/rules/integers';
import { consumeFifo, pointsPaidBackForReturn, reversalForReturn } from '../../../shared/rules/ledger';
import type { returnRequest, returnResultSchema } from '../../../shared/features/sales/schemas';
import type { AppConfig } from '../../commons/config';
import { ddb } from '../../commons/dynamodb';
import { readTogether, type SessionGate } from '../../commons/first-read';
import { badRequest, conflict, forbidden, msg, notFound } from '../../commons/errors';
import { guardedChange } from '../../commons/guarded-change';
import { interleavePoint } from '../../commons/interleave';
import { firstResult, payloadHash, replayOf } from '../../commons/first-result';
import { keys } from '../../commons/keys';
import { nowIso } from '../../commons/clock';
import { changePoints, isMembershipEnded, usableLots, type PlannedEntry } from '../points/points-ledger';
import type { SaleItem, SalePoster } from './sales';
import { sale as saleEntity, saleReturn } from './entities';
import { partialReturnClawback } from '../../../shared/features/coupons/returns';
import { getSettings } from '../settings/settings';
import { planRestorations, restoreGrantWrites, walletEntriesOf } from '../coupons/redemption';

/**
 * Returns against a recorded sale, whole or some lines. The points the sale earned are reversed exactly (per
 * line, by the cumulative-floor rule, so several partial returns never take back more than the sale earned),
 * from its pending points first and then the balance; what the member has already spent becomes debt, never
 * a negative balance. Points the sale was paid with are given back. The sale carries a version, so two returns
 * racing on one sale can't both count the same goods.
 */
type ReturnInput = z.output<typeof returnRequest>;
type ReturnResult = z.infer<typeof returnResultSchema>;


export async function recordReturn(config: AppConfig, poster: SalePoster, input: ReturnInput): Promise<ReturnResult> {
  if (input.storeId !== poster.storeId) throw forbidden(msg('这台收银机属于其他门店', 'This register belongs to another store'));
  const t = config.tableName;
  const hash = payloadHash(input);
  const replay = async () => {
    const found = await saleReturn.get(t, [input.storeId, input.returnNo], { consistent: true });
    return replayOf(found, hash, () => conflict(msg(`退货单 ${input.returnNo} 已以不同内容登记`, `Return ${input.returnNo} was already recorded with different content`), ErrorCode.RECEIPT_CONFLICT));
  };
  // A retry racing the first try answers as the first try did, whatever this attempt ran into.
  return firstResult(replay, () => recordNewReturn(config, input, hash, poster.gate ?? null, poster.registerId));
}


const saleKeyOf = (input: ReturnInput) => keys.sale(input.original.storeId, input.original.receiptNo);
const saleNotFound = (input: ReturnInput) => notFound(msg(`门店 ${input.original.storeId} 没有小票 ${input.original.receiptNo}`, `No sale ${input.original.receiptNo} at ${input.original.storeId}`));

async function readSale(t: string, input: ReturnInput): Promise<SaleItem> {
  const sale = await saleEntity.get(t, [input.original.storeId, input.original.receiptNo], { consistent: true });
  if (!sale) throw saleNotFound(input);
  await interleavePoint('return:sale', { saleId: sale.saleId });
  return sale;
}

/**
 * One return, planned from the sale and the member as read, and written with conditions on both (the sale's
 * `returnsVersion`, the member's ledger lock, the pending item's points): a return, an activation or another
 * change landing in between makes it plan again from fresh state, so quantities are never counted twice.
 */
async function recordNewReturn(config: AppConfig, input: ReturnInput, hash: string, gate: SessionGate | null, registerId: string | null): Promise<ReturnResult> {
  const t = config.tableName;
  const returnId = `${input.storeId}-${input.returnNo}`;
  const returnPut = (sale: SaleItem, result: ReturnResult) => ({
    Put: { TableName: t, Item: { ...keys.saleReturn(input.storeId, input.returnNo), ...(sale.memberId ? keys.memberSalesIndex(sale.memberId, input.returnedAt, input.storeId, input.returnNo) : {}), type: 'return', returnId, payloadHash: hash, saleId: sale.saleId, recordedAt: nowIso(), result, storeId: input.storeId, registerId, returnedAt: input.returnedAt }, ConditionExpression: 'attribute_not_exists(PK)' },
  });
  const saleUpdate = (sale: SaleItem, plan: ReturnType<typeof planReturn>, extra: { pendingPoints: number; earnedToBalance: number }) => ({
    Update: {
      TableName: t,
      Key: keys.sale(sale.storeId, sale.receiptNo),
      UpdateExpression: 'SET #lines = :lines, returnedFen = :fen, pointsPaidBack = :back, pendingPoints = :pending, earnedToBalance = :toBalance, returnsVersion = :next' + (plan.coupons ? ', couponClawedBackFen = :clawed' : ''),
      ConditionExpression: 'returnsVersion = :v',
      ExpressionAttributeNames: { '#lines': 'lines' },
      ExpressionAttributeValues: { ':lines': plan.lines, ':fen': sale.returnedFen + plan.refundFen, ':back': sale.pointsPaidBack + plan.paidBack, ':pending': extra.pendingPoints, ':toBalance': extra.earnedToBalance, ':next': sale.returnsVersion + 1, ':v': sale.returnsVersion, ...(plan.coupons ? { ':clawed': plan.coupons.clawedBackAfterFen } : {}) },
    },
  });

  // The first read: the sale (which names the member, and never changes its member) with the cashier's session.
  // The first attempt plans on it; a later one reads it again after the member. Both are guarded (the member's
  // revision, the sale's returnsVersion), so a commit between the reads or after them makes the return plan again.
  const read = await readTogether(t, [saleKeyOf(input)], gate);
  const first = saleEntity.parse(read.get<SaleItem>(saleKeyOf(input)));
  if (!first) throw saleNotFound(input);
  await interleavePoint('return:sale', { saleId: first.saleId });
  let firstSale: SaleItem | undefined = first;
  const saleOfAttempt = async () => {
    const sale = firstSale ?? (await readSale(t, input));
    firstSale = undefined;
    return sale;
  };
  const deny = gate?.commitCheck() ?? null;
  const settings = first.coupons?.length ? await getSettings(t) : null;
  // Money only, no points: a sale without a member, or one whose membership was deleted since (its points were
  // forfeited with it, rule 15.3; the refund is the shopper's all the same).
  const withoutPoints = () =>
    guardedChange(
      'return',
      () => saleOfAttempt(),
      (sale) => {
        const plan = planReturn(sale, input);
        const result: ReturnResult = {
          returnId,
          memberId: null,
          refundFen: plan.refundFen - (plan.coupons?.clawbackFen ?? 0),
          points: { reversed: 0, fromPending: 0, fromBalance: 0, toDebt: 0, paidBack: 0, balance: null, debt: null },
          // A deleted membership's coupons were forfeited with it: nothing to give back.
          ...(plan.coupons ? { coupons: { clawbackFen: plan.coupons.clawbackFen, goodsFen: plan.refundFen, restored: [], notRestored: plan.whole ? sale.coupons!.map((c) => ({ grantId: c.grantId, reason: 'membership-ended' as const })) : [] } } : {}),
        };
        return {
          writes: [
            { kind: 'once', tag: 'return', item: returnPut(sale, result) },
            { kind: 'guard', item: saleUpdate(sale, plan, { pendingPoints: sale.pendingPoints, earnedToBalance: sale.earnedToBalance }) },
            ...(deny ? [{ kind: { deny: deny.deny }, item: deny.item }] : []),
          ],
          result,
        };
      },
    );
  if (!first.memberId) return withoutPoints();
  const memberId = first.memberId;
  return withPoints(memberId).catch((err) => {
    if (!isMembershipEnded(err)) throw err;
    firstSale = undefined; // read the sale again: it is guarded by its version as read
    return withoutPoints();
  });

  function withPoints(memberId: string) {
  return changePoints(config, memberId, async (state) => {
    const sale = await saleOfAttempt();
    const plan = planReturn(sale, input);
    const ref = `RETURN#${returnId}`;
    const entries: PlannedEntry[] = [];
    const lotChanges: Array<{ expiryDay: string; points: number }> = [];
    // Points the sale was paid with come back first, to the lots they came from (latest first); a lot
    // that has meanwhile expired gives them a fresh lot dated as if earned today.
    if (plan.paidBack > 0) {
      let left = plan.paidBack;
      for (const from of [...sale.spentFrom].reverse()) {
        if (left === 0) break;
        const n = Math.min(left, from.points);
        lotChanges.push({ expiryDay: from.expiryDay >= state.today ? from.expiryDay : lotExpiryDay(state.now), points: n });
        left -= n;
      }
      if (left > 0) lotChanges.push({ expiryDay: lotExpiryDay(state.now), points: left });
      entries.push({ kind: 'refund', points: plan.paidBack, reason: { zh: `退货退还抵现积分（${input.returnNo}）`, en: `points paid back for return ${input.returnNo}` }, ref, extra: { storeId: input.storeId } });
    }
    // Then the earned points are taken back: still-pending points first, then the balance, the rest as debt.
    const fromPending = Math.min(plan.reversed, sale.pendingPoints);
    const fromEarned = plan.reversed - fromPending;
    const paidBackLots = lotChanges.map((c) => ({ expiryDay: c.expiryDay, remaining: c.points }));
    const lotsNow = mergeLots([...usableLots(state), ...paidBackLots]);
    const { takes, shortfall } = consumeFifo(lotsNow, fromEarned, state.today);
    for (const take of takes) lotChanges.push({ expiryDay: take.expiryDay, points: -take.points });
    const fromBalance = fromEarned - shortfall;
    if (fromEarned > 0) entries.push({ kind: 'reverse', points: -fromBalance, debt: shortfall, reason: { zh: `退货扣回积分（小票 ${sale.receiptNo}）`, en: `return ${input.returnNo} of sale ${sale.receiptNo}` }, ref, extra: { storeId: input.storeId } });
    const guards: object[] = [saleUpdate(sale, plan, { pendingPoints: sale.pendingPoints - fromPending, earnedToBalance: sale.earnedToBalance - fromEarned })];
    if (fromPending > 0) {
      const left = sale.pendingPoints - fromPending;
      guards.push(
        left === 0
          ? { Delete: { TableName: t, Key: keys.pending(memberId, sale.saleId), ConditionExpression: 'points = :p', ExpressionAttributeValues: { ':p': sale.pendingPoints } } }
          : { Update: { TableName: t, Key: keys.pending(memberId, sale.saleId), UpdateExpression: 'SET points = :left', ConditionExpression: 'points = :p', ExpressionAttributeValues: { ':left': left, ':p': sale.pendingPoints } } },
      );
    }
    // A whole return gives the sale's coupons back (a setting), those still within their valid days.
    let restorations: Awaited<ReturnType<typeof planRestorations>> | null = null;
    if (plan.coupons && plan.whole) {
      restorations = await planRestorations(t, memberId, sale.coupons!, { storeId: sale.storeId, receiptNo: sale.receiptNo }, state.now, settings?.coupons.restoreOnWholeReturn ?? true);
      guards.push(...restoreGrantWrites(t, restorations.restored, { storeId: sale.storeId, receiptNo: sale.receiptNo }).map((w) => w.item));
    }
    const refundFen = plan.refundFen - (plan.coupons?.clawbackFen ?? 0);
    const month = businessMonthOf(sale.soldAt);
    const spendByMonth = { ...(state.member.spendByMonth ?? {}), [month]: (state.member.spendByMonth?.[month] ?? 0) - refundFen };
    const balanceAfter = entries.reduce((n, e) => n + e.points, availableNow(state));
    const result: ReturnResult = {
      returnId,
      memberId,
      refundFen,
      points: { reversed: plan.reversed, fromPending, fromBalance, toDebt: shortfall, paidBack: plan.paidBack, balance: balanceAfter, debt: (state.member.pointsDebt ?? 0) + shortfall },
      ...(plan.coupons
        ? { coupons: { clawbackFen: plan.coupons.clawbackFen, goodsFen: plan.refundFen, restored: restorations?.restored.map((r) => r.grant.grantId) ?? [], notRestored: restorations?.notRestored ?? [] } }
        : {}),
    };
    // The sale was read before the member on the first attempt: an activation landing between them leaves the
    // two disagreeing (pending points on the sale, none on the member), which the ledger's checks catch.
    const stillCurrent = async () => (await saleEntity.get(t, [input.original.storeId, input.original.receiptNo], { consistent: true }))?.returnsVersion === sale.returnsVersion;
    const wallet = restorations?.restored.length ? { wallet: { add: walletEntriesOf(restorations.restored) } } : {};
    return { entries, lotChanges, pendingDelta: -fromPending, memberSet: { spendByMonth }, items: [returnPut(sale, result)], guards, stillCurrent, result, ...wallet };
  }, { deny });
  }
}

function availableNow(state: { member: { pointsAvailable?: number }; lots: Array<{ expiryDay: string; remaining: number }>; today: string }) {
  return (state.member.pointsAvailable ?? 0) - state.lots.filter((l) => l.remaining > 0 && l.expiryDay < state.today).reduce((n, l) => n + l.remaining, 0);
}

function mergeLots(lots: Array<{ expiryDay: string; remaining: number }>) {
  const byDay = new Map<string, number>();
  for (const l of lots) byDay.set(l.expiryDay, (byDay.get(l.expiryDay) ?? 0) + l.remaining);
  return [...byDay].map(([expiryDay, remaining]) => ({ expiryDay, remaining })).sort((a, b) => a.expiryDay.localeCompare(b.expiryDay));
}

/** What this return gives back and takes back, from the sale's record of earlier returns. */
export function planReturn(sale: SaleItem, input: ReturnInput) {
  const requested = input.lines ?? sale.lines.map((l) => ({ lineNo: l.lineNo, qtyMilli: l.qtyMilli - l.returnedMilli }));
  // Each line once per return: a line named twice would be counted twice.
  const named = new Set<number>();
  requested.forEach((r, i) => {
    if (named.has(r.lineNo)) throw badRequest(ErrorCode.VALIDATION, msg(`退货单中第 ${r.lineNo} 行重复`, `Line ${r.lineNo} is named twice in this return`), [{ path: ['body', 'lines', i, 'lineNo'], message: 'line numbers must be unique' }]);
    named.add(r.lineNo);
  });
  const byLine = new Map(sale.lines.map((l) => [l.lineNo, l]));
  let reversed = 0;
  let refundFen = 0;
  const lines = sale.lines.map((l) => ({ ...l }));
  for (const [i, r] of requested.entries()) {
    const line = byLine.get(r.lineNo);
    if (!line) throw badRequest(ErrorCode.VALIDATION, msg(`原小票没有第 ${r.lineNo} 行`, `The sale has no line ${r.lineNo}`), [{ path: ['body', 'lines', i, 'lineNo'], message: 'not a line of the sale' }]);
    if (r.qtyMilli === 0) continue;
    const left = line.qtyMilli - line.returnedMilli;
    if (r.qtyMilli > left) throw conflict(msg(`第 ${r.lineNo} 行可退数量 ${left}，本次退 ${r.qtyMilli}`, `Line ${r.lineNo}: ${left} left to return, ${r.qtyMilli} asked`), ErrorCode.RETURN_EXCEEDS_SALE, { lineNo: r.lineNo, left });
    reversed += reversalForReturn({ linePoints: line.points, lineQtyMilli: line.qtyMilli, returnedBeforeMilli: line.returnedMilli, returningMilli: r.qtyMilli });
    // Exact (BigInt) even where net × quantity passes 2^53: a float here refunded a whole line 1 fen short.
    refundFen += mulDivFloor(line.netFen, line.returnedMilli + r.qtyMilli, line.qtyMilli) - mulDivFloor(line.netFen, line.returnedMilli, line.qtyMilli);
    lines.find((x) => x.lineNo === r.lineNo)!.returnedMilli += r.qtyMilli;
  }
  if (refundFen === 0 && requested.every((r) => r.qtyMilli === 0)) throw conflict(msg('这张小票已没有可退的商品', 'Nothing is left to return on this sale'), ErrorCode.RETURN_EXCEEDS_SALE);
  const paidBack = pointsPaidBackForReturn({ pointsPaid: sale.pointsPaid, saleNetFen: sale.netFen, returnedBeforeFen: sale.returnedFen, returningFen: refundFen });
  const whole = lines.every((l) => l.returnedMilli === l.qtyMilli);
  // Coupons: the kept goods may no longer meet a coupon's terms; then its discount on them comes out of the refund
  // (cumulative, so when everything is back the member has been refunded exactly what they paid).
  let coupons: { clawbackFen: number; clawedBackAfterFen: number } | null = null;
  if (sale.coupons?.length) {
    const c = partialReturnClawback({
      lines: sale.lines.map((l) => ({ lineNo: l.lineNo, qtyMilli: l.qtyMilli, afterTierFen: l.netFen + (l.couponFen ?? 0) })),
      redemptions: sale.coupons.map((x) => ({ benefit: x.benefit, minOrderFen: x.minOrderFen, allocation: x.allocation })),
      returnedBefore: Object.fromEntries(sale.lines.map((l) => [l.lineNo, l.returnedMilli])),
      returningNow: Object.fromEntries(requested.filter((r) => r.qtyMilli > 0).map((r) => [r.lineNo, r.qtyMilli])),
      clawedBackBeforeFen: sale.couponClawedBackFen ?? 0,
    });
    coupons = { clawbackFen: c.clawbackFen, clawedBackAfterFen: c.clawedBackAfterFen };
  }
  return { lines, reversed, refundFen, paidBack, whole, coupons };
}
