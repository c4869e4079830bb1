import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { getConfig } from '../../functions/commons/config';
import { ddb } from '../../functions/commons/dynamodb';
import { keys } from '../../functions/commons/keys';
import { handleStreamBatch, registerReactions, type Reaction } from '../../functions/events/consumer';
import { joinShopper } from '../support/shoppers';
import { startTestApi, type TestApi } from '../support/test-api';

/**
 * The stream consumer with batches in the shape Lambda delivers, built from the items the API wrote: each
 * reaction happens once per event, a redelivered batch changes nothing twice, and a reaction that fails mid-way
 * stops the batch at its record and happens exactly once when the batch is delivered again.
 */
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

let seq = 0;
async function insertRecordOf(key: { PK: string; SK: string }) {
  const item = (await ddb().send(new GetCommand({ TableName: api.tableName, Key: key, ConsistentRead: true }))).Item!;
  return {
    eventID: `e${++seq}`,
    eventName: 'INSERT' as const,
    dynamodb: { Keys: marshall(key) as never, NewImage: marshall(item, { removeUndefinedValues: true }) as never, SequenceNumber: String(1000 + seq), StreamViewType: 'NEW_AND_OLD_IMAGES' as const },
  };
}

/** A reaction that counts on the member item, in the same transaction as its receipt. */
const counter = (name: string, failFirst = false): Reaction & { calls: number } => {
  const r = {
    name,
    on: ['MemberJoined'] as const,
    calls: 0,
    async react(event: Extract<Parameters<Reaction['react']>[0], { type: 'MemberJoined' }>) {
      r.calls++;
      if (failFirst && r.calls === 1) throw new Error('the reaction dies mid-way');
      const config = await getConfig();
      return { items: [{ Update: { TableName: config.tableName, Key: keys.member(event.memberId), UpdateExpression: 'ADD welcomed :one', ExpressionAttributeValues: { ':one': 1 } } }] };
    },
  };
  return r as never;
};

it('runs each reaction once per event, however often the batch is delivered', async () => {
  const a = await joinShopper(api, '13800010001');
  const b = await joinShopper(api, '13800010002');
  const welcome = counter('test-welcome');
  const off = registerReactions(welcome);
  try {
    const batch: DynamoDBStreamEvent = { Records: [await insertRecordOf(keys.member(a.memberId)), await insertRecordOf(keys.member(b.memberId))] };
    const config = await getConfig();
    expect(await handleStreamBatch(batch, config)).toEqual({ batchItemFailures: [] });
    expect(await handleStreamBatch(batch, config)).toEqual({ batchItemFailures: [] });
    await Promise.all([handleStreamBatch(batch, config), handleStreamBatch(batch, config)]);
    for (const id of [a.memberId, b.memberId]) {
      const m = (await ddb().send(new GetCommand({ TableName: api.tableName, Key: keys.member(id), ConsistentRead: true }))).Item!;
      expect(m.welcomed).toBe(1);
    }
  } finally {
    off();
  }
});

it('a reaction that dies mid-way stops the batch at its record, and happens exactly once on redelivery', async () => {
  const a = await joinShopper(api, '13800010003');
  const b = await joinShopper(api, '13800010004');
  const flaky = counter('test-flaky', true);
  const off = registerReactions(flaky);
  try {
    const batch: DynamoDBStreamEvent = { Records: [await insertRecordOf(keys.member(a.memberId)), await insertRecordOf(keys.member(b.memberId))] };
    const config = await getConfig();
    const first = await handleStreamBatch(batch, config);
    // The first record failed: reported, and the second was not run before it.
    expect(first.batchItemFailures).toEqual([{ itemIdentifier: batch.Records[0].dynamodb!.SequenceNumber }]);
    expect(flaky.calls).toBe(1);
    expect(await handleStreamBatch(batch, config)).toEqual({ batchItemFailures: [] });
    expect(await handleStreamBatch(batch, config)).toEqual({ batchItemFailures: [] });
    for (const id of [a.memberId, b.memberId]) {
      const m = (await ddb().send(new GetCommand({ TableName: api.tableName, Key: keys.member(id), ConsistentRead: true }))).Item!;
      expect(m.welcomed).toBe(1);
    }
    const receipts = await ddb().send(new QueryCommand({ TableName: api.tableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': `REACTION#test-flaky#MemberJoined#${a.memberId}` } }));
    expect(receipts.Count).toBe(1);
  } finally {
    off();
  }
});
