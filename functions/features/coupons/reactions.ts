import { mayReceiveNewMemberBenefit } from '../../../shared/rules/privacy';
import { nowIso } from '../../commons/clock';
import type { AppConfig } from '../../commons/config';
import { HttpError } from '../../commons/errors';
import { keys } from '../../commons/keys';
import { logger } from '../../commons/logger';
import type { Reaction } from '../../events/reaction';
import { member } from '../members/entities';
import { getSettings } from '../settings/settings';
import { grantCoupons } from './grants';
import { getPack } from './templates';

/**
 * The coupons feature's reactions.
 *
 * The new-member pack (rule 16.x): joining — by a register's QR, WeChat, a phone, a platform order's enrolment,
 * however the member item came to be — is one MemberJoined on the stream, and this reaction grants the pack named in
 * settings (`coupons.newMemberPackId`) through `grantCoupons`, the one guarded path that makes grants. Once per
 * member: the grant's idempotency key is the member's own (`new-member`), so a redelivered event, or two racing,
 * answer the first result; the reaction's receipt says it ran. Never to a member whose phone or WeChat account had
 * the benefit under a membership since deleted (`priorBenefits`, rule 15.4): every deletion records the new-member
 * benefit as had (shared/rules/privacy.ts `benefitsToRecord`).
 *
 * A pack is all or nothing (one transaction): a template of it that is paused, ended, sold out or out of budget
 * means the member gets none of the pack. That is not an error to retry: the outcome is recorded on the member item
 * (`newMemberPack`: which pack, how many coupons, or why none) and logged.
 */
export type NewMemberPackOutcome = { packId: string; granted: number; why: string | null };

export async function grantNewMemberPack(config: AppConfig, memberId: string): Promise<NewMemberPackOutcome | null> {
  const t = config.tableName;
  const packId = (await getSettings(t)).coupons.newMemberPackId;
  if (!packId) return null;
  const m = await member.get(t, [memberId], { consistent: true });
  if (!m || m.status !== 'active') return { packId, granted: 0, why: 'membership-ended' };
  if (!mayReceiveNewMemberBenefit(m)) return { packId, granted: 0, why: 'had-before' };
  const pack = await getPack(t, packId);
  if (!pack) return { packId, granted: 0, why: 'no-such-pack' };
  try {
    const r = await grantCoupons(config, {
      memberId,
      lines: pack.items,
      via: 'issue',
      source: { kind: 'new-member', ref: packId },
      claimKey: 'new-member',
      request: `new-member:${packId}`,
    });
    return { packId, granted: r.grants.length, why: null };
  } catch (err) {
    // A refusal (paused, sold out, over budget, the membership gone, a pack changed in settings since the first
    // delivery: the key's first request wins) is the member's outcome, not a failure; anything else is retried.
    if (err instanceof HttpError && err.status < 500) {
      const details = err.details as { templateId?: string; why?: string } | undefined;
      const why = [err.code, details?.templateId, details?.why].filter(Boolean).join(':');
      logger.warn('new-member pack not granted', { memberId, packId, why });
      return { packId, granted: 0, why };
    }
    throw err;
  }
}

export const couponsReactions: Reaction[] = [
  {
    name: 'new-member-pack',
    on: ['MemberJoined'],
    async react(event, { config }) {
      if (event.type !== 'MemberJoined') return;
      const outcome = await grantNewMemberPack(config, event.memberId);
      if (!outcome) return;
      // Recorded with the receipt: what the member got from joining, or why nothing (never personal data).
      return {
        items: [
          {
            Update: {
              TableName: config.tableName,
              Key: keys.member(event.memberId),
              UpdateExpression: 'SET newMemberPack = :o',
              ConditionExpression: 'attribute_exists(PK)',
              ExpressionAttributeValues: { ':o': { ...outcome, at: nowIso() } },
            },
          },
        ],
      };
    },
  },
];
