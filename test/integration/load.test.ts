import 'reflect-metadata';

import { contentHash, INSERT_BATCH_SIZE, JobLoader, LOAD_BATCH_SIZE, loadJobs } from '../../src/etl/load';
import { type JobData, parseItem } from '../../src/etl/transform';
import { lastSeenAtOf, latestSightings } from '../../src/jobs/last-seen';
import { JOBS_DATA_SET, readDataVersion } from '../../src/models/data-version.model';
import { type Job, JobModel } from '../../src/models/job.model';
import { publishJobChanges, readJobChange } from '../../src/models/job-listing.model';
import { readJobLoadState } from '../../src/models/job-load-state.model';
import { JobSightingModel } from '../../src/models/job-sighting.model';
import { useTestDatabase } from '../support/db';
import { buildJob } from '../support/job-factory';
import { loadSampleItems } from '../support/usajobs-fixtures';

/** A parsed job as the transform hands it to the load (fixed dates: equal calls give equal hashes). */
function jobData(id: string, overrides: Partial<JobData> = {}): JobData {
  const {
    contentHash: _hash,
    firstSeenAt: _first,
    lastSeenAt: _last,
    ...data
  } = buildJob({
    _id: id,
    publicationStartDate: new Date('2024-06-06T04:00:00Z'),
    applicationCloseDate: new Date('2024-06-17T03:59:59.997Z'),
    ...(overrides as Partial<Job>),
  });
  return data as JobData;
}

/** `lastSeenAt` as the API shows it (the stored value or a later sighting), per stored job. */
async function lastSeen(ids: readonly string[]): Promise<Map<string, Date>> {
  const sightings = await latestSightings();
  const jobs = await JobModel.find({ _id: { $in: [...ids] } }, { lastSeenAt: 1 }).lean();
  return new Map(jobs.map((job) => [job._id, lastSeenAtOf(job, sightings)]));
}

