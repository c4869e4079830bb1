import type { AppConfig } from '../../commons/config';
import { logger } from '../../commons/logger';
import type { MemberItem } from './member-item';

/**
 * What happens when a new member joins (a new-member coupon, a welcome message…). Later features register
 * here; each hook must be idempotent per member, because a retried join may run it again.
 */
export interface MemberJoinedEvent {
  member: MemberItem;
  config: AppConfig;
  /**
   * Whether this member may have the new-member benefit, and a referral reward as the invited friend: not when their
   * phone or WeChat account had it under a membership they deleted (rule 15.4). A hook giving either must check.
   */
  benefits: { newMember: boolean; referral: boolean };
}
export type MemberJoinedHook = (event: MemberJoinedEvent) => Promise<void>;

const hooks: MemberJoinedHook[] = [];

export function onMemberJoined(hook: MemberJoinedHook): () => void {
  hooks.push(hook);
  return () => hooks.splice(hooks.indexOf(hook), 1);
}

/**
 * Runs on MemberJoined from the table's stream (services/member-reactions.ts). A failing hook never undoes the
 * join; it fails the reaction, so the stream delivers the event again and the hooks run again (each must be
 * idempotent per member).
 */
export async function runMemberJoinedHooks(event: MemberJoinedEvent): Promise<void> {
  const failures: unknown[] = [];
  for (const hook of [...hooks]) {
    try {
      await hook(event);
    } catch (error) {
      logger.error('new-member hook failed', { error: error as Error, memberId: event.member.memberId });
      failures.push(error);
    }
  }
  if (failures.length) throw new AggregateError(failures, `${failures.length} new-member hook(s) failed for ${event.member.memberId}`);
}
