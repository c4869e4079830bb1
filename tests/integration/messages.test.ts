import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { shiftClockForTests } from '../../functions/commons/clock';
import { cancellationReasons, ddb } from '../../functions/commons/dynamodb';
import { keys } from '../../functions/commons/keys';
import { handler as consume } from '../../functions/events/consumer';
import { handler as jobs } from '../../functions/handlers/jobs';
import { deliverMessage, markAllRead, messageDelivery, readInbox, type MessageDraft } from '../../functions/features/points/messages';
import { streamPoller } from '../../local/stream-poller';
import { joinShopper, saleOf, signInAgain, staffToken } from '../support/shoppers';
import { startTestApi, type TestApi } from '../support/test-api';

/**
 * The message centre (issue 9 §3): a tier change, points becoming available and a staff adjustment each write one
 * message through the domain events, once, however often the stream is delivered; read state is an exact count
 * (`delivered − readThrough`) that "mark all read" settles in one update, and a message arriving at that moment
 * is neither lost nor counted read.
 */
let api: TestApi;
const at = (iso: string) => shiftClockForTests(Date.parse(iso) - Date.now());

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  shiftClockForTests(0);
  await api.close();
});

/** Every record the stream holds, delivered again from the start (a replay, as after the event source is recreated). */
async function redeliverWholeStream() {
  const poller = await streamPoller(process.env.TEST_DYNAMODB_ENDPOINT!, api.tableName, consume);
  try {
    return await poller.drain(3);
  } finally {
    await poller.stop();
  }
}

