/** Points, tiers and sign-in as the pages show them: pure, so they are tested here and the pages stay thin. */
import { formatPoints } from './format';

type Lang = 'zh' | 'en';

/** An integer over 10^scale, with no trailing zeros: (9500, 3) → "9.5", (9000, 3) → "9", (1250, 2) → "12.5". */
export function trimDecimal(value: number, scale: number): string {
  const unit = 10 ** scale;
  const abs = Math.abs(Math.round(value));
  const whole = Math.floor(abs / unit);
  const frac = String(abs % unit)
    .padStart(scale, '0')
    .replace(/0+$/, '');
  return `${value < 0 ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`;
}

/** "+120", "-50", "0": a ledger change, with thousands separators. */
export function signedPoints(points: number): string {
  if (points > 0) return `+${formatPoints(points)}`;
  if (points < 0) return `-${formatPoints(-points)}`;
  return '0';
}

/**
 * A tier discount from basis points of the list price paid: 9500 → "9.5折" / "5% off", 9000 → "9折" / "10% off".
 * Null when the tier pays the full price (10000 or more).
 */
export function discountLabel(basisPoints: number, lang: Lang): string | null {
  if (!Number.isFinite(basisPoints) || basisPoints >= 10000 || basisPoints <= 0) return null;
  return lang === 'en' ? `${trimDecimal(10000 - basisPoints, 2)}% off` : `${trimDecimal(basisPoints, 3)}折`;
}

/** A holiday multiplier in hundredths: 200 → "双倍积分" / "Double points", 150 → "1.5倍积分" / "1.5× points". */
export function multiplierLabel(percent: number, lang: Lang): string | null {
  if (!Number.isFinite(percent) || percent <= 100) return null;
  if (percent === 200) return lang === 'en' ? 'Double points' : '双倍积分';
  const x = trimDecimal(percent, 2);
  return lang === 'en' ? `${x}× points` : `${x}倍积分`;
}

/** The width of a progress bar: the API's `percent` (0–100), kept inside the bar. */
export function clampPercent(percent: number): number {
  if (!Number.isFinite(percent)) return 0;
  return Math.min(100, Math.max(0, percent));
}

export interface SignInSlot {
  /** 1-based day of the cycle. */
  day: number;
  points: number;
  /** Signed in on this day of the current cycle (today included once signed in). */
  done: boolean;
  /** Today's place in the cycle: signed in already, or the next to sign in. */
  today: boolean;
}

/**
 * The streak strip: one slot per day of the sign-in cycle, the days of the current round done, today marked.
 * `streak` counts consecutive days up to today (when signed in today) or up to yesterday (when not yet).
 */
export function signInStrip(cycle: readonly number[], streak: number, signedInToday: boolean): { slots: SignInSlot[]; todayPoints: number } {
  const len = cycle.length;
  if (len === 0) return { slots: [], todayPoints: 0 };
  const s = Math.max(0, Math.trunc(streak));
  // Signed in today: today is day ((s-1) mod len)+1 of this round. Not yet: s mod len days are done this round
  // (a finished round starts over) and today would be the next.
  const todayIndex = signedInToday ? (s > 0 ? (s - 1) % len : 0) : s % len;
  const doneCount = signedInToday ? todayIndex + 1 : todayIndex;
  const slots = cycle.map((points, i) => ({ day: i + 1, points, done: i < doneCount, today: i === todayIndex }));
  return { slots, todayPoints: cycle[todayIndex] };
}

/** Runs of equal days in the sign-in cycle, for the rules: [5,5,5,5,5,5,20] → days 1–6: 5; day 7: 20. */
export function cycleRuns(cycle: readonly number[]): Array<{ from: number; to: number; points: number }> {
  const runs: Array<{ from: number; to: number; points: number }> = [];
  cycle.forEach((points, i) => {
    const last = runs[runs.length - 1];
    if (last && last.points === points) last.to = i + 1;
    else runs.push({ from: i + 1, to: i + 1, points });
  });
  return runs;
}

/** Product categories the rules may name, in both languages; others are shown as the API gives them. */
const categoryNames: Record<string, { zh: string; en: string }> = {
  tobacco: { zh: '烟草', en: 'Tobacco' },
  alcohol: { zh: '酒类', en: 'Alcohol' },
  infant_formula: { zh: '婴幼儿配方奶粉', en: 'Infant formula' },
  gift_card: { zh: '购物卡/礼品卡', en: 'Gift cards' },
  lottery: { zh: '彩票', en: 'Lottery' },
  prescription: { zh: '处方药', en: 'Prescription drugs' },
};
export function categoryLabel(code: string, lang: Lang): string {
  const known = categoryNames[code.toLowerCase()];
  return known ? known[lang] : code;
}
