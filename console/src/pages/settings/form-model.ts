import type { ChainSettings, HolidayRule, Tier, TierCode } from '../../../../shared/settings';
import type { WholeOptions } from '../../forms/exact-number';
import { fenValue, wholeValue } from '../../forms/ExactNumberInput';

/**
 * The settings document as the form holds it: every number as the text typed (whole numbers as themselves,
 * money in yuan), read back into the document only through the exact parsers. Pure.
 */
export const TIER_CODES: readonly TierCode[] = ['base', 'silver', 'gold', 'diamond'];

export interface TierForm {
  code: TierCode;
  nameZh: string;
  nameEn: string;
  thresholdYuan: string;
  discountBasisPoints: string;
  pointsPerYuan: string;
  birthdayDoublePoints: boolean;
  needsApproval: boolean;
}
export interface HolidayForm {
  nameZh: string;
  nameEn: string;
  from: string;
  to: string;
  multiplierPercent: string;
  flatBonus: string;
  flatBonusMinYuan: string;
}
export interface SettingsForm {
  chainNameZh: string;
  chainNameEn: string;
  privacyPolicyVersion: string;
  termsVersion: string;
  tiers: TierForm[];
  points: {
    pointsPerYuanDeduction: string;
    deductionMinOrderYuan: string;
    deductionMaxShareBasisPoints: string;
    signInDaily: string;
    welcomePoints: string;
    reviewWithPhoto: string;
    inviteFriend: string;
    returnWindowDays: string;
    expiryReminderDays: string;
    serviceCompensationCap: string;
    serviceDailyCap: string;
    dailyBonusCap: string;
    excludedCategories: string[];
    signInCycle: string[];
    holidays: HolidayForm[];
  };
  coupons: { newMemberPackId?: string | null; compensationCapYuan: string; restoreOnWholeReturn: boolean; expiryReminderDays: string };
  lifecycle: { sleepingAfterDays: string; churnedAfterDays: string };
  lateSaleMaxDays: string;
}

/** The bounds shared/settings.ts puts on each number (money in fen), so the form refuses what the API would. */
export const BOUNDS = {
  thresholdFen: { min: 0, max: 1_000_000_000_000 },
  discountBasisPoints: { min: 1, max: 10_000 },
  pointsPerYuan: { min: 0, max: 100 },
  pointsPerYuanDeduction: { min: 1, max: 10_000 },
  deductionMinOrderFen: { min: 0, max: 10_000_000_000 },
  deductionMaxShareBasisPoints: { min: 0, max: 10_000 },
  signInDaily: { min: 0, max: 100_000 },
  welcomePoints: { min: 0, max: 100_000 },
  reviewWithPhoto: { min: 0, max: 100_000 },
  inviteFriend: { min: 0, max: 100_000 },
  returnWindowDays: { min: 0, max: 365 },
  expiryReminderDays: { min: 0, max: 365 },
  serviceCompensationCap: { min: 0, max: 1_000_000 },
  serviceDailyCap: { min: 0, max: 10_000_000 },
  dailyBonusCap: { min: 0, max: 10_000_000 },
  signInPoints: { min: 0, max: 100_000 },
  signInCycleLength: { min: 1, max: 31 },
  multiplierPercent: { min: 100, max: 1000 },
  flatBonus: { min: 0, max: 100_000 },
  flatBonusMinFen: { min: 0, max: 10_000_000_000 },
  lifecycleDays: { min: 1, max: 3650 },
  lateSaleMaxDays: { min: 0, max: 90 },
  couponCompensationCapFen: { min: 0, max: 10_000_000 },
  couponExpiryReminderDays: { min: 1, max: 30 },
  nameLength: { min: 1, max: 40 },
  versionLength: { min: 1, max: 40 },
  categoryLength: { min: 1, max: 40 },
  categories: { max: 100 },
  holidays: { max: 100 },
} satisfies Record<string, WholeOptions | { max: number }>;

/** Fen → the yuan text a person would type: 100000 → "1000", 1230 → "12.30". Never with separators. */
export function fenToYuanText(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const cents = abs % 100;
  return `${sign}${Math.trunc(abs / 100)}${cents ? `.${String(cents).padStart(2, '0')}` : ''}`;
}

const text = (n: number) => String(n);

export function tierToForm(t: Tier): TierForm {
  return {
    code: t.code,
    nameZh: t.name.zh,
    nameEn: t.name.en,
    thresholdYuan: fenToYuanText(t.thresholdFen),
    discountBasisPoints: text(t.discountBasisPoints),
    pointsPerYuan: text(t.pointsPerYuan),
    birthdayDoublePoints: t.birthdayDoublePoints,
    needsApproval: t.needsApproval,
  };
}

