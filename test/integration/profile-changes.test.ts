import 'reflect-metadata';

import { ETL_LEASE, PROFILE_CHANGES_HOLDER } from '../../src/etl/etl-lease';
import { acquireLease, type HeldLease } from '../../src/etl/lease';
import { runEtl, type RunEtlOptions } from '../../src/etl/run-etl';
import {
  createSearchProfile,
  DEFAULT_PROFILE,
  deleteSearchProfile,
  updateSearchProfile,
} from '../../src/etl/search-profiles';
import { DeletedSearchProfileModel } from '../../src/models/deleted-search-profile.model';
import { EtlRunModel, EtlRunStatus } from '../../src/models/etl-run.model';
import { JobModel, JobStatus } from '../../src/models/job.model';
import { LeaseModel } from '../../src/models/lease.model';
import { SearchProfileModel } from '../../src/models/search-profile.model';
import { useTestDatabase } from '../support/db';
import { openPosting } from '../support/posting-factory';
import { startUsajobsDouble, type UsajobsDouble } from '../support/usajobs-double';
import { doubleEtlOptions } from '../support/usajobs-test-client';

jest.setTimeout(60_000);

/**
 * A profile narrowed or deleted while a run goes on: the change is stored at once, and its jobs are unmatched by
 * the run before it ends, never overwritten by what the run read before the change.
 */
