import { Cron } from 'croner';

/**
 * A cron expression in a time zone, for computing ticks (croner, with nothing scheduled by it: the scheduler keeps
 * its own timer so that a tick is identified by its scheduled time).
 *
 * Five fields (minute precision) or six (seconds first); the nicknames `@hourly`, `@daily`, … too. Daylight saving
 * as croner does it: a fixed time that does not exist runs once just after the gap, one that occurs twice runs once.
 */
export class CronSchedule {
  private readonly cron: Cron;

  /**
   * @param expression - e.g. `0 6 * * *` or `*\/3 * * * * *`
   * @param timezone - IANA time zone, e.g. `America/Chicago`
   * @throws Error with croner's message when the expression or the time zone is not valid
   */
  constructor(
    readonly expression: string,
    readonly timezone: string,
  ) {
    this.cron = new Cron(expression, { timezone, paused: true, mode: '5-or-6-parts' });
    // croner checks the time zone only when it computes a date.
    this.cron.nextRun(new Date(0));
  }

  /** The first tick strictly after `from`; null when the expression has no further one (e.g. 30 February). */
  next(from: Date): Date | null {
    return this.cron.nextRun(from);
  }

  /** The latest tick at or before `at`; null when there is none. */
  previous(at: Date): Date | null {
    return this.cron.previousRuns(1, new Date(at.getTime() + 1))[0] ?? null;
  }
}
