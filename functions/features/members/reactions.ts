import type { Reaction } from '../../events/reaction';
import { runMemberJoinedHooks } from './member-hooks';
import { member } from './entities';
import { eraseMessages } from './privacy';
import { mayReceiveNewMemberBenefit, mayReceiveReferralReward } from '../../../shared/rules/privacy';

/**
 * The members feature's reactions. The new-member hooks run on MemberJoined from the stream, so a join whose
 * request died right after its transaction still gets them (at least once; each hook is idempotent per member).
 */
export const memberReactions: Reaction[] = [
  {
    name: 'member-joined-hooks',
    on: ['MemberJoined'],
    async react(event, { config }) {
      if (event.type !== 'MemberJoined') return;
      const found = await member.get(config.tableName, [event.memberId], { consistent: true });
      if (found) await runMemberJoinedHooks({ member: found, config, benefits: { newMember: mayReceiveNewMemberBenefit(found), referral: mayReceiveReferralReward(found) } });
    },
  },
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
