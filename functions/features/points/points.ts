import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { ErrorCode } from '../../../shared/errors';
import { DEFAULT_SHOPPER_REASON, type pointsAdjustmentPreviewRequest, type pointsAdjustmentPreviewResponse, type pointsAdjustmentRequest, type pointsAdjustmentResponse } from '../../../shared/features/points/schemas';
import { compensationRoom, fitsCompensationCaps, planAdjustment, type AdjustmentPlan } from '../../../shared/rules/adjustment';
import { homeStoreOf } from '../../../shared/roles';
import { addBusinessDays, businessDayOf, businessMonthOf, lotExpiryDay } from '../../../shared/rules/business-time';
import { nextStreak, signInPoints } from '../../../shared/rules/earning';
import { settleDebt } from '../../../shared/rules/ledger';
import { mayReceiveNewMemberBenefit } from '../../../shared/rules/privacy';
import { progressToNext, rollingGrowthFen } from '../../../shared/rules/tiers';
import { tierByCode, type ChainSettings, type Tier } from '../../../shared/settings';
import { actorOf, auditPut } from '../../commons/audit';
import type { AppConfig } from '../../commons/config';
import { queryPage } from '../../commons/cursor';
import { ddb } from '../../commons/dynamodb';
import { badRequest, conflict, forbidden, msg, notFound } from '../../commons/errors';
import type { MemberPrincipal, StaffPrincipal } from '../../commons/http';
import { keys, TTL_ATTRIBUTE } from '../../commons/keys';
import { businessDay, nowIso } from '../../commons/clock';
import { getMember, queueInScope } from '../members/members';
import { storeWithinScope } from '../staff/stores';
import { getSettings } from '../settings/settings';
import { isRead, markAllRead, messageDelivery, readInbox, unreadOf } from './messages';
import { assertChainScoped, liabilityTotals } from './liability';
import { changePoints, IdempotentReplay, isMembershipEnded, loadPointsState, usableLots, type PlannedEntry, type PointsState } from './points-ledger';
import { compensationCase, compensationDay, idempotencyKey as idempotencyRecord, pointsMember } from './entities';
import { payloadHash, replayOf } from '../../commons/first-result';

/** The member's points page, the daily sign-in, tiers, the message centre, and staff adjustments. */
const tierView = (t: Tier) => ({ code: t.code, name: t.name, discountBasisPoints: t.discountBasisPoints, pointsPerYuan: t.pointsPerYuan, birthdayDoublePoints: t.birthdayDoublePoints });

