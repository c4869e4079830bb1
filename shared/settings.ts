import { z } from 'zod';

/**
 * Chain settings: every number DOMAIN.md gives is data a marketer can change, not a constant in code.
 * Money is integer fen; points are integers.
 */
export const tierCodes = ['base', 'silver', 'gold', 'diamond'] as const;
export const tierCodeSchema = z.enum(tierCodes);
export type TierCode = z.infer<typeof tierCodeSchema>;

export const tierSchema = z.object({
  code: tierCodeSchema,
  name: z.object({ zh: z.string(), en: z.string() }),
  /** Rolling 12-month net spend (fen) that reaches the tier. */
  thresholdFen: z.number().int().nonnegative(),
  /** Price paid as a share of list price, in basis points: 9500 = 95% (9.5折). */
  discountBasisPoints: z.number().int().min(1).max(10000),
  /** Points per yuan of net spend. */
  pointsPerYuan: z.number().int().nonnegative(),
  birthdayDoublePoints: z.boolean(),
  /** Reaching the tier queues the member for an ops approval instead of upgrading at once. */
  needsApproval: z.boolean(),
});
export type Tier = z.infer<typeof tierSchema>;

export const consentDocumentsSchema = z.object({
  privacyPolicyVersion: z.string().min(1),
  termsVersion: z.string().min(1),
});

/** A holiday/occasion rule: between two business days (inclusive), a multiplier on spend points or a flat bonus per sale. */
export const holidayRuleSchema = z.object({
  name: z.object({ zh: z.string(), en: z.string() }),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** Spend points × this, in hundredths: 200 = double. */
  multiplierPercent: z.number().int().min(100).max(1000).default(100),
  /** Points added once per qualifying sale. */
  flatBonus: z.number().int().nonnegative().default(0),
  /** Net spend (fen) a sale needs for the flat bonus. */
  flatBonusMinFen: z.number().int().nonnegative().default(0),
});
export type HolidayRule = z.infer<typeof holidayRuleSchema>;

export const chainSettingsSchema = z.object({
  chainName: z.object({ zh: z.string(), en: z.string() }),
  consent: consentDocumentsSchema,
  tiers: z.array(tierSchema).min(1),
  points: z.object({
    /** 100 points = 1 yuan at checkout. */
    pointsPerYuanDeduction: z.number().int().positive(),
    deductionMinOrderFen: z.number().int().nonnegative(),
    deductionMaxShareBasisPoints: z.number().int().min(0).max(10000),
    signInDaily: z.number().int().nonnegative(),
    reviewWithPhoto: z.number().int().nonnegative(),
    inviteFriend: z.number().int().nonnegative(),
    returnWindowDays: z.number().int().nonnegative(),
    expiryReminderDays: z.number().int().nonnegative(),
    /** Customer-service compensation: most points granted under one case (all grants of the case together). */
    serviceCompensationCap: z.number().int().nonnegative(),
    /** Customer-service compensation: most points one account grants per business day. */
    serviceDailyCap: z.number().int().nonnegative().default(2000),
    /** Product categories that earn no points (e.g. tobacco, infant formula by regulation). */
    excludedCategories: z.array(z.string()).default([]),
    /** Daily sign-in points by day of the streak; the cycle repeats. */
    signInCycle: z.array(z.number().int().nonnegative()).min(1),
    holidays: z.array(holidayRuleSchema).default([]),
    /** Most bonus points (holiday multipliers' extra and flat bonuses) a member earns per business day. */
    dailyBonusCap: z.number().int().nonnegative(),
  }),
  lifecycle: z.object({ sleepingAfterDays: z.number().int().positive(), churnedAfterDays: z.number().int().positive() }),
  lateSaleMaxDays: z.number().int().nonnegative(),
});
export type ChainSettings = z.infer<typeof chainSettingsSchema>;

/** DOMAIN.md's defaults. */
export const defaultChainSettings: ChainSettings = {
  chainName: { zh: '鲜邻超市', en: 'FreshNeighbour Markets' },
  consent: { privacyPolicyVersion: '2026-11-01', termsVersion: '2026-11-01' },
  tiers: [
    { code: 'base', name: { zh: '注册会员', en: 'Member' }, thresholdFen: 0, discountBasisPoints: 10000, pointsPerYuan: 1, birthdayDoublePoints: false, needsApproval: false },
    { code: 'silver', name: { zh: '银卡会员', en: 'Silver' }, thresholdFen: 100_000, discountBasisPoints: 9500, pointsPerYuan: 2, birthdayDoublePoints: false, needsApproval: false },
    { code: 'gold', name: { zh: '金卡会员', en: 'Gold' }, thresholdFen: 500_000, discountBasisPoints: 9000, pointsPerYuan: 3, birthdayDoublePoints: true, needsApproval: false },
    { code: 'diamond', name: { zh: '钻石会员', en: 'Diamond' }, thresholdFen: 5_000_000, discountBasisPoints: 9000, pointsPerYuan: 3, birthdayDoublePoints: true, needsApproval: true },
  ],
  points: {
    pointsPerYuanDeduction: 100,
    deductionMinOrderFen: 5_000,
    deductionMaxShareBasisPoints: 5000,
    signInDaily: 5,
    reviewWithPhoto: 20,
    inviteFriend: 50,
    returnWindowDays: 7,
    expiryReminderDays: 7,
    serviceCompensationCap: 500,
    serviceDailyCap: 2000,
    excludedCategories: ['tobacco'],
    signInCycle: [5, 5, 5, 5, 5, 5, 20],
    holidays: [
      { name: { zh: '春节', en: 'Spring Festival' }, from: '2027-02-05', to: '2027-02-11', multiplierPercent: 200, flatBonus: 100, flatBonusMinFen: 0 },
    ],
    dailyBonusCap: 2000,
  },
  lifecycle: { sleepingAfterDays: 90, churnedAfterDays: 180 },
  lateSaleMaxDays: 7,
};

export function tierByCode(settings: ChainSettings, code: TierCode): Tier {
  return settings.tiers.find((t) => t.code === code) ?? settings.tiers[0];
}
