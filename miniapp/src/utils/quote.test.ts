import { deductionNote, parseYuanToFen, quoteBasketBody } from './quote';

describe('parseYuanToFen', () => {
  it.each([
    ['128', 12800],
    ['128.5', 12850],
    ['128.05', 12805],
    ['0.01', 1],
    ['.5', 50],
    ['12.', 1200],
    [' ¥1,234.56 ', 123456],
    ['1000000', 100_000_000],
  ])('%s yuan → %i fen', (input, fen) => expect(parseYuanToFen(input)).toEqual({ ok: true, fen }));
  it('never drifts like floating point', () => {
    expect(parseYuanToFen('0.29')).toEqual({ ok: true, fen: 29 });
    expect(parseYuanToFen('1.13')).toEqual({ ok: true, fen: 113 });
  });
  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['abc', 'invalid'],
    ['1.234', 'invalid'],
    ['-5', 'invalid'],
    ['.', 'invalid'],
    ['1e3', 'invalid'],
    ['0', 'zero'],
    ['0.00', 'zero'],
    ['1000000.01', 'tooLarge'],
    ['99999999999999999999', 'tooLarge'],
  ])('%j is refused (%s)', (input, error) => expect(parseYuanToFen(input)).toEqual({ ok: false, error }));
});

describe('quoteBasketBody', () => {
  it('is one general line of the whole amount', () => {
    expect(quoteBasketBody('S001', { memberId: '100000001' }, 12850)).toEqual({
      storeId: 'S001',
      member: { memberId: '100000001' },
      lines: [{ lineNo: 1, sku: 'BASKET', category: 'general', qtyMilli: 1000, unitPriceFen: 12850 }],
    });
  });
});

describe('deductionNote', () => {
  const rules = { deductionMinOrderFen: 5000, pointsPerYuanDeduction: 100 };
  it('says what may be deducted', () => {
    expect(deductionNote(10000, { available: 3000, deductiblePoints: 3000, deductibleFen: 3000, reason: '' }, rules)).toEqual({ kind: 'ok', points: 3000, fen: 3000 });
  });
  it('no points when fewer than one deduction unit', () => {
    expect(deductionNote(10000, { available: 99, deductiblePoints: 0, deductibleFen: 0, reason: 'whatever' }, rules)).toEqual({ kind: 'noPoints' });
    expect(deductionNote(10000, { available: 0, deductiblePoints: 0, deductibleFen: 0, reason: '' })).toEqual({ kind: 'noPoints' });
    expect(deductionNote(10000, { available: null, deductiblePoints: 0, deductibleFen: 0, reason: 'code-required' })).toEqual({ kind: 'codeRequired' });
  });
  it('below the minimum order, from the rules', () => {
    expect(deductionNote(4999, { available: 500, deductiblePoints: 0, deductibleFen: 0, reason: '' }, rules)).toEqual({ kind: 'belowMinimum', minFen: 5000 });
  });
  it('reads the server’s reason codes', () => {
    expect(deductionNote(4000, { available: 5000, deductiblePoints: 0, deductibleFen: 0, reason: 'below-minimum' }, rules)).toEqual({ kind: 'belowMinimum', minFen: 5000 });
    expect(deductionNote(4000, { available: 5000, deductiblePoints: 0, deductibleFen: 0, reason: 'below-minimum' })).toEqual({ kind: 'belowMinimum', minFen: null });
    expect(deductionNote(9000, { available: 150, deductiblePoints: 0, deductibleFen: 0, reason: 'no-points' }, rules)).toEqual({ kind: 'noPoints' });
  });
  it('below the minimum order, from a reason worded otherwise when the rules are not known', () => {
    expect(deductionNote(4999, { available: 500, deductiblePoints: 0, deductibleFen: 0, reason: 'BELOW_MINIMUM_ORDER' })).toEqual({ kind: 'belowMinimum', minFen: null });
  });
  it('any other reason is shown as the server gives it', () => {
    expect(deductionNote(9000, { available: 500, deductiblePoints: 0, deductibleFen: 0, reason: 'account frozen' }, rules)).toEqual({ kind: 'other', reason: 'account frozen' });
  });
});
