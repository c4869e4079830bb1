import type * as z from 'zod';
import type { purchaseSchema, purchasesResponse, receiptViewSchema } from '../../../shared/features/sales/schemas';
import type { AppConfig } from '../../commons/config';
import { queryPage } from '../../commons/cursor';
import { batchRead, itemKeyOf } from '../../commons/first-read';
import { msg, notFound } from '../../commons/errors';
import type { MemberPrincipal } from '../../commons/http';
import { keys } from '../../commons/keys';
import { businessDay } from '../../commons/clock';
import { sale as saleEntity, saleReturn } from './entities';
import type { SaleItem } from './sales';

/**
 * The member's purchases (issue 9 §2): their sales and returns, newest first, one Query of GSI1
 * `MSALES#<member>` per page (the index keys the sale and return items carry), the stores' names in one
 * BatchGetItem. The cursor is bound to the member's list, so a forged one, or another member's, is a 400.
 * A receipt is read by its key and shown only to its member: anyone else's, or none, is the same 404.
 */
type Purchase = z.infer<typeof purchaseSchema>;
type Item = Record<string, unknown>;

async function storeNames(tableName: string, storeIds: string[]): Promise<Map<string, string>> {
  const ids = [...new Set(storeIds)];
  const read = await batchRead(tableName, ids.map((id) => keys.store(id)));
  return new Map(ids.map((id) => [id, (read.get(itemKeyOf(keys.store(id)))?.name as string | undefined) ?? id]));
}

/** A sale's points: pending until the activation day (the item keeps them in `pendingPoints`), else available. */
function pointsStatus(s: SaleItem): { points: Purchase['points']; availableOn: string | null } {
  if (s.result.points.earned === 0) return { points: 'none', availableOn: null };
  const on = s.result.points.availableOn;
  if (s.result.points.pending && on && on > businessDay()) return { points: 'pending', availableOn: on };
  return { points: 'available', availableOn: null };
}

function purchaseOf(i: Item, names: Map<string, string>): Purchase {
  if (i.type === 'return') {
    const r = saleReturn.parse(i)!;
    // GSI1SK: `<returnedAt>#<storeId>#<returnNo>`; the sale id is `<storeId>-<receiptNo>`.
    const [at, storeId] = (i.GSI1SK as string).split('#');
    const ref = (i.GSI1SK as string).slice(at.length + storeId.length + 2);
    const receiptNo = r.saleId.startsWith(`${storeId}-`) ? r.saleId.slice(storeId.length + 1) : r.saleId;
    return {
      kind: 'return',
      storeId,
      storeName: names.get(storeId) ?? storeId,
      ref,
      receiptNo,
      at: r.returnedAt ?? at,
      amountFen: r.result.refundFen,
      pointsEarned: r.result.points.reversed,
      pointsPaid: r.result.points.paidBack,
      points: 'none',
      availableOn: null,
    };
  }
  const s = saleEntity.parse(i)! as SaleItem;
  return {
    kind: 'sale',
    storeId: s.storeId,
    storeName: names.get(s.storeId) ?? s.storeId,
    ref: s.receiptNo,
    receiptNo: s.receiptNo,
    at: s.soldAt,
    amountFen: s.netFen,
    pointsEarned: s.result.points.earned,
    pointsPaid: s.pointsPaid,
    ...pointsStatus(s),
  };
}

export async function myPurchases(config: AppConfig, principal: MemberPrincipal, q: { cursor?: string; limit: number }): Promise<z.infer<typeof purchasesResponse>> {
  const pk = keys.memberSales(principal.memberId);
  const page = await queryPage(config, `purchases:${principal.memberId}`, q.cursor, {
    TableName: config.tableName,
    IndexName: 'GSI1',
    KeyConditionExpression: 'GSI1PK = :pk',
    ExpressionAttributeValues: { ':pk': pk },
    ScanIndexForward: false,
    Limit: q.limit,
  });
  const names = await storeNames(
    config.tableName,
    page.items.map((i) => (i.GSI1SK as string).split('#')[1]),
  );
  return { items: page.items.map((i) => purchaseOf(i, names)), cursor: page.cursor };
}

export async function myReceipt(config: AppConfig, principal: MemberPrincipal, storeId: string, receiptNo: string): Promise<z.infer<typeof receiptViewSchema>> {
  const s = (await saleEntity.get(config.tableName, [storeId, receiptNo])) as SaleItem | undefined;
  if (!s || s.memberId !== principal.memberId) throw notFound(msg('未找到这张小票', 'No such receipt among your purchases'));
  const names = await storeNames(config.tableName, [s.storeId]);
  const detail = s.lineDetails ?? [];
  return {
    storeId: s.storeId,
    storeName: names.get(s.storeId) ?? s.storeId,
    receiptNo: s.receiptNo,
    soldAt: s.soldAt,
    netFen: s.netFen,
    returnedFen: s.returnedFen,
    pointsEarned: s.result.points.earned,
    pointsPaid: s.pointsPaid,
    pointsPaidFen: s.pointsPaidFen,
    ...pointsStatus(s),
    lines: s.lines.map((l) => {
      const d = detail.find((x) => x.lineNo === l.lineNo);
      return { lineNo: l.lineNo, sku: d?.sku ?? null, name: d?.name ?? null, qtyMilli: l.qtyMilli, netFen: l.netFen, points: l.points, returnedMilli: l.returnedMilli };
    }),
  };
}
