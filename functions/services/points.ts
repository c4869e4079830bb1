import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { ErrorCode } from '../../shared/errors';
import type { pointsAdjustmentRequest } from '../../shared/points';
import { addBusinessDays, businessDayOf, businessMonthOf, lotExpiryDay } from '../../shared/rules/business-time';
import { nextStreak, signInPoints } from '../../shared/rules/earning';
import { consumeFifo, settleDebt } from '../../shared/rules/ledger';
import { progressToNext, rollingGrowthFen } from '../../shared/rules/tiers';
import { tierByCode, type ChainSettings, type Tier } from '../../shared/settings';
import { actorOf, auditPut } from '../commons/audit';
import type { AppConfig } from '../commons/config';
import { queryPage } from '../commons/cursor';
import { ddb } from '../commons/dynamodb';
import { badRequest, forbidden, notFound } from '../commons/errors';
import type { MemberPrincipal, StaffPrincipal } from '../commons/http';
import { keys } from '../commons/keys';
import { nowIso } from '../commons/clock';
import { getSettings } from './settings';
import { changePoints, IdempotentReplay, loadPointsState, usableLots, type PlannedEntry } from './points-ledger';

/** The member's points page, the daily sign-in, tiers, the message centre, and staff adjustments. */
const tierView = (t: Tier) => ({ code: t.code, name: t.name, discountBasisPoints: t.discountBasisPoints, pointsPerYuan: t.pointsPerYuan, birthdayDoublePoints: t.birthdayDoublePoints });

