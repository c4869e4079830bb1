/**
 * Earning points (DOMAIN.md, Points): spend points per sale line, holiday and birthday boosts, the daily
 * bonus cap, and daily sign-in. Pure: the sale's own time is passed in.
 */
import type { ChainSettings, Tier } from '../settings';
import { addBusinessDays, assertDay, businessDayOf, businessMonthOf } from './business-time';
import { assertWhole, mulDivFloor } from './integers';

export type SaleLineForEarning = {
  lineNo: number;
  category: string;
  /** Net paid for the line after discounts, integer fen ≥ 0. */
  netFen: number;
};

export type EarningContext = {
  tier: Tier;
  settings: ChainSettings;
  soldAtIso: string;
  /** 1–12, or null when the member gave no birthday. */
  birthdayMonth: number | null;
  /** The part of the sale paid with points, in fen: it earns nothing. */
  pointsPaidFen: number;
  /** Bonus points the member already earned this business day (counts against the daily cap). */
  bonusEarnedToday: number;
};

export type LineEarning = { lineNo: number; points: number; basePoints: number };

export type SaleEarning = {
  lines: LineEarning[];
  basePoints: number;
  /** Boosts kept after the daily cap: the lines' extra over base plus the holiday flat bonus. */
  bonusPoints: number;
  totalPoints: number;
  appliedRules: string[];
};

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * Splits `total` in proportion to `weights` by largest remainder: each part is the floor or the ceiling of its
 * exact share and the parts add up to `total`; equal remainders go to the lower index first.
 */
export function allocateProportionally(total: number, weights: number[]): number[] {
  assertWhole('total', total);
  weights.forEach((w, i) => assertWhole(`weights[${i}]`, w));
  const weightSum = sum(weights);
  if (weightSum === 0) {
    if (total !== 0) throw new RangeError(`cannot split ${total} over zero weights`);
    return weights.map(() => 0);
  }
  const parts = weights.map((w) => mulDivFloor(total, w, weightSum));
  const remainders = weights.map((w) => (BigInt(total) * BigInt(w)) % BigInt(weightSum));
  const byRemainder = weights
    .map((_, i) => i)
    .sort((a, b) => (remainders[a] === remainders[b] ? a - b : remainders[a] > remainders[b] ? -1 : 1));
  const leftOver = total - sum(parts);
  for (let k = 0; k < leftOver; k++) parts[byRemainder[k]] += 1;
  return parts;
}

/**
 * Points for one sale. Per line: floor(earnable fen × rate × multipliers / 100), where earnable fen leaves out
 * the line's share of the points payment and excluded categories earn nothing.
 *
 * Base points include the birthday double: it is a tier benefit the member is promised, not a promotion, so the
 * daily bonus cap never cuts it. Bonus = what a holiday multiplier adds over that, plus the holiday's flat bonus.
 * When the daily cap allows less, the flat bonus is kept first (it is the advertised "+100 on a Spring
 * Festival purchase", all or nothing for the member to check) and the multiplier extra is cut from the last
 * lines backwards; a line never drops below its base points. The flat bonus belongs to no line, so
 * totalPoints = Σ line points + the flat bonus kept.
 */
