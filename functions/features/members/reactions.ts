import type { Reaction } from '../../events/reaction';
import { runMemberJoinedHooks } from './member-hooks';
import { member } from './entities';

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
      if (found) await runMemberJoinedHooks({ member: found, config });
    },
  },
];