describe('loadJobs', () => {
  useTestDatabase();
  beforeEach(async () => {
    await Promise.all([JobModel.deleteMany({}), JobSightingModel.deleteMany({})]);
  });

  it('when jobs are new, then all are inserted with firstSeenAt = lastSeenAt = the run time', async () => {
    const at = new Date('2026-01-01T00:00:00Z');
    const result = await loadJobs([jobData('1'), jobData('2')], at);
    expect(result).toEqual({ inserted: 2, updated: 0, unchanged: 0, changed: 0, failed: [] });
    const stored = await JobModel.findById('1').lean();
    expect(stored).toMatchObject({ positionTitle: 'Data Engineer 1', firstSeenAt: at, lastSeenAt: at });
    expect(stored?.contentHash).toBe(contentHash(jobData('1')));
  });

  it('when the same jobs load again, then all are unchanged, lastSeenAt moves and firstSeenAt stays', async () => {
    const first = new Date('2026-01-01T00:00:00Z');
    const second = new Date('2026-01-02T00:00:00Z');
    await loadJobs([jobData('1'), jobData('2')], first);
    const result = await loadJobs([jobData('1'), jobData('2')], second);
    expect(result).toEqual({ inserted: 0, updated: 0, unchanged: 2, changed: 0, failed: [] });
    expect(await JobModel.findById('2').lean()).toMatchObject({ firstSeenAt: first });
    expect((await lastSeen(['2'])).get('2')).toEqual(second);
  });

  it('when nothing changed, then no job is written and the jobs data version stays (readers keep their caches)', async () => {
    await loadJobs([jobData('1'), jobData('2')], new Date('2026-01-01T00:00:00Z'));
    const version = await readDataVersion(JOBS_DATA_SET);
    const before = await JobModel.find().sort({ _id: 1 }).lean();
    const result = await loadJobs([jobData('1'), jobData('2')], new Date('2026-01-02T00:00:00Z'));
    expect(result.unchanged).toBe(2);
    expect(await readDataVersion(JOBS_DATA_SET)).toBe(version);
    expect(await JobModel.find().sort({ _id: 1 }).lean()).toEqual(before);
  });

  it('when runs see jobs unchanged, then after each run the sightings hold one document per run time, only for jobs not written since, and lastSeenAt stays what the runs saw', async () => {
    const [t1, t2, t3] = ['2026-01-01', '2026-01-02', '2026-01-03'].map(
      (day) => new Date(`${day}T00:00:00Z`),
    );
    await loadJobs([jobData('1'), jobData('2'), jobData('3')], t1!);
    await loadJobs([jobData('1'), jobData('2')], t2!);
    // One page after another, as a run loads them, then the run's end.
    const loader = await JobLoader.open(t3!);
    await loader.load([jobData('1')]);
    await loader.load([jobData('2', { highGrade: 15 })]);
    await loader.finish();

    const sightings = await JobSightingModel.find().lean();
    expect(sightings.map((doc) => ({ at: doc.at, ids: [...doc.ids].sort() }))).toEqual([
      { at: t3, ids: ['1'] },
    ]);
    expect(await lastSeen(['1', '2', '3'])).toEqual(
      new Map([
        ['1', t3],
        ['2', t3],
        ['3', t1],
      ]),
    );
  });

  it('when a load ends, then it saves what it knows of every stored job for the next one, at the current jobs data version', async () => {
    await loadJobs([jobData('1'), jobData('2', { highGrade: 15 })], new Date('2026-01-01T00:00:00Z'));
    const rows = await readJobLoadState(await readDataVersion(JOBS_DATA_SET));
    expect(rows?.map(([id, hash]) => [id, hash]).sort()).toEqual([
      ['1', contentHash(jobData('1'))],
      ['2', contentHash(jobData('2', { highGrade: 15 }))],
    ]);
  });

  it.each([
    ['published (the jobs data version moved)', true],
    ['not published (the number of stored jobs tells)', false],
  ])(
    'when another writer deleted a job since the state was saved, %s, then the next load reads the jobs and stores it again',
    async (_how, published) => {
      await loadJobs([jobData('1'), jobData('2')], new Date('2026-01-01T00:00:00Z'));
      await JobModel.deleteOne({ _id: '1' });
      if (published) await publishJobChanges();
      const result = await loadJobs([jobData('1'), jobData('2')], new Date('2026-01-02T00:00:00Z'));
      expect(result).toEqual({ inserted: 1, updated: 0, unchanged: 1, changed: 0, failed: [] });
      expect(await JobModel.countDocuments()).toBe(2);
    },
  );

  it('when the real samples are inserted, then each stored document is already what mongoose makes of it (types, keys, defaults)', async () => {
    const jobs = new Map<string, JobData>();
    for (const item of loadSampleItems()) {
      const parsed = parseItem(item);
      if (parsed.ok) jobs.set(parsed.job._id, parsed.job);
    }
    expect(jobs.size).toBeGreaterThan(50);
    await loadJobs([...jobs.values()], new Date('2026-01-01T00:00:00Z'));
    const stored = await JobModel.find().lean<Job[]>();
    expect(stored).toHaveLength(jobs.size);
    for (const doc of stored) expect(doc).toEqual(new JobModel(doc).toObject());
  });

  it('when one posting changed, then exactly that one counts as updated and its new value is stored', async () => {
    await loadJobs([jobData('1'), jobData('2'), jobData('3')], new Date('2026-01-01T00:00:00Z'));
    const changed = jobData('2', { annualSalary: { min: 100000, max: 130000 } });
    const result = await loadJobs(
      [jobData('1'), changed, jobData('3'), jobData('4')],
      new Date('2026-01-02T00:00:00Z'),
    );
    expect(result).toEqual({ inserted: 1, updated: 1, unchanged: 2, changed: 1, failed: [] });
    expect((await JobModel.findById('2').lean())?.annualSalary).toEqual({ min: 100000, max: 130000 });
  });

  it('when a field is cleared to null, then that counts as an update', async () => {
    await loadJobs([jobData('1')], new Date('2026-01-01T00:00:00Z'));
    const result = await loadJobs([jobData('1', { departmentName: null })], new Date('2026-01-02T00:00:00Z'));
    expect(result.updated).toBe(1);
    expect((await JobModel.findById('1').lean())?.departmentName ?? null).toBeNull();
  });

  it('when more new jobs than one insert batch load, then every one is stored once', async () => {
    const jobs = Array.from({ length: INSERT_BATCH_SIZE + 37 }, (_, i) => jobData(String(1000 + i)));
    const result = await loadJobs(jobs, new Date('2026-01-01T00:00:00Z'));
    expect(result).toEqual({ inserted: jobs.length, updated: 0, unchanged: 0, changed: 0, failed: [] });
    expect(await JobModel.countDocuments()).toBe(jobs.length);
  });

  it('when more stored jobs than two update batches load again, then every one is unchanged but the changed one', async () => {
    const jobs = Array.from({ length: 2 * LOAD_BATCH_SIZE + 7 }, (_, i) => jobData(String(5000 + i)));
    await loadJobs(jobs, new Date('2026-01-01T00:00:00Z'));
    const again = jobs.map((job, i) => (i === LOAD_BATCH_SIZE + 1 ? { ...job, highGrade: 15 } : job));
    expect(await loadJobs(again, new Date('2026-01-02T00:00:00Z'))).toEqual({
      inserted: 0,
      updated: 1,
      unchanged: jobs.length - 1,
      changed: 1,
      failed: [],
    });
    const seen = await lastSeen(jobs.map((job) => job._id));
    expect(
      [...seen.values()].filter((at) => at.getTime() === Date.parse('2026-01-02T00:00:00Z')),
    ).toHaveLength(jobs.length);
  });

  it('when another writer stores jobs after the loader read the hashes, then each is classified by reading it: equal ones unchanged, different ones updated', async () => {
    const first = new Date('2026-01-01T00:00:00Z');
    const loader = await JobLoader.open(new Date('2026-01-02T00:00:00Z'));
    // Stored after the loader's one read: a writer outside the lease (the lease keeps other ETL runs out).
    await loadJobs([jobData('1'), jobData('2')], first);
    const result = await loader.load([jobData('1'), jobData('2', { highGrade: 14 }), jobData('3')]);
    expect(result).toEqual({ inserted: 1, updated: 1, unchanged: 1, changed: 1, failed: [] });
    expect(await JobModel.findById('1').lean()).toMatchObject({
      firstSeenAt: first,
      lastSeenAt: new Date('2026-01-02T00:00:00Z'),
    });
    expect(await JobModel.findById('2').lean()).toMatchObject({ highGrade: 14, firstSeenAt: first });
    expect(await JobModel.countDocuments()).toBe(3);
  });

  it('when stored jobs are deleted (wipe) after the loader read the hashes, then they are stored again and counted as inserted', async () => {
    await loadJobs([jobData('1'), jobData('2'), jobData('3')], new Date('2026-01-01T00:00:00Z'));
    const loader = await JobLoader.open(new Date('2026-01-02T00:00:00Z'));
    // As every writer of jobs does (wipe included), the deletion is published: readers need it too.
    await JobModel.deleteMany({ _id: { $in: ['1', '3'] } });
    const deletedAt = await publishJobChanges();
    const result = await loader.load([
      jobData('1'),
      jobData('2'),
      jobData('3', { positionTitle: 'Data Engineer (Streaming)' }),
    ]);
    expect(result).toEqual({ inserted: 2, updated: 0, unchanged: 1, changed: 0, failed: [] });
    expect((await JobModel.find().sort({ _id: 1 }).lean()).map((job) => job._id)).toEqual(['1', '2', '3']);
    // Readers learn the listings of the jobs written again.
    const published: string[] = [];
    for (let version = deletedAt + 1; version <= (await readDataVersion(JOBS_DATA_SET)); version++) {
      published.push(...((await readJobChange(version))?.listings.map((listing) => listing._id) ?? []));
    }
    expect(published.sort()).toEqual(['1', '3']);
  });

  it('when one loader loads a job twice, then the second time it is unchanged (the loader keeps its map current)', async () => {
    const loader = await JobLoader.open(new Date('2026-01-01T00:00:00Z'));
    expect(await loader.load([jobData('1')])).toMatchObject({ inserted: 1 });
    expect(await loader.load([jobData('1')])).toEqual({
      inserted: 0,
      updated: 0,
      unchanged: 1,
      changed: 0,
      failed: [],
    });
    expect(await loader.load([jobData('1', { highGrade: 15 })])).toMatchObject({ updated: 1 });
  });

  it('contentHash ignores key order and undefined, and sees any value change', () => {
    const a = jobData('1');
    const reordered = Object.fromEntries(Object.entries(a).reverse()) as unknown as JobData;
    expect(contentHash(reordered)).toBe(contentHash(a));
    expect(contentHash({ ...a, jobSummary: undefined } as unknown as JobData)).toBe(
      contentHash(
        Object.fromEntries(Object.entries(a).filter(([k]) => k !== 'jobSummary')) as unknown as JobData,
      ),
    );
    expect(contentHash(jobData('1', { highGrade: 14 }))).not.toBe(contentHash(a));
  });
});
