/**
 * The best set of coupons for one sale under the stacking rules, and a reason for every coupon left out.
 */
import {
  allocate,
  conflicts,
  eligibility,
  type CouponCandidate,
  type CouponLine,
  type LineDiscount,
  type Refusal,
  type SaleContext,
} from './rules';

/** A coupon that can be redeemed on the basket on its own, with what it would take off alone. */
export type UsableCoupon = { candidate: CouponCandidate; discountFen: number; lineNos: number[] };

/** One coupon redeemed on a sale: what it took off and from which lines (every eligible line listed, 0 included). */
export type Redemption = { grantId: string; templateId: string; discountFen: number; allocation: LineDiscount[] };

/** A member rarely holds more than a handful of coupons usable on one sale; past this the search keeps the most valuable. */
export const MAX_COUPONS_SEARCHED = 12;

const grantIdOf = (u: UsableCoupon) => u.candidate.grant.grantId;

/** The order coupons are applied in within a combination: most valuable alone first, then by grant id. */
export function byValue(a: UsableCoupon, b: UsableCoupon): number {
  return b.discountFen - a.discountFen || (grantIdOf(a) < grantIdOf(b) ? -1 : grantIdOf(a) > grantIdOf(b) ? 1 : 0);
}

/**
 * Redeems `chosen` on the lines in `byValue` order. Thresholds were met on the amounts after the tier
 * discount (each coupon's on its own), but two coupons may share a line, so each takes at most what its lines
 * still cost after the coupons before it: no line ever goes below zero.
 */
export function applyCoupons(lines: CouponLine[], chosen: UsableCoupon[]): { redemptions: Redemption[]; savingsFen: number; lines: CouponLine[] } {
  const left = new Map(lines.map((l) => [l.lineNo, l.netFen]));
  const redemptions = [...chosen].sort(byValue).map((u) => {
    const own = u.lineNos.map((lineNo) => ({ lineNo, netFen: left.get(lineNo) ?? 0 }));
    const room = own.reduce((n, l) => n + l.netFen, 0);
    const allocation = allocate(Math.min(u.discountFen, room), own);
    allocation.forEach((a) => left.set(a.lineNo, (left.get(a.lineNo) ?? 0) - a.discountFen));
    const discountFen = allocation.reduce((n, a) => n + a.discountFen, 0);
    return { grantId: u.candidate.grant.grantId, templateId: u.candidate.template.templateId, discountFen, allocation };
  });
  return {
    redemptions,
    savingsFen: redemptions.reduce((n, r) => n + r.discountFen, 0),
    lines: lines.map((l) => ({ ...l, netFen: left.get(l.lineNo) ?? l.netFen })),
  };
}

export type Combination = { chosen: UsableCoupon[]; savingsFen: number; redemptions: Redemption[] };

/** A set of coupons is stackable when no two of them conflict (same group, or one excludes the other's group). */
export const isStackable = (set: UsableCoupon[]) =>
  set.every((a, i) => set.slice(i + 1).every((b) => !conflicts(a.candidate.template.stacking, b.candidate.template.stacking)));

/**
 * The tie-break between two combinations saving the same: fewer coupons (the member keeps the others for later),
 * then the ones expiring sooner (use them before they lapse; compared day by day, soonest first), then the
 * smaller grant ids. Negative when `a` is preferred. Total: two different sets never compare equal.
 */
export function preferred(a: Combination, b: Combination): number {
  if (a.savingsFen !== b.savingsFen) return b.savingsFen - a.savingsFen;
  if (a.chosen.length !== b.chosen.length) return a.chosen.length - b.chosen.length;
  const days = (c: Combination) => c.chosen.map((u) => u.candidate.grant.validThrough).sort();
  const ids = (c: Combination) => c.chosen.map(grantIdOf).sort();
  for (const [x, y] of [[days(a), days(b)], [ids(a), ids(b)]]) {
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  }
  return 0;
}