export function toForm(s: ChainSettings): SettingsForm {
  return {
    chainNameZh: s.chainName.zh,
    chainNameEn: s.chainName.en,
    privacyPolicyVersion: s.consent.privacyPolicyVersion,
    termsVersion: s.consent.termsVersion,
    tiers: s.tiers.map(tierToForm),
    points: {
      pointsPerYuanDeduction: text(s.points.pointsPerYuanDeduction),
      deductionMinOrderYuan: fenToYuanText(s.points.deductionMinOrderFen),
      deductionMaxShareBasisPoints: text(s.points.deductionMaxShareBasisPoints),
      signInDaily: text(s.points.signInDaily),
      welcomePoints: text(s.points.welcomePoints),
      reviewWithPhoto: text(s.points.reviewWithPhoto),
      inviteFriend: text(s.points.inviteFriend),
      returnWindowDays: text(s.points.returnWindowDays),
      expiryReminderDays: text(s.points.expiryReminderDays),
      serviceCompensationCap: text(s.points.serviceCompensationCap),
      serviceDailyCap: text(s.points.serviceDailyCap),
      dailyBonusCap: text(s.points.dailyBonusCap),
      excludedCategories: [...s.points.excludedCategories],
      signInCycle: s.points.signInCycle.map(text),
      holidays: s.points.holidays.map((h) => ({
        nameZh: h.name.zh,
        nameEn: h.name.en,
        from: h.from,
        to: h.to,
        multiplierPercent: text(h.multiplierPercent),
        flatBonus: text(h.flatBonus),
        flatBonusMinYuan: fenToYuanText(h.flatBonusMinFen),
      })),
    },
    coupons: {
      newMemberPackId: s.coupons.newMemberPackId ?? undefined,
      compensationCapYuan: fenToYuanText(s.coupons.compensationCapFen),
      restoreOnWholeReturn: s.coupons.restoreOnWholeReturn,
      expiryReminderDays: text(s.coupons.expiryReminderDays),
    },
    lifecycle: { sleepingAfterDays: text(s.lifecycle.sleepingAfterDays), churnedAfterDays: text(s.lifecycle.churnedAfterDays) },
    lateSaleMaxDays: text(s.lateSaleMaxDays),
  };
}

/**
 * The document the form describes, on top of the one read (so a field this console does not know yet is sent
 * back as it was). Call it on values the form's rules accepted: it throws on text that is not exactly a number.
 */
export function fromForm(v: SettingsForm, read: ChainSettings): ChainSettings {
  const whole = (s: string) => wholeValue(s);
  const fen = (s: string) => fenValue(s);
  const tiers: Tier[] = v.tiers.map((t) => {
    const before = read.tiers.find((r) => r.code === t.code);
    return {
      ...before,
      code: t.code,
      name: { zh: t.nameZh.trim(), en: t.nameEn.trim() },
      thresholdFen: t.code === 'base' ? 0 : fen(t.thresholdYuan),
      discountBasisPoints: whole(t.discountBasisPoints),
      pointsPerYuan: whole(t.pointsPerYuan),
      birthdayDoublePoints: !!t.birthdayDoublePoints,
      needsApproval: !!t.needsApproval,
    };
  });
  const holidays: HolidayRule[] = (v.points.holidays ?? []).map((h, i) => ({
    ...read.points.holidays[i],
    name: { zh: h.nameZh.trim(), en: h.nameEn.trim() },
    from: h.from.trim(),
    to: h.to.trim(),
    multiplierPercent: whole(h.multiplierPercent),
    flatBonus: whole(h.flatBonus),
    flatBonusMinFen: fen(h.flatBonusMinYuan),
  }));
  return {
    ...read,
    chainName: { zh: v.chainNameZh.trim(), en: v.chainNameEn.trim() },
    consent: { ...read.consent, privacyPolicyVersion: v.privacyPolicyVersion.trim(), termsVersion: v.termsVersion.trim() },
    tiers,
    points: {
      ...read.points,
      pointsPerYuanDeduction: whole(v.points.pointsPerYuanDeduction),
      deductionMinOrderFen: fen(v.points.deductionMinOrderYuan),
      deductionMaxShareBasisPoints: whole(v.points.deductionMaxShareBasisPoints),
      signInDaily: whole(v.points.signInDaily),
      welcomePoints: whole(v.points.welcomePoints),
      reviewWithPhoto: whole(v.points.reviewWithPhoto),
      inviteFriend: whole(v.points.inviteFriend),
      returnWindowDays: whole(v.points.returnWindowDays),
      expiryReminderDays: whole(v.points.expiryReminderDays),
      serviceCompensationCap: whole(v.points.serviceCompensationCap),
      serviceDailyCap: whole(v.points.serviceDailyCap),
      dailyBonusCap: whole(v.points.dailyBonusCap),
      excludedCategories: (v.points.excludedCategories ?? []).map((c) => c.trim()),
      signInCycle: (v.points.signInCycle ?? []).map(whole),
      holidays,
    },
    coupons: {
      ...read.coupons,
      newMemberPackId: (v.coupons.newMemberPackId ?? '').trim() || null,
      compensationCapFen: fen(v.coupons.compensationCapYuan),
      restoreOnWholeReturn: !!v.coupons.restoreOnWholeReturn,
      expiryReminderDays: whole(v.coupons.expiryReminderDays),
    },
    lifecycle: { ...read.lifecycle, sleepingAfterDays: whole(v.lifecycle.sleepingAfterDays), churnedAfterDays: whole(v.lifecycle.churnedAfterDays) },
    lateSaleMaxDays: whole(v.lateSaleMaxDays),
  };
}

