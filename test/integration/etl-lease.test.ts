import 'reflect-metadata';

import { acquireLease, type HeldLease } from '../../src/etl/lease';
import { ETL_LEASE, runEtl, type RunEtlOptions } from '../../src/etl/run-etl';
import { EtlRunModel, EtlRunStatus } from '../../src/models/etl-run.model';
import { JobModel } from '../../src/models/job.model';
import { LeaseModel } from '../../src/models/lease.model';
import { useTestDatabase } from '../support/db';
import { onLocationSearch, startUsajobsDouble, type UsajobsDouble } from '../support/usajobs-double';
import { buildChicagoFixture } from '../support/usajobs-fixtures';
import { doubleEtlOptions } from '../support/usajobs-test-client';

const TTL_MS = 60_000;

/** "One ETL at a time" holds even when a run loses its lease half-way: the old owner stops, the new one loads. */
describe('runEtl when its lease is lost mid-run', () => {
  useTestDatabase();
  const { items } = buildChicagoFixture();
  let double: UsajobsDouble;

  beforeEach(async () => {
    double = await startUsajobsDouble({ items, maxPageSize: 2 });
    await Promise.all([JobModel.deleteMany({}), EtlRunModel.deleteMany({}), LeaseModel.deleteMany({})]);
  });
  afterEach(async () => {
    await double.close();
  });

  /**
   * Runs the ETL with a client that backs off once, on page 2 of the location search; `takeOver` runs during that
   * back-off, as another process would once this run's renewals had stalled past the TTL.
   */
  async function runLosingTheLease(takeOver: () => Promise<void>, overrides: Partial<RunEtlOptions> = {}) {
    double.failNext(1, { kind: 'status', status: 503 }, (r) => onLocationSearch(r) && r.page === 2);
    const run = await runEtl(
      {},
      doubleEtlOptions(double, {
        leaseTtlMs: TTL_MS,
        client: { sleep: takeOver, maxAttempts: 3 },
        ...overrides,
      }),
    );
    // Page 2 was fetched (after the back-off) but not loaded; neither page 3 nor the remote search was asked for.
    expect(
      double.requests.map((r) => [r.query.RemoteIndicator ?? 'location', r.page, r.fault ?? 'ok']),
    ).toEqual([
      ['location', 1, 'ok'],
      ['location', 2, 'status'],
      ['location', 2, 'ok'],
    ]);
    expect(run.pagesFetched).toBe(1);
    expect(run.inserted).toBeGreaterThan(0);
    expect(await JobModel.countDocuments()).toBe(run.inserted);
    expect(run.status).toBe(EtlRunStatus.PARTIAL);
    expect(await EtlRunModel.findById(run._id).lean()).toMatchObject({
      status: EtlRunStatus.PARTIAL,
      errors: run.errors,
    });
    return run;
  }

  it('when another process overwrites the lease after page 1, then the run stops at the next page without loading it and says why', async () => {
    const newOwner = { owner: 'another-process', runId: 'run-of-another-process' };
    const run = await runLosingTheLease(async () => {
      await LeaseModel.updateOne(
        { _id: ETL_LEASE },
        { $set: { ...newOwner, expiresAt: new Date(Date.now() + TTL_MS) } },
      );
    });
    expect(run.errors).toEqual([
      'stopped before loading page 2 of the location search: ' +
        'the etl lease was lost: run run-of-another-process took it over',
    ]);
    // The old owner's release leaves the new owner's lease alone.
    expect(await LeaseModel.findById(ETL_LEASE).lean()).toMatchObject(newOwner);
  });

  it('when the clock passes the TTL after page 1 and another run acquires the expired lease, then the run stops at the next page', async () => {
    let clock = Date.parse('2026-03-02T12:00:00Z');
    const now = (): Date => new Date(clock);
    let other: HeldLease | undefined;
    const run = await runLosingTheLease(
      async () => {
        clock += TTL_MS + 1;
        const taken = await acquireLease(ETL_LEASE, TTL_MS, 'run-after-the-stall', { now, renewEveryMs: 0 });
        if ('heldBy' in taken) throw new Error(`the expired lease was not free: held by ${taken.heldBy}`);
        other = taken;
      },
      { now },
    );
    expect(run.errors).toEqual([
      expect.stringMatching(/lease was lost: run run-after-the-stall took it over/),
    ]);
    expect(other?.lost).toBe(false);
    expect(await LeaseModel.findById(ETL_LEASE).lean()).toMatchObject({ runId: 'run-after-the-stall' });
    await other?.release();
  });
});
