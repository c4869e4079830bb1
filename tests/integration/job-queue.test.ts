import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from '../../functions/commons/dynamodb';
import { onInterleavePoint } from '../../functions/commons/interleave';
import { JOB_SHARDS, shardOf } from '../../functions/commons/keys';
import { handler as jobs } from '../../functions/handlers/jobs';
import { JOB_SHARD_MAX_RECEIVES } from '../../functions/jobs/shard-queue';
import { addBusinessDays } from '../../shared/rules/business-time';
import { installJobQueue, jobContext } from '../../local/stack';
import { captureEmf } from '../support/emf';
import { joinShopper, saleOf, signInAgain, staffToken } from '../support/shoppers';
import { startTestApi, type TestApi } from '../support/test-api';

/**
 * The scheduled run's fan-out, through the queue `npm start` and `npm run job` use (local/job-queue.ts, the SQS
 * queue's stand-in): the run sends one message per shard and the same handler works each, once; a shard whose
 * work throws is delivered again, then moved to the dead-letter list after JOB_SHARD_MAX_RECEIVES, its watermark
 * left behind for the next run to catch up. The EMF lines carry the items, the failures and the watermark lag.
 */
let api: TestApi;
let queue: Awaited<ReturnType<typeof installJobQueue>>;
let emf: ReturnType<typeof captureEmf>;
const log: string[] = [];
beforeAll(async () => {
  api = await startTestApi();
  queue = await installJobQueue(jobs as never, (line) => log.push(line));
  emf = captureEmf();
});
afterAll(async () => {
  emf?.stop();
  queue?.uninstall();
  await api.close();
});

const run = async (job: string, date: string) => {
  const before = queue.deliveries.length;
  const out = (await jobs({ job, date, allowFuture: true }, jobContext(job))) as { result: unknown };
  await queue.drain();
  return { out, deliveries: queue.deliveries.slice(before) };
};
const shardsOfDeliveries = (ds: Array<{ body: string }>) => ds.map((d) => (JSON.parse(d.body) as { shards: number[] }).shards[0]).sort((a, b) => a - b);
async function watermarks(job: string): Promise<Map<number, string>> {
  const out = await ddb().send(new QueryCommand({ TableName: api.tableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': `JOBMARK#${job}` }, ConsistentRead: true }));
  return new Map((out.Items ?? []).map((i) => [Number(String(i.SK).replace('SHARD#', '')), i.lastDay as string]));
}
const allShards = [...Array(JOB_SHARDS).keys()];

it('a successful run dispatches one message per shard and works every shard exactly once', async () => {
  emf.clear();
  const { out, deliveries } = await run('points-expiry', '2027-03-01');
  expect(out.result).toEqual({ dispatched: JOB_SHARDS });
  expect(deliveries.every((d) => d.ok && d.receiveCount === 1)).toBe(true);
  expect(shardsOfDeliveries(deliveries)).toEqual(allShards);
  expect(queue.deadLetters).toEqual([]);
  const marks = await watermarks('points-expiry');
  expect(allShards.map((s) => marks.get(s))).toEqual(allShards.map(() => '2027-03-01'));
  expect(emf.values('WatermarkLagDays', { job: 'points-expiry' })).toEqual(allShards.map(() => 0));
  expect(emf.sum('JobShardFailures')).toBe(0);

  // An unsharded job is one message.
  const joins = await run('join-stats', '2027-03-01');
  expect(shardsOfDeliveries(joins.deliveries)).toEqual([0]);
});

it('a shard whose work throws is retried, then dead-lettered; the next runs catch it up once it works', async () => {
  const cashier = await staffToken(api, 'cashier', 'cashier-demo-2026', 'S001-R1');
  const { memberId } = await joinShopper(api, '13800030001');
  await api.client(cashier).call('recordSale', { body: saleOf(memberId, 80) });
  const pending = await ddb().send(new QueryCommand({ TableName: api.tableName, KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)', ExpressionAttributeValues: { ':pk': `MEMBER#${memberId}`, ':p': 'PENDING#' }, ConsistentRead: true }));
  const day = String(pending.Items![0].GSI2PK).split('#')[1]; // the day its return window ends
  const shard = shardOf(memberId);

  // Every shard completed the day before.
  expect((await run('pending-activation', addBusinessDays(day, -1))).deliveries.every((d) => d.ok)).toBe(true);

  // The member's shard throws on every attempt: the rest of the run is unaffected.
  let poisoned = true;
  const off = onInterleavePoint((point, detail) => {
    if (point === 'activation:pending' && detail.memberId === memberId && poisoned) throw new Error('a poisoned item');
  });
  try {
    emf.clear();
    const failed = await run('pending-activation', day);
    const mine = failed.deliveries.filter((d) => JSON.parse(d.body).shards[0] === shard);
    expect(mine.map((d) => [d.receiveCount, d.ok])).toEqual(Array.from({ length: JOB_SHARD_MAX_RECEIVES }, (_, i) => [i + 1, false]));
    expect(shardsOfDeliveries(failed.deliveries.filter((d) => d.ok))).toEqual(allShards.filter((s) => s !== shard));
    expect(queue.deadLetters.map((d) => [JSON.parse(d.body), d.receiveCount])).toEqual([
      [{ job: 'pending-activation', date: day, shards: [shard], allowFuture: true }, JOB_SHARD_MAX_RECEIVES],
    ]);
    expect(log.filter((l) => l.includes('DEAD LETTER'))).toHaveLength(1);
    const marks = await watermarks('pending-activation');
    expect(marks.get(shard)).toBe(addBusinessDays(day, -1));
    expect(allShards.filter((s) => s !== shard).every((s) => marks.get(s) === day)).toBe(true);
    expect(emf.sum('JobShardFailures')).toBe(JOB_SHARD_MAX_RECEIVES);
    expect(Math.max(...emf.values('WatermarkLagDays', { job: 'pending-activation' }))).toBe(1);

    // Still failing the next night: the lag the alarm watches (more than a day behind).
    emf.clear();
    await run('pending-activation', addBusinessDays(day, 1));
    expect(Math.max(...emf.values('WatermarkLagDays', { job: 'pending-activation' }))).toBe(2);
    expect(queue.deadLetters).toHaveLength(2);

    // Fixed, but the first attempt still fails: the retry catches up every day the shard owes, once.
    let failures = 0;
    const once = onInterleavePoint((point, detail) => {
      if (point === 'activation:pending' && detail.memberId === memberId && failures++ === 0) throw new Error('a passing fault');
    });
    poisoned = false;
    emf.clear();
    const healed = await run('pending-activation', addBusinessDays(day, 2));
    once();
    expect(healed.deliveries.filter((d) => JSON.parse(d.body).shards[0] === shard).map((d) => d.ok)).toEqual([false, true]);
    expect(queue.deadLetters).toHaveLength(2);
    expect((await watermarks('pending-activation')).get(shard)).toBe(addBusinessDays(day, 2));
    expect(emf.values('WatermarkLagDays', { job: 'pending-activation' }).filter((v) => v > 0)).toEqual([3]); // the failed attempt
    expect(emf.sum('JobItemsActed', { job: 'pending-activation' })).toBe(1);
    const client = await signInAgain(api, '13800030001');
    expect(await client.call('myPoints')).toMatchObject({ pending: 0 });
    expect((await client.call('myPoints')).available).toBeGreaterThan(0);
  } finally {
    off();
  }
});
