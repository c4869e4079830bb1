/**
 * `npm run reconcile`: the offline ledger audit over the local database (the running stack's, or `.data/`).
 * Prints every member whose balances drift from their ledger and lots, and exits 1 if there is any.
 */
import { openLocalDatabase, runCommand } from './database';
import { streamPoller } from './stream-poller';

async function main(): Promise<number> {
  const db = await openLocalDatabase('reconcile');
  try {
    // Finance's counters follow the ledger through the stream: let every reaction so far land first (reactions
    // are idempotent, so running beside a live stack's consumer changes nothing twice).
    const { handler } = await import('../functions/events/consumer');
    const drained = await (await streamPoller(db.endpoint, db.tableName, handler)).drain(3);
    if (drained) console.log(`[reconcile] handled ${drained} pending stream record(s) first`);
    const { reconcile } = await import('../functions/audits/reconcile');
    const { members, itemsRead, drift } = await reconcile(db.tableName);
    for (const d of drift) console.log(`DRIFT ${d.memberId.startsWith('(') ? d.memberId : `member ${d.memberId}`}: ${d.problem}`);
    console.log(`[reconcile] ${members} members, ${itemsRead} items read: ${drift.length ? `${drift.length} problem(s)` : 'no drift'}`);
    return drift.length ? 1 : 0;
  } finally {
    await db.close();
  }
}

runCommand(main);