describe('search profile changes and ETL runs (FerretDB and the USAJOBS double)', () => {
  useTestDatabase();
  const postings = Array.from({ length: 10 }, (_, i) => openPosting(840_000_000 + i));
  const postingIds = postings.map((posting) => posting.MatchedObjectId).sort();
  // Posted after the first run: a run that matches them does so by the profiles as it read them.
  const newcomers = Array.from({ length: 6 }, (_, i) => openPosting(840_000_100 + i));
  const allIds = [...postings, ...newcomers].map((posting) => posting.MatchedObjectId).sort();
  let double: UsajobsDouble;
  let wide: string;
  let other: string;

  const options = (overrides: Partial<RunEtlOptions> = {}): RunEtlOptions =>
    doubleEtlOptions(double, overrides);
  /** Stored jobs matched by the profile, by control number. */
  const matchedBy = async (profileId: string): Promise<string[]> =>
    (await JobModel.find({}, { matchedProfileIds: 1 }).lean())
      .filter((job) => (job.matchedProfileIds ?? []).includes(profileId))
      .map((job) => job._id)
      .sort();
  /** Narrows the profile so that none of the postings (GS-12) fits it any more. */
  const narrow = (id: string) => updateSearchProfile(id, { yearsOfExperience: 15 });

  beforeAll(async () => {
    // Two postings a page: the location search reads 5 pages, so a change can come in the middle of a run.
    double = await startUsajobsDouble({ items: postings, maxPageSize: 2 });
  });
  afterAll(async () => {
    await double.close();
  });
  beforeEach(async () => {
    double.setItems(postings);
    await Promise.all([
      JobModel.deleteMany({}),
      EtlRunModel.deleteMany({}),
      LeaseModel.deleteMany({}),
      SearchProfileModel.deleteMany({}),
      DeletedSearchProfileModel.deleteMany({}),
    ]);
    wide = (await createSearchProfile({ ...DEFAULT_PROFILE }))._id;
    // The same search near Chicago, no remote one: it matches every posting too.
    other = (await createSearchProfile({ ...DEFAULT_PROFILE, name: 'other seeker', includeRemote: false }))
      ._id;
    expect(await runEtl({}, options())).toMatchObject({ status: EtlRunStatus.SUCCEEDED, inserted: 10 });
    expect(await matchedBy(wide)).toEqual(postingIds);
  });

  it('when a profile is narrowed while a run goes on, then the change is stored at once and after the run no job keeps the match it had by the old search', async () => {
    double.setItems([...postings, ...newcomers]);
    let changedAt = -1;
    const run = await runEtl(
      {},
      options({
        onProgress: async (event) => {
          if (changedAt >= 0) return;
          changedAt = event.pagesFetched;
          const changed = await narrow(wide);
          expect(changed).toMatchObject({ yearsOfExperience: 15, matchesStale: 1 });
        },
      }),
    );

    expect(changedAt).toBe(1);
    expect(run).toMatchObject({ status: EtlRunStatus.SUCCEEDED, warnings: [] });
    expect(run.pagesFetched).toBeGreaterThan(changedAt);
    expect(await matchedBy(wide)).toEqual([]);
    expect(await matchedBy(other)).toEqual(allIds);
    expect((await JobModel.find({}, { _id: 1 }).lean()).map((job) => job._id).sort()).toEqual(allIds);
    expect(await JobModel.countDocuments({ status: JobStatus.WITHDRAWN })).toBe(0);
    expect(await SearchProfileModel.findById(wide).lean()).toMatchObject({ matchesStale: 0 });

    // The next run goes by the narrowed search: still nothing for it, nothing withdrawn.
    const next = await runEtl({}, options());
    expect(next).toMatchObject({ status: EtlRunStatus.SUCCEEDED, withdrawn: 0 });
    expect(next.profiles.find((profile) => profile.profileId === wide)).toMatchObject({ matched: 0 });
    expect(await matchedBy(wide)).toEqual([]);
    expect(await matchedBy(other)).toEqual(allIds);
  });

  it('when a profile is deleted while a run goes on, then after the run no job names it and every job is still stored', async () => {
    double.setItems([...postings, ...newcomers]);
    let deleted = false;
    const run = await runEtl(
      {},
      options({
        onProgress: async () => {
          if (deleted) return;
          deleted = await deleteSearchProfile(other);
        },
      }),
    );

    expect(deleted).toBe(true);
    expect(run.status).toBe(EtlRunStatus.SUCCEEDED);
    expect(await matchedBy(other)).toEqual([]);
    expect(await matchedBy(wide)).toEqual(allIds);
    expect(await JobModel.countDocuments()).toBe(allIds.length);
    expect(await DeletedSearchProfileModel.countDocuments()).toBe(0);
  });

  it('when a change finds the lease held by a process that then dies, then the next run unmatches its jobs before it reads them, and runs by the new search', async () => {
    const crashed = (await acquireLease(ETL_LEASE, 60_000, 'run-of-a-crashed-process')) as HeldLease;
    await narrow(wide);
    // Not done yet: a run holds the lease.
    expect(await matchedBy(wide)).toEqual(postingIds);
    await crashed.release();

    const run = await runEtl({}, options());

    expect(run).toMatchObject({ status: EtlRunStatus.SUCCEEDED, withdrawn: 0 });
    expect(run.profiles.find((profile) => profile.profileId === wide)).toMatchObject({ matched: 0 });
    expect(await matchedBy(wide)).toEqual([]);
    expect(await matchedBy(other)).toEqual(postingIds);
  });

  it('when no run holds the lease, then a change unmatches the jobs before it returns, and frees the lease', async () => {
    await narrow(wide);
    expect(await matchedBy(wide)).toEqual([]);
    expect(await deleteSearchProfile(other)).toBe(true);
    expect(await matchedBy(other)).toEqual([]);
    expect(await LeaseModel.countDocuments()).toBe(0);
    expect(await JobModel.countDocuments()).toBe(10);
  });

  it('when a run starts while profile changes hold the lease, then it waits for them instead of answering CONFLICT', async () => {
    const changes = (await acquireLease(ETL_LEASE, 60_000, PROFILE_CHANGES_HOLDER)) as HeldLease;
    let released = false;
    const run = runEtl(
      {},
      options({
        onStarted: () => expect(released).toBe(true),
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 600));
    released = true;
    await changes.release();
    expect(await run).toMatchObject({ status: EtlRunStatus.SUCCEEDED });
  });
});
