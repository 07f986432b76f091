import { EtlConflictError } from '../../src/etl/etl.errors';
import { type EtlRun, EtlRunStatus, EtlTrigger } from '../../src/models/etl-run.model';
import { CronSchedule } from '../../src/scheduler/cron-schedule';
import { EtlScheduler, MAX_TIMER_MS, type TickOutcome } from '../../src/scheduler/etl-scheduler';
import type { TickClaims } from '../../src/scheduler/tick-claims';
import { FakeTimeline, settle } from '../support/fake-clock';
import { captureLogger } from '../support/logger';

/** Claims as the database keeps them, in memory: one claim per tick, whoever comes first. */
class MemoryClaims {
  readonly ticks = new Map<string, { by: string; runId?: string; skipped?: string }>();

  for(replica: string): TickClaims {
    return {
      claim: async (tick) => {
        const key = tick.toISOString();
        if (this.ticks.has(key)) return false;
        this.ticks.set(key, { by: replica });
        return true;
      },
      settle: async (tick, outcome) => {
        Object.assign(this.ticks.get(tick.toISOString()) ?? {}, outcome);
      },
      latest: async () => {
        const all = [...this.ticks.keys()].sort();
        return all.length === 0 ? null : new Date(all[all.length - 1]!);
      },
    };
  }
}

/** A run of the tick, held open until the test ends it. */
interface HeldRun {
  tick: Date;
  end(): void;
}

/** Runs ticks as the process does: one at a time across "replicas" (a shared lease), each held until ended. */
class FakeRuns {
  readonly started: HeldRun[] = [];
  private holder: HeldRun | undefined;

  runTick = (tick: Date): Promise<EtlRun> => {
    if (this.holder) return Promise.reject(new EtlConflictError(`run-${this.holder.tick.toISOString()}`));
    return new Promise<EtlRun>((resolve) => {
      const held: HeldRun = {
        tick,
        end: () => {
          this.holder = undefined;
          resolve(fakeRun(tick));
        },
      };
      this.holder = held;
      this.started.push(held);
    });
  };

  /** A runner whose runs end at once. */
  instant = (tick: Date): Promise<EtlRun> => {
    const promise = this.runTick(tick);
    this.holder?.end();
    return promise;
  };
}

function fakeRun(tick: Date): EtlRun {
  return {
    _id: `run-${tick.toISOString()}`,
    status: EtlRunStatus.SUCCEEDED,
    trigger: EtlTrigger.SCHEDULE,
    scheduledFor: tick,
  } as EtlRun;
}

const EVERY_3_SECONDS = '*/3 * * * * *';
const START = new Date('2026-01-05T12:00:00.500Z');

