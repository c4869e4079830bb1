import { TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ApiError } from '../../shared/api-client';
import { defaultChainSettings } from '../../shared/settings';
import { ddb, plainDdb } from '../../functions/commons/dynamodb';
import { joinShopper, saleOf, staffToken } from '../support/shoppers';
import { startTestApi, type TestApi } from '../support/test-api';

/** Concurrency: racing spends never overspend; a transaction conflict (real DynamoDB only) is retried. */
let api: TestApi;
let cashier: string;
beforeAll(async () => {
  api = await startTestApi();
  const ops = await staffToken(api, 'ops', 'ops-demo-2026');
  await api.client(ops).call('updateSettings', { body: { version: (await api.client(ops).call('getSettings')).version, settings: { ...defaultChainSettings, points: { ...defaultChainSettings.points, returnWindowDays: 0 } } } });
  cashier = await staffToken(api, 'cashier', 'cashier-demo-2026', 'S001-R1');
});
afterAll(() => api.close());

it('14 simultaneous spends of 100 points against a balance of 1,000: exactly 10 go through', async () => {
  const { memberId, client } = await joinShopper(api, '13200000001');
  await api.client(cashier).call('recordSale', { body: saleOf(memberId, 1000) });
  expect((await client.call('myPoints')).available).toBe(1000);
  // Tobacco earns nothing, so the balance only moves by the spends. Each spend shows its own member code
  // (a code spends once), dated within the minutes a spend may arrive late.
  const spends = Array.from({ length: 14 }, () => api.client(cashier).call('recordSale', { body: saleOf(memberId, 100, { points: 100, category: 'tobacco' }) }));
  const settled = await Promise.allSettled(spends);
  const ok = settled.filter((s) => s.status === 'fulfilled');
  const refused = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected').map((s) => s.reason as ApiError);
  expect(ok).toHaveLength(10);
  for (const e of refused) expect(e).toMatchObject({ status: 409, code: 'INSUFFICIENT_POINTS' });
  expect(await client.call('myPoints')).toMatchObject({ available: 0, debt: 0 });
}, 120_000);

it('retries a transaction that real DynamoDB cancels for a conflict', async () => {
  const { memberId, client } = await joinShopper(api, '13200000002');
  let injected = 0;
  // Transactions go through the document client or, on a request's path, the plain one (functions/commons/dynamodb.ts).
  const spies = ([ddb(), plainDdb()] as Array<{ send: (command: never) => Promise<unknown> }>).map((client) => {
    const send = client.send.bind(client);
    return jest.spyOn(client, 'send').mockImplementation((async (command: unknown) => {
      if ((command instanceof TransactWriteCommand || command instanceof TransactWriteItemsCommand) && injected === 0) {
        injected++;
        throw Object.assign(new Error('Transaction cancelled'), { name: 'TransactionCanceledException', CancellationReasons: [{ Code: 'TransactionConflict' }, { Code: 'None' }] });
      }
      return send(command as never);
    }) as never);
  });
  try {
    const r = await api.client(cashier).call('recordSale', { body: saleOf(memberId, 42) });
    expect(r.points.earned).toBe(42);
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  expect(injected).toBe(1);
  expect((await client.call('myPoints')).available).toBe(42);
});
