/**
 * `fn` over `items` with at most `limit` calls in flight, results in the items' order. The reports read one
 * partition per day this way: a quarter's days in parallel without a burst of a hundred requests at once.
 */
export async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return results;
}

/** How many partitions a report reads at once. */
export const REPORT_READ_CONCURRENCY = 8;
