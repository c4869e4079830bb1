import fc from 'fast-check';
import { formatFen, parseWhole, parseYuanToFen } from './exact-number';

describe('whole numbers are taken exactly as typed, or refused', () => {
  it.each([
    ['15', 15],
    [' 15 ', 15],
    ['-20', -20],
    ['+7', 7],
    ['0', 0],
  ])('%j → %d', (text, value) => expect(parseWhole(text, { signed: true })).toEqual({ ok: true, value }));

  it.each([
    ['1.5', 'notWhole'],
    ['1.', 'notWhole'],
    ['.5', 'notWhole'],
    ['1,000', 'notNumber'],
    ['１２', 'notNumber'],
    ['1e3', 'notNumber'],
    ['0x10', 'notNumber'],
    ['12abc', 'notNumber'],
    ['', 'empty'],
    ['99999999999999999999', 'tooLarge'],
  ])('%j is refused (%s), never reinterpreted', (text, problem) => expect(parseWhole(text, { signed: true })).toEqual({ ok: false, problem }));

  it('honours sign, zero and bounds', () => {
    expect(parseWhole('-1')).toEqual({ ok: false, problem: 'negative' });
    expect(parseWhole('0', { allowZero: false })).toEqual({ ok: false, problem: 'zero' });
    expect(parseWhole('501', { max: 500 })).toEqual({ ok: false, problem: 'tooLarge' });
    expect(parseWhole('4', { min: 5 })).toEqual({ ok: false, problem: 'tooSmall' });
  });

  it('any safe integer typed in decimal comes back as itself', () => {
    fc.assert(fc.property(fc.maxSafeInteger().filter((n) => Number.isSafeInteger(n)), (n) => {
      expect(parseWhole(String(n), { signed: true })).toEqual({ ok: true, value: n });
    }));
  });
  it('text with a decimal point is never accepted as a whole number', () => {
    fc.assert(fc.property(fc.nat(), fc.nat(), (a, b) => {
      expect(parseWhole(`${a}.${b}`).ok).toBe(false);
    }));
  });
});

describe('yuan become fen by string arithmetic', () => {
  it.each([
    ['12.34', 1234],
    ['12.3', 1230],
    ['12', 1200],
    ['0.05', 5],
    ['.5', 50],
    ['0.1', 10],
  ])('%j → %d fen', (text, fen) => expect(parseYuanToFen(text)).toEqual({ ok: true, value: fen }));
  it.each([
    ['12.345', 'tooManyDecimals'],
    ['1,2', 'notNumber'],
    ['¥12', 'notNumber'],
    ['.', 'notNumber'],
  ])('%j is refused (%s)', (text, problem) => expect(parseYuanToFen(text)).toEqual({ ok: false, problem }));
  it('formatting and parsing agree for any amount', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 10 ** 12 }), (fen) => {
      expect(parseYuanToFen(formatFen(fen).replace(/,/g, ''))).toEqual({ ok: true, value: fen });
    }));
  });
});
