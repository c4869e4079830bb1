import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { getConfig, type AppConfig } from '../commons/config';
import { cancellationReasons, ddb } from '../commons/dynamodb';
import { logger } from '../commons/logger';
import { keys } from '../commons/keys';
import { publishMetrics } from '../commons/metrics';
import { eventsOf, type DomainEvent, type ItemChange } from './catalogue';
import { EventTally } from './metrics';
import { allReactions } from './reactions';
import type { Reaction, ReactionContext } from './reaction';

/**
 * The stream consumer: turns each stream record into domain events and runs every reaction registered for them,
 * at least once and effectively once:
 *   - a reaction that only writes to the table returns its items, and they commit in one transaction with the
 *     reaction's receipt (`REACTION#<name>#<event id>`, written only if absent): a redelivered record finds the
 *     receipt and changes nothing twice;
 *   - a reaction with an outside effect (a message sent elsewhere) runs when no receipt exists yet and writes it
 *     after, so it may repeat only if it crashes between the two (its own call must then be idempotent).
 * Records are handled in order; at the first failure the batch reports that record (partial batch response), so
 * Lambda retries from it and nothing after it runs early.
 */
export type { Reaction, ReactionContext } from './reaction';

/** Reactions added at run time (tests); the features' own are listed in ./reactions.ts. */
const registry: Reaction[] = [];

export function registerReactions(...reactions: Reaction[]): () => void {
  registry.push(...reactions);
  return () => {
    for (const r of reactions) registry.splice(registry.indexOf(r), 1);
  };
}

const receiptKey = keys.reactionReceipt;

/**
 * true when the reaction ran in this delivery, false when its receipt said it had already. A reaction whose own
 * items carry a guard (a message advancing the member's inbox count it read) is run again when the guard failed
 * or the transaction met another on the same item: it reads afresh and plans again.
 */
async function runOnce(reaction: Reaction, event: DomainEvent, ctx: ReactionContext): Promise<boolean> {
  const t = ctx.config.tableName;
  const key = receiptKey(reaction.name, event.id);
  for (let attempt = 0; ; attempt++) {
    const done = await ddb().send(new GetCommand({ TableName: t, Key: key, ConsistentRead: true }));
    if (done.Item) return false;
    const out = await reaction.react(event, ctx);
    const ttl = reaction.receiptTtlDays ? { ttl: Math.floor(Date.now() / 1000) + reaction.receiptTtlDays * 86_400 } : {};
    const receipt = { TableName: t, Item: { ...key, type: 'reaction', reaction: reaction.name, eventId: event.id, at: new Date().toISOString(), ...ttl }, ConditionExpression: 'attribute_not_exists(PK)' };
    try {
      if (out?.items?.length) await ddb().send(new TransactWriteCommand({ TransactItems: [{ Put: receipt }, ...out.items] }));
      else await ddb().send(new PutCommand(receipt));
    } catch (err) {
      const reasons = cancellationReasons(err);
      // A concurrent delivery finished first: its receipt (and items) stand, ours are not written.
      if (reasons?.[0] === 'ConditionalCheckFailed' || (err as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      const raced = reasons?.slice(1).some((r) => r === 'ConditionalCheckFailed' || r === 'TransactionConflict') ?? false;
      if (raced && attempt < 20) {
        await new Promise((r) => setTimeout(r, Math.random() * 10 * (attempt + 1)));
        continue;
      }
      throw err;
    }
    return true;
  }
}

type StreamImage = Record<string, AttributeValue>;
export function changeOf(record: DynamoDBStreamEvent['Records'][number]): ItemChange {
  const d = record.dynamodb ?? {};
  return {
    eventName: record.eventName as ItemChange['eventName'],
    oldImage: d.OldImage ? unmarshall(d.OldImage as StreamImage) : undefined,
    newImage: d.NewImage ? unmarshall(d.NewImage as StreamImage) : undefined,
  };
}

export async function handleStreamBatch(batch: DynamoDBStreamEvent, config: AppConfig): Promise<DynamoDBBatchResponse> {
  // Metrics count the reactions that ran here (their receipts are written), so a redelivery never counts twice.
  const tally = new EventTally();
  try {
    for (const record of batch.Records) {
      try {
        for (const event of eventsOf(changeOf(record))) {
          for (const reaction of [...allReactions, ...registry].filter((r) => r.on.includes(event.type))) if (await runOnce(reaction, event, { config })) tally.ran(reaction.name, event);
        }
      } catch (error) {
        tally.failed();
        logger.error('reaction failed; the batch is retried from this record', { error: error as Error, eventID: record.eventID });
        return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? record.eventID ?? '' }] };
      }
    }
    return { batchItemFailures: [] };
  } finally {
    tally.record();
  }
}

/** The consumer Lambda (the table's stream as its event source, with partial batch responses). */
export const handler = async (batch: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  try {
    return await handleStreamBatch(batch, await getConfig());
  } finally {
    publishMetrics();
  }
};
