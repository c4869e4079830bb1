import type { Reaction, ReactionContext } from '../../events/reaction';
import type { DomainEvent } from '../../events/catalogue';
import { tierByCode, type TierCode } from '../../../shared/settings';
import { getSettings } from '../settings/settings';
import { nowIso } from '../../commons/clock';
import { messageDelivery, readInbox, type MessageDraft } from './messages';

/**
 * The message centre's reactions: a tier change, points becoming available and a staff adjustment each tell the
 * member, once. Each returns the message and the member's inbox count advanced to it, which commit with the
 * reaction's receipt (consumer.ts): a redelivered event finds its receipt and writes nothing; a message arriving
 * for the same member at the same moment fails the inbox guard and the reaction reads again. Message ids come from
 * the event, so each is written at one place. (Expiry reminders are the `expiry-reminder` job's own messages.)
 */
const deliver = async (ctx: ReactionContext, m: MessageDraft) => {
  const inbox = await readInbox(ctx.config.tableName, m.memberId);
  // A deleted membership's inbox is closed: the message is not written (the receipt still is).
  return inbox.closed ? undefined : { items: messageDelivery(ctx.config.tableName, m, inbox) };
};

/** An event's time, or now for one that carries none (a member changed before `tierChangedAt` was kept). */
const instant = (at: string) => (/^\d{4}-\d{2}-\d{2}T/.test(at) ? at : nowIso());

export async function tierChangeMessage(event: Extract<DomainEvent, { type: 'TierChanged' }>, ctx: ReactionContext): Promise<MessageDraft> {
  const settings = await getSettings(ctx.config.tableName);
  const order = (code: string) => settings.tiers.findIndex((t) => t.code === code);
  const to = tierByCode(settings, event.to as TierCode).name;
  const up = order(event.to) > order(event.from);
  const at = instant(event.at);
  return {
    memberId: event.memberId,
    messageId: `tier-${event.id.split('#').pop()}`,
    sortAt: at,
    at,
    kind: 'tier',
    title: up ? { zh: '恭喜升级', en: 'Upgraded' } : { zh: '会员等级变更', en: 'Tier changed' },
    body: up ? { zh: `您已成为${to.zh}，享受更多会员权益。`, en: `You are now a ${to.en} member, with more benefits.` } : { zh: `您的会员等级已调整为${to.zh}。`, en: `Your tier is now ${to.en}.` },
  };
}

export function pointsAvailableMessage(event: Extract<DomainEvent, { type: 'PointsActivated' }>): MessageDraft {
  const settled = event.debtSettled > 0 ? { zh: `，其中 ${event.debtSettled} 积分抵扣了欠分`, en: `; ${event.debtSettled} of them settled your points debt` } : { zh: '', en: '' };
  const total = event.points + Math.max(0, event.debtSettled);
  return {
    memberId: event.memberId,
    messageId: `available-${event.seq}`,
    sortAt: event.at,
    at: event.at,
    kind: 'points-available',
    title: { zh: '积分已到账', en: 'Points available' },
    body: { zh: `您消费获得的 ${total} 积分已可使用${settled.zh}。`, en: `${total} points from your purchase are now available${settled.en}.` },
  };
}

/** The shopper-facing reason only: the staff note never leaves the console. */
export function adjustmentMessage(event: Extract<DomainEvent, { type: 'PointsAdjusted' }>): MessageDraft {
  const moved = event.points - event.debt;
  const n = Math.abs(moved);
  return {
    memberId: event.memberId,
    messageId: `adjusted-${event.seq}`,
    sortAt: event.at,
    at: event.at,
    kind: 'points-adjusted',
    title: { zh: '积分调整', en: 'Points adjusted' },
    body: moved >= 0 ? { zh: `您获得 ${n} 积分：${event.reason.zh}`, en: `You received ${n} points: ${event.reason.en}` } : { zh: `您的积分减少 ${n}：${event.reason.zh}`, en: `${n} points were deducted: ${event.reason.en}` },
  };
}

export const messageReactions: Reaction[] = [
  {
    name: 'message-tier-changed',
    on: ['TierChanged'],
    async react(event, ctx) {
      // An approval's decision wrote its own message in its transaction.
      if (event.type !== 'TierChanged' || event.byApproval) return;
      return deliver(ctx, await tierChangeMessage(event, ctx));
    },
  },
  {
    name: 'message-points-available',
    on: ['PointsActivated'],
    async react(event, ctx) {
      if (event.type !== 'PointsActivated' || event.points + event.debtSettled <= 0) return;
      return deliver(ctx, pointsAvailableMessage(event));
    },
  },
  {
    name: 'message-points-adjusted',
    on: ['PointsAdjusted'],
    async react(event, ctx) {
      if (event.type !== 'PointsAdjusted' || event.points - event.debt === 0) return;
      return deliver(ctx, adjustmentMessage(event));
    },
  },
];
