/**
 * The member's privacy rights under PIPL (BUSINESS-RULES item 15): what deleting a membership forfeits and what may
 * block it, how long a released identity's anti-abuse hash is kept, and which welcome benefits a returning phone or
 * WeChat account may still receive. Pure: the services read the items and call these.
 */

/** A released identity's keyed hash is kept this long after the membership is deleted (rule 15.4), then it expires (TTL). */
export const RELEASED_IDENTITY_RETENTION_YEARS = 3;

/** When a released identity's hash stops counting (and DynamoDB's TTL removes it): the same instant 3 calendar years on. */
export function releasedIdentityExpiresAt(releasedAt: string): string {
  const d = new Date(releasedAt);
  if (Number.isNaN(d.getTime())) throw new RangeError(`not an instant: ${releasedAt}`);
  const out = new Date(d);
  // 29 February three years on does not exist: Date rolls it to 1 March, a day late, never a day early.
  out.setUTCFullYear(d.getUTCFullYear() + RELEASED_IDENTITY_RETENTION_YEARS);
  return out.toISOString();
}

/** What a member holds at the moment of deletion, as the member item says (a stored value balance: when it exists). */
export interface MemberHoldings {
  pointsAvailable: number;
  pointsPending: number;
  pointsDebt: number;
  storedValueFen: number;
  usableCoupons: number;
}

export type DeletionBlock = 'stored-value';

export interface DeletionPreview {
  /** What deleting now gives up: every point (available and pending) and every unused coupon. Debt is written off. */
  forfeits: { availablePoints: number; pendingPoints: number; coupons: number; debtWrittenOff: number };
  /** Why deletion is refused for now (empty: it may go ahead). */
  blockedBy: DeletionBlock[];
}

/**
 * What deleting the membership would do. Points and coupons are forfeited (rule 15.3); a stored-value balance is
 * the member's money, so it blocks deletion until it is refunded (stored value does not exist yet: no member has a
 * balance, and when it comes its refund flow must run first).
 */
export function previewDeletion(h: MemberHoldings): DeletionPreview {
  const nonNegative = (n: number) => Math.max(0, Math.trunc(n) || 0);
  const blockedBy: DeletionBlock[] = [];
  if (nonNegative(h.storedValueFen) > 0) blockedBy.push('stored-value');
  return {
    forfeits: {
      availablePoints: nonNegative(h.pointsAvailable),
      pendingPoints: nonNegative(h.pointsPending),
      coupons: nonNegative(h.usableCoupons),
      debtWrittenOff: nonNegative(h.pointsDebt),
    },
    blockedBy,
  };
}

/** Which welcome benefits a person (one phone or WeChat account) has already received, as a released identity records it. */
export interface BenefitsHad {
  newMember: boolean;
  referral: boolean;
}
export const noBenefitsHad = (): BenefitsHad => ({ newMember: false, referral: false });

/**
 * What a released identity records when a membership ends: the new-member benefit counts as received by every member
 * (joining is what gives it: the new-member hooks run for each new member who may have it, and one who may not had it
 * before), a referral reward when the member received one (`referralRewardedAt`, set by the referral feature) or had
 * one before this membership.
 */
export function benefitsToRecord(member: { referralRewardedAt?: string | null; priorBenefits?: BenefitsHad | null }): BenefitsHad {
  return { newMember: true, referral: !!member.referralRewardedAt || member.priorBenefits?.referral === true };
}

/**
 * A joining person's benefits already had, from the released identities (phone, openid, unionid) found for them:
 * any of them having had a benefit counts, and a record past its retention (TTL removal lags) counts for nothing.
 */
export function priorBenefitsOf(records: ReadonlyArray<{ newMemberBenefit: boolean; referralReward: boolean; expiresAt: string } | undefined>, now: string): BenefitsHad | null {
  const live = records.filter((r): r is NonNullable<typeof r> => !!r && r.expiresAt > now);
  if (!live.length) return null;
  return { newMember: live.some((r) => r.newMemberBenefit), referral: live.some((r) => r.referralReward) };
}

/** The new-member benefit (a welcome coupon, later) goes only to a member whose phone or WeChat account never had it. */
export const mayReceiveNewMemberBenefit = (member: { priorBenefits?: BenefitsHad | null }) => member.priorBenefits?.newMember !== true;
/** A referral reward for the invited friend goes only to a member whose phone or WeChat account never had one. */
export const mayReceiveReferralReward = (member: { priorBenefits?: BenefitsHad | null }) => member.priorBenefits?.referral !== true;

/**
 * Marketing (automated journeys, campaign messages) only to members who opted in and have not withdrawn: consent
 * is separate from membership (PIPL art. 14, 16), so none recorded means none given.
 */
export const mayMarketTo = (member: { status?: string; consents?: { marketing?: { granted: boolean } | null } | null }) =>
  (member.status ?? 'active') === 'active' && member.consents?.marketing?.granted === true;
