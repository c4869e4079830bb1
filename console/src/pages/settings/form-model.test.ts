import fc from 'fast-check';
import { defaultChainSettings } from '../../../../shared/settings-defaults';
import type { ChainSettings } from '../../../../shared/settings';
import { fenToYuanText, formFieldOf, fromForm, isCalendarDay, tabOf, toForm } from './form-model';

const defaults = defaultChainSettings as ChainSettings;

describe('the settings form model', () => {
  it('reads back exactly what it was given', () => {
    expect(fromForm(toForm(defaults), defaults)).toEqual(defaults);
  });

  it('property: any thresholds and rates survive the round trip (money through yuan text, never a float)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(1_000_000_000_000), { minLength: 3, maxLength: 3 }), fc.nat(10_000_000_000), fc.integer({ min: 1, max: 10_000 }), (thresholds, minOrder, bp) => {
        const s: ChainSettings = JSON.parse(JSON.stringify(defaults));
        s.tiers.slice(1).forEach((t, i) => (t.thresholdFen = thresholds[i]));
        s.points.deductionMinOrderFen = minOrder;
        s.tiers[1].discountBasisPoints = bp;
        expect(fromForm(toForm(s), s)).toEqual(s);
      }),
    );
  });

  it('takes the typed text as typed: 1000.5 yuan is 100050 fen; 0.1 + 0.2 never happens', () => {
    const form = toForm(defaults);
    form.tiers[1].thresholdYuan = '1000.5';
    form.points.deductionMinOrderYuan = '0.3';
    const s = fromForm(form, defaults);
    expect(s.tiers[1].thresholdFen).toBe(100_050);
    expect(s.points.deductionMinOrderFen).toBe(30);
  });

  it('refuses text that is not exactly a number rather than guess', () => {
    const form = toForm(defaults);
    form.tiers[1].discountBasisPoints = '9.5';
    expect(() => fromForm(form, defaults)).toThrow();
  });

  it('keeps fields the console does not know', () => {
    const read = { ...defaults, futureField: 1 } as ChainSettings;
    expect(fromForm(toForm(read), read)).toEqual(read);
  });

  it.each([
    [100_000, '1000'],
    [1230, '12.30'],
    [5, '0.05'],
    [0, '0'],
  ])('fen %i shows as %s yuan', (fen, text) => expect(fenToYuanText(fen)).toBe(text));

  it.each([
    [['body', 'settings', 'tiers', '1', 'thresholdFen'], ['tiers', 1, 'thresholdYuan']],
    [['body', 'settings', 'tiers', '2', 'name', 'en'], ['tiers', 2, 'nameEn']],
    [['body', 'settings', 'points', 'holidays', '0', 'to'], ['points', 'holidays', 0, 'to']],
    [['body', 'settings', 'points', 'holidays', '0', 'flatBonusMinFen'], ['points', 'holidays', 0, 'flatBonusMinYuan']],
    [['body', 'settings', 'points', 'signInCycle', '3'], ['points', 'signInCycle', 3]],
    [['body', 'settings', 'points', 'deductionMinOrderFen'], ['points', 'deductionMinOrderYuan']],
    [['body', 'settings', 'consent', 'termsVersion'], ['termsVersion']],
    [['body', 'settings', 'chainName', 'zh'], ['chainNameZh']],
    [['body', 'settings', 'lifecycle', 'churnedAfterDays'], ['lifecycle', 'churnedAfterDays']],
    [['body', 'version'], null],
    [['body', 'settings', 'tiers'], null],
  ])('API path %j → form field %j', (path, field) => expect(formFieldOf(path)).toEqual(field));

  it('knows which tab a field is on', () => {
    expect(tabOf(['tiers', 1, 'discountBasisPoints'])).toBe('tiers');
    expect(tabOf(['points', 'holidays', 0, 'to'])).toBe('holidays');
    expect(tabOf(['points', 'signInCycle', 2])).toBe('signIn');
    expect(tabOf(['points', 'deductionMinOrderYuan'])).toBe('deduction');
    expect(tabOf(['termsVersion'])).toBe('consent');
    expect(tabOf(['points', 'dailyBonusCap'])).toBe('earning');
  });

  it('calendar days', () => {
    expect(isCalendarDay('2027-02-28')).toBe(true);
    expect(isCalendarDay('2027-02-30')).toBe(false);
    expect(isCalendarDay('2027-2-3')).toBe(false);
  });
});

describe('the coupons section', () => {
  it('the per-case cap is typed in yuan and sent in fen; no pack is null; a failed field lands on its tab', () => {
    const form = toForm(defaults);
    expect(form.coupons).toEqual({ newMemberPackId: undefined, compensationCapYuan: '50', restoreOnWholeReturn: true, expiryReminderDays: '3' });
    form.coupons = { newMemberPackId: ' NEW-MEMBER ', compensationCapYuan: '80.5', restoreOnWholeReturn: false, expiryReminderDays: '5' };
    expect(fromForm(form, defaults).coupons).toEqual({ newMemberPackId: 'NEW-MEMBER', compensationCapFen: 8050, restoreOnWholeReturn: false, expiryReminderDays: 5 });
    form.coupons.newMemberPackId = '';
    expect(fromForm(form, defaults).coupons.newMemberPackId).toBeNull();
    form.coupons.compensationCapYuan = '1.234';
    expect(() => fromForm(form, defaults)).toThrow();
    expect(formFieldOf(['body', 'settings', 'coupons', 'compensationCapFen'])).toEqual(['coupons', 'compensationCapYuan']);
    expect(tabOf(['coupons', 'expiryReminderDays'])).toBe('coupons');
  });
});
