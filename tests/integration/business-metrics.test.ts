import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { ddb } from '../../functions/commons/dynamodb';
import { keys } from '../../functions/commons/keys';
import { handler as consume } from '../../functions/events/consumer';
import { captureEmf } from '../support/emf';
import { joinShopper, saleOf, staffToken } from '../support/shoppers';
import { startTestApi, type TestApi } from '../support/test-api';

/**
 * Business metrics come from the domain events the stream consumer handles: the EMF lines it writes carry the
 * joins, sales and points of a handled batch, with the `service` dimension the alarms and dashboards use, and a
 * batch delivered again (a retry, or a replay of the stream) counts nothing twice.
 */
let api: TestApi;
let emf: ReturnType<typeof captureEmf>;
beforeAll(async () => {
  api = await startTestApi();
  await api.drainEvents(); // the seed's own events, before counting
  emf = captureEmf();
});
afterAll(async () => {
  emf?.stop();
  await api.close();
});

let seq = 0;
async function insertRecordOf(key: { PK: string; SK: string }) {
  const item = (await ddb().send(new GetCommand({ TableName: api.tableName, Key: key, ConsistentRead: true }))).Item!;
  return {
    eventID: `replay-${++seq}`,
    eventName: 'INSERT' as const,
    dynamodb: { Keys: marshall(key) as never, NewImage: marshall(item, { removeUndefinedValues: true }) as never, SequenceNumber: String(9000 + seq), StreamViewType: 'NEW_AND_OLD_IMAGES' as const },
  };
}

it('a handled batch writes EMF with the joins, sales, sales value and points earned and spent; a replay adds nothing', async () => {
  const ops = await staffToken(api, 'ops', 'ops-demo-2026');
  const cashier = await staffToken(api, 'cashier', 'cashier-demo-2026', 'S001-R1');
  const a = await joinShopper(api, '13800020001');
  const b = await joinShopper(api, '13800020002');
  await api.client(ops).call('adjustPoints', { params: { memberId: a.memberId }, body: { points: 1000, note: '指标测试', idempotencyKey: 'metrics-1' } });
  const earning = saleOf(a.memberId, 120);
  const earned = await api.client(cashier).call('recordSale', { body: earning });
  const paying = saleOf(a.memberId, 50, { points: 300 });
  const spent = await api.client(cashier).call('recordSale', { body: paying });
  await api.client(cashier).call('recordSale', { body: saleOf(null, 30) });
  await api.drainEvents();

  expect(emf.lines.length).toBeGreaterThan(0);
  const line = emf.lines[0];
  expect(line._aws.CloudWatchMetrics[0]).toMatchObject({ Namespace: 'Membership', Dimensions: [['service']] });
  expect(line.service).toBe('membership');
  expect(emf.sum('MembersJoined')).toBe(2);
  expect(emf.sum('SalesRecorded')).toBe(3);
  expect(emf.sum('SalesNetFen')).toBe(12_000 + 5_000 + 3_000);
  expect(earned.points.earned).toBeGreaterThan(0);
  expect(emf.sum('PointsEarned')).toBe(earned.points.earned + spent.points.earned);
  expect(emf.sum('PointsSpent')).toBe(300);
  expect(emf.sum('ReactionsRun')).toBeGreaterThan(0);
  expect(emf.sum('ReactionFailures')).toBe(0);

  // The same items delivered again (a retried batch, or the stream replayed after its event source is recreated).
  emf.clear();
  const replay: DynamoDBStreamEvent = {
    Records: [await insertRecordOf(keys.member(a.memberId)), await insertRecordOf(keys.member(b.memberId)), await insertRecordOf(keys.sale('S001', earning.receiptNo)), await insertRecordOf(keys.sale('S001', paying.receiptNo))],
  };
  expect(await consume(replay)).toEqual({ batchItemFailures: [] });
  for (const name of ['MembersJoined', 'SalesRecorded', 'SalesNetFen', 'PointsEarned', 'PointsSpent', 'ReactionsRun']) expect([name, emf.sum(name)]).toEqual([name, 0]);
});
