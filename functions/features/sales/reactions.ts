import type { Reaction } from '../../events/reaction';
import type { DomainEvent } from '../../events/catalogue';
import { businessDayOf } from '../../../shared/rules/business-time';
import { counterShardOf, keys, REGISTER_DAY_SHARDS } from '../../commons/keys';

/**
 * The sales feature's reactions. Each register's business day (the register day report) is counted from the
 * stream: a sale on its own business day (`soldAt`: an offline register's late sale belongs to the day it was
 * rung up), a return on the day it was taken, a join on the day the member joined, each at its store and
 * register. The counter update commits with the reaction's receipt (consumer.ts), so a redelivered record never
 * counts twice; receipts only need to outlive redelivery (the stream keeps records for a day).
 *
 * A register rings one sale at a time: its day is one counter. Sales without a register (platform orders) and
 * joins at a store without one count under register `-`, spread over a few counters by event, since a
 * platform's flagship store can take hundreds of orders a second.
 */
export const REGISTER_DAY_REACTION = 'register-day';

export type RegisterDayCounts = { salesPosted?: number; salesNetFen?: number; membersIdentified?: number; joins?: number; pointsIssued?: number; pointsRedeemed?: number; returns?: number };

/** What one event adds to which register's day (null: nothing); the reconcile audit derives the same from the items. */
export function registerDayCountsOf(event: DomainEvent): { day: string; storeId: string; registerId: string | null; counts: RegisterDayCounts } | null {
  switch (event.type) {
    case 'SaleRecorded':
      return {
        day: businessDayOf(event.soldAt),
        storeId: event.storeId,
        registerId: event.registerId,
        counts: {
          salesPosted: 1,
          salesNetFen: event.netFen,
          // The register identified the member: the member showed their code (not a phone or number typed in,
          // not a payer enrolled by the sale).
          membersIdentified: event.memberId && event.memberBy === 'code' ? 1 : 0,
          pointsIssued: event.pointsEarned,
          pointsRedeemed: event.pointsSpent,
        },
      };
    case 'SaleReturned':
      return { day: businessDayOf(event.returnedAt), storeId: event.storeId, registerId: event.registerId, counts: { returns: 1 } };
    case 'MemberJoined':
      // An online join belongs to no store and no register.
      return event.joinStoreId ? { day: businessDayOf(event.joinedAt), storeId: event.joinStoreId, registerId: event.joinRegisterId, counts: { joins: 1 } } : null;
    default:
      return null;
  }
}

export const salesReactions: Reaction[] = [
  {
    name: REGISTER_DAY_REACTION,
    on: ['SaleRecorded', 'SaleReturned', 'MemberJoined'],
    receiptTtlDays: 7,
    async react(event, { config }) {
      const c = registerDayCountsOf(event);
      if (!c) return;
      const shard = c.registerId ? 0 : counterShardOf(event.id, REGISTER_DAY_SHARDS);
      const added = Object.entries(c.counts);
      return {
        items: [
          {
            Update: {
              TableName: config.tableName,
              Key: keys.registerDay(c.day, c.storeId, c.registerId, shard),
              // Counter names through placeholders: `returns` is a reserved word.
              UpdateExpression: `SET #type = :type, #day = :day, storeId = :store, registerId = :register ADD ${added.map((_, i) => `#c${i} :n${i}`).join(', ')}`,
              ExpressionAttributeNames: { '#type': 'type', '#day': 'day', ...Object.fromEntries(added.map(([name], i) => [`#c${i}`, name])) },
              ExpressionAttributeValues: { ':type': 'register-day', ':day': c.day, ':store': c.storeId, ':register': c.registerId ?? '-', ...Object.fromEntries(added.map(([, n], i) => [`:n${i}`, n])) },
            },
          },
        ],
      };
    },
  },
];
