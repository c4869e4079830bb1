import fc from 'fast-check';
import { addBusinessDays } from './business-time';
import { joinDropAlert, joinDropAlerts, trailingWeekdays } from './join-alerts';

describe('the join-drop alert', () => {
  it('compares a day with the same weekday of the 4 weeks before', () => {
    expect(trailingWeekdays('2026-12-02')).toEqual(['2026-11-25', '2026-11-18', '2026-11-11', '2026-11-04']);
  });

  it.each([
    [5, [10, 10, 10, 10], 10],
    [2, [4, 4, 4, 4], 4],
    [0, [2, 2, 2, 2], 2],
    [0, [8, 0, 0, 0], 2],
  ])('%d new members against %j alerts (average %d)', (members, trailing, average) => {
    expect(joinDropAlert(members, trailing)).toEqual({ trailingAverage: average });
  });

  it.each([
    [6, [10, 10, 10, 10]], // above half
    [0, [1, 2, 2, 2]], // average 1.75: below the minimum
    [0, [0, 0, 0, 0]],
    [3, [5, 5, 5, 5]],
  ])('%d new members against %j is no alert', (members, trailing) => {
    expect(joinDropAlert(members, trailing)).toBeNull();
  });

  const counts = fc.array(fc.nat(200), { minLength: 4, maxLength: 4 });
  it('alerts exactly when the day is at most half the trailing average and that average is at least 2', () => {
    fc.assert(
      fc.property(fc.nat(300), counts, (members, trailing) => {
        const average = trailing.reduce((n, x) => n + x, 0) / 4;
        const alert = joinDropAlert(members, trailing);
        expect(alert !== null).toBe(average >= 2 && members <= average / 2);
        if (alert) expect(alert.trailingAverage).toBe(average);
      }),
    );
  });

  it('fewer new members never lifts an alert, more trailing members never lifts one either', () => {
    fc.assert(
      fc.property(fc.nat(300), fc.nat(300), counts, fc.nat(3), fc.nat(100), (members, fewer, trailing, week, more) => {
        const low = Math.min(members, fewer);
        if (joinDropAlert(members, trailing)) {
          expect(joinDropAlert(low, trailing)).not.toBeNull();
          const busier = trailing.map((x, i) => (i === week ? x + more : x));
          expect(joinDropAlert(members, busier)).not.toBeNull();
        }
      }),
    );
  });

  it('over days and stores: one alert per store and day that dropped, sorted', () => {
    const day = '2026-12-02';
    const data = new Map<string, number>();
    for (const d of trailingWeekdays(day)) {
      data.set(`S001#${d}`, 6);
      data.set(`S002#${d}`, 1);
    }
    data.set(`S001#${day}`, 3);
    const alerts = joinDropAlerts([day, addBusinessDays(day, -1)], ['S002', 'S001', 'S001'], (s, d) => data.get(`${s}#${d}`) ?? 0);
    expect(alerts).toEqual([{ day, storeId: 'S001', members: 3, trailingAverage: 6 }]);
  });
});
