import fc from 'fast-check';

import type { JobCriteria } from '../../src/jobs/job-criteria';
import { type JobReads, listingReads, queryReads } from '../../src/jobs/jobs.service';
import { JOBS_DATA_SET, readDataVersion } from '../../src/models/data-version.model';
import { type Job, JobModel, JobStatus } from '../../src/models/job.model';
import { publishJobChanges } from '../../src/models/job-listing.model';
import { useTestDatabase } from '../support/db';
import { buildJob, daysFromNow, seedJobs } from '../support/job-factory';

useTestDatabase();

const NOW = new Date();
const PROFILES = ['p-chicago', 'p-remote', 'p-gone'];

/**
 * Jobs whose profile matches, status, close date, insertion and last change vary, including the shapes of jobs
 * stored before history was kept (no status, no changedAt).
 */
const jobArb = fc
  .record({
    profiles: fc.subarray(PROFILES),
    status: fc.constantFrom(JobStatus.OPEN, JobStatus.WITHDRAWN, undefined),
    closes: fc.option(fc.constantFrom(-5, -0.5, 0.5, 10), { nil: null }),
    firstSeen: fc.constantFrom(-20, -3, -1),
    changed: fc.option(fc.constantFrom(-2, -0.5), { nil: undefined }),
  })
  .map((r) =>
    buildJob({
      matchedProfileIds: r.profiles,
      status: r.status,
      applicationCloseDate: r.closes === null ? null : daysFromNow(r.closes, NOW),
      firstSeenAt: daysFromNow(r.firstSeen, NOW),
      changedAt: r.changed === undefined ? undefined : daysFromNow(r.changed, NOW),
    } as Partial<Job>),
  );

const criteriaArb: fc.Arbitrary<JobCriteria> = fc.record(
  {
    profile: fc.constantFrom(...PROFILES, 'p-unknown'),
    status: fc.constantFrom(JobStatus.OPEN, JobStatus.CLOSED, JobStatus.WITHDRAWN),
    changedSince: fc.constantFrom(-10, -2, -1, 0).map((d) => daysFromNow(d, NOW)),
    openOnly: fc.constantFrom(true, false, null),
  },
  { requiredKeys: [] },
);

async function replaceJobs(jobs: Job[]): Promise<void> {
  await JobModel.deleteMany({});
  await publishJobChanges({ listings: [], reset: true });
  await seedJobs(jobs);
}

async function read(reads: JobReads, filter: JobCriteria): Promise<unknown> {
  const version = await readDataVersion(JOBS_DATA_SET);
  const page = await reads.page({ filter, first: 100, now: NOW }, version);
  const stats = await reads.stats(filter, NOW, version);
  return { ids: page.nodes.map((job) => job._id), total: page.totalCount, stats: stats.totalCount };
}

describe('profile, status and changedSince: the listings in memory answer as the MongoDB queries do', () => {
  it('when random jobs are filtered by profile, status and changedSince, then both ways agree', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(jobArb, { minLength: 0, maxLength: 25 }),
        fc.array(criteriaArb, { minLength: 1, maxLength: 5 }),
        async (jobs, filters) => {
          await replaceJobs(jobs);
          for (const filter of filters)
            expect(await read(listingReads, filter)).toEqual(await read(queryReads, filter));
        },
      ),
      { numRuns: 15 },
    );
  }, 120_000);

  it('when a status is asked for, then OPEN, CLOSED and WITHDRAWN split the jobs, whatever openOnly says', async () => {
    const open = buildJob({ _id: 'OPEN', applicationCloseDate: daysFromNow(3, NOW) });
    const closed = buildJob({ _id: 'CLOSED', applicationCloseDate: daysFromNow(-3, NOW) });
    const undated = buildJob({ _id: 'UNDATED', applicationCloseDate: null });
    const withdrawn = buildJob({
      _id: 'WITHDRAWN',
      status: JobStatus.WITHDRAWN,
      applicationCloseDate: daysFromNow(3, NOW),
    });
    await replaceJobs([open, closed, undated, withdrawn]);
    for (const reads of [listingReads, queryReads]) {
      const ids = async (filter: JobCriteria): Promise<unknown> =>
        ((await read(reads, filter)) as { ids: string[] }).ids.sort();
      expect(await ids({ status: JobStatus.OPEN })).toEqual(['OPEN']);
      expect(await ids({ status: JobStatus.CLOSED, openOnly: true })).toEqual(['CLOSED', 'UNDATED']);
      expect(await ids({ status: JobStatus.WITHDRAWN })).toEqual(['WITHDRAWN']);
      // Without a status, openOnly keeps its meaning (close date ahead), withdrawn or not: isOpen stays as it is.
      expect(await ids({})).toEqual(['OPEN', 'WITHDRAWN']);
    }
  });
});
