import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ErrorCode } from '../../../shared/errors';
import type { LedgerEntry } from '../../../shared/features/points/schemas';
import { businessDayOf } from '../../../shared/rules/business-time';
import type { Lot } from '../../../shared/rules/ledger';
import type { AppConfig } from '../../commons/config';
import { ddb, getConsistent } from '../../commons/dynamodb';
import { HttpError, notFound, msg } from '../../commons/errors';
import { AlreadyApplied, guardedChange, StaleSnapshot, type GuardedWrite, type TransactItem } from '../../commons/guarded-change';
import { keys, LIABILITY_SHARDS } from '../../commons/keys';
import { nowIso } from '../../commons/clock';
import { pointsMember } from './entities';
import type { ItemOf } from '../../commons/entity';

/** The member with the points feature's attributes (declared in ./entities.ts). */
export type PointsMember = ItemOf<typeof pointsMember>;

export interface PointsState {
  member: PointsMember;
  lots: Lot[];
  /** The business day the change acts as of (today, or a job's run day). */
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
  /** Extra attributes stored on the entry, never shown to the shopper unless mapped. */
  extra?: Record<string, unknown>;
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
  /**
   * A further condition on the member item, for a plan that read more of it than the points (the deletion reads the
   * coupon wallet, which grants change without bumping `pointsRev`): failing means plan again.
   */
  memberCondition?: { expression: string; names?: Record<string, string>; values?: Record<string, unknown> };
  /**
   * The member's coupon wallet (`couponWallet`, functions/features/coupons): grants a sale redeems leave it, grants a
   * whole return restores come back, under the same guard as the points.
   */
  wallet?: { remove?: string[]; add?: Record<string, string> };
  /** The caller's items whose condition failing means "already applied" (IdempotentReplay). */
  items?: object[];
  /** The caller's items whose condition guards something the plan read: failing means plan again. */
  guards?: object[];
  /** The caller's items whose condition failing is a business refusal. */
  refusals?: Array<{ item: object; error: () => Error }>;
  /**
   * For a plan that read more than the member (a return reads its sale): are those reads still current? Asked
   * when the plan breaks the ledger's invariants, which reads straddling another commit can make it do.
   */
  stillCurrent?: () => Promise<boolean>;
  result: R;
}

export { LIABILITY_SHARDS };

/** A caller's `items[itemIndex]` was already there: the change was applied before (a retry or a duplicate). */
export class IdempotentReplay extends Error {
  constructor(readonly itemIndex: number) {
    super('already applied');
    this.name = 'IdempotentReplay';
  }
}

const lotsOf = (member: PointsMember): Lot[] =>
  Object.entries(member.lots ?? {})
    .map(([expiryDay, remaining]) => ({ expiryDay, remaining }))
    .sort((a, b) => a.expiryDay.localeCompare(b.expiryDay));

/** The member and their lots, from one consistent read: what every points plan starts from. */
export async function loadPointsState(tableName: string, memberId: string, asOf?: string): Promise<PointsState> {
  return pointsStateOf(tableName, memberId, await getConsistent(tableName, keys.member(memberId)), asOf);
}

/**
 * A membership deleted (or being deleted) at the member's request: nothing earns, spends or moves points for it
 * any more (rule 15.3). 404 to a register or staff naming it; the member's own session hears 401 before this.
 */
export const membershipEnded = (memberId: string) => notFound(msg(`会员 ${memberId} 已注销`, `Membership ${memberId} was deleted`), ErrorCode.MEMBERSHIP_ENDED);
export const isMembershipEnded = (err: unknown) => err instanceof HttpError && err.code === ErrorCode.MEMBERSHIP_ENDED;

/** The same from a member item read consistently with other items (a request's first read). */
export async function pointsStateOf(tableName: string, memberId: string, item: Record<string, unknown> | undefined, asOf?: string): Promise<PointsState> {
  const state = await anyPointsStateOf(tableName, memberId, item, asOf);
  if (state.member.status !== 'active') throw membershipEnded(memberId);
  return state;
}

