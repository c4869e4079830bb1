import { chainSettingsSchema, defaultChainSettings, tierByCode } from './settings';

describe('default settings (DOMAIN.md)', () => {
  it('are valid settings', () => {
    expect(() => chainSettingsSchema.parse(defaultChainSettings)).not.toThrow();
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
