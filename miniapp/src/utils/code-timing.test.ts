import { refreshDelayMs, secondsLeft } from './code-timing';

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