export function earnPointsForSale(lines: SaleLineForEarning[], ctx: EarningContext): SaleEarning {
  const { tier, settings, soldAtIso, birthdayMonth, pointsPaidFen, bonusEarnedToday } = ctx;
  lines.forEach((l) => assertWhole(`line ${l.lineNo} netFen`, l.netFen));
  assertWhole('pointsPaidFen', pointsPaidFen);
  assertWhole('bonusEarnedToday', bonusEarnedToday);
  if (birthdayMonth !== null && !(Number.isInteger(birthdayMonth) && birthdayMonth >= 1 && birthdayMonth <= 12)) {
    throw new RangeError(`birthday month must be 1–12 or null, got ${birthdayMonth}`);
  }
  const saleNetFen = sum(lines.map((l) => l.netFen));
  if (pointsPaidFen > saleNetFen) {
    throw new RangeError(`points paid ${pointsPaidFen} fen exceed the sale's net ${saleNetFen} fen`);
  }

  // Points pay for every line alike, excluded categories included, so the split follows what each line cost.
  const pointsShares = allocateProportionally(pointsPaidFen, lines.map((l) => l.netFen));
  const excluded = new Set(settings.points.excludedCategories);
  const earnableFen = lines.map((l, i) => (excluded.has(l.category) ? 0 : l.netFen - pointsShares[i]));

  const saleDay = businessDayOf(soldAtIso);
  const saleMonth = Number(businessMonthOf(soldAtIso).slice(5));
  const birthdayFactor = tier.birthdayDoublePoints && birthdayMonth === saleMonth ? 2 : 1;
  const holiday = settings.points.holidays.find((h) => h.from <= saleDay && saleDay <= h.to);
  const boost = tier.pointsPerYuan * birthdayFactor * (holiday?.multiplierPercent ?? 100);

  const basePoints = earnableFen.map((fen) => mulDivFloor(fen, tier.pointsPerYuan * birthdayFactor, 100));
  const extras = earnableFen.map((fen, i) => mulDivFloor(fen, boost, 100 * 100) - basePoints[i]);
  // Excluded goods (tobacco, infant formula) may not be promoted, so they neither earn nor qualify for the flat bonus.
  const earnableSpendFen = sum(earnableFen);
  const flatBonus =
    holiday && earnableSpendFen > 0 && earnableSpendFen >= holiday.flatBonusMinFen ? holiday.flatBonus : 0;

  const allowance = Math.max(0, settings.points.dailyBonusCap - bonusEarnedToday);
  const flatKept = Math.min(flatBonus, allowance);
  let extraAllowance = allowance - flatKept;
  const extrasKept = extras.map((extra) => {
    const kept = Math.min(extra, extraAllowance);
    extraAllowance -= kept;
    return kept;
  });

  const bonusPoints = sum(extrasKept) + flatKept;
  const appliedRules: string[] = [];
  if (birthdayFactor === 2) appliedRules.push('birthday-double');
  if (holiday) appliedRules.push(`holiday:${holiday.name.zh}`);
  if (bonusPoints < sum(extras) + flatBonus) appliedRules.push('bonus-capped');

  return {
    lines: lines.map((l, i) => ({ lineNo: l.lineNo, points: basePoints[i] + extrasKept[i], basePoints: basePoints[i] })),
    basePoints: sum(basePoints),
    bonusPoints,
    totalPoints: sum(basePoints) + bonusPoints,
    appliedRules,
  };
}

/** Points for the `streakDay`-th consecutive sign-in (1-based); the cycle repeats (e.g. a bonus every 7th day). */
export function signInPoints(cycle: number[], streakDay: number): number {
  if (cycle.length === 0) throw new RangeError('the sign-in cycle is empty');
  assertWhole('streakDay', streakDay, 1);
  return cycle[(streakDay - 1) % cycle.length];
}

/**
 * The streak after signing in on `todayDay`. A last sign-in dated after today (a clock running backwards)
 * counts as already signed in, so the same business day is never paid twice.
 */
export function nextStreak(
  lastSignInDay: string | null,
  lastStreak: number,
  todayDay: string,
): { streak: number; alreadySignedIn: boolean } {
  assertDay(todayDay);
  if (lastSignInDay === null) return { streak: 1, alreadySignedIn: false };
  assertDay(lastSignInDay);
  if (lastSignInDay >= todayDay) return { streak: lastStreak, alreadySignedIn: true };
  if (addBusinessDays(lastSignInDay, 1) === todayDay) return { streak: lastStreak + 1, alreadySignedIn: false };
  return { streak: 1, alreadySignedIn: false };
}
