import { ErrorCode } from '../../shared/errors';
import { cancellationReasons, isThrottled, transactWrite } from './dynamodb';
import { conflict, msg } from './errors';
import { interleavePoint } from './interleave';
import { logger } from './logger';

/**
 * The one way a ledger changes (points now; coupons and stored value reuse it). A change is
 *   1. a snapshot: the reads its plan depends on, each item of which is guarded by a condition in the write;
 *   2. a plan computed from that snapshot alone;
 *   3. one TransactWriteItems carrying the plan's items, each saying what its condition failing means:
 *      - `guard`: the snapshot went stale (someone committed in between): read again and plan again;
 *      - `once`: this very change was already applied (an idempotency key, a receipt): the caller answers
 *        with the first result (`AlreadyApplied`);
 *      - `refuse`: a business refusal decided at commit time (a member code already used, a cap reached);
 *      - `deny`: the caller may no longer act (a staff session's account revoked since it was read): the whole
 *        request is refused, whatever else failed (never answered with a first result).
 * So no interleaving of other requests between the reads and the commit can make a plan act on stale state:
 * either every guarded item is as it was read, or nothing is written and the change is planned afresh.
 * Real DynamoDB also cancels transactions racing on an item (TransactionConflict); they are retried the same way.
 */
export type { TransactItem } from './dynamodb';
import type { TransactItem } from './dynamodb';
export type WriteKind = 'guard' | 'once' | { refuse: () => Error } | { deny: () => Error } | 'plain';
export interface GuardedWrite {
  item: TransactItem;
  kind: WriteKind;
  /** Names the item for AlreadyApplied (e.g. 'sale', 'return', 'idempotency'). */
  tag?: string;
}

export interface GuardedPlan<R> {
  writes: GuardedWrite[];
  result: R;
}

/** A `once` item's condition failed: the change was already applied (by a retry or a concurrent duplicate). */
export class AlreadyApplied extends Error {
  constructor(readonly tag: string | undefined) {
    super(`already applied${tag ? ` (${tag})` : ''}`);
    this.name = 'AlreadyApplied';
  }
}

/**
 * Thrown by a plan that found its reads inconsistent with each other (something committed between them) and
 * confirmed it by reading again: the change is planned afresh, as if a guard had failed.
 */
export class StaleSnapshot extends Error {
  constructor(what: string) {
    super(`stale snapshot: ${what}`);
    this.name = 'StaleSnapshot';
  }
}

export const MAX_ATTEMPTS = 25;
const backoff = (attempt: number) => new Promise((r) => setTimeout(r, Math.min(250, 4 * 2 ** attempt) * (0.5 + Math.random())));

export interface GuardedChangeStats {
  attempts: number;
}

/**
 * Runs `read` → `plan` → one transaction, again from a fresh read whenever a guard fails. `name` labels the
 * interleave points (`<name>:read`, `<name>:planned`) and the logs. `read` gets the attempt's number, so the
 * first attempt can use a snapshot read together with other things (the request's first read).
 */
export async function guardedChange<S, R>(
  name: string,
  read: (attempt: number) => Promise<S> | S,
  plan: (snapshot: S, attempt: number) => Promise<GuardedPlan<R>> | GuardedPlan<R>,
  stats?: GuardedChangeStats,
): Promise<R> {
  for (let attempt = 0; ; attempt++) {
    if (stats) stats.attempts = attempt + 1;
    let snapshot: S;
    try {
      snapshot = await read(attempt);
    } catch (err) {
      // Throttled past the SDK's retries: nothing was read; wait and read again.
      if (isThrottled(err) && attempt < MAX_ATTEMPTS) {
        await backoff(attempt);
        continue;
      }
      throw err;
    }
    await interleavePoint(`${name}:read`, { attempt });
    let p: GuardedPlan<R>;
    try {
      p = await plan(snapshot, attempt);
    } catch (err) {
      if (err instanceof StaleSnapshot && attempt < MAX_ATTEMPTS) {
        await backoff(attempt);
        continue;
      }
      throw err;
    }
    if (p.writes.length === 0) return p.result;
    await interleavePoint(`${name}:planned`, { attempt });
    try {
      await transactWrite(p.writes.map((w) => w.item));
      return p.result;
    } catch (err) {
      const reasons = cancellationReasons(err);
      if (!reasons) {
        // A conflict outside a transaction, or throttled past the SDK's retries: nothing was written.
        if (((err as { name?: string }).name === 'TransactionConflictException' || isThrottled(err)) && attempt < MAX_ATTEMPTS) {
          await backoff(attempt);
          continue;
        }
        throw err;
      }
      const failed = p.writes.filter((_, i) => reasons[i] === 'ConditionalCheckFailed');
      const denied = failed.find((w) => typeof w.kind === 'object' && 'deny' in w.kind);
      if (denied && typeof denied.kind === 'object' && 'deny' in denied.kind) throw denied.kind.deny();
      const once = failed.find((w) => w.kind === 'once');
      if (once) throw new AlreadyApplied(once.tag);
      const refusal = failed.find((w) => typeof w.kind === 'object' && 'refuse' in w.kind);
      if (refusal && typeof refusal.kind === 'object' && 'refuse' in refusal.kind && !failed.some((w) => w.kind === 'guard')) throw refusal.kind.refuse();
      const stale = failed.some((w) => w.kind === 'guard' || typeof w.kind === 'object');
      const raced = reasons.some((r) => r === 'TransactionConflict');
      if ((stale || raced) && attempt < MAX_ATTEMPTS) {
        await backoff(attempt);
        continue;
      }
      if (stale || raced) {
        logger.warn('change kept colliding', { change: name, attempts: attempt + 1 });
        throw conflict(msg('数据正在被同时修改，请稍后重试', 'This changed meanwhile too many times; please retry'), ErrorCode.CONFLICT);
      }
      throw err;
    }
  }
}
