import 'reflect-metadata';

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import mongoose from 'mongoose';

import { connect, disconnect } from '../../src/db/connection';
import { type EmbeddedDb, startEmbeddedDb } from '../../src/db/embedded';
import { EtlConflictError } from '../../src/etl/etl.errors';
import { runEtl, type RunEtlOptions } from '../../src/etl/run-etl';
import { EtlRunModel, EtlRunStatus } from '../../src/models/etl-run.model';
import { JobModel } from '../../src/models/job.model';
import { withDbName } from '../support/db';
import { silentLogger } from '../support/logger';
import { ROOT, waitFor } from '../support/service-process';
import {
  DOUBLE_API_KEY,
  DOUBLE_USER_AGENT,
  onLocationSearch,
  startUsajobsDouble,
  type UsajobsDouble,
} from '../support/usajobs-double';
import { buildChicagoFixture } from '../support/usajobs-fixtures';
import { doubleEtlOptions } from '../support/usajobs-test-client';

jest.setTimeout(90_000);

/**
 * The database goes away under a running ETL. This file runs its own database server (it stops and restarts it), not
 * the run's shared one.
 */
describe('ETL runs under database faults', () => {
  const { items, ids } = buildChicagoFixture();
  const dbName = 'etl_db_faults';
  let dataDir: string;
  let db: EmbeddedDb;
  let port: number;
  let double: UsajobsDouble;

  const options = (overrides: Partial<RunEtlOptions> = {}): RunEtlOptions =>
    doubleEtlOptions(double, {
      leaseTtlMs: 1_000,
      client: { maxAttempts: 2, timeoutMs: 10_000, sleep: async () => undefined },
      ...overrides,
    });

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'job-tracker-dbfaults-'));
    db = await startEmbeddedDb({ dataDir, port: 0, logger: silentLogger() });
    port = Number(new URL(db.uri).port);
    await connect(db.uri, { dbName, serverSelectionTimeoutMS: 1_500 });
    double = await startUsajobsDouble({ items, maxPageSize: 2 });
  });
  afterAll(async () => {
    await double.close();
    await mongoose.connection.db?.dropDatabase().catch(() => undefined);
    await disconnect();
    await db.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('when the database stops in the middle of a run, then the run ends FAILED or PARTIAL; once it is back a re-run converges with no duplicates', async () => {
    // Long enough for the server to be fully gone (FerretDB lets open connections finish for a few seconds).
    double.failNext(1, { kind: 'delay', ms: 6_000 }, (r) => onLocationSearch(r) && r.page === 2);
    const running = runEtl({}, options());
    await waitFor(async () => double.requests.some((r) => onLocationSearch(r) && r.page === 2), 10_000, 20);
    await db.stop();

    // Ends at all: a run that waited for the database would outlast the test's timeout.
    const run = await running;
    expect([EtlRunStatus.FAILED, EtlRunStatus.PARTIAL]).toContain(run.status);
    expect(run.errors.join('\n')).toMatch(/server selection|connect|topology|closed|ECONNREFUSED/i);

    db = await startEmbeddedDb({ dataDir, port, logger: silentLogger() });
    await waitFor(async () => (await mongoose.connection.db!.admin().ping()).ok === 1, 30_000);
    // The stopped run's lease could not be released: it expires after its TTL (1 s), so a run 1.1 s later takes it.
    const rerun = await runEtl({}, options({ now: () => new Date(Date.now() + 1_100) }));
    expect(rerun.status).toBe(EtlRunStatus.SUCCEEDED);
    expect(rerun.inserted + rerun.updated + rerun.unchanged).toBe(ids.fits.length);
    const stored = await JobModel.find({}, { _id: 1 }).lean();
    expect(stored.map((job) => job._id).sort()).toEqual([...ids.fits].sort());
    expect(await EtlRunModel.countDocuments({ status: EtlRunStatus.RUNNING })).toBe(0);
  });

  it('when the ETL process is killed with SIGKILL mid-run, then the next run waits out the lease, marks the stale record FAILED and converges', async () => {
    await JobModel.deleteMany({});
    const baseline = double.requests.length;
    double.failNext(1, { kind: 'delay', ms: 20_000 }, (r) => onLocationSearch(r) && r.page === 2);
    const child = spawn(process.execPath, ['dist/cli/etl.js'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        MONGO_URI: withDbName(db.uri, dbName),
        USAJOBS_BASE_URL: double.url,
        USAJOBS_API_KEY: DOUBLE_API_KEY,
        USAJOBS_USER_AGENT: DOUBLE_USER_AGENT,
        USAJOBS_REQUEST_INTERVAL_MS: '0',
        ETL_LEASE_TTL_MS: '1500',
      },
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await waitFor(
      async () => double.requests.slice(baseline).some((r) => onLocationSearch(r) && r.page === 2),
      20_000,
      20,
    );
    const killedRun = await EtlRunModel.findOne({ status: EtlRunStatus.RUNNING }).lean();
    expect(killedRun).not.toBeNull();
    child.kill('SIGKILL');
    await exited;

    await expect(runEtl({}, options())).rejects.toBeInstanceOf(EtlConflictError);
    // The killed process's lease (TTL 1.5 s, never renewed again) has expired for a run 1.6 s later.
    const next = await runEtl({}, options({ now: () => new Date(Date.now() + 1_600) }));
    expect(next.status).toBe(EtlRunStatus.SUCCEEDED);
    expect(await EtlRunModel.findById(killedRun!._id).lean()).toMatchObject({
      status: EtlRunStatus.FAILED,
      errors: [expect.stringMatching(/abandoned/)],
    });
    expect((await JobModel.find({}, { _id: 1 }).lean()).map((j) => j._id).sort()).toEqual(
      [...ids.fits].sort(),
    );
  });
});
