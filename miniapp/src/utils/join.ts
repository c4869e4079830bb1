/** What joining gives, as the join page shows it before the shopper joins: pure, tested here. */

interface Rules {
  tiers: ReadonlyArray<{ code: string; name: { zh: string; en: string }; thresholdFen: number; discountBasisPoints: number; pointsPerYuan: number }>;
  points: { pointsPerYuanDeduction: number; signInCycle: readonly number[]; welcomePoints?: number };
}

export type NewMemberBenefit =
  | { kind: 'welcome'; points: number }
  | { kind: 'tier'; tier: { zh: string; en: string }; pointsPerYuan: number; discountBasisPoints: number }
  | { kind: 'deduction'; points: number }
  | { kind: 'signIn'; maxPoints: number };

/**
 * The benefits a new member has from the moment they join, from the chain's rules: the entry tier (no spend
 * threshold) with its points rate and any discount, paying with points, and the daily sign-in; first the welcome
 * points when the chain gives them (settings `points.welcomePoints`).
 */
export function newMemberBenefits(rules: Rules): NewMemberBenefit[] {
  const out: NewMemberBenefit[] = [];
  if ((rules.points.welcomePoints ?? 0) > 0) out.push({ kind: 'welcome', points: rules.points.welcomePoints as number });
  const entry = [...rules.tiers].sort((a, b) => a.thresholdFen - b.thresholdFen)[0];
  if (entry && entry.thresholdFen <= 0) out.push({ kind: 'tier', tier: entry.name, pointsPerYuan: entry.pointsPerYuan, discountBasisPoints: entry.discountBasisPoints });
  if (rules.points.pointsPerYuanDeduction > 0) out.push({ kind: 'deduction', points: rules.points.pointsPerYuanDeduction });
  const maxSignIn = Math.max(0, ...rules.points.signInCycle);
  if (maxSignIn > 0) out.push({ kind: 'signIn', maxPoints: maxSignIn });
  return out;
}
