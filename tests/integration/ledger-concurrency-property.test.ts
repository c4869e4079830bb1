import fc from 'fast-check';
import { ApiError } from '../../shared/api-client';
import { businessDayOf } from '../../shared/rules/business-time';
import { nowIso, shiftClockForTests } from '../../functions/commons/clock';
import { reconcile } from '../../functions/audits/reconcile';
import { handler as jobs } from '../../functions/handlers/jobs';
import { joinShopper, saleOf, signInAgain, staffToken } from '../support/shoppers';
import { changeSettings, withReturnWindow } from '../support/settings';
import { startTestApi, type TestApi } from '../support/test-api';

/**
 * Randomized and concurrent: many members, each with a random mix of earns, spends, partial returns, retries and
 * sign-ins, all sent at once, with the activation and expiry jobs running in the middle of them, across three
 * days a year apart (pending points activating, lots expiring). Whatever the interleaving, the ledger ends
 * exact (reconcile at 0 drift) and no request gets a 5xx.
 */
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
  const ops = await staffToken(api, 'ops', 'ops-demo-2026');
  await changeSettings(api, ops, withReturnWindow(1));
});
afterAll(async () => {
  shiftClockForTests(0);
  await api.close();
});

type Op =
  | { kind: 'earn'; yuan: number; qty: number }
  | { kind: 'spend'; points: number }
  | { kind: 'return'; sale: number; qty: number }
  | { kind: 'retry'; of: number }
  | { kind: 'signIn' }
  | { kind: 'job'; which: 'points-expiry' | 'pending-activation' };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('earn' as const), yuan: fc.integer({ min: 1, max: 600 }), qty: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('spend' as const), points: fc.integer({ min: 1, max: 5 }).map((n) => n * 100) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('return' as const), sale: fc.nat(), qty: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('retry' as const), of: fc.nat() }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'signIn' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('job' as const), which: fc.constantFrom('points-expiry' as const, 'pending-activation' as const) }) },
);
const MEMBERS = 6;
const phases = ['2027-01-30T12:00:00+08:00', '2027-01-31T10:00:00+08:00', '2028-02-01T09:00:00+08:00'];

let runNo = 0;
it('concurrent mixed operations with jobs running keep every ledger exact', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.array(fc.array(op, { minLength: 2, maxLength: 7 }), { minLength: MEMBERS, maxLength: MEMBERS }), { minLength: phases.length, maxLength: phases.length }), async (plan) => {
      const run = ++runNo;
      const unexpected: unknown[] = [];
      const settle = async (p: Promise<unknown>) => {
        try {
          await p;
        } catch (err) {
          // Refusals (not enough points, nothing left to return, a used code) are fine; 5xx and crashes are not.
          if (!(err instanceof ApiError) || err.status >= 500 || err.status === 401 || err.status === 403) unexpected.push(err);
        }
      };
      shiftClockForTests(Date.parse(phases[0]) - Date.now());
      const phones = Array.from({ length: MEMBERS }, (_, i) => `139${String(run).padStart(4, '0')}${String(i).padStart(4, '0')}`);
      const members = await Promise.all(phones.map((p) => joinShopper(api, p)));
      const sales: Array<Array<{ receiptNo: string; qty: number }>> = members.map(() => []);
      const sent: Array<Array<() => Promise<unknown>>> = members.map(() => []);
      let n = 0;
      // Sessions of the current day (a retry sent on a later day uses that day's sessions, as a register would).
      let pos = api.client('');
      let shoppers: Array<ReturnType<TestApi['client']>> = [];
      for (const [phase, at] of phases.entries()) {
        shiftClockForTests(Date.parse(at) - Date.now());
        pos = api.client(await staffToken(api, 'cashier', 'cashier-demo-2026', 'S001-R1'));
        shoppers = await Promise.all(phones.map((p) => signInAgain(api, p)));
        const today = businessDayOf(nowIso());
        const requests: Array<Promise<unknown>> = [];
        plan[phase].forEach((ops, m) => {
          const memberId = members[m].memberId;
          for (const o of ops) {
            const tag = `C${run}p${phase}m${m}x${++n}`;
            let send: (() => Promise<unknown>) | undefined;
            if (o.kind === 'earn') {
              const body = saleOf(memberId, o.yuan * o.qty, { qty: o.qty, receiptNo: tag });
              sales[m].push({ receiptNo: tag, qty: o.qty });
              send = () => pos.call('recordSale', { body });
            } else if (o.kind === 'spend') {
              const body = saleOf(memberId, 200, { points: Math.min(o.points, 10_000), category: 'tobacco', receiptNo: tag });
              send = () => pos.call('recordSale', { body });
            } else if (o.kind === 'return' && sales[m].length) {
              const sale = sales[m][o.sale % sales[m].length];
              const body = { returnNo: tag, storeId: 'S001', original: { storeId: 'S001', receiptNo: sale.receiptNo }, returnedAt: nowIso(), lines: [{ lineNo: 1, qtyMilli: Math.min(o.qty, sale.qty) * 1000 }] };
              send = () => pos.call('recordReturn', { body });
            } else if (o.kind === 'retry' && sent[m].length) {
              send = sent[m][o.of % sent[m].length];
            } else if (o.kind === 'signIn') {
              send = () => shoppers[m].call('signIn');
            } else if (o.kind === 'job') {
              requests.push(settle(jobs({ job: o.which, date: today, onlyThisDay: true })));
            }
            if (!send) continue;
            sent[m].push(send);
            requests.push(settle(send()));
          }
        });
        // The night's jobs run in the middle of it all.
        requests.push(settle(jobs({ job: 'points-expiry', date: today, onlyThisDay: true })), settle(jobs({ job: 'pending-activation', date: today, onlyThisDay: true })));
        await Promise.all(requests);
      }
      expect(unexpected).toEqual([]);
      await api.drainEvents(); // the liability counters follow the ledger through the stream
      const { drift } = await reconcile(api.tableName);
      expect(drift).toEqual([]);
    }),
    { numRuns: 4, seed: 20261201, endOnFailure: true },
  );
}, 600_000);
