import type { LedgerKind } from '../../shared/rules/liability';

/**
 * Domain events: what other features react to, read from the table's stream. An event is derived from the
 * change itself (the item a transaction wrote), never published in-process, so a change that commits always
 * has its events, however the request that made it ended. Each event's id is derived from what happened (not
 * from the stream record), so a record delivered twice, or the same change seen again, names the same event and
 * a reaction keyed on it runs once.
 *
 * Adding an event: a type here, and a clause in `eventsOf` that recognises the item change it comes from.
 */
export type DomainEvent =
  | { type: 'MemberJoined'; id: string; memberId: string; joinedAt: string; joinStoreId: string | null; joinRegisterId: string | null; joinChannel: string }
  /** The member deleted their membership (rule 15.3): their personal data is gone; what only served them follows. */
  | { type: 'MembershipDeleted'; id: string; memberId: string; at: string }
  /**
   * `registerId`: null for a platform order; `memberBy`: how the register named the member (`code`: the member
   * showed their code), null without a member or for a sale that enrolled its payer (`enrolled`).
   */
  | { type: 'SaleRecorded'; id: string; saleId: string; storeId: string; registerId: string | null; memberId: string | null; memberBy: 'code' | 'phone' | 'memberId' | null; enrolled: boolean; netFen: number; soldAt: string; pointsEarned: number; pointsSpent: number }
  /** `storeId` and `registerId`: where the return was taken (any store of the chain, rule 7.1). */
  | { type: 'SaleReturned'; id: string; returnId: string; saleId: string; storeId: string; registerId: string | null; returnedAt: string; memberId: string | null; refundFen: number }
  /** `byApproval`: ops approved a top-tier request (the decision told the member itself, in its own transaction). */
  | { type: 'TierChanged'; id: string; memberId: string; from: string; to: string; at: string; byApproval?: boolean }
  /** Pending points of a sale became available after its return window (the activation's ledger entry). */
  | { type: 'PointsActivated'; id: string; memberId: string; seq: number; saleId: string; points: number; debtSettled: number; at: string }
  /** A staff adjustment or compensation (its ledger entry), with the shopper-facing reason only (never the staff note). */
  | { type: 'PointsAdjusted'; id: string; memberId: string; seq: number; points: number; debt: number; reason: { zh: string; en: string }; at: string }
  | { type: 'PointsExpiring'; id: string; memberId: string; messageId: string }
  | { type: 'PointsChanged'; id: string; memberId: string; availableDelta: number; pendingDelta: number; debtDelta: number }
  /**
   * A new ledger entry: one change to a member's available points (and debt), by kind (rule 12.3), at `at`;
   * `storeId` is the store of the sale or return that made it (null for sign-ins, adjustments, expiry).
   */
  | { type: 'PointsEntryAdded'; id: string; memberId: string; seq: number; kind: LedgerKind; points: number; debt: number; at: string; storeId: string | null }
  /** A member received a coupon (claimed, a pack, joining, compensation): for statistics and pushes to come. */
  | { type: 'CouponGranted'; id: string; memberId: string; grantId: string; templateId: string; source: string; validThrough: string; at: string }
  /** A coupon stopped being available: used at a sale, expired, or revoked (by ops or a deletion). */
  | { type: 'CouponEnded'; id: string; memberId: string; grantId: string; templateId: string; how: 'redeemed' | 'expired' | 'revoked'; discountFen: number; storeId: string | null };

export type DomainEventType = DomainEvent['type'];

/** One item change as the stream reports it (images already unmarshalled). */
export interface ItemChange {
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  oldImage?: Record<string, unknown>;
  newImage?: Record<string, unknown>;
}

const str = (v: unknown) => (typeof v === 'string' ? v : null);
const memberByOf = (v: unknown) => (v === 'code' || v === 'phone' || v === 'memberId' ? v : null);
const ledgerKinds: readonly string[] = ['earn', 'spend', 'expire', 'adjust', 'reverse', 'refund'] satisfies LedgerKind[];
const num = (v: unknown) => (typeof v === 'number' ? v : 0);