export async function pointsSummary(config: AppConfig, principal: MemberPrincipal) {
  const [state, settings, pendingOut, inbox] = await Promise.all([
    loadPointsState(config.tableName, principal.memberId),
    getSettings(config.tableName),
    ddb().send(new QueryCommand({ TableName: config.tableName, KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)', ExpressionAttributeValues: { ':pk': keys.member(principal.memberId).PK, ':p': keys.pendingPrefix } })),
    readInbox(config.tableName, principal.memberId),
  ]);
  const lots = usableLots(state);
  const soonLimit = addBusinessDays(state.today, 30);
  const first = lots[0];
  const streak = nextStreak(state.member.lastSignInDay ?? null, state.member.signInStreak ?? 0, state.today);
  const cycle = settings.points.signInCycle;
  return {
    available: lots.reduce((n, l) => n + l.remaining, 0),
    pending: state.member.pointsPending ?? 0,
    debt: state.member.pointsDebt ?? 0,
    expiring: lots.slice(0, 6).map((l) => ({ expiryDay: l.expiryDay, points: l.remaining })),
    expiringSoon: first && first.expiryDay <= soonLimit ? { expiryDay: first.expiryDay, points: first.remaining } : null,
    pendingItems: (pendingOut.Items ?? []).map((p) => ({ points: p.points as number, availableOn: p.activationDay as string, ref: p.saleId as string })),
    signIn: {
      signedInToday: streak.alreadySignedIn,
      streak: streak.alreadySignedIn ? (state.member.signInStreak ?? 0) : streak.streak - 1,
      nextPoints: signInPoints(cycle, streak.alreadySignedIn ? (state.member.signInStreak ?? 0) + 1 : streak.streak),
      cycle,
    },
    unreadMessages: unreadOf(inbox),
  };
}

/** A page of one member's items under a prefix (ledger, messages); the cursor is bound to both. */
async function pageOfMember(config: AppConfig, memberId: string, prefix: string, q: { cursor?: string; limit: number }) {
  return queryPage(config, `member:${memberId}:${prefix}`, q.cursor, {
    TableName: config.tableName,
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
    ExpressionAttributeValues: { ':pk': keys.member(memberId).PK, ':p': prefix },
    ScanIndexForward: false,
    Limit: q.limit,
  });
}

/**
 * The receipt a ledger entry came from: a sale's entries carry `SALE#<storeId>-<receiptNo>` and the store, so the
 * receipt number is what follows the store (a store id may itself contain "-"). Other entries have none.
 */
export function receiptOfEntry(e: Record<string, unknown>): { storeId: string; receiptNo: string } | null {
  const { ref, storeId } = e;
  if (typeof ref !== 'string' || typeof storeId !== 'string') return null;
  const prefix = `SALE#${storeId}-`;
  return ref.startsWith(prefix) && ref.length > prefix.length ? { storeId, receiptNo: ref.slice(prefix.length) } : null;
}

export async function pointsHistory(config: AppConfig, principal: MemberPrincipal, q: { cursor?: string; limit: number }) {
  const page = await pageOfMember(config, principal.memberId, keys.ledgerPrefix, q);
  return {
    items: page.items.map((e) => ({ seq: e.seq, kind: e.kind, points: e.points, debt: e.debt ?? 0, balanceAfter: e.balanceAfter, at: e.at, reason: e.reason, ref: e.ref ?? null, receipt: receiptOfEntry(e) })),
    cursor: page.cursor,
  };
}

export async function messages(config: AppConfig, principal: MemberPrincipal, q: { cursor?: string; limit: number }) {
  const [page, inbox] = await Promise.all([pageOfMember(config, principal.memberId, keys.messagePrefix, q), readInbox(config.tableName, principal.memberId)]);
  return {
    items: page.items.map((m) => ({ messageId: m.messageId, at: m.at, kind: m.kind, title: m.title, body: m.body, read: isRead(m, inbox) })),
    cursor: page.cursor,
    unread: unreadOf(inbox),
  };
}

/** Marks every message delivered so far read (one update: a message arriving at the same moment stays unread); idempotent. */
export async function readAllMessages(config: AppConfig, principal: MemberPrincipal) {
  return { unread: unreadOf(await markAllRead(config.tableName, principal.memberId, nowIso())) };
}

/** Once per Shanghai day; a double tap or a retry finds the day already taken (the streak fields are the lock). */
export async function dailySignIn(config: AppConfig, principal: MemberPrincipal) {
  const settings = await getSettings(config.tableName);
  return changePoints(config, principal.memberId, (state) => {
    const streak = nextStreak(state.member.lastSignInDay ?? null, state.member.signInStreak ?? 0, state.today);
    const balanceNow = usableLots(state).reduce((n, l) => n + l.remaining, 0);
    if (streak.alreadySignedIn) {
      // A double tap or a retry answers as the first try did (what today's sign-in gave), marked as already done.
      const streakToday = state.member.signInStreak ?? 0;
      return { entries: [], lotChanges: [], result: { points: signInPoints(settings.points.signInCycle, streakToday), streak: streakToday, alreadySignedIn: true, balance: balanceNow } };
    }
    const points = signInPoints(settings.points.signInCycle, streak.streak);
    const { toDebt, toBalance } = settleDebt(state.member.pointsDebt ?? 0, points);
    const entries: PlannedEntry[] = points > 0 ? [{ kind: 'earn', points: toBalance, debt: -toDebt, reason: { zh: `每日签到，连续第 ${streak.streak} 天`, en: `daily sign-in, day ${streak.streak}` }, ref: `SIGNIN#${state.today}` }] : [];
    return {
      entries,
      lotChanges: toBalance > 0 ? [{ expiryDay: lotExpiryDay(state.now), points: toBalance }] : [],
      memberSet: { lastSignInDay: state.today, signInStreak: streak.streak },
      result: { points, streak: streak.streak, alreadySignedIn: false, balance: balanceNow + toBalance },
    };
  });
}

/**
 * The new-member welcome points (settings `points.welcomePoints`), from MemberJoined on the stream: once per member
 * (`welcomePointsAt` is the lock, guarded with the points like any change), and never to a member whose phone or
 * WeChat account had the new-member benefit under a deleted membership (rule 15.4). A redelivery is a no-op.
 */
export async function grantWelcomePoints(config: AppConfig, memberId: string, points: number): Promise<{ granted: number }> {
  // A membership deleted before the event arrived gets nothing (and the reaction must not fail forever on it).
  return changePoints(config, memberId, (state) => {
    if (points <= 0 || state.member.welcomePointsAt || !mayReceiveNewMemberBenefit(state.member)) return { entries: [], lotChanges: [], result: { granted: 0 } };
    const { toDebt, toBalance } = settleDebt(state.member.pointsDebt ?? 0, points);
    return {
      entries: [{ kind: 'earn', points: toBalance, debt: -toDebt, reason: { zh: '入会礼积分', en: 'welcome points for joining' }, ref: 'WELCOME' }],
      lotChanges: toBalance > 0 ? [{ expiryDay: lotExpiryDay(state.now), points: toBalance }] : [],
      memberSet: { welcomePointsAt: state.now },
      result: { granted: points },
    };
  }).catch((err: unknown) => {
    if (isMembershipEnded(err)) return { granted: 0 };
    throw err;
  });
}

/** The yearly review is on 1 January (Asia/Shanghai). */
export const nextReviewDay = (today: string) => `${Number(today.slice(0, 4)) + 1}-01-01`;

export function tierStatus(settings: ChainSettings, member: { tier: Tier['code']; spendByMonth?: Record<string, number>; tierApprovalPending?: string | null }, now: string) {
  const growthFen = rollingGrowthFen(member.spendByMonth ?? {}, businessMonthOf(now));
  const progress = progressToNext(settings, member.tier, growthFen);
  return {
    tier: tierView(tierByCode(settings, member.tier)),
    growthFen,
    next: progress.next
      ? { code: progress.next.code, name: progress.next.name, thresholdFen: progress.next.thresholdFen, missingFen: progress.missingFen, percent: progress.percent, needsApproval: progress.next.needsApproval }
      : null,
    approvalPending: (member.tierApprovalPending ?? null) as Tier['code'] | null,
    tiers: settings.tiers.map((t) => ({ ...tierView(t), thresholdFen: t.thresholdFen, needsApproval: t.needsApproval })),
    reviewOn: nextReviewDay(businessDayOf(now)),
  };
}

export async function myTier(config: AppConfig, principal: MemberPrincipal) {
  const [settings, found] = await Promise.all([getSettings(config.tableName), pointsMember.get(config.tableName, [principal.memberId])]);
  if (!found) throw notFound(msg('会员不存在', 'Member not found'));
  return tierStatus(settings, found, nowIso());
}

export async function pointsRules(config: AppConfig) {
  const settings = await getSettings(config.tableName);
  const p = settings.points;
  return {
    tiers: settings.tiers.map((t) => ({ ...tierView(t), thresholdFen: t.thresholdFen, needsApproval: t.needsApproval })),
    points: {
      pointsPerYuanDeduction: p.pointsPerYuanDeduction,
      deductionMinOrderFen: p.deductionMinOrderFen,
      deductionMaxShareBasisPoints: p.deductionMaxShareBasisPoints,
      signInCycle: p.signInCycle,
      welcomePoints: p.welcomePoints,
      reviewWithPhoto: p.reviewWithPhoto,
      inviteFriend: p.inviteFriend,
      returnWindowDays: p.returnWindowDays,
      expiryReminderDays: p.expiryReminderDays,
      excludedCategories: p.excludedCategories,
      holidays: p.holidays.map((h) => ({ name: h.name, from: h.from, to: h.to, multiplierPercent: h.multiplierPercent, flatBonus: h.flatBonus })),
    },
    expiryRule: {
      zh: '每月获得的积分在次年同月月底（北京时间）过期；使用积分时先用最早过期的积分。过期前7天会提醒您。',
      en: 'Points earned in a month expire at the end of the same month one year later (Beijing time); the earliest-expiring points are used first. You are reminded 7 days before.',
    },
  };
}

/**
 * Who may change a member's points: chain-scoped staff, or staff whose scope covers the member's home store
 * (join store, else first purchase store). Members are chain-wide for look-ups; changes are bounded.
 */
export async function assertMayChangeMember(tableName: string, staff: StaffPrincipal, member: { joinStoreId?: string | null; firstPurchaseStoreId?: string | null }) {
  if (staff.scope.level === 'chain') return;
  const home = homeStoreOf(member);
  if (!home || !(await storeWithinScope(tableName, staff.scope, home))) {
    throw forbidden(msg('该会员的归属门店不在您的管辖范围内', 'The member’s home store is outside your scope'), ErrorCode.OUT_OF_SCOPE);
  }
}

type AdjustmentInput = z.output<typeof pointsAdjustmentRequest>;
type AdjustmentResult = z.infer<typeof pointsAdjustmentResponse>;
type PreviewInput = z.output<typeof pointsAdjustmentPreviewRequest>;
type PreviewResult = z.infer<typeof pointsAdjustmentPreviewResponse>;

/** What makes two adjustment requests "the same" under one idempotency key: who asked, for whom, and the body. */
function adjustmentHash(staff: StaffPrincipal, memberId: string, input: AdjustmentInput): string {
  return payloadHash([staff.sub, memberId, input.points, input.note, input.shopperReason?.zh ?? null, input.shopperReason?.en ?? null, input.caseRef ?? null, input.allowDebt]);
}

/** What the shopper reads for an adjustment: their reason (English defaulting to Chinese), else the neutral one. */
const shopperTextOf = (input: Pick<PreviewInput, 'shopperReason'>) => (input.shopperReason ? { zh: input.shopperReason.zh, en: input.shopperReason.en ?? input.shopperReason.zh } : { ...DEFAULT_SHOPPER_REASON });

const deductionRefused = (plan: AdjustmentPlan, requested: number) =>
  conflict(
    msg(`会员可用积分 ${plan.balanceBefore}，不足以扣减 ${requested}；确认记为欠分请设置 allowDebt`, `The member has ${plan.balanceBefore} points, ${requested} asked; set allowDebt to record the rest as debt`),
    ErrorCode.INSUFFICIENT_POINTS,
    { available: plan.balanceBefore, debt: plan.debtBefore, requested },
  );

/**
 * The checks an adjustment and its preview share, before any state is read: customer service only grants,
 * always under a case reference. Returns whether the caller is capped (customer service's compensation).
 */
function assertAdjustmentAllowed(staff: StaffPrincipal, input: Pick<PreviewInput, 'points' | 'caseRef'>): { compensation: boolean } {
  const compensation = staff.role === 'service';
  if (compensation) {
    if (input.points < 0) throw forbidden(msg('客服只能补偿积分，不能扣减', 'Customer service may grant compensation points, not deduct'));
    if (!input.caseRef) {
      throw badRequest(ErrorCode.CASE_REF_REQUIRED, msg('客服补偿须填写工单号', 'A compensation needs its case reference'), [{ path: ['body', 'caseRef'], message: 'required for customer-service compensation' }]);
    }
  }
  return { compensation };
}

/** The adjustment as ledger changes, from the plan both the adjustment and its preview make (shared/rules/adjustment.ts). */
function adjustmentChanges(state: PointsState, plan: AdjustmentPlan, entry: Omit<PlannedEntry, 'kind' | 'points' | 'debt'>) {
  const lotChanges = [...plan.takes.map((t) => ({ expiryDay: t.expiryDay, points: -t.points })), ...(plan.toLot > 0 ? [{ expiryDay: lotExpiryDay(state.now), points: plan.toLot }] : [])];
  const entries: PlannedEntry[] = [{ kind: 'adjust', points: plan.entry.points, debt: plan.entry.debt, ...entry }];
  return { entries, lotChanges };
}

const planOf = (state: PointsState, input: Pick<PreviewInput, 'points' | 'allowDebt'>) => planAdjustment({ lots: state.lots, today: state.today, debt: state.member.pointsDebt ?? 0 }, input);

/**
 * Staff adjustments, audit-logged in the same transaction as the ledger change.
 * - Ops adjust either way, for members homed in their scope (chain-scoped ops: anyone).
 * - Customer service grants compensation only, to any member, under a case reference: the case binds to its
 *   first member, all grants of the case count together against `serviceCompensationCap`, and each account's
 *   grants per business day against `serviceDailyCap`. Both are conditional counters in the ledger
 *   transaction, so concurrent grants cannot pass a cap.
 * - The same idempotency key with the same body answers the first result; with another body, 409.
 * - A deduction beyond the available balance needs `allowDebt`.
 * - The ledger entry shows the shopper `shopperReason`; the internal `note` goes to the entry's `staffNote`
 *   (never in the shopper's history) and to the audit log.
 * The plan is `planAdjustment` (shared/rules/adjustment.ts), which `previewAdjustment` makes too.
 */
export async function adjustPoints(config: AppConfig, staff: StaffPrincipal, memberId: string, input: AdjustmentInput): Promise<AdjustmentResult> {
  const t = config.tableName;
  const settings = await getSettings(t);
  const { compensation } = assertAdjustmentAllowed(staff, input);
  const caseCap = settings.points.serviceCompensationCap;
  const dailyCap = settings.points.serviceDailyCap;
  if (compensation) {
    if (input.points > caseCap) {
      throw badRequest(ErrorCode.VALIDATION, msg(`客服补偿每个工单最多 ${caseCap} 积分`, `Compensation is capped at ${caseCap} points per case`), [{ path: ['body', 'points'], message: `at most ${caseCap}` }]);
    }
    if (input.points > dailyCap) {
      throw conflict(msg(`每个客服账号每天最多补偿 ${dailyCap} 积分`, `An account grants at most ${dailyCap} compensation points a day`), ErrorCode.COMPENSATION_DAILY_CAP, { dailyCap, grantedToday: null });
    }
  }
  const member = await getMember(t, memberId);
  if (!member) throw notFound(msg(`会员 ${memberId} 不存在`, `No member ${memberId}`));
  if (!compensation) await assertMayChangeMember(t, staff, member);

  const idempotencyKey = keys.idempotency('adjust', `${memberId}#${input.idempotencyKey}`);
  const hash = adjustmentHash(staff, memberId, input);
  const firstResult = async (): Promise<AdjustmentResult | undefined> => {
    const found = idempotencyRecord.parse((await ddb().send(new GetCommand({ TableName: t, Key: idempotencyKey, ConsistentRead: true }))).Item);
    return replayOf(found as { payloadHash: string; result: AdjustmentResult } | undefined, hash, () =>
      conflict(msg('该操作编号已用于另一笔调整', 'This idempotency key was already used for a different adjustment'), ErrorCode.IDEMPOTENCY_CONFLICT),
    );
  };
  const earlier = await firstResult();
  if (earlier) return earlier;

  const shopperReason = shopperTextOf(input);
  const day = businessDay();
  try {
    return await changePoints(config, memberId, (state) => {
      const plan = planOf(state, input);
      if (plan.needsDebtConfirmation) throw deductionRefused(plan, -input.points);
      const { entries, lotChanges } = adjustmentChanges(state, plan, { reason: shopperReason, ref: `ADJUST#${input.idempotencyKey}`, staffNote: input.note });
      const before = { available: plan.balanceBefore, debt: plan.debtBefore };
      const after = { available: plan.balanceAfter, debt: plan.debtAfter };
      const result: AdjustmentResult = { memberId, points: input.points, balance: after.available, debt: after.debt };
      const items: object[] = [
        // [0] once per key; [1] the audit entry; [2] the case counter; [3] the account's daily counter.
        { Put: { TableName: t, Item: { ...idempotencyKey, type: 'idempotency', at: state.now, by: staff.sub, payloadHash: hash, result }, ConditionExpression: 'attribute_not_exists(PK)' } },
        auditPut(t, actorOf(staff), 'points.adjust', `member:${memberId}`, before, {
          ...after,
          points: input.points,
          note: input.note,
          shopperReason,
          caseRef: input.caseRef ?? null,
          allowDebt: input.allowDebt,
          idempotencyKey: input.idempotencyKey,
        }),
      ];
      if (compensation) {
        items.push(
          {
            Update: {
              TableName: t,
              Key: keys.compensationCase(input.caseRef!),
              UpdateExpression: 'SET memberId = :m, #type = :case, lastAt = :now, firstAt = if_not_exists(firstAt, :now) ADD granted :n',
              ConditionExpression: '(attribute_not_exists(memberId) OR memberId = :m) AND (attribute_not_exists(granted) OR granted <= :room)',
              ExpressionAttributeNames: { '#type': 'type' },
              ExpressionAttributeValues: { ':m': memberId, ':case': 'compensationCase', ':now': state.now, ':n': input.points, ':room': caseCap - input.points },
            },
          },
          {
            Update: {
              TableName: t,
              Key: keys.compensationDay(staff.sub, day),
              UpdateExpression: 'SET #type = :comp, #ttl = :ttl ADD granted :n',
              ConditionExpression: 'attribute_not_exists(granted) OR granted <= :room',
              ExpressionAttributeNames: { '#type': 'type', '#ttl': TTL_ATTRIBUTE },
              ExpressionAttributeValues: { ':comp': 'compensationDay', ':ttl': Math.floor(Date.parse(state.now) / 1000) + 3 * 86400, ':n': input.points, ':room': dailyCap - input.points },
            },
          },
        );
      }
      return { entries, lotChanges, items, result };
    });
  } catch (err) {
    if (!(err instanceof IdempotentReplay)) throw err;
    if (err.itemIndex === 0) {
      // Raced by a request with the same key: the first result, or 409 if it carried another body.
      const first = await firstResult();
      if (first) return first;
    }
    if (err.itemIndex === 2) {
      const found = await compensationCase.get(t, [input.caseRef!], { consistent: true });
      if (found && found.memberId !== memberId) {
        throw conflict(msg(`工单 ${input.caseRef} 已用于另一位会员`, `Case ${input.caseRef} belongs to another member`), ErrorCode.CASE_OTHER_MEMBER);
      }
      const granted = found?.granted ?? 0;
      throw conflict(
        msg(`工单 ${input.caseRef} 已补偿 ${granted} 积分，每个工单最多 ${caseCap}`, `Case ${input.caseRef} has ${granted} points granted; at most ${caseCap} per case`),
        ErrorCode.COMPENSATION_CAP,
        { caseRef: input.caseRef, cap: caseCap, granted },
      );
    }
    if (err.itemIndex === 3) {
      const grantedToday = (await compensationDay.get(t, [staff.sub, day], { consistent: true }))?.granted ?? 0;
      throw conflict(
        msg(`今日已补偿 ${grantedToday} 积分，每个客服账号每天最多 ${dailyCap}`, `You granted ${grantedToday} compensation points today; at most ${dailyCap} a day`),
        ErrorCode.COMPENSATION_DAILY_CAP,
        { dailyCap, grantedToday },
      );
    }
    throw conflict(msg('该调整与另一请求冲突，请重试', 'The adjustment collided with another request; please retry'));
  }
}

/**
 * What `adjustPoints` would do with the same body for the same caller, writing nothing: the same checks (customer
 * service grants only, under a case reference; ops only for members homed in their scope), the same plan on the
 * member as they are now, and the compensation caps as they stand. A refusal that depends on the state is an
 * outcome, not an error: `needs-debt-confirmation` (a deduction beyond the balance without `allowDebt`; the
 * after-figures are what confirming gives), `over-cap` (the caps left are in `caps`). A case reference that
 * belongs to another member is a 400 on `body.caseRef` (the adjustment's 409 CASE_OTHER_MEMBER).
 */
export async function previewAdjustment(config: AppConfig, staff: StaffPrincipal, memberId: string, input: PreviewInput): Promise<PreviewResult> {
  const t = config.tableName;
  const { compensation } = assertAdjustmentAllowed(staff, input);
  const [settings, state, found, today] = await Promise.all([
    getSettings(t),
    loadPointsState(t, memberId),
    compensation ? compensationCase.get(t, [input.caseRef!], { consistent: true }) : undefined,
    compensation ? compensationDay.get(t, [staff.sub, businessDay()], { consistent: true }) : undefined,
  ]);
  if (!compensation) await assertMayChangeMember(t, staff, state.member);
  if (found && found.memberId !== memberId) {
    throw badRequest(ErrorCode.CASE_OTHER_MEMBER, msg(`工单 ${input.caseRef} 已用于另一位会员`, `Case ${input.caseRef} belongs to another member`), [{ path: ['body', 'caseRef'], message: 'bound to another member' }]);
  }
  const plan = planOf(state, input);
  const caps = compensation ? compensationRoom({ caseCap: settings.points.serviceCompensationCap, dailyCap: settings.points.serviceDailyCap, caseGranted: found?.granted ?? 0, grantedToday: today?.granted ?? 0 }) : null;
  return {
    memberId,
    points: input.points,
    balanceBefore: plan.balanceBefore,
    debtBefore: plan.debtBefore,
    balanceAfter: plan.balanceAfter,
    debtAfter: plan.debtAfter,
    shortBy: plan.shortBy,
    outcome: caps && !fitsCompensationCaps(input.points, caps) ? 'over-cap' : plan.needsDebtConfirmation ? 'needs-debt-confirmation' : 'ok',
    shopperText: shopperTextOf(input),
    caps,
  };
}

/** The top-tier approval queue; scoped ops see the members whose home store lies within their scope. */
export async function listTierApprovals(config: AppConfig, staff: StaffPrincipal) {
  const items = await queueInScope(config.tableName, staff.scope, keys.openTierApprovals(), (i) => [i.memberId as string]);
  return { items: items.map((i) => ({ memberId: i.memberId as string, tier: i.tier as Tier['code'], growthFen: i.growthFen as number, requestedAt: i.requestedAt as string })) };
}

/** Approving sets the tier at once; either way the request leaves the queue and the decision is audited. */
export async function decideTierApproval(config: AppConfig, staff: StaffPrincipal, memberId: string, decision: 'approve' | 'reject', note?: string) {
  const t = config.tableName;
  const [out, member] = await Promise.all([ddb().send(new GetCommand({ TableName: t, Key: keys.tierApproval(memberId), ConsistentRead: true })), getMember(t, memberId)]);
  if (!member) throw notFound(msg(`会员 ${memberId} 不存在`, `No member ${memberId}`));
  await assertMayChangeMember(t, staff, member);
  const request = out.Item;
  if (!request || request.status === 'decided') throw notFound(msg(`会员 ${memberId} 没有待审核的升级`, `No open tier approval for member ${memberId}`));
  const memberSet: Record<string, unknown> = decision === 'approve' ? { tier: request.tier, tierApproved: request.tier, tierApprovalPending: null, ...keys.tierReviewIndex(memberId, request.tier) } : { tierApprovalPending: null };
  const now = nowIso();
  const messageId = randomUUID();
  // The member reads the tier's display name ("钻石会员" / "Diamond"), never its code.
  const tierName = (await getSettings(t)).tiers.find((x) => x.code === request.tier)?.name ?? { zh: String(request.tier), en: String(request.tier) };
  try {
    // Through the member's guarded change, so a sale upgrading the member at the same moment can't be overwritten.
    // The decision's message is counted in the member's unread messages: the inbox count it read is a guard
    // (another message arriving meanwhile means plan again). The tier change an approval makes is not messaged
    // again by the tier-change reaction (TierChanged.byApproval).
    await changePoints(config, memberId, async () => {
      const [message, counted] = messageDelivery(t, {
        memberId,
        messageId,
        sortAt: now,
        at: now,
        kind: 'tier',
        title: decision === 'approve' ? { zh: '恭喜升级', en: 'Upgraded' } : { zh: '等级审核结果', en: 'Tier review' },
        body: decision === 'approve' ? { zh: `您的${tierName.zh}升级审核已通过，享受更多会员权益。`, en: `Your upgrade to ${tierName.en} was approved: enjoy more benefits.` } : { zh: `您的${tierName.zh}升级申请暂未通过`, en: `Your upgrade to ${tierName.en} was not approved this time` },
      }, await readInbox(t, memberId), { once: false });
      return {
        entries: [],
        lotChanges: [],
        memberSet,
        items: [
          { Update: { TableName: t, Key: keys.tierApproval(memberId), UpdateExpression: 'SET #s = :decided, decision = :d, decidedBy = :by REMOVE GSI1PK, GSI1SK', ConditionExpression: 'attribute_exists(GSI1PK)', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':decided': 'decided', ':d': decision, ':by': staff.sub } } },
          message,
          auditPut(t, actorOf(staff), `tier.${decision}`, `member:${memberId}`, { tier: request.tier, status: 'open' }, { decision, note: note ?? null }),
        ],
        guards: [counted],
        result: undefined,
      };
    });
  } catch (err) {
    // Decided meanwhile by someone else.
    if (err instanceof IdempotentReplay) throw notFound(msg(`会员 ${memberId} 没有待审核的升级`, `No open tier approval for member ${memberId}`));
    throw err;
  }
  return { memberId, tier: request.tier, growthFen: request.growthFen, requestedAt: request.requestedAt, decision };
}

/**
 * Finance's outstanding points. The liability counters are sharded by member, not by store, so the report is
 * chain-wide and for chain-scoped accounts only (the per-store report counts what moved at each store instead).
 */
export async function pointsLiability(config: AppConfig, staff: StaffPrincipal) {
  assertChainScoped(staff);
  const [settings, totals] = await Promise.all([getSettings(config.tableName), liabilityTotals(config.tableName)]);
  const perYuan = settings.points.pointsPerYuanDeduction;
  return {
    asOf: nowIso(),
    availablePoints: totals.available,
    pendingPoints: totals.pending,
    debtPoints: totals.debt,
    availableValueFen: Math.floor((totals.available * 100) / perYuan),
    pendingValueFen: Math.floor((totals.pending * 100) / perYuan),
    expiringNext30Days: null,
  };
}
