import fc from 'fast-check';
import { benefitsToRecord, mayMarketTo, mayReceiveNewMemberBenefit, mayReceiveReferralReward, previewDeletion, priorBenefitsOf, releasedIdentityExpiresAt } from './privacy';

describe('what deleting a membership forfeits (rule 15.3)', () => {
  it('every point and coupon, debt written off; a stored-value balance blocks it', () => {
    expect(previewDeletion({ pointsAvailable: 120, pointsPending: 30, pointsDebt: 0, storedValueFen: 0, usableCoupons: 2 })).toEqual({
      forfeits: { availablePoints: 120, pendingPoints: 30, coupons: 2, debtWrittenOff: 0 },
      blockedBy: [],
    });
    expect(previewDeletion({ pointsAvailable: 0, pointsPending: 0, pointsDebt: 40, storedValueFen: 1, usableCoupons: 0 })).toEqual({
      forfeits: { availablePoints: 0, pendingPoints: 0, coupons: 0, debtWrittenOff: 40 },
      blockedBy: ['stored-value'],
    });
  });

  it('never forfeits a negative amount, and blocks exactly when there is stored value (property)', () => {
    const n = fc.integer({ min: -1_000_000, max: 1_000_000 });
    fc.assert(
      fc.property(n, n, n, n, n, (a, p, d, sv, c) => {
        const r = previewDeletion({ pointsAvailable: a, pointsPending: p, pointsDebt: d, storedValueFen: sv, usableCoupons: c });
        expect(Object.values(r.forfeits).every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
        expect(r.forfeits.availablePoints).toBe(Math.max(0, a));
        expect(r.blockedBy.includes('stored-value')).toBe(sv > 0);
      }),
    );
  });
});

describe('released identities (rule 15.4)', () => {
  it('expire three calendar years after the release; 29 February rolls to 1 March, never earlier', () => {
    expect(releasedIdentityExpiresAt('2026-12-05T03:04:05.000Z')).toBe('2029-12-05T03:04:05.000Z');
    expect(releasedIdentityExpiresAt('2028-02-29T10:00:00.000Z')).toBe('2031-03-01T10:00:00.000Z');
    expect(() => releasedIdentityExpiresAt('yesterday')).toThrow(RangeError);
  });

  it('a retention is always at least three years (property)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2090-01-01T00:00:00Z'), noInvalidDate: true }), (d) => {
        const at = d.toISOString();
        const until = releasedIdentityExpiresAt(at);
        expect(Date.parse(until) - Date.parse(at)).toBeGreaterThanOrEqual(3 * 365 * 86_400_000);
        expect(Date.parse(until) - Date.parse(at)).toBeLessThanOrEqual((3 * 365 + 2) * 86_400_000);
      }),
    );
  });

  it('every deleted member had the new-member benefit; a referral reward when given, or carried from before', () => {
    expect(benefitsToRecord({})).toEqual({ newMember: true, referral: false });
    expect(benefitsToRecord({ referralRewardedAt: '2026-12-01T00:00:00.000Z' })).toEqual({ newMember: true, referral: true });
    expect(benefitsToRecord({ priorBenefits: { newMember: true, referral: true } })).toEqual({ newMember: true, referral: true });
  });

  it('a joining person had a benefit when any live released identity of theirs had it; expired records count for nothing', () => {
    const now = '2027-01-01T00:00:00.000Z';
    const live = { newMemberBenefit: true, referralReward: false, expiresAt: '2029-01-01T00:00:00.000Z' };
    const old = { newMemberBenefit: true, referralReward: true, expiresAt: '2026-12-31T23:59:59.000Z' };
    expect(priorBenefitsOf([], now)).toBeNull();
    expect(priorBenefitsOf([undefined, old], now)).toBeNull();
    expect(priorBenefitsOf([live, undefined], now)).toEqual({ newMember: true, referral: false });
    expect(priorBenefitsOf([live, { ...live, referralReward: true }], now)).toEqual({ newMember: true, referral: true });
  });

  it('welcome benefits go only to members whose identities never had them (property: OR over the records)', () => {
    const rec = fc.option(fc.record({ newMemberBenefit: fc.boolean(), referralReward: fc.boolean(), expiresAt: fc.constant('2099-01-01T00:00:00.000Z') }), { nil: undefined });
    fc.assert(
      fc.property(fc.array(rec, { maxLength: 3 }), (records) => {
        const prior = priorBenefitsOf(records, '2027-01-01T00:00:00.000Z');
        const had = records.filter((r) => r !== undefined);
        expect(mayReceiveNewMemberBenefit({ priorBenefits: prior })).toBe(!had.some((r) => r!.newMemberBenefit));
        expect(mayReceiveReferralReward({ priorBenefits: prior })).toBe(!had.some((r) => r!.referralReward));
      }),
    );
  });
});

describe('marketing consent (rule 15.1)', () => {
  it('only an active member who opted in and has not withdrawn', () => {
    expect(mayMarketTo({ consents: {} })).toBe(false);
    expect(mayMarketTo({ status: 'active', consents: { marketing: { granted: true } } })).toBe(true);
    expect(mayMarketTo({ status: 'active', consents: { marketing: { granted: false } } })).toBe(false);
    expect(mayMarketTo({ status: 'deleted', consents: { marketing: { granted: true } } })).toBe(false);
  });
});
