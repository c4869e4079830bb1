import { addDays, daysInRange, enumerateDays, lastDays, rangeProblem, shanghaiTime, shanghaiToday } from './days';

describe('business days (Asia/Shanghai)', () => {
  it('today is Shanghai’s day whatever the browser’s zone', () => {
    expect(shanghaiToday(new Date('2026-11-30T15:59:59Z'))).toBe('2026-11-30');
    expect(shanghaiToday(new Date('2026-11-30T16:00:00Z'))).toBe('2026-12-01');
  });
  it('counts and lists days, both ends included', () => {
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysInRange({ from: '2026-11-01', to: '2026-11-30' })).toBe(30);
    expect(lastDays(30, '2026-11-30')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(enumerateDays({ from: '2026-12-30', to: '2027-01-02' })).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']);
  });
  it('refuses ranges a report would refuse', () => {
    expect(rangeProblem({ from: '2026-01-01', to: '2026-04-02' })).toBeNull(); // 92 days
    expect(rangeProblem({ from: '2026-01-01', to: '2026-04-03' })).toBe('tooLong');
    expect(rangeProblem({ from: '2026-02-02', to: '2026-02-01' })).toBe('reversed');
    expect(rangeProblem({ from: '2026-02-30', to: '2026-03-01' })).toBe('invalid');
  });
  it('shows instants as Shanghai wall time', () => {
    expect(shanghaiTime('2026-11-30T16:05:00.000Z')).toBe('2026-12-01 00:05:00');
  });
});