export async function pointsSummary(config: AppConfig, principal: MemberPrincipal) {
  const [state, settings, pendingOut] = await Promise.all([
    loadPointsState(config.tableName, principal.memberId),
    getSettings(config.tableName),
    ddb().send(new QueryCommand({ TableName: config.tableName, KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)', ExpressionAttributeValues: { ':pk': keys.member(principal.memberId).PK, ':p': keys.pendingPrefix } })),
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

export async function pointsHistory(config: AppConfig, principal: MemberPrincipal, q: { cursor?: string; limit: number }) {
  const page = await pageOfMember(config, principal.memberId, keys.ledgerPrefix, q);
  return {
    items: page.items.map((e) => ({ seq: e.seq, kind: e.kind, points: e.points, debt: e.debt ?? 0, balanceAfter: e.balanceAfter, at: e.at, reason: e.reason, ref: e.ref ?? null })),
    cursor: page.cursor,
  };
}

export async function messages(config: AppConfig, principal: MemberPrincipal, q: { cursor?: string; limit: number }) {
  const page = await pageOfMember(config, principal.memberId, keys.messagePrefix, q);
  return { items: page.items.map((m) => ({ messageId: m.messageId, at: m.at, kind: m.kind, title: m.title, body: m.body, read: m.read ?? false })), cursor: page.cursor };
}

/** Once per Shanghai day; a double tap or a retry finds the day already taken (the streak fields are the lock). */
export async function dailySignIn(config: AppConfig, principal: MemberPrincipal) {
  const settings = await getSettings(config.tableName);
  return changePoints(config, principal.memberId, (state) => {
    const streak = nextStreak(state.member.lastSignInDay ?? null, state.member.signInStreak ?? 0, state.today);
    const balanceNow = usableLots(state).reduce((n, l) => n + l.remaining, 0);
    if (streak.alreadySignedIn) {
      return { entries: [], lotChanges: [], result: { points: 0, streak: state.member.signInStreak ?? 0, alreadySignedIn: true, balance: balanceNow } };
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
  const [settings, out] = await Promise.all([getSettings(config.tableName), ddb().send(new GetCommand({ TableName: config.tableName, Key: keys.member(principal.memberId) }))]);
  if (!out.Item) throw notFound('Member not found');
  return tierStatus(settings, out.Item as never, nowIso());
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
 * Staff adjustments, audit-logged in the same transaction. Ops adjust either way; customer service grants
 * compensation only, up to the cap per case. A deduction larger than the balance becomes debt.
 */
export async function adjustPoints(config: AppConfig, staff: StaffPrincipal, memberId: string, input: z.output<typeof pointsAdjustmentRequest>) {
  const settings = await getSettings(config.tableName);
  if (staff.role === 'service') {
    if (input.points < 0) throw forbidden('客服只能补偿积分，不能扣减 / Customer service may grant compensation points, not deduct');
    if (input.points > settings.points.serviceCompensationCap) {
      throw badRequest(ErrorCode.VALIDATION, `客服补偿每次最多 ${settings.points.serviceCompensationCap} 积分 / Compensation is capped at ${settings.points.serviceCompensationCap} points per case`, [{ path: ['body', 'points'], message: `at most ${settings.points.serviceCompensationCap}` }]);
    }
  }
  const t = config.tableName;
  try {
    return await changePoints(config, memberId, (state) => {
      const entries: PlannedEntry[] = [];
      const lotChanges: Array<{ expiryDay: string; points: number }> = [];
      const ref = `ADJUST#${input.idempotencyKey}`;
      const before = { available: usableLots(state).reduce((n, l) => n + l.remaining, 0), debt: state.member.pointsDebt ?? 0 };
      if (input.points > 0) {
        const { toDebt, toBalance } = settleDebt(before.debt, input.points);
        entries.push({ kind: 'adjust', points: toBalance, debt: -toDebt, reason: { zh: input.reason, en: input.reason }, ref });
        if (toBalance > 0) lotChanges.push({ expiryDay: lotExpiryDay(state.now), points: toBalance });
      } else {
        const { takes, shortfall } = consumeFifo(usableLots(state), -input.points, state.today);
        for (const take of takes) lotChanges.push({ expiryDay: take.expiryDay, points: -take.points });
        entries.push({ kind: 'adjust', points: input.points + shortfall, debt: shortfall, reason: { zh: input.reason, en: input.reason }, ref });
      }
      const after = { available: before.available + entries[0].points, debt: before.debt + (entries[0].debt ?? 0) };
      return {
        entries,
        lotChanges,
        items: [
          { Put: { TableName: t, Item: { ...keys.idempotency('adjust', `${memberId}#${input.idempotencyKey}`), type: 'idempotency', at: state.now, result: after }, ConditionExpression: 'attribute_not_exists(PK)' } },
          auditPut(t, actorOf(staff), 'points.adjust', `member:${memberId}`, before, { ...after, points: input.points, reason: input.reason }),
        ],
        result: { memberId, points: input.points, balance: after.available, debt: after.debt },
      };
    });
  } catch (err) {
    if (err instanceof IdempotentReplay) {
      const out = await ddb().send(new GetCommand({ TableName: t, Key: keys.idempotency('adjust', `${memberId}#${input.idempotencyKey}`) }));
      const r = out.Item?.result as { available: number; debt: number };
      return { memberId, points: input.points, balance: r.available, debt: r.debt };
    }
    throw err;
  }
}

export async function listTierApprovals(config: AppConfig) {
  const out = await ddb().send(new QueryCommand({ TableName: config.tableName, IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': keys.openTierApprovals() }, Limit: 100 }));
  return { items: (out.Items ?? []).map((i) => ({ memberId: i.memberId, tier: i.tier, growthFen: i.growthFen, requestedAt: i.requestedAt })) };
}

/** Approving sets the tier at once; either way the request leaves the queue and the decision is audited. */
export async function decideTierApproval(config: AppConfig, staff: StaffPrincipal, memberId: string, decision: 'approve' | 'reject', note?: string) {
  const t = config.tableName;
  const out = await ddb().send(new GetCommand({ TableName: t, Key: keys.tierApproval(memberId), ConsistentRead: true }));
  const request = out.Item;
  if (!request || request.status === 'decided') throw notFound(`No open tier approval for member ${memberId}`);
  const memberSet = decision === 'approve' ? { tier: request.tier, tierApproved: request.tier, tierApprovalPending: null, ...keys.tierReviewIndex(memberId, request.tier) } : { tierApprovalPending: null };
  const names = Object.keys(memberSet);
  await ddb().send(
    new TransactWriteCommand({
      TransactItems: [
        { Update: { TableName: t, Key: keys.tierApproval(memberId), UpdateExpression: 'SET #s = :decided, decision = :d, decidedBy = :by REMOVE GSI1PK, GSI1SK', ConditionExpression: 'attribute_exists(GSI1PK)', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':decided': 'decided', ':d': decision, ':by': staff.sub } } },
        { Update: { TableName: t, Key: keys.member(memberId), UpdateExpression: `SET ${names.map((n, i) => `#m${i} = :m${i}`).join(', ')}`, ExpressionAttributeNames: Object.fromEntries(names.map((n, i) => [`#m${i}`, n])), ExpressionAttributeValues: Object.fromEntries(names.map((n, i) => [`:m${i}`, (memberSet as Record<string, unknown>)[n]])) } },
        { Put: { TableName: t, Item: { ...keys.message(memberId, nowIso(), randomUUID()), type: 'message', messageId: randomUUID(), at: nowIso(), kind: 'tier', read: false, title: decision === 'approve' ? { zh: '恭喜升级', en: 'Upgraded' } : { zh: '等级审核结果', en: 'Tier review' }, body: decision === 'approve' ? { zh: `您已成为${request.tier === 'diamond' ? '钻石' : request.tier}会员`, en: `You are now a ${request.tier} member` } : { zh: '您的升级申请暂未通过', en: 'Your upgrade was not approved this time' } } } },
        auditPut(t, actorOf(staff), `tier.${decision}`, `member:${memberId}`, { tier: request.tier, status: 'open' }, { decision, note: note ?? null }),
      ] as never,
    }),
  );
  return { memberId, tier: request.tier, growthFen: request.growthFen, requestedAt: request.requestedAt, decision };
}

export async function pointsLiability(config: AppConfig) {
  const [settings, out] = await Promise.all([
    getSettings(config.tableName),
    ddb().send(new QueryCommand({ TableName: config.tableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.liabilityPartition() } })),
  ]);
  const sum = (f: string) => (out.Items ?? []).reduce((n, i) => n + ((i[f] as number) ?? 0), 0);
  const available = sum('availablePoints');
  const pending = sum('pendingPoints');
  const perYuan = settings.points.pointsPerYuanDeduction;
  return {
    asOf: nowIso(),
    availablePoints: available,
    pendingPoints: pending,
    debtPoints: sum('debtPoints'),
    availableValueFen: Math.floor((available * 100) / perYuan),
    pendingValueFen: Math.floor((pending * 100) / perYuan),
    expiringNext30Days: null,
  };
}
