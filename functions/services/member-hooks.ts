import type { AppConfig } from '../commons/config';
import { logger } from '../commons/logger';
import type { MemberItem } from './member-item';

/**
 * What happens when a new member joins (a new-member coupon, a welcome message…). Later features register
 * here; each hook must be idempotent per member, because a retried join may run it again.
 */
export interface MemberJoinedEvent {
  member: MemberItem;
  config: AppConfig;
}
export type MemberJoinedHook = (event: MemberJoinedEvent) => Promise<void>;

const hooks: MemberJoinedHook[] = [];

export function onMemberJoined(hook: MemberJoinedHook): () => void {
  hooks.push(hook);
  return () => hooks.splice(hooks.indexOf(hook), 1);
}

/** A failing hook is logged and does not undo the join: the member exists either way. */
export async function runMemberJoinedHooks(event: MemberJoinedEvent): Promise<void> {
  for (const hook of hooks) {
    try {
      await hook(event);
    } catch (error) {
      logger.error('new-member hook failed', { error: error as Error, memberId: event.member.memberId });
    }
  }
}
