import { codeDimmed, codeStatus, isOnline, localExpiryMs, refreshDelayMs, secondsLeft, secondsUntil } from './code-timing';

const now = Date.parse('2026-11-23T08:00:00.000Z');
const at = (ms: number) => new Date(now + ms).toISOString();

describe('refreshDelayMs', () => {
  it('refreshes one second before expiry', () => {
    expect(refreshDelayMs(at(45_000), now, 60)).toBe(44_000);
  });
  it('never waits less than a second (already expired or a slow phone clock)', () => {
    expect(refreshDelayMs(at(500), now, 60)).toBe(1000);
    expect(refreshDelayMs(at(-30_000), now, 60)).toBe(1000);
  });
  it('never waits longer than one step (a phone clock running behind)', () => {
    expect(refreshDelayMs(at(10 * 60_000), now, 60)).toBe(60_000);
  });
  it('falls back to one step for an unreadable time', () => {
    expect(refreshDelayMs('not a time', now, 30)).toBe(30_000);
  });
});

describe('secondsLeft', () => {
  it('rounds up and stops at zero', () => {
    expect(secondsLeft(at(12_300), now)).toBe(13);
    expect(secondsLeft(at(-1), now)).toBe(0);
    expect(secondsLeft('garbage', now)).toBe(0);
  });
});

describe('localExpiryMs', () => {
  it("is the server's expiry when it lies within a step after receipt", () => {
    expect(localExpiryMs(at(45_000), now, 60)).toBe(now + 45_000);
    expect(localExpiryMs(at(60_000), now, 60)).toBe(now + 60_000);
  });
  it('is one step after receipt when the phone clock is off (expiry already past, or more than a step away)', () => {
    expect(localExpiryMs(at(-5_000), now, 60)).toBe(now + 60_000);
    expect(localExpiryMs(at(0), now, 60)).toBe(now + 60_000);
    expect(localExpiryMs(at(10 * 60_000), now, 60)).toBe(now + 60_000);
    expect(localExpiryMs('not a time', now, 30)).toBe(now + 30_000);
  });
});

describe('secondsUntil', () => {
  it('rounds up and stops at zero', () => {
    expect(secondsUntil(now + 12_300, now)).toBe(13);
    expect(secondsUntil(now - 1, now)).toBe(0);
  });
});

describe('codeStatus', () => {
  const expiryMs = now + 30_000;
  const status = (o: Partial<Parameters<typeof codeStatus>[0]>) => codeStatus({ expiryMs, nowMs: now, online: true, loading: false, ...o });

  it('is none before the first code', () => {
    expect(status({ expiryMs: undefined })).toBe('none');
    expect(status({ expiryMs: undefined, online: false })).toBe('none');
  });
  it('is fresh, then refreshing while the next code is fetched', () => {
    expect(status({})).toBe('fresh');
    expect(status({ loading: true })).toBe('refreshing');
  });
  it('is expired once past its expiry without a newer code (online, the fetch failed)', () => {
    expect(status({ nowMs: expiryMs })).toBe('expired');
    expect(status({ nowMs: expiryMs + 5_000 })).toBe('expired');
  });
  it('offline: still valid until its expiry, then possibly expired, whether or not a fetch is under way', () => {
    expect(status({ online: false })).toBe('offline');
    expect(status({ online: false, nowMs: expiryMs - 1 })).toBe('offline');
    expect(status({ online: false, nowMs: expiryMs })).toBe('offline-expired');
    expect(status({ online: false, nowMs: expiryMs + 60_000, loading: true })).toBe('offline-expired');
  });
  it('is dimmed when the code may not be accepted or is about to change', () => {
    const dimmed = (['none', 'fresh', 'refreshing', 'expired', 'offline', 'offline-expired'] as const).filter(codeDimmed);
    expect(dimmed).toEqual(['refreshing', 'expired', 'offline-expired']);
  });
  it('goes from offline-expired back to fresh when the network returns and a new code arrives', () => {
    const offline = status({ online: false, nowMs: expiryMs + 10_000 });
    const back = codeStatus({ expiryMs: localExpiryMs(at(70_000), now + 40_000, 60), nowMs: now + 40_000, online: true, loading: false });
    expect([offline, back]).toEqual(['offline-expired', 'fresh']);
  });
});

describe('isOnline', () => {
  it("reads WeChat's answers", () => {
    expect(isOnline({ isConnected: false, networkType: 'none' })).toBe(false);
    expect(isOnline({ isConnected: true, networkType: 'wifi' })).toBe(true);
    expect(isOnline({ networkType: 'none' })).toBe(false);
    expect(isOnline({ networkType: '4g' })).toBe(true);
    expect(isOnline({ networkType: 'unknown' })).toBe(true);
    expect(isOnline(undefined)).toBe(true);
  });
});
