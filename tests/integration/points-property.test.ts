import fc from 'fast-check';
import { ApiError } from '../../shared/api-client';
import { businessDayOf } from '../../shared/rules/business-time';
import { shiftClockForTests, nowIso } from '../../functions/commons/clock';
import { reconcile } from '../../functions/audits/reconcile';
import { handler as jobs } from '../../functions/handlers/jobs';
import { joinShopper, saleOf, staffToken } from '../support/shoppers';
import { startTestApi, type TestApi } from '../support/test-api';

/**
 * Random sequences of earns, spends, partial returns, re-sent requests and time passing (across month and
 * year ends in Asia/Shanghai, with the nightly jobs running) keep the ledger invariant and never go below zero.
 */
let api: TestApi;
let cashier: string;
const START = Date.parse('2026-12-30T15:30:00Z'); // 23:30 on 30 December in Shanghai

beforeAll(async () => {
  api = await startTestApi();
  cashier = await staffToken(api, 'cashier', 'cashier-demo-2026', 'S001-R1');
});
afterAll(async () => {
  shiftClockForTests(0);
  await api.close();
});

type Op =
  | { kind: 'earn'; yuan: number; qty: number }
  | { kind: 'spend'; basketYuan: number; points: number }
  | { kind: 'return'; sale: number; qty: number }
  | { kind: 'resend' }
  | { kind: 'advance'; hours: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('earn' as const), yuan: fc.integer({ min: 1, max: 800 }), qty: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('spend' as const), basketYuan: fc.integer({ min: 50, max: 400 }), points: fc.integer({ min: 1, max: 4 }).map((n) => n * 100) }),
  fc.record({ kind: fc.constant('return' as const), sale: fc.nat(), qty: fc.integer({ min: 1, max: 4 }) }),
  fc.constant({ kind: 'resend' as const }),
  fc.record({ kind: fc.constant('advance' as const), hours: fc.constantFrom(1, 5, 24, 24 * 8, 24 * 31, 24 * 200, 24 * 400) }),
);

let run = 0;
it('keeps balance = Σ entries = Σ lots, and nothing below zero', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(op, { minLength: 4, maxLength: 14 }), async (ops) => {
      let offset = START - Date.now();
      shiftClockForTests(offset);
      const { memberId } = await joinShopper(api, `1310000${String(++run).padStart(4, '0')}`);
      let pos = api.client(await staffToken(api, 'cashier', 'cashier-demo-2026', 'S001-R1'));
      const sales: Array<{ receiptNo: string; qty: number }> = [];
      let last: (() => Promise<unknown>) | undefined;
      let n = 0;
      for (const o of ops) {
        const tag = `P${run}x${++n}`;
        let send: (() => Promise<unknown>) | undefined;
        if (o.kind === 'earn') {
          const body = saleOf(memberId, o.yuan * o.qty, { qty: o.qty, receiptNo: tag, soldAt: nowIso() });
          sales.push({ receiptNo: tag, qty: o.qty });
          send = () => pos.call('recordSale', { body });
        } else if (o.kind === 'spend') {
          const body = saleOf(memberId, o.basketYuan, { points: Math.min(o.points, o.basketYuan * 50), receiptNo: tag, soldAt: nowIso() });
          send = () => pos.call('recordSale', { body });
        } else if (o.kind === 'return' && sales.length) {
          const sale = sales[o.sale % sales.length];
          const body = { returnNo: tag, storeId: 'S001', original: { storeId: 'S001', receiptNo: sale.receiptNo }, returnedAt: nowIso(), lines: [{ lineNo: 1, qtyMilli: Math.min(o.qty, sale.qty) * 1000 }] };
          send = () => pos.call('recordReturn', { body });
        } else if (o.kind === 'resend') {
          send = last;
        } else if (o.kind === 'advance') {
          offset += o.hours * 3600_000;
          shiftClockForTests(offset);
          const date = businessDayOf(nowIso());
          // Time jumps of up to 400 days: run just the landing day (catching up is tested in job-dates).
          await jobs({ job: 'points-expiry', date, onlyThisDay: true });
          await jobs({ job: 'pending-activation', date, onlyThisDay: true });
          // Staff sessions time out (12 h, 30 min idle): the register signs in again after the jump.
          pos = api.client(await staffToken(api, 'cashier', 'cashier-demo-2026', 'S001-R1'));
        }
        if (!send) continue;
        try {
          await send();
        } catch (err) {
          // Refusals are fine (not enough points, nothing left to return, too late); errors are not.
          if (!(err instanceof ApiError) || err.status >= 500 || err.status === 401 || err.status === 403) throw err;
        }
        last = send;
      }
      await api.drainEvents(); // the liability counters follow the ledger through the stream
      const { drift } = await reconcile(api.tableName);
      expect(drift).toEqual([]);
    }),
    { numRuns: 25 },
  );
}, 600_000);
