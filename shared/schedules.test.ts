import { jobSchedules, toFiveFieldCron } from './schedules';

describe('job schedules', () => {
  it.each([
    ['5 0 * * ? *', '5 0 * * *'],
    ['10 0 ? * 2 *', '10 0 * * 1'],
    ['0 9 ? * 2-6 *', '0 9 * * 1-5'],
    ['0 20 ? * 1,7 *', '0 20 * * 0,6'],
    ['0 10 ? * MON-FRI *', '0 10 * * MON-FRI'],
    ['0 8 ? * 2#1 *', '0 8 * * 1#1'],
  ])('EventBridge %s reads as %s', (eventBridge, five) => {
    expect(toFiveFieldCron(eventBridge)).toBe(five);
  });

  it('every job has a unique name and a six-field expression', () => {
    expect(new Set(jobSchedules.map((j) => j.name)).size).toBe(jobSchedules.length);
    for (const j of jobSchedules) expect(j.cron.split(' ')).toHaveLength(6);
  });
});
