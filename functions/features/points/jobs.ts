import type { FeatureJobs } from '../../jobs/day-job';
import type { pointsSchedules } from '../../../shared/features/points/schedules';
import { GetCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import { interleavePoint } from '../../commons/interleave';
import { addBusinessDays, businessMonthOf } from '../../../shared/rules/business-time';
import { settleDebt } from '../../../shared/rules/ledger';
import { reviewTier, rollingGrowthFen } from '../../../shared/rules/tiers';
import type { AppConfig } from '../../commons/config';
import { ddb } from '../../commons/dynamodb';
import { JOB_SHARDS, keys } from '../../commons/keys';
import { getSettings } from '../settings/settings';
import { deliverMessage } from './messages';
import { changePoints, isMembershipEnded } from './points-ledger';

/**
 * The nightly points jobs. Each reads only the items it acts on through the sparse GSI2 (EXP#<day>#<shard>,
 * ACT#<day>#<shard>, TIER#<shard>), shard by shard, and each is safe to run twice for the same day: the work
 * itself is idempotent (an expired lot is gone from the index, an activated pending item is deleted, a
 * reminder has a fixed key).
 */
export interface JobRun {
  day: string;
  shards: number[];
  itemsRead: number;
  acted: number;
}

/** Reads every item of `pk(shard)` in GSI2 for the given shards, a few shards at a time. */
async function forEachIndexed(tableName: string, shards: number[], pk: (shard: number) => string, act: (item: Record<string, unknown>) => Promise<boolean>) {
  let itemsRead = 0;
  let acted = 0;
  const queue = [...shards];
  await Promise.all(
    Array.from({ length: Math.min(4, queue.length) }, async () => {
      for (let shard = queue.shift(); shard !== undefined; shard = queue.shift()) {
        const pages = paginateQuery({ client: ddb() }, { TableName: tableName, IndexName: 'GSI2', KeyConditionExpression: 'GSI2PK = :pk', ExpressionAttributeValues: { ':pk': pk(shard) } });
        for await (const page of pages) {
          itemsRead += page.Count ?? 0;
          for (const item of page.Items ?? []) if (await act(item).catch(skipEndedMembership)) acted++;
        }
      }
    }),
  );
  return { itemsRead, acted };
}

/** An item of a membership deleted since the index was read (rule 15.3): nothing left to do for it. */
const skipEndedMembership = (err: unknown) => {
  if (isMembershipEnded(err)) return false;
  throw err;
};

export const allShards = () => Array.from({ length: JOB_SHARDS }, (_, i) => i);

/**
 * Run on day D: lots whose last usable day was D−1 expire, as of D (not as of the wall clock, so a run for a
 * past day expires exactly what was due that day). Any change to a member expires stale lots too.
 */
export async function expirePoints(config: AppConfig, runDay: string, shards = allShards()): Promise<JobRun> {
  const expiryDay = addBusinessDays(runDay, -1);
  const r = await forEachIndexed(config.tableName, shards, (s) => keys.lotsExpiringOn(expiryDay, s), async (lot) => {
    let changed = false;
    await changePoints(
      config,
      lot.memberId as string,
      (state) => {
        changed = state.lots.some((l) => l.remaining > 0 && l.expiryDay < state.today);
        return { entries: [], lotChanges: [], result: undefined };
      },
      { asOf: runDay },
    );
    return changed;
  });
  return { day: expiryDay, shards, ...r };
}

/** A message-centre reminder for lots whose last usable day is D + reminder days; one per member and lot. */
export async function remindExpiry(config: AppConfig, runDay: string, shards = allShards()): Promise<JobRun> {
  const settings = await getSettings(config.tableName);
  const expiryDay = addBusinessDays(runDay, settings.points.expiryReminderDays);
  const r = await forEachIndexed(config.tableName, shards, (s) => keys.lotsExpiringOn(expiryDay, s), async (lot) => {
    const messageId = `expiry-${expiryDay}`;
    // Counted in the member's unread messages with the message (messages.ts); a rerun finds it there and writes nothing.
    return deliverMessage(config.tableName, {
      memberId: lot.memberId as string,
      messageId,
      sortAt: `${runDay}T00:00:00.000Z`,
      at: new Date().toISOString(),
      kind: 'points-expiry',
      title: { zh: '积分即将过期', en: 'Points expiring soon' },
      body: { zh: `您有 ${lot.remaining} 积分将于 ${expiryDay} 后过期，快去积分商城使用吧。`, en: `${lot.remaining} of your points expire after ${expiryDay}. Use them in the points mall.` },
    });
  });
  return { day: expiryDay, shards, ...r };
}

/**
 * Pending points whose return window ends on D become available (debt is settled first). The sale is updated
 * in the same transaction (its pending points move to "earned to balance"), so a later return of the sale
 * knows where to take the points back from. Both the pending item and the sale are guarded as read.
 */
export async function activatePending(config: AppConfig, runDay: string, shards = allShards()): Promise<JobRun> {
  const t = config.tableName;
  const r = await forEachIndexed(t, shards, (s) => keys.pendingActivatingOn(runDay, s), async (indexed) => {
    const memberId = indexed.memberId as string;
    const saleId = indexed.saleId as string;
    let acted = false;
    await changePoints(
      config,
      memberId,
      async (state) => {
        acted = false;
        const pending = (await ddb().send(new GetCommand({ TableName: t, Key: keys.pending(memberId, saleId), ConsistentRead: true }))).Item;
        await interleavePoint('activation:pending', { memberId, saleId });
        if (!pending || (pending.activationDay as string) > state.today) return { entries: [], lotChanges: [], result: undefined };
        const points = pending.points as number;
        const guards: object[] = [{ Delete: { TableName: t, Key: keys.pending(memberId, saleId), ConditionExpression: 'points = :p', ExpressionAttributeValues: { ':p': points } } }];
        if (pending.storeId && pending.receiptNo) {
          const saleKey = keys.sale(pending.storeId as string, pending.receiptNo as string);
          const sale = (await ddb().send(new GetCommand({ TableName: t, Key: saleKey, ConsistentRead: true }))).Item;
          if (sale) {
            guards.push({
              Update: {
                TableName: t,
                Key: saleKey,
                UpdateExpression: 'SET pendingPoints = :zero, earnedToBalance = earnedToBalance + :p, returnsVersion = :next',
                ConditionExpression: 'returnsVersion = :v AND pendingPoints = :p',
                ExpressionAttributeValues: { ':zero': 0, ':p': points, ':v': sale.returnsVersion, ':next': (sale.returnsVersion as number) + 1 },
              },
            });
          }
        }
        const { toDebt, toBalance } = settleDebt(state.member.pointsDebt ?? 0, points);
        acted = true;
        return {
          entries: [{ kind: 'earn', points: toBalance, debt: -toDebt, reason: { zh: `消费积分入账（${saleId}）${toDebt ? `，其中 ${toDebt} 抵扣欠分` : ''}`, en: `purchase ${saleId} (after the return window)${toDebt ? `, ${toDebt} settled debt` : ''}` }, ref: `SALE#${saleId}`, extra: { source: 'activation', ...(pending.storeId ? { storeId: pending.storeId } : {}) } }],
          lotChanges: toBalance > 0 ? [{ expiryDay: pending.expiryDay as string, points: toBalance }] : [],
          pendingDelta: -points,
          guards,
          result: undefined,
        };
      },
      { asOf: runDay },
    );
    return acted;
  });
  return { day: runDay, shards, ...r };
}

/** 1 January: every member above the base tier is reviewed on the 12 months to December; base members can't go lower. */
export async function reviewTiers(config: AppConfig, runDay: string, shards = allShards()): Promise<JobRun> {
  const settings = await getSettings(config.tableName);
  const asOfMonth = businessMonthOf(`${addBusinessDays(runDay, -1)}T12:00:00+08:00`);
  const r = await forEachIndexed(config.tableName, shards, (s) => keys.tierReviewShard(s), async (indexed) => {
    const memberId = indexed.memberId as string;
    let changed = false;
    await changePoints(config, memberId, (state) => {
      const m = state.member;
      if (m.lastTierReview === runDay) return { entries: [], lotChanges: [], result: undefined };
      const growthFen = rollingGrowthFen(m.spendByMonth ?? {}, asOfMonth);
      const tier = reviewTier({ current: m.tier, growthFen, settings, approved: m.tierApproved ?? null });
      changed = tier !== m.tier;
      // Base members leave the review index (it is sparse); others stay in it under their new tier.
      if (tier === 'base') return { entries: [], lotChanges: [], memberSet: { tier, lastTierReview: runDay }, memberRemove: ['GSI2PK', 'GSI2SK'], result: undefined };
      return { entries: [], lotChanges: [], memberSet: { tier, lastTierReview: runDay, ...keys.tierReviewIndex(memberId, tier) }, result: undefined };
    }, { asOf: runDay });
    return changed;
  });
  return { day: runDay, shards, ...r };
}

const nothing = async () => ({ itemsRead: 0, acted: 0 });

/** The points feature's jobs, by the names in its schedule fragment. */
export const pointsJobs: FeatureJobs<typeof pointsSchedules> = {
  'points-expiry': expirePoints,
  'pending-activation': activatePending,
  'expiry-reminder': remindExpiry,
  // Scheduled daily so a missed 1 January is caught up the next night; acts only for 1 January.
  'tier-review': (config, day, shards) => (day.endsWith('-01-01') ? reviewTiers(config, day, shards) : nothing()),
};
