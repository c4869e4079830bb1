import { consentSchema } from './features/members/schemas';
import { chainSettingsSchema, defaultChainSettings, tierByCode } from './settings';

describe('default settings (DOMAIN.md)', () => {
  it('are valid settings', () => {
    expect(() => chainSettingsSchema.parse(defaultChainSettings)).not.toThrow();
    // …with nothing the schema does not know (parsing would drop it).
    expect(chainSettingsSchema.parse(defaultChainSettings)).toEqual(defaultChainSettings);
  });

  it.each([
    ['base', 0, 10000, 1, false, false],
    ['silver', 100_000, 9500, 2, false, false],
    ['gold', 500_000, 9000, 3, true, false],
    ['diamond', 5_000_000, 9000, 3, true, true],
  ] as const)('%s: threshold %i fen, pays %i/10000, %i points per yuan, birthday double %s, approval %s', (code, threshold, discount, rate, birthday, approval) => {
    expect(tierByCode(defaultChainSettings, code)).toMatchObject({
      thresholdFen: threshold,
      discountBasisPoints: discount,
      pointsPerYuan: rate,
      birthdayDoublePoints: birthday,
      needsApproval: approval,
    });
  });

  it('deduction: 100 points = 1 yuan, orders of 50 yuan or more, at most 50%', () => {
    expect(defaultChainSettings.points).toMatchObject({ pointsPerYuanDeduction: 100, deductionMinOrderFen: 5000, deductionMaxShareBasisPoints: 5000 });
  });
});

describe('settings carry the invariants of what reads them', () => {
  const issues = (over: object) => (chainSettingsSchema.safeParse({ ...defaultChainSettings, ...over }).error?.issues ?? []).map((i) => i.path.join('.'));
  const d = defaultChainSettings;

  it('a consent version is one joining accepts (a longer one locked every shopper out)', () => {
    const v = 'v'.repeat(41);
    expect(consentSchema.safeParse({ accepted: true, privacyPolicyVersion: v, termsVersion: '1' }).success).toBe(false);
    expect(issues({ consent: { privacyPolicyVersion: v, termsVersion: '1' } })).toEqual(['consent.privacyPolicyVersion']);
    expect(issues({ consent: { privacyPolicyVersion: 'v'.repeat(40), termsVersion: '1' } })).toEqual([]);
  });

  it('holidays are real days, in order', () => {
    const h = d.points.holidays[0];
    expect(issues({ points: { ...d.points, holidays: [{ ...h, from: '2027-02-30' }] } })).toEqual(['points.holidays.0.from']);
    expect(issues({ points: { ...d.points, holidays: [{ ...h, from: '2027-13-45' }] } })).toEqual(['points.holidays.0.from']);
    expect(issues({ points: { ...d.points, holidays: [{ ...h, from: '2027-03-01', to: '2027-02-01' }] } })).toEqual(['points.holidays.0.to']);
  });

  it('each tier once, the base tier from 0', () => {
    expect(issues({ tiers: [d.tiers[0], d.tiers[1], d.tiers[1], d.tiers[2]] })).toEqual(['tiers.2.code']);
    expect(issues({ tiers: [...d.tiers, d.tiers[1]] })).toEqual(['tiers']);
    expect(issues({ tiers: d.tiers.slice(1) })).toEqual(['tiers']);
    expect(issues({ tiers: [{ ...d.tiers[0], thresholdFen: 1 }, ...d.tiers.slice(1)] })).toEqual(['tiers.0.thresholdFen']);
  });

  it('numbers stay where the rules keep them exact: a return window of a million days is refused', () => {
    expect(issues({ points: { ...d.points, returnWindowDays: 1_000_000 } })).toEqual(['points.returnWindowDays']);
    expect(issues({ tiers: [d.tiers[0], { ...d.tiers[1], pointsPerYuan: 1e15 }] })).toEqual(['tiers.1.pointsPerYuan']);
    expect(issues({ lifecycle: { sleepingAfterDays: 90, churnedAfterDays: 30 } })).toEqual(['lifecycle.churnedAfterDays']);
  });
});
