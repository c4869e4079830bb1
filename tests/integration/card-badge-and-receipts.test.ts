import { joinShopper, saleOf, signInAgain, staffToken } from '../support/shoppers';
import { startTestApi, type TestApi } from '../support/test-api';

/**
 * Issue 9 §3 and §2 as the shopper app reads them: the card carries the unread-messages badge (read with the member
 * in the card's one BatchGetItem), which "mark all read" clears; joining again from another store's link answers
 * the same member, badge included; a sale's points entries name the receipt the member can open.
 */
let api: TestApi;
let ops: string;
let cashier: string;
beforeAll(async () => {
  api = await startTestApi();
  ops = await staffToken(api, 'ops', 'ops-demo-2026');
  cashier = await staffToken(api, 'cashier', 'cashier-demo-2026', 'S001-R1');
});
afterAll(() => api.close());

const consent = { accepted: true as const, privacyPolicyVersion: '2026-11-01', termsVersion: '2026-11-01' };
let n = 0;
const adjust = (memberId: string, points: number) =>
  api.client(ops).call('adjustPoints', { params: { memberId }, body: { points, note: '角标测试', shopperReason: { zh: '活动奖励', en: 'Campaign reward' }, idempotencyKey: `badge-${memberId}-${++n}` } });

it('the card counts unread messages; mark-all-read clears the badge; a join link opened again answers the same member with it', async () => {
  const phone = '13900070001';
  const m = await joinShopper(api, phone);
  expect(m.client).toBeDefined();
  expect(await m.client.call('myCard')).toMatchObject({ memberId: m.memberId, unreadMessages: 0 });

  await adjust(m.memberId, 50);
  await adjust(m.memberId, 20);
  await api.drainEvents();
  const card = await m.client.call('myCard');
  expect(card.unreadMessages).toBe(2);
  // The same count the message centre and the points page show.
  expect((await m.client.call('myMessages', { query: { limit: 20 } })).unread).toBe(2);
  expect((await m.client.call('myPoints')).unreadMessages).toBe(2);

  // An existing member opening another store's join link: the same member, not a second one, badge as it is.
  const sceneS002 = api.seed.stores.find((s) => s.storeId === 'S002')!.registers[0].scene;
  const again = await (await signInAgain(api, phone)).call('join', { body: { consent, scene: sceneS002 } });
  expect(again).toMatchObject({ created: false, card: { memberId: m.memberId, unreadMessages: 2, joinStore: null } });

  expect(await m.client.call('readAllMessages')).toEqual({ unread: 0 });
  expect((await m.client.call('myCard')).unreadMessages).toBe(0);
  const list = await m.client.call('myMessages', { query: { limit: 20 } });
  expect(list.items.every((x) => x.read)).toBe(true);

  // A message after the read-all is new again on the card.
  await adjust(m.memberId, 5);
  await api.drainEvents();
  expect((await m.client.call('myCard')).unreadMessages).toBe(1);
});

it('a new member’s card from joining has no unread messages', async () => {
  const m = await joinShopper(api, '13900070002');
  const card = await m.client.call('myCard');
  expect(card.unreadMessages).toBe(0);
});

it('a sale’s points entries name its receipt, which the member opens; other entries name none', async () => {
  const m = await joinShopper(api, '13900070003');
  await adjust(m.memberId, 1000);
  const sale = saleOf(m.memberId, 88.8, { receiptNo: 'BADGE-R-1' });
  await api.client(cashier).call('recordSale', { body: sale });
  const paid = saleOf(m.memberId, 60, { receiptNo: 'BADGE-R-2', points: 500 });
  await api.client(cashier).call('recordSale', { body: paid });

  const history = await m.client.call('myPointsHistory', { query: { limit: 10 } });
  const spend = history.items.find((e) => e.kind === 'spend')!;
  expect(spend.receipt).toEqual({ storeId: 'S001', receiptNo: 'BADGE-R-2' });
  expect(history.items.find((e) => e.kind === 'adjust')!.receipt).toBeNull();

  const receipt = await m.client.call('myReceipt', { params: spend.receipt! });
  expect(receipt).toMatchObject({ storeId: 'S001', receiptNo: 'BADGE-R-2', pointsPaid: 500, netFen: 6000 });

  // The purchases list names the same receipts, newest first.
  const purchases = await m.client.call('myPurchases', { query: { limit: 10 } });
  expect(purchases.items.map((p) => p.receiptNo)).toEqual(['BADGE-R-2', 'BADGE-R-1']);
  expect(purchases.items[1]).toMatchObject({ kind: 'sale', storeId: 'S001', amountFen: 8880, pointsEarned: 88, points: 'pending' });
});
