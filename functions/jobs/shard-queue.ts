import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { JobName } from '../../shared/schedules';

/**
 * Where a scheduled run sends its shards. In the cloud: the job-shard SQS queue (JOB_QUEUE_URL), which the jobs
 * function consumes one message at a time, retrying a failed shard and then moving it to the dead-letter queue.
 * Locally: the in-process emulation `local/job-queue.ts` installs itself here, delivering the same SQS events to
 * the same handler. With neither (a test calling the handler, a by-hand run with `shards`), the run works its
 * shards in process.
 */
export interface ShardMessage {
  job: JobName;
  /** The business day, fixed by the dispatcher so every shard works on the same one. */
  date: string;
  shards: number[];
  /** The day was checked when it was dispatched. */
  allowFuture: true;
  onlyThisDay?: boolean;
}

export interface ShardQueue {
  send(messages: ShardMessage[]): Promise<void>;
}

/** Receives before a shard goes to the dead-letter queue: the stack's redrive policy and the local emulation. */
export const JOB_SHARD_MAX_RECEIVES = 3;

let installed: ShardQueue | undefined;

/** `npm start`, `npm run job` and tests: put a local queue in place (undefined removes it). */
export function useShardQueue(queue: ShardQueue | undefined): void {
  installed = queue;
}

export function shardQueue(): ShardQueue | undefined {
  if (installed) return installed;
  const url = process.env.JOB_QUEUE_URL;
  return url ? sqsShardQueue(url) : undefined;
}

let sqs: SQSClient | undefined;

/** SendMessageBatch, ten at a time; entries SQS refuses are sent once more, then the dispatch fails (and is retried). */
function sqsShardQueue(url: string): ShardQueue {
  return {
    async send(messages) {
      sqs ??= new SQSClient({});
      for (let i = 0; i < messages.length; i += 10) {
        let entries = messages.slice(i, i + 10).map((m) => ({ Id: `${m.job}-${m.shards.join('_')}`, MessageBody: JSON.stringify(m) }));
        for (let attempt = 1; entries.length; attempt++) {
          const out = await sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: entries }));
          const failed = new Set((out.Failed ?? []).map((f) => f.Id));
          if (failed.size && attempt >= 2) throw new Error(`the job-shard queue refused ${[...failed].join(', ')}: ${JSON.stringify(out.Failed)}`);
          entries = entries.filter((e) => failed.has(e.Id));
        }
      }
    },
  };
}
