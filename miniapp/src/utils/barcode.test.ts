import { code128Pattern, patternToBars } from './barcode';

// Code 128 symbol patterns for the values this test needs, written out independently of jsbarcode.
const START_C = '11010011100'; // value 105
const STOP = '1100011101011';

describe('code128Pattern', () => {
  const code = '681234567890123454';
  const pattern = code128Pattern(code);

  it('is start C + 9 digit pairs + checksum + stop: 11·11 + 13 modules', () => {
    expect(pattern).toMatch(/^[01]+$/);
    expect(pattern).toHaveLength(11 * 11 + 13);
    expect(pattern.startsWith(START_C)).toBe(true);
    expect(pattern.endsWith(STOP)).toBe(true);
  });

  it('every symbol has three bars and three spaces totalling 11 modules', () => {
    const body = pattern.slice(0, -13);
    for (let i = 0; i < body.length; i += 11) {
      const symbol = body.slice(i, i + 11);
      expect(symbol[0]).toBe('1');
      expect(symbol[10]).toBe('0');
      expect(patternToBars(symbol)).toHaveLength(3);
    }
  });

  it('encodes the check symbol from the weighted sum of the digit pairs', () => {
    // Checksum = (105 + Σ position·value) mod 103. For the single pair "98": (105 + 98) mod 103 = 100,
    // and symbol 100 has bar/space widths 1-1-4-1-3-1.
    const p = code128Pattern('98');
    expect(p.slice(22, 33)).toBe('10111101110');
  });

  it('rejects odd lengths and non-digits', () => {
    expect(() => code128Pattern('123')).toThrow();
    expect(() => code128Pattern('12a4')).toThrow();
    expect(() => code128Pattern('')).toThrow();
  });
});

describe('patternToBars', () => {
  it('turns runs of ones into bars with offsets in modules', () => {
    expect(patternToBars('110100111')).toEqual([
      { start: 0, width: 2 },
      { start: 3, width: 1 },
      { start: 6, width: 3 },
    ]);
  });
  it('round-trips a full pattern', () => {
    const pattern = code128Pattern('681234567890123454');
    const rebuilt = new Array(pattern.length).fill('0');
    for (const bar of patternToBars(pattern)) for (let i = 0; i < bar.width; i++) rebuilt[bar.start + i] = '1';
    expect(rebuilt.join('')).toBe(pattern);
  });
});