/** The state of a member whatever their status: only the deletion itself plans on a membership that is ending. */
export async function anyPointsStateOf(tableName: string, memberId: string, item: Record<string, unknown> | undefined, asOf?: string): Promise<PointsState> {
  const member = pointsMember.parse(item);
  if (!member) throw notFound(msg(`没有会员 ${memberId}`, `No member ${memberId}`), ErrorCode.NOT_FOUND);
  const now = nowIso();
  return { member, lots: member.lots === undefined && (member.pointsAvailable ?? 0) > 0 ? await legacyLots(tableName, memberId) : lotsOf(member), today: asOf ?? businessDayOf(now), now };
}

/**
 * A member written before the lots moved into the member item (a local `.data/` from an earlier version) has
 * only LOT# items: read them once. The first change writes the map, guarded by `attribute_not_exists(pointsRev)`,
 * so a read straddling another change is planned again like any stale snapshot.
 */
async function legacyLots(tableName: string, memberId: string): Promise<Lot[]> {
  const out = await ddb().send(
    new QueryCommand({ TableName: tableName, KeyConditionExpression: 'PK = :pk AND begins_with(SK, :lot)', ExpressionAttributeValues: { ':pk': keys.member(memberId).PK, ':lot': keys.lotPrefix }, ConsistentRead: true }),
  );
  return (out.Items ?? []).map((l) => ({ expiryDay: l.expiryDay as string, remaining: l.remaining as number })).sort((a, b) => a.expiryDay.localeCompare(b.expiryDay));
}

/** Lots whose last usable day is before today still holding points: expired by whichever change comes first. */
export function staleLots(state: Pick<PointsState, 'lots' | 'today'>): Lot[] {
  return state.lots.filter((l) => l.remaining > 0 && l.expiryDay < state.today);
}

export class LedgerInvariantError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LedgerInvariantError';
  }
}

export interface ChangeOptions {
  /** Act as of this business day instead of today (a job catching up a past day). */
  asOf?: string;
  /** The snapshot for the first attempt, already read (with the request's other reads); later attempts read their own. */
  first?: PointsState;
  /** The caller's right to act, checked at commit (a staff session's `commitCheck()`): failing refuses the request. */
  deny?: { item: object; deny: () => Error } | null;
  /** The member's own deletion (functions/features/members/privacy.ts): plans on a membership that is ending too. */
  endingMembership?: boolean;
}

/**
 * Applies one change to a member's points. `plan` sees the member and lots as they are and says what to
 * do; if anything it read changes before the commit, the state is re-read and `plan` runs again.
 */
export async function changePoints<R>(
  config: AppConfig,
  memberId: string,
  plan: (state: PointsState) => LedgerPlan<R> | Promise<LedgerPlan<R>>,
  options: ChangeOptions = {},
): Promise<R> {
  const t = config.tableName;
  const load = async () => (options.endingMembership ? anyPointsStateOf(t, memberId, await getConsistent(t, keys.member(memberId)), options.asOf) : loadPointsState(t, memberId, options.asOf));
  try {
    return await guardedChange(
      'points',
      (attempt) => (attempt === 0 && options.first ? options.first : load()),
      async (state) => {
        const p = await plan(state);
        try {
          const writes = ledgerWrites(t, memberId, state, p);
          // Nothing to write, nothing to deny: the request's first read checked the session.
          if (options.deny && writes.length) writes.push({ kind: { deny: options.deny.deny }, item: options.deny.item as TransactItem });
          return { writes, result: p.result };
        } catch (err) {
          // A plan that breaks the ledger's invariants was either made from reads that straddle another
          // commit (then the member or another item it read has moved on: plan again) or is a bug (then it must surface).
          if (err instanceof LedgerInvariantError) {
            const fresh = await load();
            if ((fresh.member.pointsRev ?? 0) !== (state.member.pointsRev ?? 0) || (p.stillCurrent && !(await p.stillCurrent()))) throw new StaleSnapshot(err.message);
          }
          throw err;
        }
      },
    );
  } catch (err) {
    if (err instanceof AlreadyApplied) throw new IdempotentReplay(Number(err.tag));
    throw err;
  }
}

