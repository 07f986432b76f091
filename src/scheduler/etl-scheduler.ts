import { codeOf, messageOf } from '../errors';
import { EtlConflictError } from '../etl/etl.errors';
import type { Logger } from '../logger';
import type { EtlRun } from '../models/etl-run.model';
import type { CronSchedule } from './cron-schedule';
import type { TickClaims } from './tick-claims';

/** The name of the ETL schedule's ticks in the database (`etl:<tick>`). */
export const ETL_SCHEDULE = 'etl';

/** What became of one tick on this replica. */
export type TickOutcome =
  /** This replica claimed it and its run ended. */
  | 'ran'
  /** This replica claimed it but a run was in progress (here or on another replica): no run. */
  | 'skipped'
  /** Another replica claimed it first. */
  | 'taken'
  /** The claim or the run failed unexpectedly (logged). */
  | 'failed';

/** A process's ETL schedule as clients see it (`etlSchedule`, /healthz). */
export interface EtlScheduleState {
  /** ETL_CRON; null when the process has no schedule. */
  cron: string | null;
  /** ETL_TZ. */
  timezone: string;
  /** The next tick this process fires; null without a schedule. */
  nextRunAt: Date | null;
}

/** The timers the scheduler uses; tests pass a fake clock. */
export interface SchedulerClock {
  now(): Date;
  setTimer(callback: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

/** The system clock; timers do not keep the process alive. */
export const systemClock: SchedulerClock = {
  now: () => new Date(),
  setTimer: (callback, ms) => setTimeout(callback, ms).unref(),
  clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** Longest single timer: past it the timer is set again (Node's limit is about 24.8 days). */
export const MAX_TIMER_MS = 60 * 60_000;

export interface EtlSchedulerOptions {
  schedule: CronSchedule;
  claims: TickClaims;
  /**
   * What one tick runs, with the tick's scheduled time; resolves to the finished run.
   *
   * @throws EtlConflictError when another run holds the lease: the tick is skipped
   */
  runTick: (tick: Date) => Promise<EtlRun>;
  logger: Logger;
  clock?: SchedulerClock;
  /** Told what became of every tick (metrics). */
  onTick?: (outcome: TickOutcome, tick: Date) => void;
}

/**
 * Runs the ETL on a cron schedule, on every replica at once, each tick exactly once across them.
 *
 * - A tick is named by its scheduled time, so replicas whose clocks differ by a second or two name it alike; the
 *   first replica to claim it in the database runs it (see {@link TickClaims}); the others log that it was taken.
 * - A tick while a run is going (this replica's or any other's: the lease) is skipped and logged, never queued.
 * - At start, when the latest claimed tick is older than the latest scheduled time, that one missed tick is run
 *   (once, whatever number was missed). A database that never had a tick claimed has missed none.
 * - A tick claimed but not run because the process stopped (or crashed) in between is not run by anyone: at most
 *   once, and exactly once while replicas stay up.
 */
export class EtlScheduler {
  private readonly clock: SchedulerClock;
  private timer: unknown;
  private nextTick: Date | null = null;
  private running: Promise<void> | undefined;
  private readonly pending = new Set<Promise<void>>();
  private started = false;
  private stopped = false;

  constructor(private readonly options: EtlSchedulerOptions) {
    this.clock = options.clock ?? systemClock;
  }

  /** The next tick this replica will fire; null before start, after stop, or when the schedule has no more. */
  get nextRunAt(): Date | null {
    return this.stopped ? null : this.nextTick;
  }

  /**
   * Catches up a missed tick (see the class comment), then fires ticks until {@link stop}. Resolves once the
   * catch-up's claim is decided (its run goes on in the background). Never throws: a database that does not
   * answer only costs the catch-up (logged).
   */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    const now = this.clock.now();
    const { expression, timezone } = this.options.schedule;
    this.arm(now);
    this.options.logger.info(
      { cron: expression, timezone, nextRunAt: this.nextTick?.toISOString() ?? null },
      'ETL schedule started',
    );
    const previous = this.options.schedule.previous(now);
    if (!previous) return;
    let latest: Date | null;
    try {
      latest = await this.options.claims.latest();
    } catch (error) {
      this.options.logger.error({ err: error }, 'could not read the last scheduled tick; no catch-up');
      return;
    }
    if (latest === null || latest >= previous) return;
    this.options.logger.info(
      { missedTick: previous.toISOString(), lastTick: latest.toISOString() },
      'catching up the missed scheduled ETL tick (once)',
    );
    await this.fire(previous);
  }

  /**
   * Fires no more ticks. A run already started goes on (the process's shutdown stops it separately); a tick being
   * claimed right now starts no run.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) this.clock.clearTimer(this.timer);
    this.timer = undefined;
    await Promise.all(this.pending);
  }

  /** Sets the timer for the first tick after `from`, in steps of at most {@link MAX_TIMER_MS}. */
  private arm(from: Date): void {
    if (this.stopped) return;
    const next = this.options.schedule.next(from);
    this.nextTick = next;
    if (!next) {
      this.options.logger.warn(
        { cron: this.options.schedule.expression },
        'the ETL schedule has no further tick',
      );
      return;
    }
    const wait = Math.max(0, next.getTime() - this.clock.now().getTime());
    const capped = wait > MAX_TIMER_MS;
    this.timer = this.clock.setTimer(() => this.wake(next, capped), capped ? MAX_TIMER_MS : wait);
  }

  private wake(tick: Date, capped: boolean): void {
    this.timer = undefined;
    if (this.stopped) return;
    const now = this.clock.now();
    if (capped && now < tick) {
      // A long wait taken in steps: not there yet.
      this.arm(new Date(tick.getTime() - 1));
      return;
    }
    // The tick keeps its scheduled time even if the wall clock was moved meanwhile; the next one comes after both.
    this.arm(now > tick ? now : tick);
    const handling = this.fire(tick);
    this.pending.add(handling);
    void handling.finally(() => this.pending.delete(handling));
  }

  /** Claims one tick and, when this replica got it and nothing runs, starts its run (not awaited). Never throws. */
  private async fire(tick: Date): Promise<void> {
    const { claims, logger } = this.options;
    const at = tick.toISOString();
    let claimed: boolean;
    try {
      claimed = await claims.claim(tick);
    } catch (error) {
      logger.error({ err: error, tick: at }, 'could not claim the scheduled ETL tick; it is not run here');
      this.told('failed', tick);
      return;
    }
    if (!claimed) {
      logger.debug({ tick: at }, 'scheduled ETL tick taken by another replica');
      this.told('taken', tick);
      return;
    }
    const busy = this.stopped ? 'the service is stopping' : this.running ? 'a run is in progress' : undefined;
    if (busy) {
      await this.skip(tick, busy);
      return;
    }
    const run = this.runTick(tick);
    this.running = run;
    void run.finally(() => {
      if (this.running === run) this.running = undefined;
    });
  }

  private async runTick(tick: Date): Promise<void> {
    const at = tick.toISOString();
    try {
      const run = await this.options.runTick(tick);
      await this.options.claims.settle(tick, { runId: run._id });
      this.options.logger.info({ tick: at, runId: run._id, status: run.status }, 'scheduled ETL run ended');
      this.told('ran', tick);
    } catch (error) {
      if (error instanceof EtlConflictError) {
        await this.skip(
          tick,
          `a run is in progress${error.runningRunId ? ` (run ${error.runningRunId})` : ''}`,
        );
        return;
      }
      await this.options.claims.settle(tick, { skipped: `failed: ${messageOf(error)}` });
      this.options.logger.error({ err: error, tick: at, code: codeOf(error) }, 'scheduled ETL run failed');
      this.told('failed', tick);
    }
  }

  private async skip(tick: Date, reason: string): Promise<void> {
    await this.options.claims.settle(tick, { skipped: reason });
    this.options.logger.warn({ tick: tick.toISOString(), reason }, 'scheduled ETL tick skipped');
    this.told('skipped', tick);
  }

  private told(outcome: TickOutcome, tick: Date): void {
    this.options.onTick?.(outcome, tick);
  }
}
