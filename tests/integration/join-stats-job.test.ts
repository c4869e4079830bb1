import { lastDevOtp } from '../../functions/adapters/dev-sms';
import { shiftClockForTests } from '../../functions/commons/clock';
import { readJoinStats } from '../../functions/features/members/join-stats';
import { startTestApi, type TestApi } from '../support/test-api';

/** The daily join-stats job: reads only the day's joins per store, and a rerun gives the same counts. */
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  shiftClockForTests(0);
  await api.close();
});

const consent = { accepted: true as const, privacyPolicyVersion: '2026-11-01', termsVersion: '2026-11-01' };
const sceneOf = (registerId: string) => api.seed.stores.flatMap((s) => s.registers).find((r) => r.registerId === registerId)!.scene;

async function joinAt(isoInstant: string, phone: string, registerId?: string) {
  shiftClockForTests(Date.parse(isoInstant) - Date.now());
  await api.client().call('devSendOtp', { body: { phone } });
  const s = await api.client().call('devVerifyOtp', { body: { phone, code: lastDevOtp(phone)! } });
  await api.client(s.token).call('join', { body: { consent, scene: registerId ? sceneOf(registerId) : undefined } });
}

it('counts the previous Shanghai business day per store and register, idempotently', async () => {
  // 2026-03-09 23:30 in Shanghai is 15:30 UTC: it belongs to the 9th, not the 10th.
  await joinAt('2026-03-09T15:30:00Z', '13100000001', 'S001-R1');
  await joinAt('2026-03-09T02:00:00Z', '13100000002', 'S001-R1');
  await joinAt('2026-03-09T03:00:00Z', '13100000003', 'S002-R1');
  await joinAt('2026-03-09T04:00:00Z', '13100000004');
  // The next Shanghai day (00:30 on the 10th): not counted for the 9th.
  await joinAt('2026-03-09T16:30:00Z', '13100000005', 'S001-R1');
  shiftClockForTests(0);

  const { handler } = await import('../../functions/handlers/jobs');
  const first = await handler({ job: 'join-stats', date: '2026-03-10' });
  expect(first.result).toMatchObject({ day: '2026-03-09', newMembers: 4, stores: 2 });
  // Items read = that day's new members, nothing else (store list aside).
  expect((first.result as { itemsRead: number }).itemsRead).toBe(4);

  const rows = await readJoinStats(api.tableName, '2026-03-09');
  expect(rows.sort((a, b) => a.registerId.localeCompare(b.registerId))).toEqual([
    { storeId: 'ONLINE', registerId: '-', members: 1 },
    { storeId: 'S001', registerId: 'S001-R1', members: 2 },
    { storeId: 'S002', registerId: 'S002-R1', members: 1 },
  ]);

  await handler({ job: 'join-stats', date: '2026-03-10' });
  expect((await readJoinStats(api.tableName, '2026-03-09')).reduce((n, r) => n + r.members, 0)).toBe(4);
});

it('rejects an unknown job or a malformed date', async () => {
  const { handler } = await import('../../functions/handlers/jobs');
  await expect(handler({ job: 'nope' })).rejects.toThrow();
  await expect(handler({ job: 'join-stats', date: '10/03/2026' })).rejects.toThrow();
});
