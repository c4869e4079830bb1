import { createHash } from 'node:crypto';
import { HttpError } from './errors';

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
 * Once-per-key requests (a receipt, a return number): do the work, whose transaction claims the key
 * (`attribute_not_exists`), and if that fails for any reason (the key was recorded by an earlier try or a
 * concurrent duplicate, the points it would spend were spent by that duplicate, a used member code), look
 * the key up: a retry always gets the first result. The recorded result is read only on failure, so a new
 * key costs no read of it. `recorded` throws when the key was recorded with different content (409).
 * A refusal of the caller (401, 403) is never answered with a recorded result.
 */
export async function firstResult<R>(recorded: () => Promise<R | undefined>, run: () => Promise<R>): Promise<R> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof HttpError && (err.status === 401 || err.status === 403)) throw err;
    const winner = await recorded();
    if (winner !== undefined) return winner;
    throw err;
  }
}
