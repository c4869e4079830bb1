import * as z from 'zod';
import { defaultChainSettings as defaults } from './settings-defaults';

/**
 * Chain settings: every number DOMAIN.md gives is data a marketer can change, not a constant in code.
 * Money is integer fen; points are integers. Every field is bounded so the rules that read it stay exact
 * (no product passes 2^53, no date runs off the calendar) whatever an operator types.
 */
export const tierCodes = ['base', 'silver', 'gold', 'diamond'] as const;
export const tierCodeSchema = z.enum(tierCodes);
export type TierCode = z.infer<typeof tierCodeSchema>;

/** A name shown to shoppers in both languages. */
const shownName = z.object({ zh: z.string().min(1).max(40), en: z.string().min(1).max(40) });
const count = (max: number) => z.number().int().min(0).max(max);
/** A real calendar day (2027-02-30 is not). */
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isCalendarDay = (d: string) => DAY.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);
const calendarDay = z.string().regex(DAY, 'a day: YYYY-MM-DD').refine(isCalendarDay, 'not a calendar day');

/** A privacy-policy or terms version: the same schema settings and joining use, so a version set is one a shopper can accept. */
export const consentVersionSchema = z.string().min(1).max(40);

export const tierSchema = z.object({
  code: tierCodeSchema,
  name: shownName,
  /** Rolling 12-month net spend (fen) that reaches the tier. */
  thresholdFen: count(1_000_000_000_000),
  /** Price paid as a share of list price, in basis points: 9500 = 95% (9.5折). */
  discountBasisPoints: z.number().int().min(1).max(10000),
  /** Points per yuan of net spend. */
  pointsPerYuan: count(100),
  birthdayDoublePoints: z.boolean(),
  /** Reaching the tier queues the member for an ops approval instead of upgrading at once. */
  needsApproval: z.boolean(),
});
export type Tier = z.infer<typeof tierSchema>;

export const consentDocumentsSchema = z.object({
  privacyPolicyVersion: consentVersionSchema,
  termsVersion: consentVersionSchema,
});

/** A holiday/occasion rule: between two business days (inclusive), a multiplier on spend points or a flat bonus per sale. */
export const holidayRuleSchema = z
  .object({
    name: shownName,
    from: calendarDay,
    to: calendarDay,
    /** Spend points × this, in hundredths: 200 = double. */
    multiplierPercent: z.number().int().min(100).max(1000).default(100),
    /** Points added once per qualifying sale. */
    flatBonus: count(100_000).default(0),
    /** Net spend (fen) a sale needs for the flat bonus. */
    flatBonusMinFen: count(10_000_000_000).default(0),
  })
  .refine((h) => !(isCalendarDay(h.from) && isCalendarDay(h.to)) || h.from <= h.to, { path: ['to'], message: 'a holiday ends on or after the day it starts' });
export type HolidayRule = z.infer<typeof holidayRuleSchema>;

export const chainSettingsSchema = z.object({
  chainName: shownName,
  consent: consentDocumentsSchema,
  tiers: z
    .array(tierSchema)
    .min(1)
    .max(tierCodes.length)
    .superRefine((tiers, ctx) => {
      const seen = new Set<string>();
      tiers.forEach((t, i) => {
        if (seen.has(t.code)) ctx.addIssue({ code: 'custom', path: [i, 'code'], message: 'each tier once' });
        seen.add(t.code);
      });
      // Every member starts at the base tier, from nothing spent.
      const base = tiers.findIndex((t) => t.code === 'base');
      if (base < 0) ctx.addIssue({ code: 'custom', path: [], message: 'the base tier is required' });
      else if (tiers[base].thresholdFen !== 0) ctx.addIssue({ code: 'custom', path: [base, 'thresholdFen'], message: 'the base tier starts at 0' });
    }),
  points: z.object({
    /** 100 points = 1 yuan at checkout. */
    pointsPerYuanDeduction: z.number().int().min(1).max(10_000),
    deductionMinOrderFen: count(10_000_000_000),
    deductionMaxShareBasisPoints: count(10000),
    signInDaily: count(100_000),
    /** New-member welcome points, credited once when a member joins (0: none). Never twice to one phone (rule 15.4). */
    welcomePoints: count(100_000).default(0),
    reviewWithPhoto: count(100_000),
    inviteFriend: count(100_000),
    returnWindowDays: count(365),
    expiryReminderDays: count(365),
    /** Customer-service compensation: most points granted under one case (all grants of the case together). */
    serviceCompensationCap: count(1_000_000),
    /** Customer-service compensation: most points one account grants per business day. */
    serviceDailyCap: count(10_000_000).default(2000),
    /** Product categories that earn no points (e.g. tobacco, infant formula by regulation). */
    excludedCategories: z.array(z.string().min(1).max(40)).max(100).default([]),
    /** Daily sign-in points by day of the streak; the cycle repeats. */
    signInCycle: z.array(count(100_000)).min(1).max(31),
    holidays: z.array(holidayRuleSchema).max(100).default([]),
    /** Most bonus points (holiday multipliers' extra and flat bonuses) a member earns per business day. */
    dailyBonusCap: count(10_000_000),
  }),
  /** Coupons (issue 10). Stored settings from before it read as the defaults. */
  coupons: z
    .object({
      /** The pack every new member receives once, however they joined (null: none); never again to a phone that had it (rule 15.4). */
      newMemberPackId: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/).nullable(),
      /** Customer service's compensation coupons: most face value (fen) granted under one case. */
      compensationCapFen: count(10_000_000),
      /** A whole return gives the sale's coupons back when they are still within their valid days. */
      restoreOnWholeReturn: z.boolean(),
      /** Days before a coupon's last valid day that the member is reminded (message centre). */
      expiryReminderDays: z.number().int().min(1).max(30),
    })
    .default(defaults.coupons),
  lifecycle: z
    .object({ sleepingAfterDays: z.number().int().min(1).max(3650), churnedAfterDays: z.number().int().min(1).max(3650) })
    .refine((l) => l.churnedAfterDays >= l.sleepingAfterDays, { path: ['churnedAfterDays'], message: 'a member churns after sleeping, not before' }),
  lateSaleMaxDays: count(90),
});
export type ChainSettings = z.infer<typeof chainSettingsSchema>;

/** DOMAIN.md's defaults: the data is in settings-defaults.ts (free of zod: the mini-program reads it), typed here. */
export const defaultChainSettings: ChainSettings = defaults;

export function tierByCode(settings: ChainSettings, code: TierCode): Tier {
  return settings.tiers.find((t) => t.code === code) ?? settings.tiers[0];
}
