import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Msg } from '../../commons/errors';
import { cancellationReasons, ddb, isConditionFailure, type TransactItem } from '../../commons/dynamodb';
import { keys } from '../../commons/keys';

/**
 * The message centre's items: one shape, written by whatever tells the member something (a tier change, points
 * becoming available, a staff adjustment, an expiry reminder, a tier decision; later coupons and campaigns).
 * Items sort by `sortAt`, newest first.
 *
 * Read state is exact without touching the messages: the member's inbox item (`MEMBER#<id>` / `INBOX`) counts the
 * messages `delivered`, and each message takes the next number (`seq`) in the same transaction that advances the
 * count, guarded by the count it read (two messages arriving at once: one commits, the other reads again).
 * "Mark all read" is one update that copies `delivered` to `readThrough`, so it marks exactly the messages that
 * had committed when it ran: a message committed after it has a higher `seq` and stays unread. Unread =
 * `delivered − readThrough`, never negative; a message is read when its `seq` ≤ `readThrough`.
 */
export interface MessageDraft {
  memberId: string;
  /** Stable per message when a rerun must not write it twice (then pass `once`). */
  messageId: string;
  /** Where it sorts in the list (usually when it was written). */
  sortAt: string;
  at: string;
  kind: 'tier' | 'points-expiry' | 'points-available' | 'points-adjusted' | (string & {});
  title: Msg;
  body: Msg;
}

export interface Inbox {
  delivered: number;
  readThrough: number;
  /** When the member last marked all read (messages written before counting began are read if older). */
  readAt: string | null;
  /** The membership was deleted (rule 15.3): the inbox takes no more messages. */
  closed: boolean;
}

/** A Put of one message, for a transaction or on its own; `once` makes a second write of the same id fail. */
export function messagePut(tableName: string, m: MessageDraft, { once = false, seq }: { once?: boolean; seq?: number } = {}) {
  return {
    Put: {
      TableName: tableName,
      Item: { ...keys.message(m.memberId, m.sortAt, m.messageId), type: 'message', messageId: m.messageId, at: m.at, kind: m.kind, read: false, title: m.title, body: m.body, ...(seq ? { seq } : {}) },
      ...(once ? { ConditionExpression: 'attribute_not_exists(PK)' } : {}),
    },
  };
}

/** The member's inbox counters, read consistently (what a delivery is guarded on). */
export async function readInbox(tableName: string, memberId: string): Promise<Inbox> {
  const out = await ddb().send(new GetCommand({ TableName: tableName, Key: keys.inbox(memberId), ConsistentRead: true }));
  return inboxOf(out.Item);
}

export function inboxOf(item: Record<string, unknown> | undefined): Inbox {
  return { delivered: Number(item?.delivered ?? 0), readThrough: Number(item?.readThrough ?? 0), readAt: typeof item?.readAt === 'string' ? item.readAt : null, closed: item?.closed === true };
}

export const unreadOf = (inbox: Inbox) => Math.max(0, inbox.delivered - inbox.readThrough);

/** Whether a listed message is read, by its number (a message written before counting began: by when all were last read). */
export const isRead = (m: Record<string, unknown>, inbox: Inbox) =>
  typeof m.seq === 'number' ? m.seq <= inbox.readThrough : m.read === true || (inbox.readAt !== null && String(m.at) <= inbox.readAt);

/**
 * The two items that deliver one message after reading `inbox`: the message with the next number, and the inbox
 * advanced to it, on condition that nothing was delivered since (else the caller reads again).
 * Index 0 is the message (written once), index 1 the inbox guard.
 */
export function messageDelivery(tableName: string, m: MessageDraft, inbox: Inbox, { once = true } = {}): [TransactItem, TransactItem] {
  const next = inbox.delivered + 1;
  // A closed inbox (a deleted membership) fails the guard; the caller, reading again, finds it closed and stops.
  const counted = `${inbox.delivered === 0 ? 'attribute_not_exists(delivered)' : 'delivered = :was'} AND attribute_not_exists(closed)`;
  return [
    messagePut(tableName, m, { once, seq: next }) as TransactItem,
    {
      Update: {
        TableName: tableName,
        Key: keys.inbox(m.memberId),
        UpdateExpression: 'SET delivered = :next, #type = :type',
        ConditionExpression: counted,
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':next': next, ':type': 'inbox', ...(inbox.delivered === 0 ? {} : { ':was': inbox.delivered }) },
      },
    } as TransactItem,
  ];
}

/**
 * Delivers one message on its own (a job's reminder): true when written, false when a message with this id and
 * place was there already. Another message arriving at the same moment makes it read the inbox again.
 */
export async function deliverMessage(tableName: string, m: MessageDraft): Promise<boolean> {
  for (let attempt = 0; ; attempt++) {
    const inbox = await readInbox(tableName, m.memberId);
    if (inbox.closed) return false;
    try {
      await ddb().send(new TransactWriteCommand({ TransactItems: messageDelivery(tableName, m, inbox) }));
      return true;
    } catch (err) {
      const reasons = cancellationReasons(err);
      if (reasons?.[0] === 'ConditionalCheckFailed') return false;
      const raced = reasons && (reasons[1] === 'ConditionalCheckFailed' || reasons.includes('TransactionConflict'));
      // Of k deliveries racing on one inbox, one commits per round, so the last may need k rounds: the bound is well
      // above any burst a member's inbox sees (30 in the test), and the jittered wait grows so they spread out.
      if (!raced || attempt >= 60) throw err;
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(50, 2 * (attempt + 1))));
    }
  }
}

/** Marks every message delivered so far read, in one update; safe to repeat. Returns the inbox after it (a closed one: as it is). */
export async function markAllRead(tableName: string, memberId: string, now: string): Promise<Inbox> {
  try {
    const out = await ddb().send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.inbox(memberId),
        UpdateExpression: 'SET readThrough = if_not_exists(delivered, :zero), readAt = :now, #type = :type',
        ConditionExpression: 'attribute_not_exists(closed)',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':zero': 0, ':now': now, ':type': 'inbox' },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return inboxOf(out.Attributes);
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
    return readInbox(tableName, memberId);
  }
}
