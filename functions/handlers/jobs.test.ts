import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import { resetConfig } from '../commons/config';
import { JOB_SHARDS } from '../commons/keys';
import { logger } from '../commons/logger';
import { handler } from './jobs';

describe('jobs handler dispatch (cloud)', () => {
  const saved = { ...process.env };
  beforeAll(() => logger.setLogLevel('SILENT'));
  beforeEach(() => {
    Object.assign(process.env, {
      JOB_QUEUE_URL: 'https://sqs.cn-north-1.amazonaws.com.cn/123456789012/job-shards',
      AWS_REGION: 'cn-north-1',
      AWS_ACCESS_KEY_ID: 'unit',
      AWS_SECRET_ACCESS_KEY: 'unit',
      APP_SECRETS_JSON: JSON.stringify({ rootKey: 'r'.repeat(40) }),
      TABLE_NAME: 'unit-no-table',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      POWERTOOLS_METRICS_DISABLED: 'true',
    });
    resetConfig();
  });
  afterEach(() => {
    process.env = { ...saved };
    resetConfig();
    jest.restoreAllMocks();
  });

  function captureSqs(fail?: (id: string, call: number) => boolean) {
    const calls: SendMessageBatchCommand[] = [];
    jest.spyOn(SQSClient.prototype, 'send').mockImplementation((async (c: SendMessageBatchCommand) => {
      calls.push(c);
      const entries = c.input.Entries ?? [];
      const failed = entries.filter((e) => fail?.(e.Id!, calls.length)).map((e) => ({ Id: e.Id!, Code: 'InternalError', SenderFault: false }));
      return { Successful: entries.filter((e) => !failed.some((f) => f.Id === e.Id)).map((e) => ({ Id: e.Id, MessageId: `m-${e.Id}` })), Failed: failed };
    }) as never);
    return calls;
  }
  const bodies = (calls: SendMessageBatchCommand[]) => calls.flatMap((c) => (c.input.Entries ?? []).map((e) => JSON.parse(e.MessageBody!)));

  it('a scheduled sharded job sends one message per shard, at most ten per call, all for one fixed day', async () => {
    const calls = captureSqs();
    const out = await handler({ job: 'points-expiry', date: '2026-04-01' });
    expect(out.result).toEqual({ dispatched: JOB_SHARDS });
    expect(calls.map((c) => c.input.Entries!.length)).toEqual([10, JOB_SHARDS - 10]);
    for (const c of calls) expect(c.input.QueueUrl).toBe(process.env.JOB_QUEUE_URL);
    const sent = bodies(calls);
    expect(sent.map((b) => b.shards[0]).sort((a, b) => a - b)).toEqual([...Array(JOB_SHARDS).keys()]);
    for (const b of sent) expect(b).toEqual({ job: 'points-expiry', date: '2026-04-01', shards: [expect.any(Number)], allowFuture: true });
  });

  it('an unsharded job is one message; a rerun of one day carries onlyThisDay to its shards', async () => {
    const calls = captureSqs();
    await handler({ job: 'join-stats', date: '2026-04-01' });
    expect(bodies(calls)).toEqual([{ job: 'join-stats', date: '2026-04-01', shards: [0], allowFuture: true }]);
    calls.length = 0;
    await handler({ job: 'pending-activation', date: '2026-04-01', onlyThisDay: true });
    expect(bodies(calls).every((b) => b.onlyThisDay === true)).toBe(true);
  });

  it('entries SQS refuses are sent once more; refused twice, the dispatch fails (and the schedule retries it)', async () => {
    const calls = captureSqs((id, call) => id === 'points-expiry-3' && call === 1);
    await handler({ job: 'points-expiry', date: '2026-04-01' });
    expect(calls.map((c) => c.input.Entries!.map((e) => e.Id))[1]).toEqual(['points-expiry-3']);
    jest.restoreAllMocks();
    captureSqs((id) => id === 'points-expiry-3');
    await expect(handler({ job: 'points-expiry', date: '2026-04-01' })).rejects.toThrow(/refused points-expiry-3/);
  });

  it('still refuses a future day or an unknown job or shard before dispatching', async () => {
    const calls = captureSqs();
    await expect(handler({ job: 'points-expiry', date: '2999-01-01' })).rejects.toThrow(/after today/);
    await expect(handler({ job: 'points-expiry', shards: [JOB_SHARDS] })).rejects.toThrow();
    await expect(handler({ job: 'no-such-job' })).rejects.toThrow();
    expect(calls).toEqual([]);
  });

  it('a queue message it cannot read is reported failed (so it ends in the dead-letter queue), the others are worked', async () => {
    const event = {
      Records: [{ messageId: 'bad-1', body: '{"job":"nope"}', eventSource: 'aws:sqs', attributes: { ApproximateReceiveCount: '1' } }],
    } as unknown as SQSEvent;
    expect(await handler(event)).toEqual({ batchItemFailures: [{ itemIdentifier: 'bad-1' }] });
  });
});
