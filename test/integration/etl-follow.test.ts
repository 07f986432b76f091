import 'reflect-metadata';

import { progressWriter } from '../../src/cli/etl';
import { CANCELLED_ORPHAN, endRunsNow, requestEtlRunCancel } from '../../src/etl/cancel-run';
import { EtlConflictError } from '../../src/etl/etl.errors';
import { EtlRunner } from '../../src/etl/etl-runner';
import { type EtlProgress, runEtl, type RunEtlOptions } from '../../src/etl/run-etl';
import { createSearchProfile, DEFAULT_PROFILE } from '../../src/etl/search-profiles';
import { type EtlRun, EtlRunModel, EtlRunStatus, EtlTrigger } from '../../src/models/etl-run.model';
import { JobModel } from '../../src/models/job.model';
import { LeaseModel } from '../../src/models/lease.model';
import { ScheduleTickModel } from '../../src/models/schedule-tick.model';
import { SearchProfileModel } from '../../src/models/search-profile.model';
import { CronSchedule } from '../../src/scheduler/cron-schedule';
import { EtlScheduler, type SchedulerClock, systemClock } from '../../src/scheduler/etl-scheduler';
import { databaseTickClaims } from '../../src/scheduler/tick-claims';
import { useTestDatabase } from '../support/db';
import { silentLogger } from '../support/logger';
import { openPosting } from '../support/posting-factory';
import { waitFor } from '../support/service-process';
import { startUsajobsDouble, type UsajobsDouble } from '../support/usajobs-double';
import { buildChicagoFixture } from '../support/usajobs-fixtures';
import { doubleEtlOptions } from '../support/usajobs-test-client';

jest.setTimeout(60_000);

const PARAMS = {
  keyword: 'x',
  locationName: 'y',
  radiusMiles: 1,
  yearsOfExperience: 1,
  includeRemote: false,
};

/**
 * 12 postings of 6 agencies, a cap of 5 and pages of 2: with {@link createTwoProfiles}, the location search splits
 * three times (7 slices, 9 pages, slices of several pages among them); the remote search of the first profile finds
 * nothing (1 page).
 */
function startCappedDouble(): Promise<UsajobsDouble> {
  const agencies = ['AF', 'AG', 'AR', 'HE', 'TR', 'VA'];
  const postings = Array.from({ length: 12 }, (_, i) =>
    openPosting(830_000_000 + i, (d) => {
      d.UserArea!.Details!.OrganizationCodes = agencies[i % 6];
    }),
  );
  return startUsajobsDouble({ items: postings, maxPageSize: 2, resultCap: 5 });
}

async function createTwoProfiles(): Promise<void> {
  await createSearchProfile({ ...DEFAULT_PROFILE });
  await createSearchProfile({
    ...DEFAULT_PROFILE,
    name: 'senior data engineering near Chicago',
    includeRemote: false,
    yearsOfExperience: 8,
  });
}

