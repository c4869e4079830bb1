import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from '../../commons/dynamodb';
import { keys } from '../../commons/keys';
import type { Reaction } from '../../events/reaction';
import type { MemberItem } from './member-item';
import { runMemberJoinedHooks } from './member-hooks';

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
      const member = (await ddb().send(new GetCommand({ TableName: config.tableName, Key: keys.member(event.memberId), ConsistentRead: true }))).Item as MemberItem | undefined;
      if (member) await runMemberJoinedHooks({ member, config });
    },
  },
];
