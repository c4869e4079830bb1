import { paginateQuery } from '@aws-sdk/lib-dynamodb';
import type { couponsSchedules } from '../../../shared/features/coupons/schedules';
import { addBusinessDays } from '../../../shared/rules/business-time';
import type { AppConfig } from '../../commons/config';
import { cancellationReasons, ddb, transactWrite } from '../../commons/dynamodb';
import { keys } from '../../commons/keys';
import { nowIso } from '../../commons/clock';
import { logger } from '../../commons/logger';
import type { FeatureJobs } from '../../jobs/day-job';
import { allShards } from '../points/jobs';
import { deliverMessage } from '../points/messages';
import { getSettings } from '../settings/settings';
import { couponGrant } from './entities';
import { readTemplates, releaseGrantWrites, type GrantItem } from './grants';

/**
 * The nightly coupon jobs (docs/BUSINESS-RULES.md 16.x). Each reads only the grants it acts on: available grants
 * carry `CPNEXP#<last valid day>#<shard>` in the sparse GSI2 and lose it when they are redeemed, revoked or expired,
 * so a day's partition holds exactly the grants still open whose last valid day it is (items read = grants
 * expiring that day). Both are safe to run twice, and the job watermark (functions/jobs/watermark.ts) makes a run
 * catch up every day missed since the last one.
 */
export interface CouponJobRun {
  day: string;
  shards: number[];
  itemsRead: number;
  acted: number;
}

/** Every grant in `CPNEXP#<day>#<shard>` for the given shards, page by page, in key order (a member's grants are together). */
async function* grantsExpiringOn(tableName: string, day: string, shard: number): AsyncGenerator<GrantItem[]> {
  const pages = paginateQuery({ client: ddb() }, { TableName: tableName, IndexName: 'GSI2', KeyConditionExpression: 'GSI2PK = :pk', ExpressionAttributeValues: { ':pk': keys.couponsExpiringOn(day, shard) } });
  for await (const page of pages) yield couponGrant.parseAll(page.Items);
}

const MAX_CONFLICT_RETRIES = 10;

/**
 * One grant expires: one transaction of the grant (`status = available`: someone who redeemed or revoked it first
 * wins, and then there is nothing to do), its stock shard (the budget reservation goes back) and the member's wallet
 * entry. True when this run expired it.
 */
export async function expireGrant(config: AppConfig, grant: GrantItem, at: string): Promise<boolean> {
  const t = config.tableName;
  const template = (await readTemplates(t, [grant.templateId])).get(grant.templateId);
  if (!template) throw new Error(`grant ${grant.memberId}/${grant.grantId} names a missing template ${grant.templateId}`);
  const { grantUpdate, shardUpdate } = releaseGrantWrites(t, grant, { status: 'expired', at }, template.limits.budgetFen !== null);
  const walletRemove = {
    Update: {
      TableName: t,
      Key: keys.member(grant.memberId),
      UpdateExpression: 'REMOVE #w.#g',
      ConditionExpression: 'attribute_exists(#w)',
      ExpressionAttributeNames: { '#w': 'couponWallet', '#g': grant.grantId },
    },
  };
  for (let attempt = 0; ; attempt++) {
    try {
      await transactWrite([grantUpdate, shardUpdate, walletRemove]);
      return true;
    } catch (err) {
      const reasons = cancellationReasons(err);
      if (reasons?.[0] === 'ConditionalCheckFailed') return false; // redeemed, revoked, forfeited or expired already
      if (reasons?.[2] === 'ConditionalCheckFailed') {
        // An available grant whose member has no wallet: a broken mirror reconcile reports. Leave it for a person.
        logger.error('coupon grant without a wallet on its member', { memberId: grant.memberId, grantId: grant.grantId });
        return false;
      }
      // Real DynamoDB cancels transactions racing on one item (a hot shard on a month-end night): try again.
      if (!reasons?.includes('TransactionConflict') || attempt >= MAX_CONFLICT_RETRIES) throw err;
      await new Promise((r) => setTimeout(r, Math.random() * 20 * (attempt + 1)));
    }
  }
}

/**
 * Run for business day D (after midnight): grants whose last valid day was D−1 expire, as of D. A run for a past day
 * (catching up) expires exactly what was due that day. A grant past its last day is already unusable before the job
 * reaches it (usability is by its days), so a late night costs nothing but the budget held a little longer.
 */
export async function expireCoupons(config: AppConfig, runDay: string, shards = allShards()): Promise<CouponJobRun> {
  const lastValidDay = addBusinessDays(runDay, -1);
  const at = nowIso();
  let itemsRead = 0;
  let acted = 0;
  for (const shard of shards) {
    for await (const page of grantsExpiringOn(config.tableName, lastValidDay, shard)) {
      itemsRead += page.length;
      for (const grant of page) {
        // The index is read eventually consistently; the transaction's condition is what decides.
        if (grant.status !== 'available' || grant.validThrough >= runDay) continue;
        if (await expireGrant(config, grant, at)) acted++;
      }
    }
  }
  return { day: lastValidDay, shards, itemsRead, acted };
}

/**
 * Run on day D: members whose coupons have their last valid day on D + N (settings `coupons.expiryReminderDays`)
 * get one message, "N coupons expire on <day>". The message's id is fixed by that day, so a rerun finds it delivered
 * and writes nothing (messages.ts `deliverMessage`, counted in the member's unread messages with the message).
 */
export async function remindCouponExpiry(config: AppConfig, runDay: string, shards = allShards()): Promise<CouponJobRun> {
  const settings = await getSettings(config.tableName);
  const lastValidDay = addBusinessDays(runDay, settings.coupons.expiryReminderDays);
  let itemsRead = 0;
  let acted = 0;
  const remind = async (memberId: string, count: number) => {
    const delivered = await deliverMessage(config.tableName, {
      memberId,
      messageId: `coupon-expiry-${lastValidDay}`,
      sortAt: `${runDay}T02:05:00.000Z`,
      at: nowIso(),
      kind: 'coupon-expiry',
      title: { zh: '优惠券即将过期', en: 'Coupons expiring soon' },
      body: {
        zh: `您有 ${count} 张优惠券将于 ${lastValidDay} 后过期，记得在到期前使用。`,
        en: `${count} of your coupon${count === 1 ? '' : 's'} expire${count === 1 ? 's' : ''} after ${lastValidDay}. Use ${count === 1 ? 'it' : 'them'} before then.`,
      },
    });
    if (delivered) acted++;
  };
  for (const shard of shards) {
    // The index sorts by member, so a member's grants for the day come together (possibly across pages).
    let current = null as { memberId: string; count: number } | null;
    for await (const page of grantsExpiringOn(config.tableName, lastValidDay, shard)) {
      itemsRead += page.length;
      for (const grant of page) {
        if (grant.status !== 'available') continue;
        if (current?.memberId !== grant.memberId) {
          if (current) await remind(current.memberId, current.count);
          current = { memberId: grant.memberId, count: 0 };
        }
        current.count++;
      }
    }
    const last = current as { memberId: string; count: number } | null;
    if (last) await remind(last.memberId, last.count);
  }
  return { day: lastValidDay, shards, itemsRead, acted };
}

/** The coupons feature's jobs, by the names in its schedule fragment. */
export const couponsJobs: FeatureJobs<typeof couponsSchedules> = {
  'coupon-expiry': expireCoupons,
  'coupon-expiry-reminder': remindCouponExpiry,
};
