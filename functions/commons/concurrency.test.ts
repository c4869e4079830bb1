import fc from 'fast-check';
import { mapWithConcurrency } from './concurrency';

describe('mapWithConcurrency', () => {
  it('keeps the order and never runs more than the limit at once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(5), { maxLength: 40 }), fc.integer({ min: 1, max: 10 }), async (delays, limit) => {
        let running = 0;
        let most = 0;
        const out = await mapWithConcurrency(delays, limit, async (d, i) => {
          running++;
          most = Math.max(most, running);
          await new Promise((r) => setTimeout(r, d));
          running--;
          return i * 2;
        });
        expect(out).toEqual(delays.map((_, i) => i * 2));
        expect(most).toBeLessThanOrEqual(limit);
      }),
      { numRuns: 30 },
    );
  });

  it('fails when a call fails', async () => {
    await expect(mapWithConcurrency([1, 2, 3], 2, async (n) => (n === 2 ? Promise.reject(new Error('no')) : n))).rejects.toThrow('no');
  });
});
