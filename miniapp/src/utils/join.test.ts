import { defaultChainSettings } from '@shared/settings-defaults';
import { newMemberBenefits } from './join';

const rules = (over: Partial<{ tiers: unknown[]; deduction: number; cycle: number[] }> = {}) => ({
  tiers: (over.tiers as never) ?? [
    { code: 'silver', name: { zh: '银卡会员', en: 'Silver' }, thresholdFen: 100_000, discountBasisPoints: 9500, pointsPerYuan: 2 },
    { code: 'base', name: { zh: '注册会员', en: 'Member' }, thresholdFen: 0, discountBasisPoints: 10000, pointsPerYuan: 1 },
  ],
  points: { pointsPerYuanDeduction: over.deduction ?? 100, signInCycle: over.cycle ?? [5, 5, 5, 5, 5, 5, 20] },
});

describe('newMemberBenefits', () => {
  it('names the entry tier (whatever order the rules list it in), paying with points and the best sign-in day', () => {
    expect(newMemberBenefits(rules())).toEqual([
      { kind: 'tier', tier: { zh: '注册会员', en: 'Member' }, pointsPerYuan: 1, discountBasisPoints: 10000 },
      { kind: 'deduction', points: 100 },
      { kind: 'signIn', maxPoints: 20 },
    ]);
  });
  it('leaves out what the chain has switched off', () => {
    expect(newMemberBenefits(rules({ deduction: 0, cycle: [] })).map((b) => b.kind)).toEqual(['tier']);
    expect(newMemberBenefits(rules({ tiers: [], cycle: [0] }))).toEqual([{ kind: 'deduction', points: 100 }]);
  });
  it('puts the welcome points first when the chain gives them', () => {
    const withWelcome = { ...rules(), points: { ...rules().points, welcomePoints: 100 } };
    expect(newMemberBenefits(withWelcome)[0]).toEqual({ kind: 'welcome', points: 100 });
    expect(newMemberBenefits({ ...rules(), points: { ...rules().points, welcomePoints: 0 } }).map((b) => b.kind)).not.toContain('welcome');
  });
  it('reads the default settings', () => {
    expect(newMemberBenefits({ tiers: defaultChainSettings.tiers, points: defaultChainSettings.points }).map((b) => b.kind)).toEqual(['tier', 'deduction', 'signIn']);
  });
});
