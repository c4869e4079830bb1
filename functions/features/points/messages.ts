import type { Msg } from '../../commons/errors';
import { keys } from '../../commons/keys';

/**
 * The message centre's items: one shape, written by whatever tells the member something (a tier decision, an
 * expiry reminder, later coupons and campaigns). Items sort by `sortAt`, newest first.
 */
export interface MessageDraft {
  memberId: string;
  /** Stable per message when a rerun must not write it twice (then pass `once`). */
  messageId: string;
  /** Where it sorts in the list (usually when it was written). */
  sortAt: string;
  at: string;
  kind: 'tier' | 'points-expiry' | (string & {});
  title: Msg;
  body: Msg;
}

/** A Put of one message, for a transaction or on its own; `once` makes a second write of the same id fail. */
export function messagePut(tableName: string, m: MessageDraft, { once = false } = {}) {
  return {
    Put: {
      TableName: tableName,
      Item: { ...keys.message(m.memberId, m.sortAt, m.messageId), type: 'message', messageId: m.messageId, at: m.at, kind: m.kind, read: false, title: m.title, body: m.body },
      ...(once ? { ConditionExpression: 'attribute_not_exists(PK)' } : {}),
    },
  };
}
