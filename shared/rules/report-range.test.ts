import fc from 'fast-check';
import { addBusinessDays } from './business-time';
import { checkDayRange, checkReportDay, dayCount, daysFromTo, isCalendarDay, MAX_REPORT_DAYS } from './report-range';

const today = '2026-12-02';
const kinds = (ps: ReturnType<typeof checkDayRange>) => ps.map((p) => `${p.field}:${p.kind}`);

describe('report ranges', () => {
  it('accepts a range of real days within a quarter, ending today at the latest', () => {
    expect(checkDayRange({ from: '2026-11-01', to: '2026-11-30', today })).toEqual([]);
    expect(checkDayRange({ from: today, to: today, today })).toEqual([]);
    expect(checkDayRange({ from: addBusinessDays(today, -(MAX_REPORT_DAYS - 1)), to: today, today })).toEqual([]);
  });

  it('refuses impossible dates, reversed and overlong ranges, and the future, each naming its field in both languages', () => {
    expect(kinds(checkDayRange({ from: '2026-02-30', to: '2026-03-01', today }))).toEqual(['from:invalid-day']);
    expect(kinds(checkDayRange({ from: '2026-02-01', to: '2026-13-01', today }))).toEqual(['to:invalid-day']);
    expect(kinds(checkDayRange({ from: '2026-03-02', to: '2026-03-01', today }))).toEqual(['from:reversed']);
    expect(kinds(checkDayRange({ from: '2026-01-01', to: '2026-04-03', today }))).toEqual(['to:too-long']);
    expect(kinds(checkDayRange({ from: '2026-12-01', to: '2026-12-03', today }))).toEqual(['to:future']);
    expect(kinds(checkDayRange({ from: '2024-01-01', to: '2024-01-02', today, earliest: '2025-01-01' }))).toEqual(['from:too-old']);
    const [p] = checkDayRange({ from: '2026-02-30', to: '2026-03-01', today });
    expect(p.message.zh).toContain('2026-02-30');
    expect(p.message.en).toContain('not a calendar day');
    expect(kinds(checkReportDay('2026-02-29', today))).toEqual(['day:invalid-day']);
    expect(kinds(checkReportDay('2028-02-29', today))).toEqual(['day:future']);
    expect(checkReportDay('2024-02-29', today)).toEqual([]);
  });

  const day = fc.integer({ min: 0, max: 3000 }).map((n) => addBusinessDays('2020-01-01', n));
  it('a range is accepted exactly when from ≤ to ≤ today and it spans at most 92 days', () => {
    fc.assert(
      fc.property(day, day, day, (from, to, now) => {
        const ok = checkDayRange({ from, to, today: now }).length === 0;
        expect(ok).toBe(from <= to && to <= now && dayCount(from, to) <= MAX_REPORT_DAYS);
      }),
    );
  });

  it('daysFromTo lists dayCount consecutive calendar days', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 120 }), (from, n) => {
        const to = addBusinessDays(from, n);
        const days = daysFromTo(from, to);
        expect(days.length).toBe(dayCount(from, to));
        expect(days[0]).toBe(from);
        expect(days[days.length - 1]).toBe(to);
        days.slice(1).forEach((d, i) => expect(addBusinessDays(days[i], 1)).toBe(d));
        expect(days.every(isCalendarDay)).toBe(true);
      }),
    );
  });
});
