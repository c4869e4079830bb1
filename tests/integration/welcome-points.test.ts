import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from '../../functions/commons/dynamodb';
import { keys } from '../../functions/commons/keys';
import { handler as consume } from '../../functions/events/consumer';
import { grantWelcomePoints } from '../../functions/features/points/points';
import { getConfig } from '../../functions/commons/config';
import { streamPoller } from '../../local/stream-poller';
import { changeSettings } from '../support/settings';
import { joinShopper, staffToken } from '../support/shoppers';
import { startTestApi, type TestApi } from '../support/test-api';

/**
 * The new-member welcome points (settings `points.welcomePoints`): credited from MemberJoined on the stream, once per
 * member however often the event arrives or however many deliveries race, and never again to a phone whose
 * membership was deleted after it had them (rule 15.4).
 */
let api: TestApi;
let ops: string;
beforeAll(async () => {
  api = await startTestApi();
  ops = await staffToken(api, 'ops', 'ops-demo-2026');
  await changeSettings(api, ops, (s) => ({ ...s, points: { ...s.points, welcomePoints: 100 } }));
});
afterAll(async () => {
  await changeSettings(api, ops, (s) => ({ ...s, points: { ...s.points, welcomePoints: 0 } }));
  await api.close();
});

async function welcomeEntries(memberId: string) {
  const out = await ddb().send(
    new QueryCommand({ TableName: api.tableName, KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)', ExpressionAttributeValues: { ':pk': keys.member(memberId).PK, ':p': keys.ledgerPrefix }, ConsistentRead: true }),
  );
  return (out.Items ?? []).filter((e) => e.ref === 'WELCOME');
}

it('a new member gets the welcome points once, even when the stream is delivered again', async () => {
  const m = await joinShopper(api, '13700070001');
  expect((await m.client.call('myCard')).points.available).toBe(0);
  await api.drainEvents();
  expect((await m.client.call('myCard')).points.available).toBe(100);
  const poller = await streamPoller(process.env.TEST_DYNAMODB_ENDPOINT!, api.tableName, consume);
  try {
    await poller.drain(3);
  } finally {
    await poller.stop();
  }
  expect((await m.client.call('myCard')).points.available).toBe(100);
  expect(await welcomeEntries(m.memberId)).toHaveLength(1);
  const history = await m.client.call('myPointsHistory', { query: { limit: 20 } });
  expect(history.items.find((e) => e.points === 100)?.reason.zh).toBe('入会礼积分');
});

it('deliveries racing each other credit it once', async () => {
  const m = await joinShopper(api, '13700070002');
  const config = await getConfig();
  const answers = await Promise.all(Array.from({ length: 6 }, () => grantWelcomePoints(config, m.memberId, 100)));
  expect(answers.filter((a) => a.granted === 100)).toHaveLength(1);
  await api.drainEvents();
  expect((await m.client.call('myCard')).points.available).toBe(100);
  expect(await welcomeEntries(m.memberId)).toHaveLength(1);
});

it('a phone whose deleted membership had them joins again with nothing, and is not given them again', async () => {
  const phone = '13700070003';
  const first = await joinShopper(api, phone);
  await api.drainEvents();
  expect((await first.client.call('myCard')).points.available).toBe(100);
  await first.client.call('deleteMyMembership', { body: { confirm: true, idempotencyKey: 'welcome-del-1' } });
  await api.drainEvents();

  const again = await joinShopper(api, phone);
  expect(again.memberId).not.toBe(first.memberId);
  await api.drainEvents();
  expect((await again.client.call('myCard')).points.available).toBe(0);
  expect(await welcomeEntries(again.memberId)).toHaveLength(0);
  // Even asked directly (a redelivery, a replay), the member has no right to them.
  expect(await grantWelcomePoints(await getConfig(), again.memberId, 100)).toEqual({ granted: 0 });
});

it('a membership deleted before its join event is handled gets nothing, and the reaction does not fail', async () => {
  const m = await joinShopper(api, '13700070004');
  await m.client.call('deleteMyMembership', { body: { confirm: true, idempotencyKey: 'welcome-del-2' } });
  expect(await grantWelcomePoints(await getConfig(), m.memberId, 100)).toEqual({ granted: 0 });
  await api.drainEvents();
  expect(await welcomeEntries(m.memberId)).toHaveLength(0);
});
