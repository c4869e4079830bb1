import { formatDay, formatShortDay, shanghaiDateTime, shanghaiDay } from './time';

describe('Shanghai time', () => {
  it('shows an instant in Shanghai time, whatever the host zone', () => {
    expect(shanghaiDateTime('2026-11-23T06:05:00Z')).toBe('2026-11-23 14:05');
    expect(shanghaiDateTime('2026-11-23T06:05:59.999+00:00')).toBe('2026-11-23 14:05');
  });
  it('rolls over to the next Shanghai day after 16:00 UTC', () => {
    expect(shanghaiDay('2026-12-31T15:59:59Z')).toBe('2026-12-31');
    expect(shanghaiDay('2026-12-31T16:00:00Z')).toBe('2027-01-01');
    expect(shanghaiDateTime('2026-12-31T16:00:00Z')).toBe('2027-01-01 00:00');
  });
  it('reads offsets other than Z', () => {
    expect(shanghaiDateTime('2026-11-23T14:05:00+08:00')).toBe('2026-11-23 14:05');
    expect(shanghaiDateTime('2026-11-23T01:05:00-05:00')).toBe('2026-11-23 14:05');
  });
  it('gives nothing for nonsense', () => {
    expect(shanghaiDateTime('not a date')).toBe('');
    expect(shanghaiDay('')).toBe('');
  });
});

describe('formatDay', () => {
  it.each([
    ['2027-11-30', 'zh', '2027年11月30日'],
    ['2027-01-01', 'zh', '2027年1月1日'],
    ['2027-11-30', 'en', '30 Nov 2027'],
    ['2027-01-05', 'en', '5 Jan 2027'],
  ] as const)('%s (%s) → %s', (day, lang, text) => expect(formatDay(day, lang)).toBe(text));
  it('leaves what is not a day alone', () => {
    expect(formatDay('soon', 'zh')).toBe('soon');
    expect(formatDay('2027-13-01', 'en')).toBe('2027-13-01');
  });
  it('short form drops the year', () => {
    expect(formatShortDay('2027-11-30', 'zh')).toBe('11月30日');
    expect(formatShortDay('2027-11-30', 'en')).toBe('30 Nov');
  });
});
