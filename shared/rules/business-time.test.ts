import fc from 'fast-check';
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import { addBusinessDays, businessDayOf, businessMonthOf, endOfBusinessDayIso, isLotUsable, lotExpiryDay } from './business-time';

// Instants from 2020 to 2040, as UTC ISO strings.
const instant = fc
  .integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2040, 0, 1) })
  .map((ms) => new Date(ms).toISOString());
const day = instant.map(businessDayOf);

describe('business day and month (Asia/Shanghai)', () => {
  it.each([
    ['2026-03-15T02:00:00.000Z', '2026-03-15', '2026-03'],
    ['2026-03-15T15:59:59.999Z', '2026-03-15', '2026-03'],
    ['2026-03-15T16:00:00.000Z', '2026-03-16', '2026-03'],
    ['2026-01-31T16:30:00Z', '2026-02-01', '2026-02'],
    ['2026-12-31T16:00:00Z', '2027-01-01', '2027-01'],
    ['2026-03-15T10:00:00+08:00', '2026-03-15', '2026-03'],
  ])('%s falls on %s in %s', (iso, expectedDay, expectedMonth) => {
    expect(businessDayOf(iso)).toBe(expectedDay);
    expect(businessMonthOf(iso)).toBe(expectedMonth);
  });

  it.each([['2026-03-15T10:00:00'], ['2026-03-15'], ['yesterday'], ['2026-13-01T00:00:00Z']])(
    'rejects %p: an instant needs a zone',
    (iso) => {
      expect(() => businessDayOf(iso)).toThrow(RangeError);
    },
  );
});

describe('addBusinessDays', () => {
  it.each([
    ['2026-02-28', 1, '2026-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-03-15', 0, '2026-03-15'],
    ['2026-03-15', 7, '2026-03-22'],
  ])('%s + %i = %s', (from, n, expected) => {
    expect(addBusinessDays(from, n)).toBe(expected);
  });

  it.each([['2027-02-30'], ['2026-3-5'], ['']])('rejects %p', (bad) => {
    expect(() => addBusinessDays(bad, 1)).toThrow(RangeError);
  });

  it('property: adding n then −n returns the day', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: -1000, max: 1000 }), (d, n) => {
        expect(addBusinessDays(addBusinessDays(d, n), -n)).toBe(d);
      }),
    );
  });
});

describe('day arithmetic agrees with a calendar library', () => {
  dayjs.extend(utc);
  it('property: addBusinessDays and lotExpiryDay match dayjs in UTC', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: -4000, max: 4000 }), instant, (d, n, earnedAt) => {
        expect(addBusinessDays(d, n)).toBe(dayjs.utc(d).add(n, 'day').format('YYYY-MM-DD'));
        expect(lotExpiryDay(earnedAt)).toBe(dayjs.utc(`${businessMonthOf(earnedAt)}-01`).add(1, 'year').endOf('month').format('YYYY-MM-DD'));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('lotExpiryDay: end of the same month one year later, Shanghai', () => {
  it.each([
    ['2026-03-15T10:00:00+08:00', '2027-03-31'],
    ['2026-01-31T16:30:00Z', '2027-02-28'], // already 1 February in Shanghai
    ['2027-02-10T04:00:00Z', '2028-02-29'], // leap year
    ['2026-12-31T15:59:59.999Z', '2027-12-31'],
    ['2026-12-31T16:00:00Z', '2028-01-31'],
  ])('earned %s → usable through %s', (earnedAt, expected) => {
    expect(lotExpiryDay(earnedAt)).toBe(expected);
  });

  it('property: the last day of the month 12 months after the business month of earning', () => {
    fc.assert(
      fc.property(instant, (earnedAt) => {
        const expiry = lotExpiryDay(earnedAt);
        const [y, m] = businessMonthOf(earnedAt).split('-').map(Number);
        expect(expiry.slice(0, 7)).toBe(`${y + 1}-${String(m).padStart(2, '0')}`);
        expect(addBusinessDays(expiry, 1).slice(8)).toBe('01');
      }),
    );
  });
});

describe('isLotUsable: the lot date is its last usable day', () => {
  it.each([
    ['2027-03-31', '2027-03-30', true],
    ['2027-03-31', '2027-03-31', true],
    ['2027-03-31', '2027-04-01', false],
  ])('lot dated %s on %s → %s', (expiry, today, expected) => {
    expect(isLotUsable(expiry, today)).toBe(expected);
  });
});

describe('endOfBusinessDayIso', () => {
  it.each([
    ['2026-03-15', '2026-03-15T15:59:59.999Z'],
    ['2027-01-01', '2027-01-01T15:59:59.999Z'],
  ])('%s ends at %s', (d, expected) => {
    expect(endOfBusinessDayIso(d)).toBe(expected);
  });

  it('property: the last millisecond of the day; the next one is the next day', () => {
    fc.assert(
      fc.property(day, (d) => {
        const end = endOfBusinessDayIso(d);
        expect(businessDayOf(end)).toBe(d);
        expect(businessDayOf(new Date(Date.parse(end) + 1).toISOString())).toBe(addBusinessDays(d, 1));
      }),
    );
  });
});