const RENAMED: Record<string, string> = { thresholdFen: 'thresholdYuan', deductionMinOrderFen: 'deductionMinOrderYuan', flatBonusMinFen: 'flatBonusMinYuan', compensationCapFen: 'compensationCapYuan' };
const index = (s: string) => (/^\d+$/.test(s) ? Number(s) : s);

/**
 * The form field an API error path names (["body","settings","tiers","1","thresholdFen"] → ["tiers",1,"thresholdYuan"]);
 * null when the form has no single field for it.
 */
export function formFieldOf(path: string[]): Array<string | number> | null {
  if (path[0] !== 'body' || path[1] !== 'settings') return null;
  const p = path.slice(2).map(index);
  const named = (name: { zh: string; en: string }, lang: unknown) => (lang === 'en' ? name.en : name.zh);
  const [head, a, b, c, d] = p;
  switch (head) {
    case 'chainName':
      return [named({ zh: 'chainNameZh', en: 'chainNameEn' }, a)];
    case 'consent':
      return typeof a === 'string' ? [a] : null;
    case 'tiers':
      if (typeof a !== 'number') return null;
      if (b === 'name') return ['tiers', a, named({ zh: 'nameZh', en: 'nameEn' }, c)];
      return typeof b === 'string' ? ['tiers', a, RENAMED[b] ?? b] : null;
    case 'points':
      if (a === 'holidays' && typeof b === 'number') {
        if (c === 'name') return ['points', 'holidays', b, named({ zh: 'nameZh', en: 'nameEn' }, d)];
        return typeof c === 'string' ? ['points', 'holidays', b, RENAMED[c] ?? c] : null;
      }
      if ((a === 'signInCycle' || a === 'excludedCategories') && typeof b === 'number') return ['points', a, b];
      return typeof a === 'string' ? ['points', RENAMED[a] ?? a] : null;
    case 'coupons':
      return typeof a === 'string' ? ['coupons', RENAMED[a] ?? a] : null;
    case 'lifecycle':
      return typeof a === 'string' ? ['lifecycle', a] : null;
    case 'lateSaleMaxDays':
      return ['lateSaleMaxDays'];
    default:
      return null;
  }
}

/** The tab a form field lives on (to open it when a field there is refused). */
export type SettingsTab = 'tiers' | 'earning' | 'deduction' | 'signIn' | 'holidays' | 'coupons' | 'consent' | 'other';
export function tabOf(name: Array<string | number>): SettingsTab {
  const [head, a] = name;
  if (head === 'tiers') return 'tiers';
  if (head === 'privacyPolicyVersion' || head === 'termsVersion') return 'consent';
  if (head === 'coupons') return 'coupons';
  if (head === 'points') {
    if (a === 'holidays') return 'holidays';
    if (a === 'signInCycle' || a === 'signInDaily') return 'signIn';
    if (a === 'pointsPerYuanDeduction' || a === 'deductionMinOrderYuan' || a === 'deductionMaxShareBasisPoints') return 'deduction';
    if (a === 'serviceCompensationCap' || a === 'serviceDailyCap') return 'other';
    return 'earning';
  }
  return 'other';
}

/** A real calendar day, YYYY-MM-DD (2027-02-30 is not). */
export function isCalendarDay(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
}
