import type { Reaction } from '../../events/reaction';
import { businessDayOf } from '../../../shared/rules/business-time';
import { movementOfEntry, storeMovementOfEntry } from '../../../shared/rules/liability';
import { counterShardOf, keys, liabilityShardOf, LIABILITY_STORE_SHARDS } from '../../commons/keys';
import type { TransactItem } from '../../commons/dynamodb';
import { messageReactions } from './message-reactions';
import { getSettings } from '../settings/settings';
import { grantWelcomePoints } from './points';

/**
 * The points feature's reactions. Finance's liability counters are aggregated from the stream (PointsChanged),
 * not written inside each points transaction: fewer items per change and no hot counters on a month-end night.
 * The counter update commits with the reaction's receipt, so a redelivered record never counts twice. The
 * figures lag the ledger by the stream's delay (the report says "as of").
 *
 * The liability by day counts every ledger entry (PointsEntryAdded) on the business day of its time, in its
 * column (shared/rules/liability.ts), on one of 32 counters of that day chosen by member (as the totals are), and
 * an entry made at a store's sale or return on one of that store's 4 counters of the day as well. Receipts only
 * need to outlive redelivery (the stream keeps records for a day): they expire after a week.
 */
export const LIABILITY_DAYS_REACTION = 'liability-days';

export const pointsReactions: Reaction[] = [
  {
    // The new-member welcome points: its own transaction, locked per member, so a redelivery finds them given.
    name: 'welcome-points',
    on: ['MemberJoined'],
    async react(event, { config }) {
      if (event.type !== 'MemberJoined') return;
      const points = (await getSettings(config.tableName)).points.welcomePoints;
      if (points > 0) await grantWelcomePoints(config, event.memberId, points);
    },
  },
  {
    name: 'liability-counters',
    on: ['PointsChanged'],
    async react(event, { config }) {
      if (event.type !== 'PointsChanged') return;
      return {
        items: [
          {
            Update: {
              TableName: config.tableName,
              Key: keys.liabilityShard(liabilityShardOf(event.memberId)),
              UpdateExpression: 'ADD availablePoints :a, pendingPoints :p, debtPoints :d',
              ExpressionAttributeValues: { ':a': event.availableDelta, ':p': event.pendingDelta, ':d': event.debtDelta },
            },
          },
        ],
      };
    },
  },
  {
    name: LIABILITY_DAYS_REACTION,
    on: ['PointsEntryAdded'],
    receiptTtlDays: 7,
    async react(event, { config }) {
      // An entry that moved no available points (all of it settled debt) changes no column.
      if (event.type !== 'PointsEntryAdded' || event.points === 0) return;
      const day = businessDayOf(event.at);
      const m = movementOfEntry(event.kind, event.points);
      const items: TransactItem[] = [
        {
          Update: {
            TableName: config.tableName,
            Key: keys.liabilityDayShard(day, liabilityShardOf(event.memberId)),
            UpdateExpression: 'SET #type = :type, #day = :day ADD earned :e, spent :s, expired :x, adjusted :a',
            ExpressionAttributeNames: { '#type': 'type', '#day': 'day' },
            ExpressionAttributeValues: { ':type': 'liability-day', ':day': day, ':e': m.earned, ':s': m.spent, ':x': m.expired, ':a': m.adjusted },
          },
        },
      ];
      const atStore = event.storeId ? storeMovementOfEntry(event.kind, event.points) : null;
      if (event.storeId && atStore) {
        items.push({
          Update: {
            TableName: config.tableName,
            Key: keys.liabilityStoreShard(day, event.storeId, counterShardOf(event.memberId, LIABILITY_STORE_SHARDS)),
            UpdateExpression: 'SET #type = :type, #day = :day, storeId = :store ADD earned :e, spent :s, reversed :r, refunded :f',
            ExpressionAttributeNames: { '#type': 'type', '#day': 'day' },
            ExpressionAttributeValues: { ':type': 'liability-store-day', ':day': day, ':store': event.storeId, ':e': atStore.earned, ':s': atStore.spent, ':r': atStore.reversed, ':f': atStore.refunded },
          },
        });
      }
      return { items };
    },
  },
  ...messageReactions,
];
