import { cleanMemberCodeInput, formatPoints, formatYuan, groupDigits } from './format';

describe('groupDigits', () => {
  it('groups 18 digits in fours', () => {
    expect(groupDigits('681234567890123454')).toBe('6812 3456 7890 1234 54');
  });
  it('ignores existing spaces', () => {
    expect(groupDigits('6812 3456 78')).toBe('6812 3456 78');
  });
  it('handles empty input', () => {
    expect(groupDigits('')).toBe('');
  });
});

describe('formatYuan', () => {
  it.each([
    [0, '0.00'],
    [5, '0.05'],
    [1999, '19.99'],
    [123456789, '1,234,567.89'],
    [-250, '-2.50'],
  ])('%i fen → %s', (fen, text) => expect(formatYuan(fen)).toBe(text));
  it('does not drift like floating point (0.1 + 0.2)', () => {
    expect(formatYuan(10 + 20)).toBe('0.30');
  });
  it('shows a dash for nonsense', () => {
    expect(formatYuan(Number.NaN)).toBe('—');
  });
});

describe('formatPoints', () => {
  it('adds separators', () => {
    expect(formatPoints(1234567)).toBe('1,234,567');
    expect(formatPoints(12)).toBe('12');
  });
});

describe('cleanMemberCodeInput', () => {
  it('drops spaces and dashes', () => {
    expect(cleanMemberCodeInput(' 6812 3456-7890 1234 54 ')).toBe('681234567890123454');
  });
});
