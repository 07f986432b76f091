import 'reflect-metadata';

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { GraphQLClient } from 'graphql-request';

import { connect, disconnect } from '../../src/db/connection';
import { DEFAULT_PROFILE } from '../../src/etl/search-profiles';
import { type EtlRun, EtlRunModel, EtlRunStatus, EtlTrigger } from '../../src/models/etl-run.model';
import { JobModel } from '../../src/models/job.model';
import { LeaseModel } from '../../src/models/lease.model';
import { ScheduleTickModel } from '../../src/models/schedule-tick.model';
import { SearchProfileModel } from '../../src/models/search-profile.model';
import {
  CancelEtlRunDocument,
  EtlRunDocument,
  type EtlRunProgressFieldsFragment,
  EtlScheduleDocument,
  StartEtlDocument,
  WipeDocument,
} from '../generated/graphql';
import { parsePrometheusText } from '../support/prometheus-text';
import {
  freePort,
  launcherPids,
  type ServiceProcess,
  startNpmRunDb,
  startService,
  waitFor,
} from '../support/service-process';
import {
  DOUBLE_API_KEY,
  DOUBLE_USER_AGENT,
  startUsajobsDouble,
  type UsajobsDouble,
} from '../support/usajobs-double';
import { buildChicagoFixture } from '../support/usajobs-fixtures';

jest.setTimeout(240_000);

const ADMIN_TOKEN = 'e2e-admin-token-0123456789abcdef';
const EVERY_3_SECONDS = '*/3 * * * * *';

/**
 * The service run as its operators run it: compiled, as processes, on one `npm run db` database, against the USAJOBS
 * double (slowed down where a run must last).
 */
