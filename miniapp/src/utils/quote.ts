/** The cashier's checkout preview (结算试算): the amount typed at the till, the request, and how to read the answer. */

/** Largest amount a single basket line may carry (sales.ts: unitPriceFen ≤ 100,000,000 fen). */
export const MAX_QUOTE_FEN = 100_000_000;

export type YuanInput = { ok: true; fen: number } | { ok: false; error: 'empty' | 'invalid' | 'zero' | 'tooLarge' };

/** "128.5" yuan → 12850 fen, without floating point; at most two decimals; "¥", spaces and thousands commas allowed. */
export function parseYuanToFen(input: string): YuanInput {
  const clean = input.replace(/[\s,¥￥]/g, '');
  if (!clean) return { ok: false, error: 'empty' };
  const m = /^(\d*)(?:\.(\d{0,2}))?$/.exec(clean);
  if (!m || (m[1] === '' && !m[2])) return { ok: false, error: 'invalid' };
  const yuan = m[1] === '' ? 0 : Number(m[1]);
  const fen = yuan * 100 + Number((m[2] ?? '').padEnd(2, '0') || '0');
  if (!Number.isSafeInteger(fen) || fen > MAX_QUOTE_FEN) return { ok: false, error: 'tooLarge' };
  if (fen === 0) return { ok: false, error: 'zero' };
  return { ok: true, fen };
}

/** A one-line basket for the amount: the register's quick preview, before it sends the real lines. */
/** The member is named by the code they showed: only a code lets the quote offer their points. */
export function quoteBasketBody(storeId: string, member: { code: string } | { memberId: string }, amountFen: number) {
  return {
    storeId,
    member,
    lines: [{ lineNo: 1, sku: 'BASKET', category: 'general', qtyMilli: 1000, unitPriceFen: amountFen }],
  };
}

export interface QuotePoints {
  /** null when the member was not named by their code (no presence, no balance shown). */
  available: number | null;
  deductiblePoints: number;
  deductibleFen: number;
  reason: string;
}

export type DeductionNote =
  | { kind: 'ok'; points: number; fen: number }
  | { kind: 'noPoints' }
  | { kind: 'belowMinimum'; minFen: number | null }
  | { kind: 'codeRequired' }
  | { kind: 'other'; reason: string };

/**
 * Why the member can or cannot pay with points on this basket. The server's reason codes come first
 * ('ok' | 'below-minimum' | 'no-points', shared/rules/checkout.ts); for anything else the numbers explain it when
 * they can, and an unknown reason is shown as the server gives it. `rules` (from `pointsRules`) may be missing:
 * then the minimum order is not known here.
 */
export function deductionNote(
  afterTierFen: number,
  points: QuotePoints,
  rules?: { deductionMinOrderFen: number; pointsPerYuanDeduction: number },
): DeductionNote {
  if (points.deductiblePoints > 0) return { kind: 'ok', points: points.deductiblePoints, fen: points.deductibleFen };
  const minFen = rules?.deductionMinOrderFen ?? null;
  const reason = points.reason.trim();
  if (reason === 'below-minimum') return { kind: 'belowMinimum', minFen };
  if (reason === 'no-points') return { kind: 'noPoints' };
  if (reason === 'code-required' || points.available === null) return { kind: 'codeRequired' };
  if (points.available < (rules?.pointsPerYuanDeduction ?? 100)) return { kind: 'noPoints' };
  if (minFen !== null && afterTierFen < minFen) return { kind: 'belowMinimum', minFen };
  if (/min|threshold|below|门槛/i.test(reason)) return { kind: 'belowMinimum', minFen };
  if (/no.?points|insufficient|not.?enough|积分不足/i.test(reason)) return { kind: 'noPoints' };
  if (reason === 'ok' || reason === '') return { kind: 'noPoints' };
  return { kind: 'other', reason };
}
