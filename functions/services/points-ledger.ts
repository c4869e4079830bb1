import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ErrorCode } from '../../shared/errors';
import type { LedgerEntry } from '../../shared/points';
import { businessDayOf } from '../../shared/rules/business-time';
import type { Lot } from '../../shared/rules/ledger';
import type { AppConfig } from '../commons/config';
import { cancellationReasons } from '../commons/dynamodb';
import { ddb } from '../commons/dynamodb';
import { conflict, notFound } from '../commons/errors';
import { keys, shardOf } from '../commons/keys';
import { logger } from '../commons/logger';
import { nowIso } from '../commons/clock';
import type { MemberItem } from './members';

/**
 * The points ledger. Every change to a member's points is one TransactWriteItems that:
 *   - checks and bumps the member's `ledgerSeq` (optimistic lock: concurrent changes to one member serialise,
 *     so nothing is spent twice);
 *   - appends ledger entries (LEDGER#<seq>), never rewriting old ones;
 *   - rewrites the lots it touches (LOT#<expiry day>; a lot at 0 is deleted, so open lots are what remains);
 *   - carries the caller's own items (the sale, the return, an idempotency key, an audit entry), each with
 *     its own condition, so a retried request can't apply twice.
 * Invariant after every change: pointsAvailable = Σ entries.points = Σ open lots' remaining, and
 * pointsDebt = Σ entries.debt. Lots past their last usable day are expired inline by any change (and by the
 * nightly job), so a spend never uses an expired lot.
 */
export interface PointsMember extends MemberItem {
  ledgerSeq?: number;
  pointsDebt?: number;
  spendByMonth?: Record<string, number>;
  lastSignInDay?: string;
  signInStreak?: number;
  birthday?: string;
  tierApprovalPending?: string | null;
}

export interface PointsState {
  member: PointsMember;
  lots: Lot[];
  today: string;
  now: string;
}

export interface PlannedEntry {
  kind: LedgerEntry['kind'];
  points: number;
  debt?: number;
  reason: { zh: string; en: string };
  ref?: string | null;
  /** Staff-only note kept on the entry (never in the shopper's history, which shows `reason`). */
  staffNote?: string;
}

export interface LedgerPlan<R> {
  entries: PlannedEntry[];
  /** Points added to (positive) or taken from (negative) lots, by expiry day. */
  lotChanges: Array<{ expiryDay: string; points: number }>;
  pendingDelta?: number;
  /** Other member attributes to set (tier, spend by month, sign-in streak…). */
  memberSet?: Record<string, unknown>;
  /** Member attributes to remove (e.g. a sparse index key when the member leaves a job's index). */
  memberRemove?: string[];
  /** The caller's own items, in the same transaction. */
  items?: object[];
  result: R;
}

export const LIABILITY_SHARDS = 32;
const MAX_ATTEMPTS = 20;

export class IdempotentReplay extends Error {
  constructor(readonly itemIndex: number) {
    super('already applied');
  }
}

export async function loadPointsState(tableName: string, memberId: string): Promise<PointsState> {
  const [memberOut, lotsOut] = await Promise.all([
    ddb().send(new GetCommand({ TableName: tableName, Key: keys.member(memberId), ConsistentRead: true })),
    ddb().send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :lot)',
        ExpressionAttributeValues: { ':pk': keys.member(memberId).PK, ':lot': keys.lotPrefix },
        ConsistentRead: true,
      }),
    ),
  ]);
  if (!memberOut.Item) throw notFound(`No member ${memberId}`);
  const now = nowIso();
  return {
    member: memberOut.Item as PointsMember,
    lots: (lotsOut.Items ?? []).map((l) => ({ expiryDay: l.expiryDay as string, remaining: l.remaining as number })),
    today: businessDayOf(now),
    now,
  };
}

/** Lots whose last usable day is before today still holding points: expired by whichever change comes first. */
export function staleLots(state: Pick<PointsState, 'lots' | 'today'>): Lot[] {
  return state.lots.filter((l) => l.remaining > 0 && l.expiryDay < state.today).sort((a, b) => a.expiryDay.localeCompare(b.expiryDay));
}

const backoff = (attempt: number) => new Promise((r) => setTimeout(r, Math.min(200, 5 * 2 ** attempt) * (0.5 + Math.random())));

/**
 * Applies one change to a member's points. `plan` sees the member and lots as they are and says what to
 * do; if another change lands first, the state is re-read and `plan` runs again. Returns the plan's result.
 */
