import { createCouponTemplateRequest } from '../../../../shared/features/coupons/schemas';
import { parseScaled } from '../../forms/exact-number';
import { actionsFor, benefitSummary, budgetUse, CUSTOM_GROUP, initialFormValues, offBasisPointsOf, requestOf, templateFieldOf, validitySummary, yuanOf, zheOf, type TemplateFormValues } from './model';

const form = (over: Partial<TemplateFormValues>): TemplateFormValues => ({
  ...initialFormValues,
  templateId: 'CASH-200-30',
  nameZh: '满200减30',
  nameEn: '',
  kind: 'cash-off',
  thresholdYuan: '200',
  offYuan: '30',
  stock: '1000',
  perMember: '2',
  ...over,
});

describe('the template form sends exactly what was typed', () => {
  it('满200减30: yuan become fen by string arithmetic; the defaults fill the rest; the API accepts it', () => {
    const body = requestOf(form({ budgetYuan: '3000.5', minOrderYuan: '0.1' }));
    expect(body).toMatchObject({
      templateId: 'CASH-200-30',
      name: { zh: '满200减30', en: '满200减30' },
      description: null,
      benefit: { kind: 'cash-off', thresholdFen: 20_000, offFen: 3_000 },
      validity: { type: 'after-receipt', days: 30 },
      limits: { stock: 1000, perMember: 2, budgetFen: 300_050, minOrderFen: 10 },
      stacking: { group: 'cash-off', excludes: [] },
      claimChannel: 'centre',
      status: 'active',
    });
    expect(body).not.toHaveProperty('shards');
    expect(createCouponTemplateRequest.safeParse(body).success).toBe(true);
  });

  it('an empty budget is no budget; an empty minimum is 0; shards only when typed', () => {
    const body = requestOf(form({ budgetYuan: '  ', minOrderYuan: '', shards: '4' }));
    expect(body.limits).toMatchObject({ budgetFen: null, minOrderFen: 0 });
    expect(body.shards).toBe(4);
  });

  it('amounts that are not exact are never sent (1.234 yuan, 1,000, full-width digits)', () => {
    expect(() => requestOf(form({ offYuan: '1.234' }))).toThrow();
    expect(() => requestOf(form({ stock: '1,000' }))).toThrow();
    expect(() => requestOf(form({ thresholdYuan: '２００' }))).toThrow();
    expect(() => requestOf(form({ perMember: '1.5' }))).toThrow();
  });

  it.each([
    ['8', 'zhe', 2000],
    ['8.5', 'zhe', 1500],
    ['8.75', 'zhe', 1250],
    ['9.999', 'zhe', 1],
    ['0.001', 'zhe', 9999],
    ['20', 'percentOff', 2000],
    ['12.5', 'percentOff', 1250],
    ['0.01', 'percentOff', 1],
  ] as const)('%s (%s) is %d basis points off', (text, mode, bp) => expect(offBasisPointsOf(text, mode)).toEqual({ ok: true, value: bp }));

  it.each([
    ['10', 'zhe'],
    ['0', 'zhe'],
    ['8.1234', 'zhe'],
    ['-8', 'zhe'],
    ['8折', 'zhe'],
    ['100', 'percentOff'],
    ['0', 'percentOff'],
    ['12.345', 'percentOff'],
  ] as const)('%s (%s) is refused, never reinterpreted', (text, mode) => expect(offBasisPointsOf(text, mode).ok).toBe(false));

  it('8.5折 最高减¥20 with a ¥100 threshold, typed either way, is the same request', () => {
    const asZhe = requestOf(form({ kind: 'percent-off', discountMode: 'zhe', discount: '8.5', capYuan: '20', thresholdYuan: '100', offYuan: undefined }));
    const asPercent = requestOf(form({ kind: 'percent-off', discountMode: 'percentOff', discount: '15', capYuan: '20', thresholdYuan: '100', offYuan: undefined }));
    expect(asZhe.benefit).toEqual({ kind: 'percent-off', offBasisPoints: 1500, capFen: 2000, thresholdFen: 10_000 });
    expect(asPercent.benefit).toEqual(asZhe.benefit);
    // No threshold typed: 0.
    expect(requestOf(form({ kind: 'percent-off', discount: '8', capYuan: '20', thresholdYuan: '' })).benefit).toMatchObject({ thresholdFen: 0 });
  });

  it('the other kinds: no threshold, second half price (SKUs trimmed, deduplicated), gift', () => {
    expect(requestOf(form({ kind: 'no-threshold', offYuan: '10' })).benefit).toEqual({ kind: 'no-threshold', offFen: 1000 });
    expect(requestOf(form({ kind: 'second-half-price', halfSkus: [' SKU-1', 'SKU-1', 'SKU-2 '] })).benefit).toEqual({ kind: 'second-half-price', skus: ['SKU-1', 'SKU-2'] });
    expect(requestOf(form({ kind: 'gift', giftSku: ' GIFT-9 ' })).benefit).toEqual({ kind: 'gift', giftSku: 'GIFT-9' });
  });

  it('validity: fixed Shanghai days as picked, or N days from receipt', () => {
    expect(requestOf(form({ validityType: 'fixed', validRange: { from: '2026-12-01', to: '2026-12-31' } })).validity).toEqual({ type: 'fixed', from: '2026-12-01', to: '2026-12-31' });
    expect(requestOf(form({ validityType: 'after-receipt', validDays: '7' })).validity).toEqual({ type: 'after-receipt', days: 7 });
    expect(() => requestOf(form({ validityType: 'fixed', validRange: null }))).toThrow();
    expect(() => requestOf(form({ validityType: 'after-receipt', validDays: '7.5' }))).toThrow();
  });

  it('scope lists and stacking: trimmed, empties dropped; a custom group is sent as typed', () => {
    const body = requestOf(form({ storeIds: ['S001', 'S002'], regions: ['shanghai'], categories: [' dairy '], scopeSkus: [], excludeCategories: ['formula'], excludeSkus: ['X', ' '], stackingGroup: CUSTOM_GROUP, customGroup: 'double-eleven', excludes: ['percent-off'] }));
    expect(body.scope).toEqual({ storeIds: ['S001', 'S002'], regions: ['shanghai'], categories: ['dairy'], skus: [], excludeCategories: ['formula'], excludeSkus: ['X'] });
    expect(body.stacking).toEqual({ group: 'double-eleven', excludes: ['percent-off'] });
  });
});

