import 'reflect-metadata';

import { deleteAllJobs } from '../../src/jobs/jobs.service';
import { type ListingSnapshot, ListingSnapshots } from '../../src/jobs/listing-snapshot';
import { DataVersionModel, JOBS_DATA_SET, readDataVersion } from '../../src/models/data-version.model';
import { JobModel } from '../../src/models/job.model';
import {
  JobListingChangeModel,
  JobListingSnapshotPartModel,
  publishJobChanges,
  toJobListing,
} from '../../src/models/job-listing.model';
import { useTestDatabase } from '../support/db';
import { buildJob, seedJobs } from '../support/job-factory';

useTestDatabase();

/** A database as new: no job, no version, no recorded change, no stored listings. */
beforeEach(async () => {
  await JobModel.deleteMany({});
  await JobListingChangeModel.deleteMany({});
  await JobListingSnapshotPartModel.deleteMany({});
  await DataVersionModel.deleteMany({});
});

function titles(snapshot: ListingSnapshot): Record<string, string> {
  return Object.fromEntries([...snapshot.listings()].map((l) => [l._id, l.positionTitle]));
}

/** The snapshot a process starting now builds, and whether it read the jobs collection to build it. */
async function startProcess(): Promise<{ snapshot: ListingSnapshot; readJobs: boolean }> {
  const find = jest.spyOn(JobModel, 'find');
  try {
    const snapshots = new ListingSnapshots();
    const snapshot = await snapshots.at(await readDataVersion(JOBS_DATA_SET));
    await snapshots.stored();
    return { snapshot, readJobs: find.mock.calls.length > 0 };
  } finally {
    find.mockRestore();
  }
}

/** What writers do: inserts, a wipe, new jobs, a change to one of them, each with its recorded change. */
async function writeHistory(): Promise<void> {
  await seedJobs([buildJob({ _id: 'R1' }), buildJob({ _id: 'R2' })]);
  await deleteAllJobs();
  await seedJobs([buildJob({ _id: 'R3', positionTitle: 'Three' }), buildJob({ _id: 'R4' })]);
  const changed = buildJob({ _id: 'R4', positionTitle: 'Four, retitled' });
  await JobModel.replaceOne({ _id: 'R4' }, changed);
  await publishJobChanges({ listings: [toJobListing(changed)] });
}

describe('listings of a young database with none stored', () => {
  it('when every change since the first is recorded, then a starting process builds the listings from them without reading the jobs', async () => {
    await writeHistory();
    const { snapshot, readJobs } = await startProcess();
    expect(titles(snapshot)).toEqual({ R3: 'Three', R4: 'Four, retitled' });
    expect(readJobs).toBe(false);
  });

  it('when a job was stored without any recorded change, then the counts differ and a starting process reads the jobs', async () => {
    await writeHistory();
    await JobModel.insertMany([buildJob({ _id: 'R5', positionTitle: 'Unannounced' })]);
    const { snapshot, readJobs } = await startProcess();
    expect(readJobs).toBe(true);
    expect(Object.keys(titles(snapshot)).sort()).toEqual(['R3', 'R4', 'R5']);
  });

  it('when one change in the history was not recorded, then a starting process reads the jobs', async () => {
    await seedJobs([buildJob({ _id: 'R6' })]);
    await JobModel.insertMany([buildJob({ _id: 'R7' })]);
    await publishJobChanges();
    await seedJobs([buildJob({ _id: 'R8' })]);
    const { snapshot, readJobs } = await startProcess();
    expect(readJobs).toBe(true);
    expect(Object.keys(titles(snapshot)).sort()).toEqual(['R6', 'R7', 'R8']);
  });
});