describe('EtlScheduler (fake clock, claims in memory)', () => {
  function scheduler(
    timeline: FakeTimeline,
    claims: TickClaims,
    runTick: (tick: Date) => Promise<EtlRun>,
    options: { cron?: string; offsetMs?: number; outcomes?: TickOutcome[] } = {},
  ) {
    const { logger, lines } = captureLogger();
    const instance = new EtlScheduler({
      schedule: new CronSchedule(options.cron ?? EVERY_3_SECONDS, 'America/Chicago'),
      claims,
      runTick,
      logger,
      clock: timeline.clock(options.offsetMs ?? 0),
      onTick: (outcome) => options.outcomes?.push(outcome),
    });
    return { instance, lines };
  }

  it('when ticks fall due, then each starts one run named by its scheduled time, and stop ends the ticks', async () => {
    const timeline = new FakeTimeline(START);
    const runs = new FakeRuns();
    const ticks: Date[] = [];
    const { instance } = scheduler(timeline, new MemoryClaims().for('a'), (tick) => {
      ticks.push(tick);
      return runs.instant(tick);
    });
    await instance.start();
    expect(instance.nextRunAt).toEqual(new Date('2026-01-05T12:00:03.000Z'));

    await timeline.advance(9_000);
    expect(ticks.map((t) => t.toISOString())).toEqual([
      '2026-01-05T12:00:03.000Z',
      '2026-01-05T12:00:06.000Z',
      '2026-01-05T12:00:09.000Z',
    ]);

    await instance.stop();
    expect(instance.nextRunAt).toBeNull();
    await timeline.advance(9_000);
    expect(ticks).toHaveLength(3);
    expect(timeline.pendingTimers).toBe(0);
  });

  it('when a tick falls due while the run of an earlier tick goes on, then it is skipped and logged, and the next tick after the run runs', async () => {
    const timeline = new FakeTimeline(START);
    const runs = new FakeRuns();
    const claims = new MemoryClaims();
    const outcomes: TickOutcome[] = [];
    const { instance, lines } = scheduler(timeline, claims.for('a'), runs.runTick, { outcomes });
    await instance.start();

    await timeline.advance(3_000); // 12:00:03 starts a run that goes on
    await timeline.advance(3_000); // 12:00:06 falls due while it runs
    expect(runs.started.map((r) => r.tick.toISOString())).toEqual(['2026-01-05T12:00:03.000Z']);
    expect(claims.ticks.get('2026-01-05T12:00:06.000Z')).toMatchObject({ skipped: 'a run is in progress' });
    expect(lines).toContainEqual(
      expect.objectContaining({ msg: 'scheduled ETL tick skipped', tick: '2026-01-05T12:00:06.000Z' }),
    );

    runs.started[0]!.end();
    await settle();
    await timeline.advance(3_000); // 12:00:09 runs
    expect(runs.started.map((r) => r.tick.toISOString())).toEqual([
      '2026-01-05T12:00:03.000Z',
      '2026-01-05T12:00:09.000Z',
    ]);
    expect(claims.ticks.get('2026-01-05T12:00:03.000Z')).toMatchObject({
      runId: 'run-2026-01-05T12:00:03.000Z',
    });
    // Told when each ends: the skip at once, the run of 12:00:03 when it ended (12:00:09's goes on).
    expect(outcomes).toEqual(['skipped', 'ran']);
    await instance.stop();
  });

  it('when another process holds the lease at a tick, then the tick is skipped with the holding run named', async () => {
    const timeline = new FakeTimeline(START);
    const claims = new MemoryClaims();
    const outcomes: TickOutcome[] = [];
    const { instance } = scheduler(
      timeline,
      claims.for('a'),
      () => Promise.reject(new EtlConflictError('api-run-1')),
      { outcomes },
    );
    await instance.start();
    await timeline.advance(3_000);
    expect(claims.ticks.get('2026-01-05T12:00:03.000Z')).toMatchObject({
      skipped: 'a run is in progress (run api-run-1)',
    });
    expect(outcomes).toEqual(['skipped']);
    await instance.stop();
  });

  it('when started after downtime that missed several ticks, then only the latest missed tick is caught up, once', async () => {
    const claims = new MemoryClaims();
    await claims.for('before').claim(new Date('2026-01-05T11:00:00.000Z'));
    const timeline = new FakeTimeline(START);
    const runs = new FakeRuns();
    const ticks: Date[] = [];
    const daily = { cron: '0 * * * *' }; // hourly, minute precision
    const { instance, lines } = scheduler(
      timeline,
      claims.for('a'),
      (tick) => {
        ticks.push(tick);
        return runs.instant(tick);
      },
      daily,
    );
    await instance.start();
    expect(ticks.map((t) => t.toISOString())).toEqual(['2026-01-05T12:00:00.000Z']);
    expect(lines).toContainEqual(
      expect.objectContaining({ msg: 'catching up the missed scheduled ETL tick (once)' }),
    );

    // A second replica starting now finds the tick caught up: nothing more.
    const second = scheduler(
      timeline,
      claims.for('b'),
      (tick) => {
        ticks.push(tick);
        return runs.instant(tick);
      },
      daily,
    );
    await second.instance.start();
    expect(ticks).toHaveLength(1);

    await timeline.advance(60 * 60_000);
    expect(ticks.map((t) => t.toISOString())).toEqual([
      '2026-01-05T12:00:00.000Z',
      '2026-01-05T13:00:00.000Z',
    ]);
    await instance.stop();
    await second.instance.stop();
  });

  it('when started with the latest tick already claimed, or on a database that never had one, then nothing is caught up', async () => {
    const timeline = new FakeTimeline(START);
    const ticks: Date[] = [];
    const record = async (tick: Date): Promise<EtlRun> => {
      ticks.push(tick);
      return fakeRun(tick);
    };
    const fresh = scheduler(timeline, new MemoryClaims().for('a'), record, { cron: '0 * * * *' });
    await fresh.instance.start();
    await fresh.instance.stop();

    const claims = new MemoryClaims();
    await claims.for('before').claim(new Date('2026-01-05T12:00:00.000Z'));
    const upToDate = scheduler(timeline, claims.for('a'), record, { cron: '0 * * * *' });
    await upToDate.instance.start();
    await upToDate.instance.stop();
    expect(ticks).toEqual([]);
  });

  it('when three replicas whose clocks differ by up to 2 s share the claims, then every tick runs exactly once', async () => {
    const timeline = new FakeTimeline(START);
    const claims = new MemoryClaims();
    const runs = new FakeRuns();
    const ranBy: Record<string, string[]> = {};
    const replicas = await Promise.all(
      [
        ['a', 0],
        ['b', 1_500],
        ['c', -2_000],
      ].map(async ([name, offsetMs]) => {
        const { instance } = scheduler(
          timeline,
          claims.for(name as string),
          (tick) => {
            (ranBy[tick.toISOString()] ??= []).push(name as string);
            // Runs end at once: the lease alone would let a slower replica run the same tick again.
            return runs.instant(tick);
          },
          { offsetMs: offsetMs as number },
        );
        await instance.start();
        return instance;
      }),
    );
    await timeline.advance(30_000);
    await Promise.all(replicas.map((replica) => replica.stop()));

    const ticks = Object.keys(ranBy).sort();
    expect(ticks.length).toBeGreaterThanOrEqual(10);
    for (const tick of ticks) expect({ tick, replicas: ranBy[tick]!.length }).toEqual({ tick, replicas: 1 });
    // Consecutive: no tick fell between two replicas.
    const gaps = ticks.slice(1).map((tick, i) => new Date(tick).getTime() - new Date(ticks[i]!).getTime());
    expect(new Set(gaps)).toEqual(new Set([3_000]));
  });

  it('when the next tick is further away than one timer may wait, then the wait is taken in steps and the tick fires on time', async () => {
    const timeline = new FakeTimeline(START);
    const ticks: Date[] = [];
    const { instance } = scheduler(
      timeline,
      new MemoryClaims().for('a'),
      async (tick) => {
        ticks.push(tick);
        return fakeRun(tick);
      },
      { cron: '0 6 1 3 *' }, // 06:00 Chicago on 1 March
    );
    await instance.start();
    expect(instance.nextRunAt).toEqual(new Date('2026-03-01T12:00:00.000Z'));
    const steps = Math.ceil((instance.nextRunAt!.getTime() - START.getTime()) / MAX_TIMER_MS);
    for (let i = 0; i < steps - 1; i++) await timeline.advance(MAX_TIMER_MS);
    expect(ticks).toEqual([]);
    await timeline.advance(MAX_TIMER_MS);
    expect(ticks).toEqual([new Date('2026-03-01T12:00:00.000Z')]);
    expect(instance.nextRunAt).toEqual(new Date('2027-03-01T12:00:00.000Z'));
    await instance.stop();
  });

  it('when claiming fails (database down), then the tick is logged as failed and the next one still fires', async () => {
    const timeline = new FakeTimeline(START);
    const memory = new MemoryClaims().for('a');
    let down = true;
    const claims: TickClaims = {
      ...memory,
      claim: (tick) => (down ? Promise.reject(new Error('connection refused')) : memory.claim(tick)),
    };
    const outcomes: TickOutcome[] = [];
    const ticks: Date[] = [];
    const { instance, lines } = scheduler(
      timeline,
      claims,
      async (tick) => {
        ticks.push(tick);
        return fakeRun(tick);
      },
      { outcomes },
    );
    await instance.start();
    await timeline.advance(3_000);
    down = false;
    await timeline.advance(3_000);
    expect(outcomes).toEqual(['failed', 'ran']);
    expect(ticks).toEqual([new Date('2026-01-05T12:00:06.000Z')]);
    expect(lines).toContainEqual(
      expect.objectContaining({ msg: 'could not claim the scheduled ETL tick; it is not run here' }),
    );
    await instance.stop();
  });
});
