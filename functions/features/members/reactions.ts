import type { Reaction } from '../../events/reaction';
import { eraseMessages } from './privacy';

/**
 * The members feature's reactions. What joining gives (the welcome points, the new-member coupon pack) is each
 * feature's own reaction to MemberJoined (points/reactions.ts, coupons/reactions.ts), never an in-process hook.
 */
export const memberReactions: Reaction[] = [
  {
    // The messages served only the member: erased once the membership is (rule 15.3). Safe to run again.
    name: 'membership-deleted-messages',
    on: ['MembershipDeleted'],
    receiptTtlDays: 7,
    async react(event, { config }) {
      if (event.type === 'MembershipDeleted') await eraseMessages(config.tableName, event.memberId);
    },
  },
];
