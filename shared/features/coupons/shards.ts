/**
 * A template's stock and budget spread over N shard items (docs/ARCHITECTURE.md "Coupons"), pure. A claim takes
 * its units from shards picked at random, so concurrent claims land on different items; a shard that cannot give
 * a unit is passed over, so no unit stays stranded on a shard while a claim is refused.
 */
export type ShardLevel = { shard: number; remaining: number; budgetRemainingFen: number | null };

/** `total` over `n` shards as evenly as whole numbers allow (the first `total mod n` get one more). */
export function spreadOverShards(total: number, n: number): number[] {
  const base = Math.floor(total / n);
  const extra = total % n;
  return Array.from({ length: n }, (_, i) => base + (i < extra ? 1 : 0));
}

/** Units a shard can still give: its stock, and what its budget covers at `reserveFen` a unit. */
export function unitsAvailable(level: ShardLevel, reserveFen: number): number {
  if (level.budgetRemainingFen === null || reserveFen === 0) return level.remaining;
  return Math.min(level.remaining, Math.floor(level.budgetRemainingFen / reserveFen));
}

/**
 * Which shards give `count` units: shards in a random order (`random` in [0, 1)), each giving what it can until
 * the count is met. Refused only when all shards together cannot: out of stock when the units are not there, the
 * budget when they are but it cannot cover them.
 */
export function takeFromShards(levels: ShardLevel[], count: number, reserveFen: number, random: () => number): Array<{ shard: number; units: number }> | 'out-of-stock' | 'budget-exhausted' {
  const order = levels.map((l) => l.shard);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const byShard = new Map(levels.map((l) => [l.shard, l]));
  const taken: Array<{ shard: number; units: number }> = [];
  let need = count;
  for (const shard of order) {
    if (need === 0) break;
    const units = Math.min(need, unitsAvailable(byShard.get(shard)!, reserveFen));
    if (units > 0) {
      taken.push({ shard, units });
      need -= units;
    }
  }
  if (need === 0) return taken;
  const stock = levels.reduce((n, l) => n + l.remaining, 0);
  return stock < count ? 'out-of-stock' : 'budget-exhausted';
}