async function messageItems(memberId: string) {
  const out = await ddb().send(new QueryCommand({ TableName: api.tableName, KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)', ExpressionAttributeValues: { ':pk': keys.member(memberId).PK, ':p': keys.messagePrefix }, ConsistentRead: true }));
  return out.Items ?? [];
}

const draft = (memberId: string, id: string): MessageDraft => ({ memberId, messageId: id, sortAt: '2026-06-01T04:00:00.000Z', at: '2026-06-01T04:00:00.000Z', kind: 'campaign', title: { zh: '活动', en: 'Campaign' }, body: { zh: `消息 ${id}`, en: `Message ${id}` } });

it('a tier change, points becoming available and a staff adjustment each write one message, once, even when the stream is delivered again', async () => {
  at('2026-03-31T04:00:00Z');
  const cashier = await staffToken(api, 'cashier', 'cashier-demo-2026', 'S001-R1');
  const ops = await staffToken(api, 'ops', 'ops-demo-2026');
  const { memberId } = await joinShopper(api, '13500090001');
  const sale = await api.client(cashier).call('recordSale', { body: saleOf(memberId, 1200) });
  expect(sale.points).toMatchObject({ pending: true, availableOn: '2026-04-07' });
  await api.client(ops).call('adjustPoints', {
    params: { memberId },
    body: { points: 300, note: 'ticket 4711: internal only', shopperReason: { zh: '售后补偿', en: 'After-sales compensation' }, idempotencyKey: 'msg-adjust-13500090001' },
  });
  at('2026-04-06T16:20:00Z'); // 00:20 on 7 April: the sale's points become available
  expect(((await jobs({ job: 'pending-activation', date: '2026-04-07' })) as unknown as { result: { acted: number } }).result.acted).toBeGreaterThanOrEqual(1);
  await api.drainEvents();

  const client = await signInAgain(api, '13500090001');
  const inbox = await client.call('myMessages', { query: { limit: 20 } });
  const byKind = (k: string) => inbox.items.filter((m) => m.kind === k);
  expect(byKind('tier')).toEqual([expect.objectContaining({ read: false, title: { zh: '恭喜升级', en: 'Upgraded' }, body: expect.objectContaining({ zh: expect.stringContaining('银卡会员'), en: expect.stringContaining('Silver') }) })]);
  expect(byKind('points-adjusted')).toEqual([expect.objectContaining({ read: false, body: { zh: '您获得 300 积分：售后补偿', en: 'You received 300 points: After-sales compensation' } })]);
  expect(byKind('points-available')).toEqual([expect.objectContaining({ read: false, body: expect.objectContaining({ en: expect.stringContaining(`${sale.points.earned} points`) }) })]);
  expect(JSON.stringify(inbox)).not.toContain('ticket 4711');
  const count = inbox.items.length;
  expect(inbox.unread).toBe(count);
  expect((await client.call('myPoints')).unreadMessages).toBe(count);

  // The whole stream again, twice over and twice at once: no message is written twice, none counted twice.
  expect(await redeliverWholeStream()).toBeGreaterThan(0);
  await Promise.all([redeliverWholeStream(), redeliverWholeStream()]);
  expect(await messageItems(memberId)).toHaveLength(count);
  const again = await client.call('myMessages', { query: { limit: 20 } });
  expect(again.unread).toBe(count);
  expect(new Set((await messageItems(memberId)).map((m) => m.seq))).toEqual(new Set(Array.from({ length: count }, (_, i) => i + 1)));
});

it('counts unread messages, marks them all read (idempotently), and a later message is unread again', async () => {
  at('2026-05-10T04:00:00Z');
  const ops = await staffToken(api, 'ops', 'ops-demo-2026');
  const { memberId, client } = await joinShopper(api, '13500090002');
  for (const [i, points] of [100, -40].entries()) {
    await api.client(ops).call('adjustPoints', { params: { memberId }, body: { points, note: 'goodwill', idempotencyKey: `msg-read-${i}-13500090002` } });
  }
  await api.drainEvents();
  const before = await client.call('myMessages', { query: { limit: 20 } });
  expect(before.items.map((m) => m.body.en)).toEqual(['40 points were deducted: Points adjustment', 'You received 100 points: Points adjustment']);
  expect(before).toMatchObject({ unread: 2, items: [{ read: false }, { read: false }] });

  expect(await client.call('readAllMessages')).toEqual({ unread: 0 });
  expect(await client.call('readAllMessages')).toEqual({ unread: 0 });
  const after = await client.call('myMessages', { query: { limit: 20 } });
  expect(after).toMatchObject({ unread: 0, items: [{ read: true }, { read: true }] });
  expect((await client.call('myPoints')).unreadMessages).toBe(0);

  await api.client(ops).call('adjustPoints', { params: { memberId }, body: { points: 5, note: 'goodwill', idempotencyKey: 'msg-read-2-13500090002' } });
  await api.drainEvents();
  const later = await client.call('myMessages', { query: { limit: 20 } });
  expect(later.unread).toBe(1);
  expect(later.items.map((m) => m.read)).toEqual([false, true, true]);
  expect((await client.call('myPoints')).unreadMessages).toBe(1);
});

it('mark-all-read racing a message: the message is counted exactly once, read only if it committed first, and the count never goes negative', async () => {
  at('2026-06-01T04:00:00Z');
  const { memberId, client } = await joinShopper(api, '13500090003');
  const t = api.tableName;

  // Read-all between a delivery's read of the count and its commit: the message stays unread.
  const seen = await readInbox(t, memberId);
  const items = messageDelivery(t, draft(memberId, 'race-a'), seen);
  expect(await client.call('readAllMessages')).toEqual({ unread: 0 });
  await ddb().send(new TransactWriteCommand({ TransactItems: items }));
  expect((await client.call('myMessages', { query: { limit: 5 } })).items).toEqual([expect.objectContaining({ messageId: 'race-a', read: false })]);
  expect((await client.call('myPoints')).unreadMessages).toBe(1);

  // Another message commits between a delivery's read and its commit: the stale one is refused (then it reads again).
  const stale = messageDelivery(t, draft(memberId, 'race-b'), await readInbox(t, memberId));
  expect(await deliverMessage(t, draft(memberId, 'race-c'))).toBe(true);
  const refused = await ddb().send(new TransactWriteCommand({ TransactItems: stale })).catch((e) => e);
  expect(cancellationReasons(refused)).toEqual(['None', 'ConditionalCheckFailed']);
  expect(await deliverMessage(t, draft(memberId, 'race-b'))).toBe(true);
  expect(await deliverMessage(t, draft(memberId, 'race-b'))).toBe(false); // the same message again: nothing
  expect((await readInbox(t, memberId)).delivered).toBe(3);

  // Many at once: 30 messages and 15 read-alls interleaved. Every message gets its own number, the count matches the
  // messages the list shows unread, and one more read-all leaves none.
  const deliveries = Array.from({ length: 30 }, (_, i) => deliverMessage(t, draft(memberId, `burst-${i}`)));
  const reads = Array.from({ length: 15 }, async () => {
    const r = await markAllRead(t, memberId, new Date().toISOString());
    expect(r.delivered - r.readThrough).toBe(0);
    return r;
  });
  expect(await Promise.all(deliveries)).toEqual(Array(30).fill(true));
  await Promise.all(reads);
  const stored = await messageItems(memberId);
  expect(stored).toHaveLength(33);
  expect(new Set(stored.map((m) => m.seq))).toEqual(new Set(Array.from({ length: 33 }, (_, i) => i + 1)));
  const list = await client.call('myMessages', { query: { limit: 50 } });
  expect(list.unread).toBeGreaterThanOrEqual(0);
  expect(list.unread).toBe(list.items.filter((m) => !m.read).length);
  expect((await client.call('myPoints')).unreadMessages).toBe(list.unread);
  expect(await client.call('readAllMessages')).toEqual({ unread: 0 });
  expect((await client.call('myMessages', { query: { limit: 50 } })).items.every((m) => m.read)).toBe(true);
});

it('reactions delivering while other messages and read-alls land at the same moment count every message once', async () => {
  at('2026-06-02T04:00:00Z');
  const ops = await staffToken(api, 'ops', 'ops-demo-2026');
  const { memberId, client } = await joinShopper(api, '13500090004');
  for (let i = 0; i < 4; i++) await api.client(ops).call('adjustPoints', { params: { memberId }, body: { points: 10 + i, note: 'goodwill', idempotencyKey: `msg-burst-${i}-13500090004` } });
  const t = api.tableName;
  await Promise.all([
    api.drainEvents(),
    ...Array.from({ length: 10 }, (_, i) => deliverMessage(t, draft(memberId, `side-${i}`))),
    ...Array.from({ length: 5 }, () => client.call('readAllMessages')),
  ]);
  await api.drainEvents();
  const stored = await messageItems(memberId);
  expect(stored.filter((m) => m.kind === 'points-adjusted')).toHaveLength(4);
  expect(stored).toHaveLength(14);
  expect(new Set(stored.map((m) => m.seq))).toEqual(new Set(Array.from({ length: 14 }, (_, i) => i + 1)));
  const list = await client.call('myMessages', { query: { limit: 50 } });
  expect(list.unread).toBe(list.items.filter((m) => !m.read).length);
});

it('an approved top tier is told once, by the decision (not again by the tier change), and counted unread', async () => {
  at('2026-06-03T04:00:00Z');
  const cashier = await staffToken(api, 'cashier', 'cashier-demo-2026', 'S001-R1');
  const ops = await staffToken(api, 'ops', 'ops-demo-2026');
  const { memberId, client } = await joinShopper(api, '13500090005');
  await api.client(cashier).call('recordSale', { body: saleOf(memberId, 50_000) });
  await api.drainEvents();
  await api.client(ops).call('decideTierApproval', { params: { memberId }, body: { decision: 'approve' } });
  await api.drainEvents();
  const list = await client.call('myMessages', { query: { limit: 20 } });
  const tier = list.items.filter((m) => m.kind === 'tier');
  // The sale's move to gold (the tier-change reaction), then the approval's own message; nothing a third time.
  // Both name the tier as the member knows it (its display name), never by its code.
  expect(tier.map((m) => m.body.en).sort()).toEqual(['You are now a Gold member, with more benefits.', 'Your upgrade to Diamond was approved: enjoy more benefits.']);
  expect(tier.map((m) => m.body.zh).sort()).toEqual(['您已成为金卡会员，享受更多会员权益。', '您的钻石会员升级审核已通过，享受更多会员权益。'].sort());
  expect(list.unread).toBe(list.items.length);
  expect((await client.call('myPoints')).unreadMessages).toBe(list.items.length);
});
