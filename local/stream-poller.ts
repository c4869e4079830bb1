import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand, type _Record } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { LOCAL_CREDENTIALS, LOCAL_REGION, localDynamoClient } from './dynamo';

/**
 * What Lambda's event source mapping does in the cloud, for DynamoDB Local: reads the table's stream shard by
 * shard and hands the consumer handler batches of the same shape, retrying from the first record a batch reports
 * as failed. `drain()` returns once every record written so far has been handled (tests call it instead of
 * sleeping); `start()` polls in the background (`npm start`).
 */
type AV = Record<string, unknown>;
/**
 * The streams client (3.1141, schema-based deserialisation) reads an empty map `{"M":{}}` back as `{}`, which
 * `unmarshall` then refuses ("No value defined"). Lambda delivers the JSON as DynamoDB wrote it; so do we.
 */
function repairValue(v: AV): AV {
  if (Object.keys(v).length === 0) return { M: {} };
  if (v.M && typeof v.M === 'object') return { M: repairImage(v.M as Record<string, AV>) };
  if (Array.isArray(v.L)) return { L: (v.L as AV[]).map(repairValue) };
  return v;
}
function repairImage(image: Record<string, AV> | undefined): Record<string, AV> | undefined {
  return image && Object.fromEntries(Object.entries(image).map(([k, v]) => [k, repairValue(v)]));
}
const asLambdaRecord = (r: _Record) => ({
  ...r,
  dynamodb: r.dynamodb && { ...r.dynamodb, NewImage: repairImage(r.dynamodb.NewImage as never), OldImage: repairImage(r.dynamodb.OldImage as never) },
});

export type StreamHandler = (batch: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | void>;

export interface StreamPoller {
  drain(retries?: number): Promise<number>;
  start(everyMs?: number): void;
  stop(): Promise<void>;
}

export async function streamPoller(endpoint: string, tableName: string, handle: StreamHandler, opts: { batchSize?: number; onError?: (err: unknown) => void } = {}): Promise<StreamPoller> {
  const table = (await localDynamoClient(endpoint).send(new DescribeTableCommand({ TableName: tableName }))).Table;
  const streamArn = table?.LatestStreamArn;
  if (!streamArn) throw new Error(`table ${tableName} has no stream`);
  const streams = new DynamoDBStreamsClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  /** Per shard: the last sequence number handled (the next read starts after it). */
  const done = new Map<string, string | undefined>();
  let busy: Promise<number> | undefined;
  let timer: NodeJS.Timeout | undefined;

  async function iteratorFor(shardId: string) {
    const after = done.get(shardId);
    const out = await streams.send(
      new GetShardIteratorCommand(after ? { StreamArn: streamArn, ShardId: shardId, ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after } : { StreamArn: streamArn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }),
    );
    return out.ShardIterator;
  }

  /** One pass over every shard until each has nothing new; returns the records handled. */
  async function pass(): Promise<number> {
    const shards = (await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }))).StreamDescription?.Shards ?? [];
    let handled = 0;
    for (const shard of shards) {
      const shardId = shard.ShardId!;
      let iterator = await iteratorFor(shardId);
      while (iterator) {
        const out = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: opts.batchSize ?? 100 }));
        const records = (out.Records ?? []) as _Record[];
        if (records.length === 0) break;
        const response = await handle({ Records: records.map(asLambdaRecord) as unknown as DynamoDBStreamEvent['Records'] });
        const failed = response?.batchItemFailures?.[0]?.itemIdentifier;
        const upTo = failed ? records.findIndex((r) => r.dynamodb?.SequenceNumber === failed) : records.length;
        handled += Math.max(0, upTo);
        if (upTo > 0) done.set(shardId, records[upTo - 1].dynamodb!.SequenceNumber);
        if (failed) throw new Error(`stream record ${failed} failed; it will be retried`);
        iterator = out.NextShardIterator;
      }
    }
    return handled;
  }

  const once = () => (busy ??= pass().finally(() => (busy = undefined)));
  return {
    /** `retries`: how many times a failing record is tried again before the failure is thrown (tests want 0). */
    async drain(retries = 0) {
      // A pass already running may have started before the latest writes: let it finish, then run fresh passes
      // until one finds nothing new.
      await busy?.catch(() => 0);
      // A failed record is retried from where it failed, a few times, as Lambda's event source retries it (a
      // reaction that lost a race to a concurrent transaction succeeds on the next try); then the failure stands.
      let total = 0;
      for (let failures = 0; ; ) {
        try {
          const n = await once();
          total += n;
          if (n === 0) return total;
        } catch (err) {
          if (++failures > retries) throw err;
        }
      }
    },
    start(everyMs = 500) {
      timer = setInterval(() => void once().catch((err) => opts.onError?.(err)), everyMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      await busy?.catch(() => undefined);
    },
  };
}
