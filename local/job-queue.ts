/**
 * The job-shard queue on one machine: what SQS with a redrive policy and Lambda's SQS event source do in the cloud,
 * in process. A message is delivered to the consumer handler as an SQS event of one record (the stack's batch
 * size), with its receive count; one the handler reports failed (or that throws) is delivered again, and after
 * `maxReceiveCount` receives it moves to the dead-letter list, logged. `npm start`'s scheduler, `npm run job` and
 * the tests drive the jobs handler through it, so a shard is worked by the same code as in the cloud.
 */
import { randomUUID } from 'node:crypto';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { ShardMessage, ShardQueue } from '../functions/jobs/shard-queue';

export interface LocalQueueOptions {
  name: string;
  deliver: (event: SQSEvent) => Promise<SQSBatchResponse | void | unknown>;
  maxReceiveCount: number;
  /**
   * Messages worked at once. Default 1: in the cloud each delivery has its container to itself (its metrics buffer,
   * its log context), which one process can only give them one at a time.
   */
  concurrency?: number;
  log?: (line: string) => void;
}

export interface QueueMessage {
  messageId: string;
  body: string;
  receiveCount: number;
  sentAt: number;
}
export interface Delivery {
  messageId: string;
  body: string;
  receiveCount: number;
  ok: boolean;
}
export interface DeadLetter extends QueueMessage {
  reason: string;
}

export interface LocalQueue extends ShardQueue {
  sendBodies(bodies: string[]): void;
  /** Resolves once no message is waiting or being worked (retries included). */
  drain(): Promise<void>;
  readonly deliveries: readonly Delivery[];
  readonly deadLetters: readonly DeadLetter[];
}

export function localQueue(opts: LocalQueueOptions): LocalQueue {
  const log = opts.log ?? ((line: string) => console.log(line));
  const concurrency = opts.concurrency ?? 1;
  const waiting: QueueMessage[] = [];
  const deliveries: Delivery[] = [];
  const deadLetters: DeadLetter[] = [];
  let inFlight = 0;
  let idle: Array<() => void> = [];

  const recordOf = (m: QueueMessage): SQSRecord => ({
    messageId: m.messageId,
    receiptHandle: `${m.messageId}#${m.receiveCount}`,
    body: m.body,
    attributes: {
      ApproximateReceiveCount: String(m.receiveCount),
      SentTimestamp: String(m.sentAt),
      SenderId: 'local',
      ApproximateFirstReceiveTimestamp: String(Date.now()),
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: `arn:aws:sqs:local:000000000000:${opts.name}`,
    awsRegion: 'local',
  });

  async function deliverOne(m: QueueMessage) {
    m.receiveCount++;
    let failure: string | undefined;
    try {
      const response = (await opts.deliver({ Records: [recordOf(m)] })) as SQSBatchResponse | undefined;
      if (response?.batchItemFailures?.some((f) => f.itemIdentifier === m.messageId)) failure = 'the handler reported it failed';
    } catch (err) {
      failure = `the handler threw: ${(err as Error)?.message ?? String(err)}`;
    }
    deliveries.push({ messageId: m.messageId, body: m.body, receiveCount: m.receiveCount, ok: !failure });
    if (!failure) return;
    if (m.receiveCount >= opts.maxReceiveCount) {
      deadLetters.push({ ...m, reason: failure });
      log(`[${opts.name}] DEAD LETTER: message ${m.messageId} failed ${m.receiveCount} of ${opts.maxReceiveCount} receives (${failure}); moved to the dead-letter list: ${m.body}`);
    } else {
      log(`[${opts.name}] message ${m.messageId} failed (receive ${m.receiveCount} of ${opts.maxReceiveCount}: ${failure}); delivering it again`);
      waiting.push(m);
    }
  }

  function pump() {
    while (inFlight < concurrency && waiting.length) {
      const m = waiting.shift()!;
      inFlight++;
      void deliverOne(m).finally(() => {
        inFlight--;
        pump();
      });
    }
    if (!inFlight && !waiting.length) {
      const done = idle;
      idle = [];
      for (const resolve of done) resolve();
    }
  }

  const sendBodies = (bodies: string[]) => {
    for (const body of bodies) waiting.push({ messageId: randomUUID(), body, receiveCount: 0, sentAt: Date.now() });
    // Delivered after the sender's own turn, as a queue would.
    setImmediate(pump);
  };

  return {
    sendBodies,
    async send(messages: ShardMessage[]) {
      sendBodies(messages.map((m) => JSON.stringify(m)));
    },
    drain: () =>
      new Promise<void>((resolve) => {
        idle.push(resolve);
        setImmediate(pump);
      }),
    deliveries,
    deadLetters,
  };
}