/**
 * The stackable subset of the usable coupons that saves the member most, by exhaustive search: every subset
 * of the `MAX_COUPONS_SEARCHED` most valuable alone (at most 4,096), each evaluated by actually redeeming it,
 * so shared lines are counted once. Ties go by `preferred`. The empty set (save nothing) is always valid.
 */
export function bestCombination(usable: UsableCoupon[], lines: CouponLine[]): Combination & { searched: UsableCoupon[] } {
  const searched = [...usable].sort(byValue).slice(0, MAX_COUPONS_SEARCHED);
  const n = searched.length;
  // clash[i]: the coupons coupon i may not be combined with, as a bit mask.
  const clash = searched.map((a, i) =>
    searched.reduce((mask, b, j) => (j !== i && conflicts(a.candidate.template.stacking, b.candidate.template.stacking) ? mask | (1 << j) : mask), 0),
  );
  let best: Combination = { chosen: [], savingsFen: 0, redemptions: [] };
  for (let mask = 1; mask < 1 << n; mask++) {
    let ok = true;
    for (let i = 0; i < n && ok; i++) if (mask & (1 << i) && mask & clash[i]) ok = false;
    if (!ok) continue;
    const chosen = searched.filter((_, i) => mask & (1 << i));
    const { redemptions, savingsFen } = applyCoupons(lines, chosen);
    const candidate = { chosen, savingsFen, redemptions };
    if (preferred(candidate, best) < 0) best = candidate;
  }
  return { ...best, searched };
}

/** Why a coupon that could be used alone is not in the best combination. */
export type LeftOut =
  | { reason: 'not-stackable'; with: string }
  | { reason: 'no-extra-saving' }
  | { reason: 'not-searched' };

export type NotApplied = { grantId: string; templateId: string } & (Refusal | LeftOut);

export type CouponQuote = {
  /** Every coupon usable on this basket on its own, most valuable first. */
  usable: Array<{ grantId: string; templateId: string; discountFen: number }>;
  best: Combination;
  notApplied: NotApplied[];
};

/**
 * The coupon part of a quote: which of the member's coupons are usable, the best combination, and a reason for
 * every coupon not in it. `lines` are after line and tier discounts (the order of benefits).
 */
export function quoteCoupons(candidates: CouponCandidate[], lines: CouponLine[], sale: SaleContext): CouponQuote {
  const usable: UsableCoupon[] = [];
  const notApplied: NotApplied[] = [];
  for (const candidate of candidates) {
    const e = eligibility(candidate, lines, sale);
    const ids = { grantId: candidate.grant.grantId, templateId: candidate.template.templateId };
    if (e.ok) usable.push({ candidate, discountFen: e.discountFen, lineNos: e.lines.map((l) => l.lineNo) });
    else {
      const { ok: _ok, ...refusal } = e;
      notApplied.push({ ...ids, ...refusal });
    }
  }
  const { searched, ...best } = bestCombination(usable, lines);
  const chosen = new Set(best.chosen.map(grantIdOf));
  const wasSearched = new Set(searched.map(grantIdOf));
  for (const u of [...usable].sort(byValue)) {
    if (chosen.has(grantIdOf(u))) continue;
    const ids = { grantId: grantIdOf(u), templateId: u.candidate.template.templateId };
    const rival = best.chosen.find((c) => conflicts(c.candidate.template.stacking, u.candidate.template.stacking));
    if (rival) notApplied.push({ ...ids, reason: 'not-stackable', with: grantIdOf(rival) });
    else if (!wasSearched.has(grantIdOf(u))) notApplied.push({ ...ids, reason: 'not-searched' });
    else notApplied.push({ ...ids, reason: 'no-extra-saving' });
  }
  return {
    usable: [...usable].sort(byValue).map((u) => ({ grantId: grantIdOf(u), templateId: u.candidate.template.templateId, discountFen: u.discountFen })),
    best,
    notApplied,
  };
}
