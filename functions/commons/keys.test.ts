import { JOB_SHARDS, LIABILITY_SHARDS, liabilityShardOf, shardOf } from './keys';

describe('shards', () => {
  const ids = Array.from({ length: 5000 }, (_, i) => String(100_000_001 + i));

  it('the liability counters all take a share of members (not shardOf % 32, which is below 16)', () => {
    const used = new Set(ids.map(liabilityShardOf));
    expect(used.size).toBe(LIABILITY_SHARDS);
    const counts = Array.from({ length: LIABILITY_SHARDS }, (_, s) => ids.filter((id) => liabilityShardOf(id) === s).length);
    // Roughly even: no counter takes more than 1.5× its fair share.
    expect(Math.max(...counts)).toBeLessThan((1.5 * ids.length) / LIABILITY_SHARDS);
  });

  it('job shards cover 0..15 evenly and a member always lands on the same one', () => {
    expect(new Set(ids.map(shardOf)).size).toBe(JOB_SHARDS);
    const counts = Array.from({ length: JOB_SHARDS }, (_, s) => ids.filter((id) => shardOf(id) === s).length);
    expect(Math.max(...counts)).toBeLessThan((1.5 * ids.length) / JOB_SHARDS);
    expect(Math.min(...counts)).toBeGreaterThan((0.5 * ids.length) / JOB_SHARDS);
    for (const id of ids.slice(0, 50)) expect(shardOf(id)).toBe(shardOf(id));
  });
});
