import 'reflect-metadata';

import { contentHash, LOAD_BATCH_SIZE, loadJobs } from '../../src/etl/load';
import type { JobData } from '../../src/etl/transform';
import { type Job, JobModel } from '../../src/models/job.model';
import { useTestDatabase } from '../support/db';
import { buildJob } from '../support/job-factory';

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

describe('loadJobs', () => {
  useTestDatabase();
  beforeEach(async () => {
    await JobModel.deleteMany({});
  });

  it('when jobs are new, then all are inserted with firstSeenAt = lastSeenAt = the run time', async () => {
    const at = new Date('2026-01-01T00:00:00Z');
    const result = await loadJobs([jobData('1'), jobData('2')], at);
    expect(result).toEqual({ inserted: 2, updated: 0, unchanged: 0, failed: [] });
    const stored = await JobModel.findById('1').lean();
    expect(stored).toMatchObject({ positionTitle: 'Data Engineer 1', firstSeenAt: at, lastSeenAt: at });
    expect(stored?.contentHash).toBe(contentHash(jobData('1')));
  });

  it('when the same jobs load again, then all are unchanged, lastSeenAt moves and firstSeenAt stays', async () => {
    const first = new Date('2026-01-01T00:00:00Z');
    const second = new Date('2026-01-02T00:00:00Z');
    await loadJobs([jobData('1'), jobData('2')], first);
    const result = await loadJobs([jobData('1'), jobData('2')], second);
    expect(result).toEqual({ inserted: 0, updated: 0, unchanged: 2, failed: [] });
    expect(await JobModel.findById('2').lean()).toMatchObject({ firstSeenAt: first, lastSeenAt: second });
  });

  it('when one posting changed, then exactly that one counts as updated and its new value is stored', async () => {
    await loadJobs([jobData('1'), jobData('2'), jobData('3')], new Date('2026-01-01T00:00:00Z'));
    const changed = jobData('2', { annualSalary: { min: 100000, max: 130000 } });
    const result = await loadJobs(
      [jobData('1'), changed, jobData('3'), jobData('4')],
      new Date('2026-01-02T00:00:00Z'),
    );
    expect(result).toEqual({ inserted: 1, updated: 1, unchanged: 2, failed: [] });
    expect((await JobModel.findById('2').lean())?.annualSalary).toEqual({ min: 100000, max: 130000 });
  });

  it('when a field is cleared to null, then that counts as an update', async () => {
    await loadJobs([jobData('1')], new Date('2026-01-01T00:00:00Z'));
    const result = await loadJobs([jobData('1', { departmentName: null })], new Date('2026-01-02T00:00:00Z'));
    expect(result.updated).toBe(1);
    expect((await JobModel.findById('1').lean())?.departmentName ?? null).toBeNull();
  });

  it('when more jobs than one batch load, then every one is stored once', async () => {
    const jobs = Array.from({ length: LOAD_BATCH_SIZE + 37 }, (_, i) => jobData(String(1000 + i)));
    const result = await loadJobs(jobs, new Date('2026-01-01T00:00:00Z'));
    expect(result.inserted).toBe(jobs.length);
    expect(await JobModel.countDocuments()).toBe(jobs.length);
  });

  it('when a job appears between the read and the insert, then it is upserted after all and counted as updated', async () => {
    const first = new Date('2026-01-01T00:00:00Z');
    await loadJobs([jobData('1')], first);
    // The batch's read misses job 1, as if another writer had stored it a moment later.
    jest.spyOn(JobModel, 'find').mockReturnValueOnce({ lean: async () => [] } as never);
    const result = await loadJobs(
      [jobData('1', { highGrade: 14 }), jobData('2')],
      new Date('2026-01-02T00:00:00Z'),
    );
    expect(result).toEqual({ inserted: 1, updated: 1, unchanged: 0, failed: [] });
    expect(await JobModel.findById('1').lean()).toMatchObject({ highGrade: 14, firstSeenAt: first });
    expect(await JobModel.countDocuments()).toBe(2);
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
