import { loadConfig } from '../../src/config';
import { CronSchedule } from '../../src/scheduler/cron-schedule';

describe('CronSchedule (croner, in a time zone)', () => {
  it('when the expression has six fields, then ticks come every few seconds and previous/next bracket a time', () => {
    const schedule = new CronSchedule('*/3 * * * * *', 'America/Chicago');
    const at = new Date('2026-01-05T12:00:04.200Z');
    expect(schedule.previous(at)).toEqual(new Date('2026-01-05T12:00:03.000Z'));
    expect(schedule.next(at)).toEqual(new Date('2026-01-05T12:00:06.000Z'));
    // A tick time itself: it is the previous one, and the next is strictly after it.
    const tick = new Date('2026-01-05T12:00:03.000Z');
    expect(schedule.previous(tick)).toEqual(tick);
    expect(schedule.next(tick)).toEqual(new Date('2026-01-05T12:00:06.000Z'));
  });

  it('when the expression has five fields, then it is read in ETL_TZ across a daylight saving change', () => {
    const schedule = new CronSchedule('0 6 * * *', 'America/Chicago');
    // 06:00 CST is 12:00 UTC; after the change on 8 March 2026, 06:00 CDT is 11:00 UTC.
    expect(schedule.next(new Date('2026-03-07T00:00:00Z'))).toEqual(new Date('2026-03-07T12:00:00Z'));
    expect(schedule.next(new Date('2026-03-08T00:00:00Z'))).toEqual(new Date('2026-03-08T11:00:00Z'));
  });

  it('when ETL_CRON or ETL_TZ is not usable, then the configuration is refused naming the variable', () => {
    expect(() => loadConfig({ ETL_CRON: '* * *' })).toThrow(/ETL_CRON: .*5 fields, or 6 with seconds/);
    expect(() => loadConfig({ ETL_CRON: '* * * * * * 2030' })).toThrow(/ETL_CRON/);
    expect(() => loadConfig({ ETL_CRON: '61 * * * *' })).toThrow(/ETL_CRON: .*minute/);
    expect(() => loadConfig({ ETL_TZ: 'Mars/Olympus_Mons' })).toThrow(/ETL_TZ: unknown time zone/);
    expect(loadConfig({ ETL_CRON: '*/3 * * * * *', ETL_TZ: 'Europe/Paris' })).toMatchObject({
      ETL_CRON: '*/3 * * * * *',
      ETL_TZ: 'Europe/Paris',
    });
  });
});
