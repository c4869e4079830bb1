import fc from 'fast-check';
import { planReturn } from './returns';
import type { SaleItem } from './sales';

/** planReturn is pure: what a return refunds, from the sale's record of earlier returns. */
const saleOf = (netFen: number, qtyMilli: number): SaleItem =>
  ({ saleId: 'S', storeId: 'S001', receiptNo: 'R', memberId: null, soldAt: '2026-12-01T00:00:00Z', netFen, lines: [{ lineNo: 1, qtyMilli, netFen, points: 0, returnedMilli: 0 }], pointsPaid: 0, pointsPaidFen: 0, spentFrom: [], pendingPoints: 0, earnedToBalance: 0, returnedFen: 0, pointsPaidBack: 0, returnsVersion: 0 }) as unknown as SaleItem;
const input = (qtyMilli: number) => ({ returnNo: 'X', storeId: 'S001', original: { storeId: 'S001', receiptNo: 'R' }, returnedAt: '2026-12-01T00:00:00Z', lines: [{ lineNo: 1, qtyMilli }] });

it('partial returns of a line, in any steps, refund exactly its net, even for amounts a float multiplies inexactly', () => {
  expect(planReturn(saleOf(4_174_323_825, 97_564_009), input(97_564_009)).refundFen).toBe(4_174_323_825);
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), fc.integer({ min: 1, max: 100_000_000 }), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 4 }), (net, qty, cuts) => {
      let sale = saleOf(net, qty);
      let refunded = 0;
      const points = [...new Set(cuts.map((c) => Math.floor(c * qty)))].filter((p) => p > 0 && p < qty).sort((a, b) => a - b);
      let done = 0;
      for (const p of [...points, qty]) {
        const plan = planReturn(sale, input(p - done));
        refunded += plan.refundFen;
        done = p;
        sale = { ...sale, lines: plan.lines, returnedFen: sale.returnedFen + plan.refundFen } as SaleItem;
      }
      expect(refunded).toBe(net);
    }),
    { seed: 20261201 },
  );
});
