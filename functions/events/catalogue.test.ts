import fc from 'fast-check';
import { eventsOf } from './catalogue';

/** Events are derived from item changes; ids come from what happened, so a redelivered record names the same event. */
const member = (extra: Record<string, unknown> = {}) => ({ PK: 'MEMBER#100000001', SK: 'PROFILE', type: 'member', memberId: '100000001', tier: 'base', joinedAt: '2026-12-01T02:00:00.000Z', joinStoreId: 'S001', joinChannel: 'scan', pointsRev: 3, ...extra });

describe('eventsOf', () => {
  it('a new member item is MemberJoined, once per member', () => {
    expect(eventsOf({ eventName: 'INSERT', newImage: member() })).toEqual([
      { type: 'MemberJoined', id: 'MemberJoined#100000001', memberId: '100000001', joinedAt: '2026-12-01T02:00:00.000Z', joinStoreId: 'S001', joinRegisterId: null, joinChannel: 'scan' },
    ]);
  });

  it('a member whose tier changed is TierChanged, named by the change that did it', () => {
    const [e] = eventsOf({ eventName: 'MODIFY', oldImage: member(), newImage: member({ tier: 'silver', pointsRev: 4 }) });
    expect(e).toMatchObject({ type: 'TierChanged', id: 'TierChanged#100000001#4', from: 'base', to: 'silver' });
    expect(eventsOf({ eventName: 'MODIFY', oldImage: member(), newImage: member({ pointsAvailable: 5, pointsRev: 4 }) }).map((x) => x.type)).toEqual(['PointsChanged']);
  });

  it('a member item turning deleted is MembershipDeleted, once per member, beside its points movement', () => {
    const before = member({ status: 'active', pointsAvailable: 40 });
    const after = member({ status: 'deleted', pointsAvailable: 0, pointsRev: 4, deletion: { at: '2026-12-03T01:00:00.000Z' } });
    expect(eventsOf({ eventName: 'MODIFY', oldImage: before, newImage: after })).toEqual([
      { type: 'MembershipDeleted', id: 'MembershipDeleted#100000001', memberId: '100000001', at: '2026-12-03T01:00:00.000Z' },
      { type: 'PointsChanged', id: 'PointsChanged#100000001#4', memberId: '100000001', availableDelta: -40, pendingDelta: 0, debtDelta: 0 },
    ]);
    // A step of a large deletion (deleting) is not yet the event; a deleted item changed again is not one again.
    expect(eventsOf({ eventName: 'MODIFY', oldImage: before, newImage: member({ status: 'deleting', pointsAvailable: 40, pointsRev: 4 }) })).toEqual([]);
    expect(eventsOf({ eventName: 'MODIFY', oldImage: after, newImage: { ...after, closedAt: 'x' } })).toEqual([]);
  });

  it('a change to the member balances is PointsChanged with the movements, named by the revision', () => {
    expect(eventsOf({ eventName: 'MODIFY', oldImage: member({ pointsAvailable: 100, pointsPending: 20 }), newImage: member({ pointsAvailable: 60, pointsPending: 0, pointsDebt: 5, pointsRev: 9 }) })).toEqual([
      { type: 'PointsChanged', id: 'PointsChanged#100000001#9', memberId: '100000001', availableDelta: -40, pendingDelta: -20, debtDelta: 5 },
    ]);
    expect(eventsOf({ eventName: 'MODIFY', oldImage: member(), newImage: member({ signInStreak: 2, pointsRev: 4 }) })).toEqual([]);
  });

  it('a recorded sale and a return are SaleRecorded and SaleReturned', () => {
    expect(eventsOf({ eventName: 'INSERT', newImage: { PK: 'SALE#S001#R1', SK: 'SALE', type: 'sale', saleId: 'S001-R1', storeId: 'S001', memberId: null, netFen: 100, soldAt: 'x', result: { points: { earned: 0 } } } })[0]).toMatchObject({ type: 'SaleRecorded', id: 'SaleRecorded#S001-R1', memberId: null });
    expect(eventsOf({ eventName: 'INSERT', newImage: { PK: 'RETURN#S001#T1', SK: 'RETURN', type: 'return', returnId: 'S001-T1', saleId: 'S001-R1', result: { memberId: '100000001', refundFen: 50 } } })[0]).toMatchObject({ type: 'SaleReturned', memberId: '100000001', refundFen: 50 });
  });

  it('a sale says where it was posted and how the register named the member; a return where it was taken', () => {
    const sale = { PK: 'SALE#S001#R9', SK: 'SALE', type: 'sale', saleId: 'S001-R9', storeId: 'S001', registerId: 'S001-R1', memberId: '100000001', netFen: 900, soldAt: '2026-12-01T02:00:00.000Z', result: { points: { earned: 9, spent: 0 }, enrolled: false } };
    expect(eventsOf({ eventName: 'INSERT', newImage: { ...sale, memberBy: 'code' } })[0]).toMatchObject({ registerId: 'S001-R1', memberBy: 'code', enrolled: false, pointsEarned: 9 });
    expect(eventsOf({ eventName: 'INSERT', newImage: { ...sale, memberBy: 'phone' } })[0]).toMatchObject({ memberBy: 'phone' });
    // Recorded before memberBy was kept: a points payment proves the code, anything else is unknown.
    expect(eventsOf({ eventName: 'INSERT', newImage: sale })[0]).toMatchObject({ memberBy: null });
    expect(eventsOf({ eventName: 'INSERT', newImage: { ...sale, result: { points: { earned: 0, spent: 100 } } } })[0]).toMatchObject({ memberBy: 'code' });
    const ret = { PK: 'RETURN#S002#T1', SK: 'RETURN', type: 'return', returnId: 'S002-T1', saleId: 'S001-R9', recordedAt: '2026-12-02T02:00:00.000Z', result: { memberId: null, refundFen: 50 } };
    expect(eventsOf({ eventName: 'INSERT', newImage: ret })[0]).toMatchObject({ storeId: 'S002', registerId: null, returnedAt: '2026-12-02T02:00:00.000Z' });
    expect(eventsOf({ eventName: 'INSERT', newImage: { ...ret, storeId: 'S002', registerId: 'S002-R1', returnedAt: '2026-12-02T01:00:00.000Z' } })[0]).toMatchObject({ registerId: 'S002-R1', returnedAt: '2026-12-02T01:00:00.000Z' });
  });

  it('a new ledger entry is PointsEntryAdded, named by member and sequence, with the store of its sale or return', () => {
    const entry = { PK: 'MEMBER#100000001', SK: 'LEDGER#0000000007', type: 'ledger', memberId: '100000001', seq: 7, kind: 'spend', points: -500, debt: 0, balanceAfter: 20, at: '2026-12-01T02:00:00.000Z', storeId: 'S001' };
    expect(eventsOf({ eventName: 'INSERT', newImage: entry })).toEqual([
      { type: 'PointsEntryAdded', id: 'PointsEntryAdded#100000001#7', memberId: '100000001', seq: 7, kind: 'spend', points: -500, debt: 0, at: '2026-12-01T02:00:00.000Z', storeId: 'S001' },
    ]);
    expect(eventsOf({ eventName: 'INSERT', newImage: { ...entry, storeId: undefined, kind: 'adjust' } })[0]).toMatchObject({ storeId: null, kind: 'adjust' });
    expect(eventsOf({ eventName: 'MODIFY', oldImage: entry, newImage: entry })).toEqual([]);
  });

  it('an activation entry is also PointsActivated, and an adjustment PointsAdjusted with the shopper-facing reason only', () => {
    const entry = { PK: 'MEMBER#100000001', SK: 'LEDGER#0000000008', type: 'ledger', memberId: '100000001', seq: 8, kind: 'earn', points: 90, debt: -30, balanceAfter: 110, at: '2026-12-01T02:00:00.000Z', reason: { zh: '消费积分入账', en: 'purchase' }, ref: 'SALE#S001-0001' };
    expect(eventsOf({ eventName: 'INSERT', newImage: entry }).map((e) => e.type)).toEqual(['PointsEntryAdded']);
    expect(eventsOf({ eventName: 'INSERT', newImage: { ...entry, source: 'activation' } })[1]).toEqual({ type: 'PointsActivated', id: 'PointsActivated#100000001#8', memberId: '100000001', seq: 8, saleId: 'S001-0001', points: 90, debtSettled: 30, at: '2026-12-01T02:00:00.000Z' });
    const adjust = { ...entry, kind: 'adjust', points: -20, debt: 0, reason: { zh: '售后补偿', en: 'After-sales' }, staffNote: 'ticket 4711' };
    const [, adjusted] = eventsOf({ eventName: 'INSERT', newImage: adjust });
    expect(adjusted).toEqual({ type: 'PointsAdjusted', id: 'PointsAdjusted#100000001#8', memberId: '100000001', seq: 8, points: -20, debt: 0, reason: { zh: '售后补偿', en: 'After-sales' }, at: '2026-12-01T02:00:00.000Z' });
    expect(JSON.stringify(adjusted)).not.toContain('4711');
  });

  it('a tier change that an approval made says so (its decision sent the message)', () => {
    const [e] = eventsOf({ eventName: 'MODIFY', oldImage: member({ tier: 'gold' }), newImage: member({ tier: 'diamond', tierApproved: 'diamond', pointsRev: 4 }) });
    expect(e).toMatchObject({ type: 'TierChanged', byApproval: true });
    expect(eventsOf({ eventName: 'MODIFY', oldImage: member({ tier: 'diamond', tierApproved: 'diamond' }), newImage: member({ tier: 'gold', tierApproved: 'diamond', pointsRev: 4 }) })[0]).not.toHaveProperty('byApproval');
  });

  it('removals and unrelated items carry no events; the same change always gives the same ids', () => {
    expect(eventsOf({ eventName: 'REMOVE', oldImage: member() })).toEqual([]);
    fc.assert(
      fc.property(fc.constantFrom('INSERT' as const, 'MODIFY' as const), fc.constantFrom('base', 'silver', 'gold'), fc.nat(), (eventName, tier, rev) => {
        const change = { eventName, oldImage: member(), newImage: member({ tier, pointsRev: rev }) };
        expect(eventsOf(change)).toEqual(eventsOf(structuredClone(change)));
      }),
    );
  });

  it('a coupon granted, and how it stopped being available (once per redemption: a restored coupon used again ends again)', () => {
    const grant = (over: Record<string, unknown> = {}) => ({ type: 'couponGrant', PK: 'MEMBER#100000001', SK: 'COUPON#g1', memberId: '100000001', grantId: 'g1', templateId: 'T1', status: 'available', source: { kind: 'centre', ref: null }, validThrough: '2026-12-06', receivedAt: '2026-11-30T02:00:00.000Z', ...over });
    expect(eventsOf({ eventName: 'INSERT', newImage: grant() })).toEqual([
      { type: 'CouponGranted', id: 'CouponGranted#100000001#g1', memberId: '100000001', grantId: 'g1', templateId: 'T1', source: 'centre', validThrough: '2026-12-06', at: '2026-11-30T02:00:00.000Z' },
    ]);
    const used = (receiptNo: string) => eventsOf({ eventName: 'MODIFY', oldImage: grant(), newImage: grant({ status: 'redeemed', redemption: { storeId: 'S001', receiptNo, discountFen: 3000 } }) });
    expect(used('R1')).toEqual([{ type: 'CouponEnded', id: 'CouponEnded#100000001#g1#redeemed#S001#R1', memberId: '100000001', grantId: 'g1', templateId: 'T1', how: 'redeemed', discountFen: 3000, storeId: 'S001' }]);
    expect(used('R2')[0].id).not.toBe(used('R1')[0].id);
    expect(eventsOf({ eventName: 'MODIFY', oldImage: grant(), newImage: grant({ status: 'expired' }) })[0]).toMatchObject({ how: 'expired', discountFen: 0, storeId: null });
    expect(eventsOf({ eventName: 'MODIFY', oldImage: grant({ status: 'expired' }), newImage: grant({ status: 'expired', reminded: true }) })).toEqual([]);
  });
});