/** The domain events one item change carries (most carry none). Pure. */
export function eventsOf(change: ItemChange): DomainEvent[] {
  const now = change.newImage;
  const before = change.oldImage;
  if (!now) return [];
  const type = str(now.type);
  const events: DomainEvent[] = [];
  if (type === 'member' && now.SK === 'PROFILE') {
    const memberId = String(now.memberId);
    if (change.eventName === 'INSERT') {
      events.push({ type: 'MemberJoined', id: `MemberJoined#${memberId}`, memberId, joinedAt: String(now.joinedAt), joinStoreId: str(now.joinStoreId), joinRegisterId: str(now.joinRegisterId), joinChannel: String(now.joinChannel ?? 'unknown') });
    }
    if (change.eventName === 'MODIFY' && now.status === 'deleted' && before?.status !== 'deleted') {
      events.push({ type: 'MembershipDeleted', id: `MembershipDeleted#${memberId}`, memberId, at: String((now.deletion as { at?: string } | undefined)?.at ?? '') });
    }
    // Every points change bumps the member's revision; its balances' movement is what finance aggregates.
    const delta = (f: string) => num(now[f]) - num(before?.[f]);
    const moved = { availableDelta: delta('pointsAvailable'), pendingDelta: delta('pointsPending'), debtDelta: delta('pointsDebt') };
    if (moved.availableDelta || moved.pendingDelta || moved.debtDelta) {
      events.push({ type: 'PointsChanged', id: `PointsChanged#${memberId}#${num(now.pointsRev)}`, memberId, ...moved });
    }
    if (change.eventName === 'MODIFY' && before && before.tier !== now.tier) {
      // The member's points revision names this change uniquely (every tier change goes through the ledger).
      const byApproval = now.tierApproved === now.tier && before.tierApproved !== now.tierApproved;
      events.push({ type: 'TierChanged', id: `TierChanged#${memberId}#${num(now.pointsRev)}`, memberId, from: String(before.tier), to: String(now.tier), at: String(now.tierChangedAt ?? ''), ...(byApproval ? { byApproval } : {}) });
    }
  }
  if (type === 'couponGrant') {
    const memberId = String(now.memberId);
    const grantId = String(now.grantId);
    const templateId = String(now.templateId);
    if (change.eventName === 'INSERT') {
      events.push({ type: 'CouponGranted', id: `CouponGranted#${memberId}#${grantId}`, memberId, grantId, templateId, source: String((now.source as { kind?: string } | undefined)?.kind ?? 'unknown'), validThrough: String(now.validThrough), at: String(now.receivedAt) });
    }
    const how = now.status;
    if (change.eventName === 'MODIFY' && before?.status === 'available' && (how === 'redeemed' || how === 'expired' || how === 'revoked')) {
      const redemption = now.redemption as { storeId?: string; receiptNo?: string; discountFen?: number } | undefined;
      // A grant restored by a return and used again ends again: the receipt tells the two apart.
      const suffix = how === 'redeemed' ? `#${redemption?.storeId ?? ''}#${redemption?.receiptNo ?? ''}` : '';
      events.push({ type: 'CouponEnded', id: `CouponEnded#${memberId}#${grantId}#${how}${suffix}`, memberId, grantId, templateId, how, discountFen: num(redemption?.discountFen), storeId: str(redemption?.storeId) });
    }
  }
  if (type === 'sale' && change.eventName === 'INSERT') {
    const result = now.result as { points?: { earned?: number; spent?: number }; enrolled?: boolean } | undefined;
    const points = { pointsEarned: num(result?.points?.earned), pointsSpent: num(result?.points?.spent) };
    // A sale recorded before `memberBy` was kept: a points payment needed the code (rule 5.9), else unknown.
    const memberBy = memberByOf(now.memberBy) ?? (now.memberId && points.pointsSpent > 0 ? 'code' : null);
    events.push({ type: 'SaleRecorded', id: `SaleRecorded#${now.saleId}`, saleId: String(now.saleId), storeId: String(now.storeId), registerId: str(now.registerId), memberId: str(now.memberId), memberBy, enrolled: result?.enrolled === true, netFen: num(now.netFen), soldAt: String(now.soldAt), ...points });
  }
  if (type === 'return' && change.eventName === 'INSERT') {
    const result = now.result as { memberId?: string | null; refundFen?: number } | undefined;
    // The return's store is in its key (RETURN#<storeId>#<returnNo>) for a return recorded before it was kept.
    const storeId = str(now.storeId) ?? String(now.PK).split('#')[1];
    events.push({ type: 'SaleReturned', id: `SaleReturned#${now.returnId}`, returnId: String(now.returnId), saleId: String(now.saleId), storeId, registerId: str(now.registerId), returnedAt: str(now.returnedAt) ?? String(now.recordedAt), memberId: str(result?.memberId), refundFen: num(result?.refundFen) });
  }
  if (type === 'ledger' && change.eventName === 'INSERT' && ledgerKinds.includes(String(now.kind))) {
    const memberId = String(now.memberId);
    const seq = num(now.seq);
    events.push({ type: 'PointsEntryAdded', id: `PointsEntryAdded#${memberId}#${seq}`, memberId, seq, kind: now.kind as LedgerKind, points: num(now.points), debt: num(now.debt), at: String(now.at), storeId: str(now.storeId) });
    if (now.kind === 'earn' && now.source === 'activation') {
      events.push({ type: 'PointsActivated', id: `PointsActivated#${memberId}#${seq}`, memberId, seq, saleId: String(now.ref ?? '').replace(/^SALE#/, ''), points: num(now.points), debtSettled: -num(now.debt), at: String(now.at) });
    }
    if (now.kind === 'adjust') {
      const reason = (now.reason ?? {}) as { zh?: unknown; en?: unknown };
      const zh = str(reason.zh) ?? '积分调整';
      events.push({ type: 'PointsAdjusted', id: `PointsAdjusted#${memberId}#${seq}`, memberId, seq, points: num(now.points), debt: num(now.debt), reason: { zh, en: str(reason.en) ?? zh }, at: String(now.at) });
    }
  }
  if (type === 'message' && change.eventName === 'INSERT' && now.kind === 'points-expiry') {
    const memberId = String(now.PK).replace(/^MEMBER#/, '');
    events.push({ type: 'PointsExpiring', id: `PointsExpiring#${memberId}#${now.messageId}`, memberId, messageId: String(now.messageId) });
  }
  return events;
}