describe('server refusals land on the field that caused them', () => {
  it.each([
    [['body', 'limits', 'budgetFen'], ['budgetYuan']],
    [['body', 'limits', 'perMember'], ['perMember']],
    [['body', 'benefit', 'offFen'], ['offYuan']],
    [['body', 'benefit', 'offBasisPoints'], ['discount']],
    [['body', 'benefit', 'skus', '0'], ['halfSkus']],
    [['body', 'validity', 'to'], ['validRange']],
    [['body', 'validity', 'days'], ['validDays']],
    [['body', 'scope', 'skus', '3'], ['scopeSkus']],
    [['body', 'stacking', 'excludes'], ['excludes']],
    [['body', 'name', 'en'], ['nameEn']],
    [['body', 'templateId'], ['templateId']],
    [['body', 'shards'], ['shards']],
    [['query', 'x'], null],
  ])('%j → %j', (path, field) => expect(templateFieldOf(path as string[])).toEqual(field));
  it('the stacking group lands on the custom field when one is typed', () => {
    expect(templateFieldOf(['body', 'stacking', 'group'], { stackingGroup: CUSTOM_GROUP })).toEqual(['customGroup']);
    expect(templateFieldOf(['body', 'stacking', 'group'], { stackingGroup: 'cash-off' })).toEqual(['stackingGroup']);
  });
});

describe('reading a template back', () => {
  it('summarises each kind as shoppers and staff say it', () => {
    expect(benefitSummary({ kind: 'cash-off', thresholdFen: 20_000, offFen: 3_000 }, 'zh')).toBe('满200减30');
    expect(benefitSummary({ kind: 'cash-off', thresholdFen: 20_000, offFen: 3_000 }, 'en')).toBe('¥30 off ¥200');
    expect(benefitSummary({ kind: 'percent-off', offBasisPoints: 2000, capFen: 2000, thresholdFen: 0 }, 'zh')).toBe('8折 最高减¥20');
    expect(benefitSummary({ kind: 'percent-off', offBasisPoints: 1500, capFen: 2050, thresholdFen: 0 }, 'en')).toBe('15% off, up to ¥20.5');
    expect(benefitSummary({ kind: 'no-threshold', offFen: 1000 }, 'zh')).toBe('无门槛¥10');
    expect(benefitSummary({ kind: 'second-half-price', skus: ['A'] }, 'zh')).toMatch(/^第二件半价/);
    expect(benefitSummary({ kind: 'gift', giftSku: 'SKU-9' }, 'zh')).toBe('兑换 SKU-9');
    expect(validitySummary({ type: 'after-receipt', days: 7 }, 'zh')).toBe('领取后 7 天');
    expect(validitySummary({ type: 'fixed', from: '2026-12-01', to: '2026-12-31' }, 'en')).toBe('2026-12-01 to 2026-12-31');
  });
  it('折 and yuan read back without floating-point noise', () => {
    expect(zheOf(1250)).toBe('8.75');
    expect(zheOf(1)).toBe('9.999');
    expect(yuanOf(5)).toBe('0.05');
    expect(yuanOf(1_000_000_10)).toBe('1000000.1');
    // Round trip: every 折 with up to three decimals comes back as typed.
    for (let pay = 1; pay < 10_000; pay += 37) {
      const text = zheOf(10_000 - pay);
      expect(parseScaled(text, 3)).toEqual({ ok: true, value: pay });
    }
  });
  it('status actions by status; ending is final', () => {
    expect(actionsFor('draft')).toEqual(['activate', 'end']);
    expect(actionsFor('active')).toEqual(['pause', 'end']);
    expect(actionsFor('paused')).toEqual(['resume', 'end']);
    expect(actionsFor('ended')).toEqual([]);
  });
  it('budget used is settled plus reserved, of the budget', () => {
    const stats = { stock: 10, remaining: 5, issued: 5, redeemed: 1, released: 0, budgetFen: 10_000, budgetRemainingFen: 7_000, reservedFen: 2_000, settledFen: 1_000 };
    expect(budgetUse(stats)).toEqual({ usedFen: 3_000, percent: 30 });
    expect(budgetUse({ ...stats, budgetFen: null, budgetRemainingFen: null })).toBeNull();
  });
});
