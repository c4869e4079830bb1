/**
 * DOMAIN.md's default chain settings, as plain data: free of zod, so the mini-program can read them without the
 * schemas. shared/settings.ts types them (`defaultChainSettings: ChainSettings`) and its test parses them.
 */
export const defaultChainSettings = {
  chainName: { zh: '鲜邻超市', en: 'FreshNeighbour Markets' },
  consent: { privacyPolicyVersion: '2026-11-01', termsVersion: '2026-11-01' },
  tiers: [
    { code: 'base' as const, name: { zh: '注册会员', en: 'Member' }, thresholdFen: 0, discountBasisPoints: 10000, pointsPerYuan: 1, birthdayDoublePoints: false, needsApproval: false },
    { code: 'silver' as const, name: { zh: '银卡会员', en: 'Silver' }, thresholdFen: 100_000, discountBasisPoints: 9500, pointsPerYuan: 2, birthdayDoublePoints: false, needsApproval: false },
    { code: 'gold' as const, name: { zh: '金卡会员', en: 'Gold' }, thresholdFen: 500_000, discountBasisPoints: 9000, pointsPerYuan: 3, birthdayDoublePoints: true, needsApproval: false },
    { code: 'diamond' as const, name: { zh: '钻石会员', en: 'Diamond' }, thresholdFen: 5_000_000, discountBasisPoints: 9000, pointsPerYuan: 3, birthdayDoublePoints: true, needsApproval: true },
  ],
  points: {
    pointsPerYuanDeduction: 100,
    deductionMinOrderFen: 5_000,
    deductionMaxShareBasisPoints: 5000,
    signInDaily: 5,
    welcomePoints: 0,
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
  coupons: { newMemberPackId: null as string | null, compensationCapFen: 5000, restoreOnWholeReturn: true, expiryReminderDays: 3 },
  lifecycle: { sleepingAfterDays: 90, churnedAfterDays: 180 },
  lateSaleMaxDays: 7,
};
