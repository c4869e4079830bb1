/** The member's purchases and receipts as the pages show them: pure, so they are tested here and the pages stay thin. */
import { formatYuan } from './format';
import { pages, withQuery } from './links';
import { trimDecimal } from './points';

export interface ReceiptRef {
  storeId: string;
  receiptNo: string;
}

/** The receipt route's own rules (shared/features/sales/schemas.ts receiptParams), checked before any request. */
const STORE_ID = /^[A-Z0-9-]{2,20}$/;
const RECEIPT_NO = /^[A-Za-z0-9_.-]{1,80}$/;

/** The receipt page of a sale. */
export function receiptPath(ref: ReceiptRef): string {
  return withQuery(pages.receipt, { storeId: ref.storeId, receiptNo: ref.receiptNo });
}

/** The receipt a page was opened for, or undefined when the link is broken (a hand-edited or cut-off URL). */
export function receiptRefOf(params: Record<string, string | undefined>): ReceiptRef | undefined {
  const storeId = (params.storeId ?? '').trim();
  const receiptNo = (params.receiptNo ?? '').trim();
  return STORE_ID.test(storeId) && RECEIPT_NO.test(receiptNo) ? { storeId, receiptNo } : undefined;
}

/** Milli-units as people read a quantity: 1000 → "1", 1250 → "1.25" (fresh food by weight), 500 → "0.5". */
export function formatQty(qtyMilli: number): string {
  if (!Number.isFinite(qtyMilli)) return '—';
  return trimDecimal(qtyMilli, 3);
}

/** A purchase's amount in yuan from integer fen: a sale "¥88.80", a return's refund "-¥12.00". */
export function purchaseAmount(p: { kind: 'sale' | 'return'; amountFen: number }): string {
  const yuan = `¥${formatYuan(Math.abs(p.amountFen))}`;
  return p.kind === 'return' && p.amountFen !== 0 ? `-${yuan}` : yuan;
}

/** A stable key for a row: a return and the sale it returned share the receipt number, never the kind and ref. */
export function purchaseKey(p: { kind: string; storeId: string; ref: string }): string {
  return `${p.kind}:${p.storeId}:${p.ref}`;
}

/** A receipt line's returned part, for "已退 1" (nothing when none was returned). */
export function returnedQty(line: { qtyMilli: number; returnedMilli: number }): string | null {
  if (line.returnedMilli <= 0) return null;
  return formatQty(Math.min(line.returnedMilli, line.qtyMilli));
}
