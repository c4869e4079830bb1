/**
 * Tiers (DOMAIN.md, Tiers): growth is net spend over a rolling 12 months; upgrades apply at once (a tier that
 * needs approval goes to the ops queue instead); downgrades happen only at the yearly review.
 */
import { tierCodes, type ChainSettings, type Tier, type TierCode } from '../settings';
import { assertWhole, mulDivFloor } from './integers';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

function monthIndex(month: string): number {
  const match = MONTH.exec(month);
  if (!match) throw new RangeError(`not a month (YYYY-MM): ${month}`);
  return Number(match[1]) * 12 + Number(match[2]) - 1;
}

// The ladder order is the business's (base < silver < gold < diamond), whatever order settings list tiers in.
const rankOf = (code: TierCode) => tierCodes.indexOf(code);
const ladder = (settings: ChainSettings) => [...settings.tiers].sort((a, b) => rankOf(a.code) - rankOf(b.code));
const reachable = (settings: ChainSettings, growthFen: number) => ladder(settings).filter((t) => t.thresholdFen <= growthFen);

/**
 * Net spend in the 12 months ending with `asOfMonth`, returns included. Floored at 0: returns of purchases
 * made before the window can push the sum below zero, and growth below zero means nothing more than zero.
 */
export function rollingGrowthFen(spendByMonth: Record<string, number>, asOfMonth: string): number {
  const last = monthIndex(asOfMonth);
  let total = 0;
  for (const [month, fen] of Object.entries(spendByMonth)) {
    assertWhole(`spend in ${month}`, fen, Number.MIN_SAFE_INTEGER);
    const index = monthIndex(month);
    if (index > last - 12 && index <= last) total += fen;
  }
  return Math.max(0, total);
}

/** The highest tier whose threshold the growth reaches, approval aside; the lowest tier when none is. */
export function tierForGrowth(settings: ChainSettings, growthFen: number): Tier {
  return reachable(settings, growthFen).at(-1) ?? ladder(settings)[0];
}

/**
 * After a sale: move up at once to the best reachable tier that needs no approval; a higher reachable tier
 * that needs approval is returned for the ops queue while the member keeps the tier they have. Never lowers.
 */
export function upgradeOnSale(input: {
  current: TierCode;
  growthFen: number;
  settings: ChainSettings;
}): { tier: TierCode; needsApproval: TierCode | null } {
  const { current, growthFen, settings } = input;
  const inReach = reachable(settings, growthFen);
  const best = inReach.filter((t) => !t.needsApproval).at(-1);
  const tier = best && rankOf(best.code) > rankOf(current) ? best.code : current;
  const awaiting = inReach.filter((t) => t.needsApproval && rankOf(t.code) > rankOf(tier)).at(-1);
  return { tier, needsApproval: awaiting?.code ?? null };
}

/**
 * The yearly review (1 January): the tier the growth supports now, which may be lower. A tier that needs
 * approval is kept or given only when `approved` reaches it. The outcome depends on growth and approval
 * alone, so `current` is there for the caller's record of the change, not for the decision.
 */
export function reviewTier(input: {
  current: TierCode;
  growthFen: number;
  settings: ChainSettings;
  approved: TierCode | null;
}): TierCode {
  const { growthFen, settings, approved } = input;
  const allowed = reachable(settings, growthFen).filter(
    (t) => !t.needsApproval || (approved !== null && rankOf(approved) >= rankOf(t.code)),
  );
  return (allowed.at(-1) ?? ladder(settings)[0]).code;
}

/**
 * How far the member is from the tier above theirs: fen still to spend and the share of its threshold
 * reached (whole percent, 100 only when reached). At the top: no next tier, 100%.
 */
export function progressToNext(
  settings: ChainSettings,
  current: TierCode,
  growthFen: number,
): { next: Tier | null; missingFen: number; percent: number } {
  const next = ladder(settings).find((t) => rankOf(t.code) > rankOf(current)) ?? null;
  if (!next) return { next: null, missingFen: 0, percent: 100 };
  const reached = Math.max(0, growthFen);
  if (reached >= next.thresholdFen) return { next, missingFen: 0, percent: 100 };
  return { next, missingFen: next.thresholdFen - reached, percent: mulDivFloor(reached, 100, next.thresholdFen) };
}
