import mongoose from 'mongoose';

import { findJobById, listingReads, queryReads, READ_MAX_TIME_MS } from '../../src/jobs/jobs.service';
import { JOBS_DATA_SET, readDataVersion } from '../../src/models/data-version.model';
import { useTestDatabase } from '../support/db';
import { buildJob, seedJobs } from '../support/job-factory';

useTestDatabase();

const originalExec = mongoose.Query.prototype.exec;

/**
 * A request that gives up at its deadline must not leave its queries running in the database (issue 13 item 0):
 * every jobs read carries maxTimeMS, so the server stops it too.
 */
describe('jobs reads and their deadline', () => {
  it('when the jobs reads query the database, then every query carries maxTimeMS of the request deadline', async () => {
    await seedJobs([buildJob({ _id: 'D1' }), buildJob({ _id: 'D2' })]);
    const version = await readDataVersion(JOBS_DATA_SET);
    const seen: { op: string; maxTimeMS: unknown }[] = [];
    const exec = jest.spyOn(mongoose.Query.prototype, 'exec').mockImplementation(function (
      this: mongoose.Query<unknown, unknown>,
      ...args: unknown[]
    ) {
      if (this.model?.modelName === 'Job')
        seen.push({ op: (this as { op?: string }).op ?? '', maxTimeMS: this.getOptions().maxTimeMS });
      return originalExec.apply(this, args as []);
    });
    try {
      const now = new Date();
      await queryReads.page({ first: 1, now }, version);
      await queryReads.stats({ keyword: 'data' }, now, version);
      await listingReads.page({ first: 2, now }, version);
      await findJobById('D1');
    } finally {
      exec.mockRestore();
    }
    expect(seen.length).toBeGreaterThanOrEqual(5);
    expect(seen.filter((query) => query.maxTimeMS !== READ_MAX_TIME_MS)).toEqual([]);
  });
});