/** The transaction for one plan on one snapshot (pure: no reads). */
export function ledgerWrites<R>(t: string, memberId: string, state: PointsState, p: LedgerPlan<R>): GuardedWrite[] {
  const expired = staleLots(state);
  const entries: PlannedEntry[] = [
    ...expired.map((l) => ({ kind: 'expire' as const, points: -l.remaining, reason: { zh: `积分过期（最后可用日 ${l.expiryDay}）`, en: `expired (last usable day ${l.expiryDay})` }, ref: `LOT#${l.expiryDay}` })),
    ...p.entries,
  ];
  const lotChanges = [...expired.map((l) => ({ expiryDay: l.expiryDay, points: -l.remaining })), ...p.lotChanges];
  const callerItems = p.items ?? [];
  const guards = p.guards ?? [];
  const refusals = p.refusals ?? [];
  if (entries.length === 0 && !p.memberSet && !p.memberRemove?.length && !p.wallet && !callerItems.length && !guards.length && !refusals.length && !p.pendingDelta) return [];

  const lots = new Map(state.lots.map((l) => [l.expiryDay, l.remaining]));
  const touched = new Set<string>();
  for (const c of lotChanges) {
    if (!Number.isSafeInteger(c.points)) throw new LedgerInvariantError(`lot change ${c.points} is not a whole number`);
    lots.set(c.expiryDay, (lots.get(c.expiryDay) ?? 0) + c.points);
    touched.add(c.expiryDay);
  }
  for (const day of touched) if (lots.get(day)! < 0) throw new LedgerInvariantError(`lot ${day} of ${memberId} would go below zero`);

  const seen = state.member.ledgerSeq ?? 0;
  // The guard is the member's revision, bumped by every change (a change may add no ledger entry: a
  // pending-only sale, a tier review), so two changes can never both commit on one snapshot.
  const rev = state.member.pointsRev ?? 0;
  const before = state.member.pointsAvailable ?? 0;
  const availableDelta = entries.reduce((n, e) => n + e.points, 0);
  const debtDelta = entries.reduce((n, e) => n + (e.debt ?? 0), 0);
  const lotDelta = lotChanges.reduce((n, c) => n + c.points, 0);
  if (lotDelta !== availableDelta) throw new LedgerInvariantError(`plan for ${memberId} moves ${availableDelta} points but ${lotDelta} in lots`);
  const debtAfter = (state.member.pointsDebt ?? 0) + debtDelta;
  const pendingAfter = (state.member.pointsPending ?? 0) + (p.pendingDelta ?? 0);
  if (before + availableDelta < 0 || debtAfter < 0 || pendingAfter < 0) throw new LedgerInvariantError(`plan for ${memberId} would go below zero`);

  let balance = before;
  const entryWrites: GuardedWrite[] = entries.map((e, i) => {
    balance += e.points;
    const seq = seen + 1 + i;
    return {
      kind: 'guard',
      item: {
        Put: {
          TableName: t,
          Item: { ...e.extra, ...(e.staffNote ? { staffNote: e.staffNote } : {}), ...keys.ledgerEntry(memberId, seq), type: 'ledger', memberId, seq, kind: e.kind, points: e.points, debt: e.debt ?? 0, balanceAfter: balance, at: state.now, reason: e.reason, ref: e.ref ?? null },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
    };
  });
  const lotWrites: GuardedWrite[] = [...touched].map((day) => {
    const remaining = lots.get(day)!;
    return {
      kind: 'plain',
      item:
        remaining === 0
          ? { Delete: { TableName: t, Key: keys.lot(memberId, day) } }
          : { Put: { TableName: t, Item: { ...keys.lot(memberId, day), ...keys.lotExpiryIndex(memberId, day), type: 'lot', memberId, expiryDay: day, remaining } } },
    };
  });
  const lotsAfter = Object.fromEntries([...lots].filter(([, n]) => n > 0).sort(([a], [b]) => a.localeCompare(b)));
  // When the tier moved (TierChanged carries it: the message centre dates its message by it).
  const tierMoved = p.memberSet?.tier !== undefined && p.memberSet.tier !== state.member.tier;
  const set: Record<string, unknown> = { ...p.memberSet, ...(tierMoved ? { tierChangedAt: state.now } : {}), pointsRev: rev + 1, ledgerSeq: seen + entries.length, pointsAvailable: before + availableDelta, pointsDebt: debtAfter, pointsPending: pendingAfter, lots: lotsAfter };
  // The coupon wallet's entries, by path (a member without a wallet yet gets it whole).
  const walletAdd = Object.entries(p.wallet?.add ?? {});
  const hasWallet = (state.member as { couponWallet?: unknown }).couponWallet !== undefined;
  // A path into a missing map is refused by DynamoDB: without a wallet there is nothing to remove.
  const walletRemove = hasWallet ? (p.wallet?.remove ?? []) : [];
  if (walletAdd.length && !hasWallet) set.couponWallet = Object.fromEntries(walletAdd);
  const names = Object.keys(set);
  const removed = p.memberRemove ?? [];
  const walletSets = hasWallet ? walletAdd.map(([, entry], i) => ({ expr: `#w.#wa${i} = :wa${i}`, value: entry })) : [];
  const walletNames = {
    ...(walletSets.length || walletRemove.length ? { '#w': 'couponWallet' } : {}),
    ...(hasWallet ? Object.fromEntries(walletAdd.map(([id], i) => [`#wa${i}`, id])) : {}),
    ...Object.fromEntries(walletRemove.map((id, i) => [`#wr${i}`, id])),
  };
  const removals = [...removed.map((_, i) => `#r${i}`), ...walletRemove.map((_, i) => `#w.#wr${i}`)];
  const memberWrite: GuardedWrite = {
    kind: 'guard',
    item: {
      Update: {
        TableName: t,
        Key: keys.member(memberId),
        UpdateExpression: `SET ${[...names.map((n, i) => `#f${i} = :f${i}`), ...walletSets.map((w) => w.expr)].join(', ')}` + (removals.length ? ` REMOVE ${removals.join(', ')}` : ''),
        // The snapshot's guard: nothing about this member changed since it was read.
        ConditionExpression: (rev === 0 ? 'attribute_exists(PK) AND attribute_not_exists(pointsRev)' : 'pointsRev = :rev') + (p.memberCondition ? ` AND (${p.memberCondition.expression})` : ''),
        ExpressionAttributeNames: { ...Object.fromEntries(names.map((n, i) => [`#f${i}`, n])), ...Object.fromEntries(removed.map((n, i) => [`#r${i}`, n])), ...walletNames, ...p.memberCondition?.names },
        ExpressionAttributeValues: { ...Object.fromEntries(names.map((n, i) => [`:f${i}`, set[n]])), ...Object.fromEntries(walletSets.map((w, i) => [`:wa${i}`, w.value])), ...(rev === 0 ? {} : { ':rev': rev }), ...p.memberCondition?.values },
      },
    },
  };
  return [
    memberWrite,
    ...callerItems.map((item, i): GuardedWrite => ({ kind: 'once', tag: String(i), item: item as TransactItem })),
    ...guards.map((item): GuardedWrite => ({ kind: 'guard', item: item as TransactItem })),
    ...refusals.map((r): GuardedWrite => ({ kind: { refuse: r.error }, item: r.item as TransactItem })),
    ...lotWrites,
    ...entryWrites,
  ];
}

/** Lots in FIFO order with their remaining points, usable as of the state's day. */
export function usableLots(state: Pick<PointsState, 'lots' | 'today'>): Lot[] {
  return state.lots.filter((l) => l.remaining > 0 && l.expiryDay >= state.today);
}

export function availableAfterExpiry(state: Pick<PointsState, 'lots' | 'today'>): number {
  return usableLots(state).reduce((n, l) => n + l.remaining, 0);
}
