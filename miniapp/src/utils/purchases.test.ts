import { pages } from './links';
import { formatQty, purchaseAmount, purchaseKey, receiptPath, receiptRefOf, returnedQty } from './purchases';

describe('receipt links', () => {
  it('builds the receipt page path and reads it back', () => {
    const path = receiptPath({ storeId: 'S001', receiptNo: 'E2E-0001' });
    expect(path).toBe(`${pages.receipt}?storeId=S001&receiptNo=E2E-0001`);
    expect(receiptRefOf({ storeId: 'S001', receiptNo: 'E2E-0001' })).toEqual({ storeId: 'S001', receiptNo: 'E2E-0001' });
  });
  it('refuses a broken link before any request', () => {
    expect(receiptRefOf({})).toBeUndefined();
    expect(receiptRefOf({ storeId: 'S001' })).toBeUndefined();
    expect(receiptRefOf({ storeId: 's001', receiptNo: 'R1' })).toBeUndefined();
    expect(receiptRefOf({ storeId: 'S001', receiptNo: 'R 1' })).toBeUndefined();
    expect(receiptRefOf({ storeId: 'S001', receiptNo: '../x' })).toBeUndefined();
    expect(receiptRefOf({ storeId: 'S001', receiptNo: 'x'.repeat(81) })).toBeUndefined();
  });
});

describe('formatQty', () => {
  it.each([
    [1000, '1'],
    [3000, '3'],
    [1250, '1.25'],
    [500, '0.5'],
    [1, '0.001'],
  ])('%i milli → %s', (milli, text) => expect(formatQty(milli)).toBe(text));
  it('never shows NaN', () => expect(formatQty(Number.NaN)).toBe('—'));
});

describe('purchaseAmount', () => {
  it('shows yuan from integer fen, exactly', () => {
    expect(purchaseAmount({ kind: 'sale', amountFen: 8880 })).toBe('¥88.80');
    expect(purchaseAmount({ kind: 'sale', amountFen: 123456789 })).toBe('¥1,234,567.89');
    // 0.1 + 0.2 style float errors can't happen: fen stay integers to the last digit.
    expect(purchaseAmount({ kind: 'sale', amountFen: 30 })).toBe('¥0.30');
  });
  it('shows a return as money going back', () => {
    expect(purchaseAmount({ kind: 'return', amountFen: 1200 })).toBe('-¥12.00');
    expect(purchaseAmount({ kind: 'return', amountFen: 0 })).toBe('¥0.00');
  });
});

describe('purchaseKey and returnedQty', () => {
  it('tells a return from the sale it returned', () => {
    expect(purchaseKey({ kind: 'sale', storeId: 'S001', ref: 'R1' })).not.toBe(purchaseKey({ kind: 'return', storeId: 'S001', ref: 'R1' }));
  });
  it('shows what was returned of a line, never more than the line', () => {
    expect(returnedQty({ qtyMilli: 2000, returnedMilli: 0 })).toBeNull();
    expect(returnedQty({ qtyMilli: 2000, returnedMilli: 1000 })).toBe('1');
    expect(returnedQty({ qtyMilli: 2000, returnedMilli: 5000 })).toBe('2');
  });
});
