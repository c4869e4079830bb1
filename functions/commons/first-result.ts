import { createHash } from 'node:crypto';
import type { HttpError } from './errors';

/** What makes two requests under one key "the same": a hash of their content (sha-256 of its JSON). */
export const payloadHash = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

/**
 * A once-per-key item's first result (a sale's receipt, a return number, a staff adjustment's key): the result
 * it recorded when this request is the same as the one that wrote it; `different()` (a 409) when it is not.
 */
export function replayOf<R>(found: { payloadHash: string; result: R } | undefined, hash: string, different: () => HttpError): R | undefined {
  if (!found) return undefined;
  if (found.payloadHash !== hash) throw different();
  return found.result;
}

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
