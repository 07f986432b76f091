import 'reflect-metadata';

import { EtlRunner } from '../../src/etl/etl-runner';
import { runEtl } from '../../src/etl/run-etl';
import { createSearchProfile, DEFAULT_PROFILE } from '../../src/etl/search-profiles';
import { countJobsByStatus } from '../../src/jobs/job-counts';
import { ServiceMetrics } from '../../src/metrics/service-metrics';
import { EtlRunModel, EtlTrigger } from '../../src/models/etl-run.model';
import { JobModel, JobStatus } from '../../src/models/job.model';
import { publishJobChanges } from '../../src/models/job-listing.model';
import { LeaseModel } from '../../src/models/lease.model';
import { SearchProfileModel } from '../../src/models/search-profile.model';
import { useTestDatabase } from '../support/db';
import { buildJob, daysFromNow, seedJobs } from '../support/job-factory';
import { silentLogger } from '../support/logger';
import { openPosting } from '../support/posting-factory';
import { parsePrometheusText } from '../support/prometheus-text';
import { startUsajobsDouble, type UsajobsDouble } from '../support/usajobs-double';
import { doubleEtlOptions } from '../support/usajobs-test-client';

jest.setTimeout(60_000);

describe('/metrics of the stored jobs and the ETL runs (FerretDB and the USAJOBS double)', () => {
  useTestDatabase();
  let metrics: ServiceMetrics;
  const scrape = async () => parsePrometheusText((await metrics.scrape()).body);

  beforeEach(async () => {
    await Promise.all([
      JobModel.deleteMany({}),
      EtlRunModel.deleteMany({}),
      LeaseModel.deleteMany({}),
      SearchProfileModel.deleteMany({}),
    ]);
    await publishJobChanges({ listings: [], reset: true });
    metrics = new ServiceMetrics({
      logger: silentLogger(),
      jobsByStatus: () => countJobsByStatus(new Date()),
    });
  });

  it('when jobs are open, closed and withdrawn, then jobs_stored has each status, withdrawn ones counted apart whatever their close date', async () => {
    const empty = await scrape();
    for (const status of ['open', 'closed', 'withdrawn'])
      expect(empty.value('jobs_stored', { status })).toBe(0);

    await seedJobs([
      buildJob(),
      buildJob(),
      buildJob({ applicationCloseDate: daysFromNow(-2) }),
      buildJob({ status: JobStatus.WITHDRAWN, withdrawnAt: daysFromNow(-1) }),
      buildJob({ status: JobStatus.WITHDRAWN, applicationCloseDate: daysFromNow(-1) }),
    ]);
    const stored = await scrape();
    expect(stored.value('jobs_stored', { status: 'open' })).toBe(2);
    expect(stored.value('jobs_stored', { status: 'closed' })).toBe(1);
    expect(stored.value('jobs_stored', { status: 'withdrawn' })).toBe(2);
    expect(stored.sum('jobs_stored')).toBe(5);
  });

  it('when no run has ended yet, then etl_runs_total has every final status with every trigger at 0; a cancelled run then counts CANCELLED, with the postings of each profile', async () => {
    const fresh = await scrape();
    for (const status of ['SUCCEEDED', 'PARTIAL', 'FAILED', 'CANCELLED']) {
      for (const trigger of ['API', 'CLI', 'SCHEDULE']) {
        expect(fresh.value('etl_runs_total', { status, trigger })).toBe(0);
      }
    }
    expect(fresh.value('etl_runs_total', { status: 'RUNNING', trigger: 'API' })).toBeUndefined();

    const postings = Array.from({ length: 6 }, (_, i) => openPosting(850_000_000 + i));
    const double: UsajobsDouble = await startUsajobsDouble({ items: postings, maxPageSize: 2 });
    try {
      await createSearchProfile({ ...DEFAULT_PROFILE });
      const runner = new EtlRunner(silentLogger(), (run) => metrics.etlRunFinished(run));
      const options = doubleEtlOptions(double, { trigger: EtlTrigger.SCHEDULE });
      const done = await runner.run((control) => runEtl({}, { ...options, ...control }), { wait: true });
      expect(done.status).toBe('SUCCEEDED');
      double.failNext(1, { kind: 'delay', ms: 300 });
      const running = await runner.run((control) => runEtl({}, { ...options, ...control }), {
        wait: false,
      });
      runner.stopAll('cancelled: test');
      expect(await runner.idle(30_000)).toBe(true);
      expect(await EtlRunModel.findById(running._id).lean()).toMatchObject({ status: 'CANCELLED' });
    } finally {
      await double.close();
    }

    const after = await scrape();
    expect(after.value('etl_runs_total', { status: 'SUCCEEDED', trigger: 'SCHEDULE' })).toBe(1);
    expect(after.value('etl_runs_total', { status: 'CANCELLED', trigger: 'SCHEDULE' })).toBe(1);
    expect(after.value('etl_run_duration_seconds_count', { status: 'CANCELLED', trigger: 'SCHEDULE' })).toBe(
      1,
    );
    expect(after.types.get('etl_profile_postings_matched_total')).toBe('counter');
    // 6 from the run that went through, those of the first page (2) from the cancelled one.
    expect(after.value('etl_profile_postings_matched_total', { profile: DEFAULT_PROFILE.name })).toBe(8);
    expect(after.value('etl_profile_jobs_withdrawn_total', { profile: DEFAULT_PROFILE.name })).toBe(0);
  });
});
