import type { Reaction } from '../../events/reaction';
import { keys, liabilityShardOf } from '../../commons/keys';

/**
 * The points feature's reactions. Finance's liability counters are aggregated from the stream (PointsChanged),
 * not written inside each points transaction: fewer items per change and no hot counters on a month-end night.
 * The counter update commits with the reaction's receipt, so a redelivered record never counts twice. The
 * figures lag the ledger by the stream's delay (the report says "as of").
 */
export const pointsReactions: Reaction[] = [
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
];