export async function changePoints<R>(
  config: AppConfig,
  memberId: string,
  plan: (state: PointsState) => LedgerPlan<R> | Promise<LedgerPlan<R>>,
): Promise<R> {
  const t = config.tableName;
  for (let attempt = 0; ; attempt++) {
    const state = await loadPointsState(t, memberId);
    const p = await plan(state);
    const expired = staleLots(state);
    const entries: PlannedEntry[] = [
      ...expired.map((l) => ({ kind: 'expire' as const, points: -l.remaining, reason: { zh: `积分过期（最后可用日 ${l.expiryDay}）`, en: `expired (last usable day ${l.expiryDay})` }, ref: `LOT#${l.expiryDay}` })),
      ...p.entries,
    ];
    const lotChanges = [...expired.map((l) => ({ expiryDay: l.expiryDay, points: -l.remaining })), ...p.lotChanges];
    if (entries.length === 0 && !p.memberSet && !p.memberRemove?.length && !p.items?.length && !p.pendingDelta) return p.result;

    const lots = new Map(state.lots.map((l) => [l.expiryDay, l.remaining]));
    const touched = new Set<string>();
    for (const c of lotChanges) {
      lots.set(c.expiryDay, (lots.get(c.expiryDay) ?? 0) + c.points);
      touched.add(c.expiryDay);
    }
    for (const day of touched) if (lots.get(day)! < 0) throw new Error(`lot ${day} of ${memberId} would go below zero`);

    const seen = state.member.ledgerSeq ?? 0;
    const before = state.member.pointsAvailable ?? 0;
    const availableDelta = entries.reduce((n, e) => n + e.points, 0);
    const debtDelta = entries.reduce((n, e) => n + (e.debt ?? 0), 0);
    const lotDelta = lotChanges.reduce((n, c) => n + c.points, 0);
    if (lotDelta !== availableDelta) throw new Error(`plan for ${memberId} moves ${availableDelta} points but ${lotDelta} in lots`);
    const debtAfter = (state.member.pointsDebt ?? 0) + debtDelta;
    if (before + availableDelta < 0 || debtAfter < 0) throw new Error(`plan for ${memberId} would go below zero`);

    let balance = before;
    const entryItems = entries.map((e, i) => {
      balance += e.points;
      return {
        Put: {
          TableName: t,
          Item: { ...keys.ledgerEntry(memberId, seen + 1 + i), type: 'ledger', memberId, seq: seen + 1 + i, kind: e.kind, points: e.points, debt: e.debt ?? 0, balanceAfter: balance, at: state.now, reason: e.reason, ref: e.ref ?? null, ...(e.staffNote ? { staffNote: e.staffNote } : {}) },
        },
      };
    });
    const lotItems = [...touched].map((day) => {
      const remaining = lots.get(day)!;
      return remaining === 0
        ? { Delete: { TableName: t, Key: keys.lot(memberId, day) } }
        : { Put: { TableName: t, Item: { ...keys.lot(memberId, day), ...keys.lotExpiryIndex(memberId, day), type: 'lot', memberId, expiryDay: day, remaining } } };
    });
    const set: Record<string, unknown> = { ...p.memberSet, ledgerSeq: seen + entries.length, pointsAvailable: before + availableDelta, pointsDebt: debtAfter };
    const names = Object.keys(set);
    const removed = p.memberRemove ?? [];
    const memberUpdate = {
      Update: {
        TableName: t,
        Key: keys.member(memberId),
        UpdateExpression:
          `SET ${names.map((n, i) => `#f${i} = :f${i}`).join(', ')} ADD pointsPending :pendingDelta` +
          (removed.length ? ` REMOVE ${removed.map((_, i) => `#r${i}`).join(', ')}` : ''),
        ConditionExpression: seen === 0 ? 'attribute_exists(PK) AND (attribute_not_exists(ledgerSeq) OR ledgerSeq = :seen)' : 'ledgerSeq = :seen',
        ExpressionAttributeNames: { ...Object.fromEntries(names.map((n, i) => [`#f${i}`, n])), ...Object.fromEntries(removed.map((n, i) => [`#r${i}`, n])) },
        ExpressionAttributeValues: { ...Object.fromEntries(names.map((n, i) => [`:f${i}`, set[n]])), ':seen': seen, ':pendingDelta': p.pendingDelta ?? 0 },
      },
    };
    const liability = {
      Update: {
        TableName: t,
        Key: keys.liabilityShard(shardOf(memberId) % LIABILITY_SHARDS),
        UpdateExpression: 'ADD availablePoints :a, pendingPoints :p, debtPoints :d',
        ExpressionAttributeValues: { ':a': availableDelta, ':p': p.pendingDelta ?? 0, ':d': debtDelta },
      },
    };
    const callerItems = p.items ?? [];
    const transactItems = [memberUpdate, ...callerItems, ...lotItems, ...entryItems, liability];
    try {
      await ddb().send(new TransactWriteCommand({ TransactItems: transactItems as never }));
      return p.result;
    } catch (err) {
      const reasons = cancellationReasons(err);
      const callerFailed = reasons?.slice(1, 1 + callerItems.length).findIndex((r) => r === 'ConditionalCheckFailed') ?? -1;
      if (callerFailed >= 0) throw new IdempotentReplay(callerFailed);
      const lockLost = reasons?.[0] === 'ConditionalCheckFailed';
      // Real DynamoDB cancels transactions that race on an item (TransactionConflict); DynamoDB Local never does.
      const raced = reasons?.some((r) => r === 'TransactionConflict') || (err as { name?: string }).name === 'TransactionConflictException';
      if ((lockLost || raced) && attempt < MAX_ATTEMPTS) {
        await backoff(attempt);
        continue;
      }
      if (lockLost || raced) {
        logger.warn('points change kept colliding', { memberId, attempts: attempt + 1 });
        throw conflict('The member’s points changed meanwhile; please retry', ErrorCode.CONFLICT);
      }
      throw err;
    }
  }
}

/** Lots in FIFO order with their remaining points. */
export function usableLots(state: PointsState): Lot[] {
  return state.lots.filter((l) => l.remaining > 0 && l.expiryDay >= state.today).sort((a, b) => a.expiryDay.localeCompare(b.expiryDay));
}

export function availableAfterExpiry(state: PointsState): number {
  return usableLots(state).reduce((n, l) => n + l.remaining, 0);
}
