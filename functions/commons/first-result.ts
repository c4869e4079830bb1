/**
 * Once-per-key requests (a receipt, a return number): answer with the recorded result when there is one;
 * otherwise do the work, and if that fails for any reason (a concurrent duplicate won, the points it would spend
 * were spent by that duplicate, a used member code), look again: a retry always gets the first result.
 * `recorded` throws when the key was recorded with different content (409).
 */
export async function firstResult<R>(recorded: () => Promise<R | undefined>, run: () => Promise<R>): Promise<R> {
  const earlier = await recorded();
  if (earlier !== undefined) return earlier;
  try {
    return await run();
  } catch (err) {
    const winner = await recorded();
    if (winner !== undefined) return winner;
    throw err;
  }
}
