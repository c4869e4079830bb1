import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { JOB_SHARDS } from '../commons/keys';
import { handler } from './jobs';

describe('jobs handler fan-out (cloud)', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    jest.restoreAllMocks();
  });

  it('a scheduled sharded job invokes itself once per shard, asynchronously, for one fixed day', async () => {
    Object.assign(process.env, { JOBS_FAN_OUT: 'lambda', AWS_LAMBDA_FUNCTION_NAME: 'membership-jobs', AWS_REGION: 'cn-north-1' });
    const sent: InvokeCommand[] = [];
    jest.spyOn(LambdaClient.prototype, 'send').mockImplementation((async (c: InvokeCommand) => {
      sent.push(c);
      return {};
    }) as never);
    const out = await handler({ job: 'points-expiry', date: '2026-04-01' });
    expect(out.result).toEqual({ fannedOut: JOB_SHARDS });
    expect(sent).toHaveLength(JOB_SHARDS);
    const payloads = sent.map((c) => JSON.parse(Buffer.from(c.input.Payload as Uint8Array).toString()));
    expect(payloads.map((p) => p.shards[0]).sort((a, b) => a - b)).toEqual([...Array(JOB_SHARDS).keys()]);
    for (const [i, c] of sent.entries()) {
      expect(c.input).toMatchObject({ FunctionName: 'membership-jobs', InvocationType: 'Event' });
      expect(payloads[i]).toMatchObject({ job: 'points-expiry', date: '2026-04-01' });
    }
  });

  it('rejects an unknown job or shard', async () => {
    await expect(handler({ job: 'points-expiry', shards: [JOB_SHARDS] })).rejects.toThrow();
  });
});