describe('following and stopping ETL runs (FerretDB and the USAJOBS double)', () => {
  useTestDatabase();
  const { items, ids } = buildChicagoFixture();
  let double: UsajobsDouble;

  const options = (overrides: Partial<RunEtlOptions> = {}): RunEtlOptions =>
    doubleEtlOptions(double, { trigger: EtlTrigger.API, ...overrides });
  const stored = (id: string) => EtlRunModel.findById(id).lean<EtlRun>();

  beforeEach(async () => {
    // Two items a page: several pages per search.
    double = await startUsajobsDouble({ items, maxPageSize: 2 });
    await Promise.all([
      JobModel.deleteMany({}),
      EtlRunModel.deleteMany({}),
      LeaseModel.deleteMany({}),
      ScheduleTickModel.deleteMany({}),
      SearchProfileModel.deleteMany({}),
    ]);
  });
  afterEach(async () => {
    await double.close();
  });

  it('when a run goes page by page, then its record shows the progress of the page before at every page and the final figures at the end', async () => {
    let runId = '';
    const seen: { pagesFetched: number; kept: number; progress: EtlRun['progress'] }[] = [];
    const events: EtlProgress[] = [];
    const run = await runEtl(
      {},
      options({
        onStarted: (record) => (runId = record._id),
        onProgress: async (event) => {
          events.push(event);
          const record = (await stored(runId))!;
          seen.push({ pagesFetched: record.pagesFetched, kept: record.kept, progress: record.progress });
        },
      }),
    );

    expect(run.status).toBe(EtlRunStatus.SUCCEEDED);
    expect(events.length).toBe(run.pagesFetched);
    expect(events.length).toBeGreaterThan(3);
    // Written once a page: at page n the record holds page n-1.
    expect(seen.map((s) => s.pagesFetched)).toEqual(events.map((_, i) => i));
    expect(seen[0]!.progress).toMatchObject({ searchesDone: 0, searchesTotal: 2, pagesExpected: null });
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i]!.kept).toBeGreaterThanOrEqual(seen[i - 1]!.kept);
      expect(seen[i]!.progress!.pagesExpected).toBeGreaterThanOrEqual(seen[i]!.pagesFetched);
    }
    const final = (await stored(run._id))!;
    expect(final.progress).toMatchObject({
      searchesDone: 2,
      searchesTotal: 2,
      pagesFetched: run.pagesFetched,
      pagesExpected: run.pagesFetched,
      fetched: run.fetched,
      kept: ids.fits.length,
      inserted: ids.fits.length,
    });
  });

  it('when a run over two profiles splits a capped search into slices, then etlRun progress rises page by page, never past its total, to the final counts', async () => {
    const capped = await startCappedDouble();
    try {
      await createTwoProfiles();
      let runId = '';
      const seen: NonNullable<EtlRun['progress']>[] = [];
      const run = await runEtl(
        {},
        doubleEtlOptions(capped, {
          client: { resultCap: 5 },
          onStarted: (record) => (runId = record._id),
          // What etlRun(id) shows at every page: the record as the page before left it.
          onProgress: async () => {
            seen.push((await stored(runId))!.progress!);
          },
        }),
      );
      const final = (await stored(run._id))!;
      seen.push(final.progress!);

      expect(run).toMatchObject({ status: EtlRunStatus.SUCCEEDED, inserted: 12, pagesFetched: 10 });
      expect(run.searches.map((search) => search.slices.length)).toEqual([7, 1]);
      expect(run.profiles.map((profile) => profile.matched).sort()).toEqual([0, 12]);
      expect(seen[0]).toMatchObject({ searchesDone: 0, searchesTotal: 2, pagesFetched: 0 });
      for (const [i, progress] of seen.entries()) {
        expect(progress.searchesDone).toBeLessThanOrEqual(progress.searchesTotal);
        if (i === 0) continue;
        const before = seen[i - 1]!;
        expect(progress.pagesFetched).toBe(i);
        expect(progress.pagesFetched).toBeLessThanOrEqual(progress.pagesExpected!);
        expect(progress.searchesDone).toBeGreaterThanOrEqual(before.searchesDone);
        expect(progress.pagesExpected!).toBeGreaterThanOrEqual(before.pagesExpected ?? 0);
        expect(progress.kept).toBeGreaterThanOrEqual(before.kept);
      }
      // The total grew as slices were found: more than the first page could tell.
      expect(seen[1]!.pagesExpected!).toBeLessThan(run.pagesFetched);
      // From the first page of the last search on, the total was the final one.
      expect(seen.at(-2)).toMatchObject({ searchesDone: 1, pagesFetched: 9, pagesExpected: 10 });
      expect(final.progress).toMatchObject({
        searchesDone: 2,
        searchesTotal: 2,
        pagesFetched: 10,
        pagesExpected: 10,
        fetched: run.fetched,
        kept: run.kept,
        inserted: 12,
      });
    } finally {
      await capped.close();
    }
  });

  it('when the CLI follows a run that splits a capped search into slices, then its progress lines show the figures of the run record, rising page by page', async () => {
    const capped = await startCappedDouble();
    try {
      await createTwoProfiles();
      let runId = '';
      let written = '';
      const write = progressWriter({
        write: (text: string) => {
          written += text;
          return true;
        },
      });
      /** The record's progress as each page left it: read at the next page, and at the end. */
      const recorded: NonNullable<EtlRun['progress']>[] = [];
      const run = await runEtl(
        {},
        doubleEtlOptions(capped, {
          client: { resultCap: 5 },
          onStarted: (record) => (runId = record._id),
          onProgress: async (event) => {
            write(event);
            const progress = (await stored(runId))!.progress!;
            if (progress.pagesFetched > 0) recorded.push(progress);
          },
        }),
      );
      recorded.push((await stored(run._id))!.progress!);

      expect(run).toMatchObject({ status: EtlRunStatus.SUCCEEDED, pagesFetched: 10 });
      const lines = written.split('\n').filter((line) => line !== '');
      expect(lines).toHaveLength(10);
      // The split search's first page: one page of its capped count is read, then its slices.
      expect(lines[0]).toMatch(/^location search: page 1\/\d+ of the run, 0\/2 searches done; fetched 2,/);
      expect(lines.some((line) => /^location search \[[^\]]+\]: page /.test(line))).toBe(true);
      const figures = lines.map((line) => {
        const [, fetched, expected, done, total] =
          /: page (\d+)\/(\d+) of the run, (\d+)\/(\d+) searches done;/.exec(line)!.map(Number);
        return { pagesFetched: fetched, pagesExpected: expected, searchesDone: done, searchesTotal: total };
      });
      for (const [i, shown] of figures.entries()) {
        expect(shown).toEqual({
          pagesFetched: recorded[i]!.pagesFetched,
          pagesExpected: recorded[i]!.pagesExpected,
          searchesDone: recorded[i]!.searchesDone,
          searchesTotal: recorded[i]!.searchesTotal,
        });
        expect(shown.pagesFetched).toBe(i + 1);
        expect(shown.pagesFetched).toBeLessThanOrEqual(shown.pagesExpected!);
        if (i > 0) expect(shown.pagesExpected).toBeGreaterThanOrEqual(figures[i - 1]!.pagesExpected!);
      }
      expect(figures.at(-1)).toEqual({
        pagesFetched: 10,
        pagesExpected: 10,
        searchesDone: 2,
        searchesTotal: 2,
      });
    } finally {
      await capped.close();
    }
  });

  it('when cancelEtlRun asks a run to stop (as another process would, through its record), then it ends CANCELLED after the page it was on and its jobs stay', async () => {
    let runId = '';
    const run = await runEtl(
      {},
      options({
        onStarted: (record) => (runId = record._id),
        onProgress: async (event) => {
          if (event.pagesFetched === 2) {
            const asked = await requestEtlRunCancel(runId);
            expect(asked).toMatchObject({
              status: EtlRunStatus.RUNNING,
              cancelRequestedAt: expect.any(Date),
            });
          }
        },
      }),
    );

    expect(run).toMatchObject({ status: EtlRunStatus.CANCELLED, pagesFetched: 2, errors: [] });
    expect(run.warnings).toContain('cancelled on request (cancelEtlRun)');
    expect(run.inserted).toBeGreaterThan(0);
    const record = (await stored(run._id))!;
    expect(record).toMatchObject({ status: EtlRunStatus.CANCELLED, pagesFetched: 2, inserted: run.inserted });
    expect(record.progress).toMatchObject({ pagesFetched: 2, searchesDone: 0 });
    expect(await JobModel.countDocuments()).toBe(run.inserted);
    expect(await LeaseModel.countDocuments()).toBe(0);
    expect(double.requests).toHaveLength(2);
  });

  it('when the local signal is aborted (shutdown), then the run ends CANCELLED at the next page with the reason given', async () => {
    const controller = new AbortController();
    const run = await runEtl(
      {},
      options({
        signal: controller.signal,
        onProgress: () => controller.abort('cancelled: the process running it is shutting down'),
      }),
    );
    expect(run).toMatchObject({ status: EtlRunStatus.CANCELLED, pagesFetched: 1 });
    expect(run.warnings).toEqual(['cancelled: the process running it is shutting down']);
    expect(await JobModel.countDocuments()).toBe(run.inserted);
    expect(await LeaseModel.countDocuments()).toBe(0);
  });

  it('when a run is cancelled whose process is gone, then it is ended CANCELLED at once; a finished run is returned unchanged; an unknown one is null', async () => {
    const startedAt = new Date(Date.now() - 60_000);
    await EtlRunModel.create({
      _id: 'orphan',
      status: EtlRunStatus.RUNNING,
      trigger: EtlTrigger.API,
      params: PARAMS,
      startedAt,
    });
    const cancelled = await requestEtlRunCancel('orphan');
    expect(cancelled).toMatchObject({
      status: EtlRunStatus.CANCELLED,
      cancelRequestedAt: expect.any(Date),
      finishedAt: expect.any(Date),
      warnings: [CANCELLED_ORPHAN],
    });

    const done = await runEtl({ maxPages: 1 }, options());
    const unchanged = await requestEtlRunCancel(done._id);
    expect(unchanged).toMatchObject({ status: EtlRunStatus.SUCCEEDED });
    expect(unchanged?.cancelRequestedAt).toBeUndefined();
    expect(await requestEtlRunCancel('no-such-run')).toBeNull();
  });

  it('when a run does not stop in time at shutdown, then endRunsNow ends its record CANCELLED with its counts and frees its lease', async () => {
    await EtlRunModel.create({
      _id: 'stuck',
      status: EtlRunStatus.RUNNING,
      trigger: EtlTrigger.SCHEDULE,
      params: PARAMS,
      startedAt: new Date(Date.now() - 5_000),
      pagesFetched: 3,
      inserted: 4,
    });
    await LeaseModel.create({
      _id: 'etl',
      owner: 'me',
      expiresAt: new Date(Date.now() + 60_000),
      runId: 'stuck',
    });
    await endRunsNow(['stuck'], 'cancelled: shutting down');
    expect(await stored('stuck')).toMatchObject({
      status: EtlRunStatus.CANCELLED,
      pagesFetched: 3,
      inserted: 4,
      warnings: ['cancelled: shutting down'],
      durationMs: expect.any(Number),
    });
    expect(await LeaseModel.countDocuments()).toBe(0);
  });

  describe('EtlRunner (the runs of one process)', () => {
    it('when a run is started without waiting, then the RUNNING record comes back at once and the run ends in the background', async () => {
      const finished: EtlRun[] = [];
      const runner = new EtlRunner(silentLogger(), (run) => finished.push(run));
      double.failNext(1, { kind: 'delay', ms: 500 });
      const record = await runner.run((control) => runEtl({}, options(control)), { wait: false });
      expect(record).toMatchObject({ status: EtlRunStatus.RUNNING, pagesFetched: 0 });
      expect(runner.runIds()).toEqual([record._id]);

      // A second run while it goes on: the caller gets the conflict, as with waiting.
      await expect(runner.run((control) => runEtl({}, options(control)), { wait: false })).rejects.toThrow(
        EtlConflictError,
      );
      expect(await runner.idle(30_000)).toBe(true);
      expect(finished.map((run) => [run._id, run.status])).toEqual([[record._id, EtlRunStatus.SUCCEEDED]]);
      expect(await stored(record._id)).toMatchObject({
        status: EtlRunStatus.SUCCEEDED,
        kept: ids.fits.length,
      });
    });

    it('when stopAll is called, then the runs going on end CANCELLED at their next page and later runs at their first', async () => {
      const runner = new EtlRunner(silentLogger());
      double.failNext(1, { kind: 'delay', ms: 300 });
      const record = await runner.run((control) => runEtl({}, options(control)), { wait: false });
      runner.stopAll();
      expect(await runner.idle(30_000)).toBe(true);
      expect(await stored(record._id)).toMatchObject({
        status: EtlRunStatus.CANCELLED,
        pagesFetched: 1,
        warnings: ['cancelled: the process running it is shutting down'],
      });

      const late = await runner.run((control) => runEtl({}, options(control)), { wait: true });
      expect(late).toMatchObject({ status: EtlRunStatus.CANCELLED, pagesFetched: 1 });
    });
  });

  describe('schedule ticks in the database', () => {
    it('when two replicas claim one tick, then one gets it; the latest tick and what became of it are kept, old ones pruned', async () => {
      const a = databaseTickClaims('etl', 'host-a:1');
      const b = databaseTickClaims('etl', 'host-b:2');
      const old = new Date('2026-01-01T06:00:00.000Z');
      const tick = new Date('2026-01-05T06:00:00.000Z');
      expect(await a.latest()).toBeNull();
      expect(await a.claim(old)).toBe(true);
      const claims = await Promise.all([a.claim(tick), b.claim(tick), a.claim(tick), b.claim(tick)]);
      expect(claims.filter(Boolean)).toHaveLength(1);
      await b.settle(tick, { runId: 'run-1' });
      expect(await b.latest()).toEqual(tick);
      expect(await ScheduleTickModel.find().lean()).toEqual([
        expect.objectContaining({
          _id: 'etl:2026-01-05T06:00:00.000Z',
          schedule: 'etl',
          tick,
          runId: 'run-1',
        }),
      ]);
    });

    it('when two schedulers on one database tick every second with clocks 1.5 s apart, then every tick runs once and runs never overlap', async () => {
      const skewed: SchedulerClock = { ...systemClock, now: () => new Date(Date.now() + 1_500) };
      const schedulers = [systemClock, skewed].map(
        (clock, i) =>
          new EtlScheduler({
            schedule: new CronSchedule('* * * * * *', 'America/Chicago'),
            claims: databaseTickClaims('etl', `replica-${i}`),
            // As on a busy machine: a run is recorded a while after its tick was claimed.
            runTick: async (tick) => {
              await new Promise((resolve) => setTimeout(resolve, 300));
              return runEtl({ maxPages: 1 }, options({ trigger: EtlTrigger.SCHEDULE, scheduledFor: tick }));
            },
            logger: silentLogger(),
            clock,
          }),
      );
      await Promise.all(schedulers.map((scheduler) => scheduler.start()));
      await waitFor(async () => (await ScheduleTickModel.countDocuments()) >= 5, 30_000, 100);
      await Promise.all(schedulers.map((scheduler) => scheduler.stop()));
      // stop() fires no more ticks, but a run a tick started goes on: the tick is settled (its run, or why none)
      // once that run has ended. Waiting for no RUNNING record instead would miss a run not yet recorded.
      await waitFor(
        async () =>
          (await ScheduleTickModel.find().lean()).every(
            (tick) => tick.runId !== undefined || tick.skipped !== undefined,
          ),
        60_000,
        100,
      );

      const ticks = await ScheduleTickModel.find().sort({ tick: 1 }).lean();
      const runs = await EtlRunModel.find().sort({ startedAt: 1 }).lean<EtlRun[]>();
      // Claimed once (the _id), and then run once, or skipped because a run was going on or the scheduler that
      // claimed it was stopping.
      const outcomes = ticks.map((tick) => {
        const ran = runs.filter((run) => run.scheduledFor?.getTime() === tick.tick.getTime());
        if (ran.length === 0 && /in progress|stopping/.test(tick.skipped ?? '')) return 'skipped';
        if (ran.length === 1 && ran[0]!._id === tick.runId) return 'ran once';
        return `${tick._id}: ${ran.length} runs, ${tick.skipped ?? 'not skipped'}`;
      });
      expect(outcomes.filter((outcome) => outcome !== 'skipped' && outcome !== 'ran once')).toEqual([]);
      expect(outcomes).toContain('ran once');
      expect(runs.every((run) => ticks.some((tick) => tick.runId === run._id))).toBe(true);
      for (let i = 1; i < runs.length; i++) {
        expect(runs[i]!.startedAt.getTime()).toBeGreaterThanOrEqual(runs[i - 1]!.finishedAt!.getTime());
      }
    });
  });
});
