import type { ApiError } from '../../shared/api-client';
import { staffToken } from '../support/shoppers';
import { startTestApi, type TestApi } from '../support/test-api';

/** The settings document is versioned: an edit names the version it read, so two editors never lose one another's change. */
let api: TestApi;
let ops: string;
let admin: string;
beforeAll(async () => {
  api = await startTestApi();
  [ops, admin] = await Promise.all([staffToken(api, 'ops', 'ops-demo-2026'), staffToken(api, 'admin', 'admin-demo-2026')]);
});
afterAll(() => api.close());

it('two concurrent edits to different sections: one lands, the other is told SETTINGS_CHANGED and lands after re-reading', async () => {
  const read = await api.client(ops).call('getSettings');
  expect(read.version).toEqual(expect.any(Number));
  const editPoints = { ...read.settings, points: { ...read.settings.points, signInDaily: 9 } };
  const editLifecycle = { ...read.settings, lifecycle: { ...read.settings.lifecycle, sleepingAfterDays: 60 } };
  const outcomes = await Promise.all([
    api.client(ops).call('updateSettings', { body: { version: read.version, settings: editPoints } }).then((r) => r, (e: ApiError) => e),
    api.client(ops).call('updateSettings', { body: { version: read.version, settings: editLifecycle } }).then((r) => r, (e: ApiError) => e),
  ]);
  const lost = outcomes.filter((o): o is ApiError => 'status' in o);
  expect(lost).toHaveLength(1);
  expect(lost[0]).toMatchObject({ status: 409, code: 'SETTINGS_CHANGED' });
  const won = outcomes.find((o) => !('status' in o)) as { version: number };
  expect(won.version).toBe(read.version + 1);

  // The loser re-reads, applies its change to what is there now, and sends the version it read.
  const again = await api.client(ops).call('getSettings');
  const mine = outcomes[0] === lost[0] ? { points: editPoints.points } : { lifecycle: editLifecycle.lifecycle };
  await api.client(ops).call('updateSettings', { body: { version: again.version, settings: { ...again.settings, ...mine } } });
  const final = await api.client(ops).call('getSettings');
  expect(final.settings.points.signInDaily).toBe(9);
  expect(final.settings.lifecycle.sleepingAfterDays).toBe(60);
  expect(final.version).toBe(read.version + 2);

  // Exactly the two changes that landed are in the audit log.
  const log = await api.client(admin).call('auditLog', { query: { actor: 'ops' } });
  expect(log.items.filter((i) => i.action === 'settings.update')).toHaveLength(2);
});

it('an edit must name the version it read; a stale one changes nothing', async () => {
  const read = await api.client(ops).call('getSettings');
  const missing = await api.client(ops).call('updateSettings', { body: { settings: read.settings } as never }).catch((e: ApiError) => e);
  expect(missing).toMatchObject({ status: 400, details: [expect.objectContaining({ path: ['body', 'version'] })] });
  const stale = await api.client(ops).call('updateSettings', { body: { version: read.version - 1, settings: { ...read.settings, lateSaleMaxDays: 3 } } }).catch((e: ApiError) => e);
  expect(stale).toMatchObject({ status: 409, code: 'SETTINGS_CHANGED' });
  expect((await api.client(ops).call('getSettings')).settings.lateSaleMaxDays).toBe(read.settings.lateSaleMaxDays);
});