describe('operating the service (processes on one npm run db database)', () => {
  const { items, ids } = buildChicagoFixture();
  let dataDir: string;
  let db: Awaited<ReturnType<typeof startNpmRunDb>>;
  let double: UsajobsDouble;

  const serviceEnv = (extra: Record<string, string> = {}, usajobs = double): Record<string, string> => ({
    DATA_DIR: dataDir,
    ADMIN_TOKEN,
    USAJOBS_BASE_URL: usajobs.url,
    USAJOBS_API_KEY: DOUBLE_API_KEY,
    USAJOBS_USER_AGENT: DOUBLE_USER_AGENT,
    USAJOBS_REQUEST_INTERVAL_MS: '0',
    ...extra,
  });
  const admin = (service: ServiceProcess) =>
    new GraphQLClient(`${service.url}/graphql`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  const anyone = (service: ServiceProcess) => new GraphQLClient(`${service.url}/graphql`);

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'job-tracker-ops-'));
    db = await startNpmRunDb(dataDir, await freePort());
    await connect(`${db.uri}job_tracker`);
    // One item a page: runs of many pages, slowed down further per test with delay faults.
    double = await startUsajobsDouble({ items, maxPageSize: 1 });
  });
  afterAll(async () => {
    await double.close();
    await disconnect();
    expect(await db.stop('SIGTERM')).toBe(0);
    expect(launcherPids(dataDir)).toEqual([]);
    rmSync(dataDir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    double.clearFaults();
    double.requests.length = 0;
    await Promise.all([
      JobModel.deleteMany({}),
      EtlRunModel.deleteMany({}),
      LeaseModel.deleteMany({}),
      ScheduleTickModel.deleteMany({}),
    ]);
  });

  it('when three replicas run ETL_CRON every 3 s for about 20 s, then every tick runs exactly once over every enabled saved search, runs never overlap, and SIGTERM leaves nothing behind', async () => {
    // Two saved searches (one disabled besides): each scheduled run covers both, with counts for each.
    await SearchProfileModel.deleteMany({});
    const enabled = [DEFAULT_PROFILE.name, 'senior data engineering near Chicago'];
    await SearchProfileModel.create([
      { ...DEFAULT_PROFILE },
      { ...DEFAULT_PROFILE, name: enabled[1], includeRemote: false, yearsOfExperience: 8 },
      { ...DEFAULT_PROFILE, name: 'switched off', keyword: 'statistics', enabled: false },
    ]);
    // Whole pages: runs take well under the 3 s between ticks, so a skip is the exception.
    const fast = await startUsajobsDouble({ items });
    const env = serviceEnv({ ETL_CRON: EVERY_3_SECONDS }, fast);
    const replicas: ServiceProcess[] = [];
    try {
      for (let i = 0; i < 3; i++) replicas.push(await startService(env));
      const allUp = new Date();
      await waitFor(
        async () => (await ScheduleTickModel.countDocuments({ tick: { $gt: allUp } })) >= 7,
        90_000,
        500,
      );

      const health = (await (await fetch(`${replicas[0]!.url}/healthz`)).json()) as Record<string, unknown>;
      expect(health).toMatchObject({ status: 'ok', db: 'up', nextEtlRunAt: expect.any(String) });
      const { etlSchedule } = await anyone(replicas[1]!).request(EtlScheduleDocument);
      expect(etlSchedule).toMatchObject({
        cron: EVERY_3_SECONDS,
        timezone: 'America/Chicago',
        nextRunAt: expect.any(String),
        lastScheduledRun: { trigger: 'SCHEDULE', scheduledFor: expect.any(String) },
      });
      expect(new Date(etlSchedule.nextRunAt!).getUTCSeconds() % 3).toBe(0);
    } finally {
      const codes = await Promise.all(replicas.map((replica) => replica.stop('SIGTERM')));
      await fast.close();
      expect(codes).toEqual([0, 0, 0]);
    }

    const ticks = await ScheduleTickModel.find().sort({ tick: 1 }).lean();
    const runs = await EtlRunModel.find().sort({ startedAt: 1, _id: 1 }).lean<EtlRun[]>();
    expect(runs.every((run) => run.trigger === EtlTrigger.SCHEDULE)).toBe(true);
    // Runs that went through covered both enabled saved searches (one stopped by the shutdown may have less).
    const succeeded = runs.filter((run) => run.status === EtlRunStatus.SUCCEEDED);
    expect(succeeded.length).toBeGreaterThanOrEqual(5);
    for (const run of succeeded) {
      expect(run.profiles.map((profile) => profile.name).sort()).toEqual([...enabled].sort());
      expect(run.profiles.every((profile) => profile.complete && profile.found > 0)).toBe(true);
    }
    // Every tick claimed once (its _id) and then run once, or skipped because a run was going on or the
    // replica that claimed it was stopping.
    const outcomes = ticks.map((tick) => {
      const ran = runs.filter((run) => run.scheduledFor?.getTime() === tick.tick.getTime()).length;
      if (ran === 1) return 'ran once';
      if (ran === 0 && /in progress|stopping/.test(tick.skipped ?? '')) return 'skipped';
      return `${tick._id}: ${ran} runs, ${tick.skipped ?? 'not skipped'}`;
    });
    expect(outcomes.filter((outcome) => outcome !== 'ran once' && outcome !== 'skipped')).toEqual([]);
    expect(outcomes.filter((outcome) => outcome === 'ran once').length).toBeGreaterThanOrEqual(6);
    expect(new Set(ticks.map((tick) => tick.claimedBy)).size).toBeGreaterThan(0);
    // No tick fell between the replicas: consecutive ticks are 3 s apart.
    const gaps = ticks.slice(1).map((tick, i) => tick.tick.getTime() - ticks[i]!.tick.getTime());
    expect(new Set(gaps)).toEqual(new Set([3_000]));
    // Every run has a tick, and no run started before the one before it had ended.
    expect(
      runs.every((run) => ticks.some((tick) => tick.tick.getTime() === run.scheduledFor?.getTime())),
    ).toBe(true);
    for (let i = 1; i < runs.length; i++) {
      expect(runs[i]!.startedAt.getTime()).toBeGreaterThanOrEqual(runs[i - 1]!.finishedAt!.getTime());
    }
    expect(await EtlRunModel.countDocuments({ status: EtlRunStatus.RUNNING })).toBe(0);
    expect(await LeaseModel.countDocuments()).toBe(0);
    // The replicas joined npm run db's server and started none of their own.
    expect(launcherPids(dataDir)).toHaveLength(1);
    await SearchProfileModel.deleteMany({ name: { $ne: DEFAULT_PROFILE.name } });
  });

  describe('one replica', () => {
    let service: ServiceProcess;

    beforeAll(async () => {
      service = await startService(serviceEnv());
    });
    afterAll(async () => {
      expect(await service.stop('SIGTERM')).toBe(0);
    });
    beforeEach(async () => {
      await admin(service).request(WipeDocument, { confirm: true });
    });

    /** Polls etlRun(id) until the run ends; resolves with every record seen, the last one finished. */
    async function follow(id: string, each?: (run: EtlRunProgressFieldsFragment) => Promise<void>) {
      const seen: EtlRunProgressFieldsFragment[] = [];
      await waitFor(
        async () => {
          const { etlRun } = await anyone(service).request(EtlRunDocument, { id });
          seen.push(etlRun!);
          await each?.(etlRun!);
          return etlRun!.status !== 'RUNNING';
        },
        120_000,
        100,
      );
      return seen;
    }

    it('when runEtl(wait: false) starts a run, then the RUNNING record comes back at once and etlRun(id) shows progress rising to the final counts', async () => {
      double.failNext(10_000, { kind: 'delay', ms: 120 });
      const { runEtl } = await admin(service).request(StartEtlDocument, { wait: false });
      expect(runEtl).toMatchObject({
        status: 'RUNNING',
        trigger: 'API',
        pagesFetched: 0,
        progress: { searchesDone: 0, searchesTotal: 2, pagesFetched: 0, pagesExpected: null },
      });

      const seen = await follow(runEtl.id);
      const final = seen.at(-1)!;
      expect(final).toMatchObject({ status: 'SUCCEEDED', kept: ids.fits.length, inserted: ids.fits.length });
      const pages = seen.map((run) => run.progress!.pagesFetched);
      expect(pages).toEqual([...pages].sort((a, b) => a - b));
      expect(pages.some((n) => n > 0 && n < final.pagesFetched)).toBe(true);
      for (const run of seen) {
        expect(run.progress!.kept).toBeLessThanOrEqual(final.kept);
        expect(run.progress!.searchesDone).toBeLessThanOrEqual(2);
      }
      expect(final.progress).toMatchObject({
        searchesDone: 2,
        searchesTotal: 2,
        pagesFetched: final.pagesFetched,
        pagesExpected: final.pagesFetched,
        fetched: final.fetched,
        kept: final.kept,
        skipped: final.skipped,
        inserted: final.inserted,
        updated: final.updated,
        unchanged: final.unchanged,
      });
    });

    it('when cancelEtlRun is called during a run, then it ends CANCELLED at a page boundary and the jobs it stored stay', async () => {
      double.failNext(10_000, { kind: 'delay', ms: 200 });
      const { runEtl } = await admin(service).request(StartEtlDocument, { wait: false });
      let asked = false;
      const seen = await follow(runEtl.id, async (run) => {
        if (asked || run.progress!.pagesFetched < 2) return;
        asked = true;
        const { cancelEtlRun } = await admin(service).request(CancelEtlRunDocument, { id: run.id });
        expect(cancelEtlRun).toMatchObject({ id: run.id, cancelRequestedAt: expect.any(String) });
      });

      const final = seen.at(-1)!;
      expect(final).toMatchObject({ status: 'CANCELLED', errors: [] });
      expect(final.warnings).toContain('cancelled on request (cancelEtlRun)');
      expect(final.pagesFetched).toBeGreaterThanOrEqual(2);
      expect(final.progress!.searchesDone).toBeLessThan(2);
      expect(final.inserted).toBeGreaterThan(0);
      expect(final.inserted).toBeLessThan(ids.fits.length);
      expect(await JobModel.countDocuments()).toBe(final.inserted);
      expect(await LeaseModel.countDocuments()).toBe(0);
      // Nothing was asked of USAJOBS after the page boundary it stopped at.
      expect(double.requests.length).toBe(final.pagesFetched);
    });

    it('when /metrics is scraped, then it parses as Prometheus text and its counters move after a query and after a run', async () => {
      const scrape = async () => {
        const response = await fetch(`${service.url}/metrics`);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
        return parsePrometheusText(await response.text());
      };
      const query = { operation: 'JobsTotal', type: 'query', outcome: 'success' };
      const before = await scrape();
      expect(before.types.get('process_cpu_user_seconds_total')).toBe('counter');
      expect(before.types.get('graphql_operation_duration_seconds')).toBe('histogram');
      // Every way a run can end has a series from the start, CANCELLED included.
      expect(before.value('etl_runs_total', { status: 'CANCELLED', trigger: 'SCHEDULE' })).toBe(0);
      expect(before.value('etl_runs_total', { status: 'FAILED', trigger: 'CLI' })).toBe(0);

      const body = JSON.stringify({ query: 'query JobsTotal { jobs(first: 1) { totalCount } }' });
      const answer = await fetch(`${service.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect(answer.status).toBe(200);
      const afterQuery = await scrape();
      expect(afterQuery.value('graphql_operations_total', query)).toBe(
        (before.value('graphql_operations_total', query) ?? 0) + 1,
      );
      expect(afterQuery.value('graphql_operation_duration_seconds_count', query)).toBe(
        (before.value('graphql_operation_duration_seconds_count', query) ?? 0) + 1,
      );
      const graphqlPosts = { method: 'POST', route: 'graphql', status: '200' };
      expect(afterQuery.sum('http_requests_total', graphqlPosts)).toBe(
        before.sum('http_requests_total', graphqlPosts) + 1,
      );

      const { runEtl } = await admin(service).request(StartEtlDocument, { wait: true });
      expect(runEtl.status).toBe('SUCCEEDED');
      const afterRun = await scrape();
      const succeeded = { status: 'SUCCEEDED', trigger: 'API' };
      expect(afterRun.value('etl_runs_total', succeeded)).toBe(
        (afterQuery.value('etl_runs_total', succeeded) ?? 0) + 1,
      );
      expect(afterRun.value('etl_run_duration_seconds_count', succeeded)).toBe(
        (afterQuery.value('etl_run_duration_seconds_count', succeeded) ?? 0) + 1,
      );
      expect(afterRun.value('usajobs_requests_total', { outcome: 'success' })).toBe(
        (afterQuery.value('usajobs_requests_total', { outcome: 'success' }) ?? 0) + runEtl.pagesFetched,
      );
      expect(afterRun.value('jobs_stored', { status: 'open' })).toBe(ids.fits.length);
      expect(afterRun.value('jobs_stored', { status: 'closed' })).toBe(0);
      expect(afterRun.value('jobs_stored', { status: 'withdrawn' })).toBe(0);
      expect(afterRun.value('etl_profile_postings_matched_total', { profile: DEFAULT_PROFILE.name })).toBe(
        (afterQuery.value('etl_profile_postings_matched_total', { profile: DEFAULT_PROFILE.name }) ?? 0) +
          ids.fits.length,
      );
    });

    it('when a request carries x-request-id, then the answer echoes it and one info line logs the request under it; a malformed one is replaced', async () => {
      const sent = await fetch(`${service.url}/healthz`, { headers: { 'x-request-id': 'probe-42.a' } });
      expect(sent.headers.get('x-request-id')).toBe('probe-42.a');
      const bad = await fetch(`${service.url}/healthz`, { headers: { 'x-request-id': 'no spaces, please' } });
      const replaced = bad.headers.get('x-request-id')!;
      expect(replaced).toMatch(/^[0-9a-f-]{36}$/);

      const logged = () =>
        service.stdout
          .map((line) => JSON.parse(line) as Record<string, unknown>)
          .filter((line) => line.msg === 'request completed');
      await waitFor(async () => logged().some((line) => line.reqId === replaced));
      const lines = logged().filter((line) => line.reqId === 'probe-42.a');
      expect(lines).toEqual([
        expect.objectContaining({
          level: 30,
          reqId: 'probe-42.a',
          req: expect.objectContaining({ method: 'GET', url: '/healthz' }),
          res: { statusCode: 200 },
          responseTime: expect.any(Number),
        }),
      ]);
    });
  });

  it('when SIGTERM comes during a run, then the run ends CANCELLED with its counts, the waiting request is answered, the lease is freed and the process exits 0', async () => {
    double.failNext(10_000, { kind: 'delay', ms: 300 });
    const service = await startService(serviceEnv());
    let exited = false;
    try {
      const answer = admin(service).request(StartEtlDocument, { wait: true });
      await waitFor(
        async () => ((await EtlRunModel.findOne().lean<EtlRun>())?.pagesFetched ?? 0) >= 1,
        60_000,
        100,
      );
      expect(await service.stop('SIGTERM')).toBe(0);
      exited = true;

      const { runEtl } = await answer;
      expect(runEtl).toMatchObject({
        status: 'CANCELLED',
        warnings: [expect.stringMatching(/shutting down/)],
      });
      const record = (await EtlRunModel.findById(runEtl.id).lean<EtlRun>())!;
      expect(record).toMatchObject({ status: EtlRunStatus.CANCELLED, pagesFetched: runEtl.pagesFetched });
      expect(record.pagesFetched).toBeGreaterThanOrEqual(1);
      expect(await JobModel.countDocuments()).toBe(record.inserted + record.updated + record.unchanged);
      expect(await LeaseModel.countDocuments()).toBe(0);
      expect(service.stdout.some((line) => line.includes('"msg":"shut down"'))).toBe(true);
    } finally {
      if (!exited) await service.stop('SIGKILL');
    }
  });
});
