import 'reflect-metadata';

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import mongoose from 'mongoose';

import { connect, disconnect } from '../../src/db/connection';
import { type EmbeddedDb, startEmbeddedDb } from '../../src/db/embedded';
import { ErrorCode } from '../../src/graphql/errors';
import { type RunningServer, startHttpServer } from '../../src/http/app';
import { testGraphqlDeps } from '../support/graphql-app';
import { buildJob, seedJobs } from '../support/job-factory';
import { captureLogger, silentLogger } from '../support/logger';
import { errorCodes, postRaw, type RawResponse } from '../support/raw-graphql';
import { waitFor } from '../support/service-process';

jest.setTimeout(90_000);

const JOBS_QUERY = { query: '{ jobs(first: 5) { totalCount nodes { id } } }' };
/** What must never reach a client: driver error names, hosts and ports, stack frames. */
const INTERNALS =
  /Mongo|mongoose|ECONNREFUSED|127\.0\.0\.1|topology|server selection|\bat \S+ \(|node_modules|\/src\//i;

/**
 * The database goes away under the running HTTP service and comes back. This file runs its own database server (it
 * stops and restarts it), not the run's shared one.
 */
describe('the HTTP service through a database outage', () => {
  const dbName = 'service_db_outage';
  const log = captureLogger();
  let dataDir: string;
  let db: EmbeddedDb;
  let port: number;
  let server: RunningServer;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'job-tracker-outage-'));
    db = await startEmbeddedDb({ dataDir, port: 0, logger: silentLogger() });
    port = Number(new URL(db.uri).port);
    await connect(db.uri, { dbName, serverSelectionTimeoutMS: 1_500 });
    await seedJobs(Array.from({ length: 7 }, () => buildJob()));
    server = await startHttpServer(testGraphqlDeps({ logger: log.logger }), { host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await server?.close();
    await mongoose.connection.db?.dropDatabase().catch(() => undefined);
    await disconnect();
    await db?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const health = async (): Promise<{ status: number; body: unknown }> => {
    const response = await fetch(`${server.url}/healthz`);
    return { status: response.status, body: await response.json() };
  };
  const jobs = (): Promise<RawResponse> => postRaw(`${server.url}/graphql`, JOBS_QUERY);

  it('when the database is up, then /healthz is 200 and jobs answer', async () => {
    expect(await health()).toEqual({ status: 200, body: { status: 'ok', db: 'up', nextEtlRunAt: null } });
    const response = await jobs();
    expect(response.status).toBe(200);
    expect(response.json?.data).toMatchObject({ jobs: { totalCount: 7 } });
  });

  it('when the database stops, then /healthz is 503 degraded and jobs fail with 503 DATABASE_UNAVAILABLE, no internals', async () => {
    await db.stop();

    expect(await health()).toEqual({
      status: 503,
      body: { status: 'degraded', db: 'down', nextEtlRunAt: null },
    });
    for (let i = 0; i < 3; i++) {
      // DATABASE_UNAVAILABLE, not the deadline's REQUEST_TIMEOUT: the driver gave up before the query deadline.
      const response = await jobs();
      expect(response.status).toBe(503);
      expect(errorCodes(response)).toEqual([ErrorCode.DATABASE_UNAVAILABLE]);
      expect(response.json).toEqual({
        data: null,
        errors: [
          {
            message: 'The database is unavailable; try again later',
            locations: [{ line: 1, column: 3 }],
            path: ['jobs'],
            extensions: { code: ErrorCode.DATABASE_UNAVAILABLE },
          },
        ],
      });
      expect(response.text).not.toMatch(INTERNALS);
    }
    // Logged as a warning for the operator, with the driver's own error; nothing at error level or above.
    expect(log.lines.some((line) => line.msg === 'database unavailable in a GraphQL operation')).toBe(true);
    expect(log.lines.filter((line) => (line.level as number) >= 50)).toEqual([]);
  });

  it('when the database comes back on the same port, then /healthz is 200 again and jobs answer as before', async () => {
    db = await startEmbeddedDb({ dataDir, port, logger: silentLogger() });
    await waitFor(async () => (await health()).status === 200, 30_000, 100);
    await waitFor(async () => (await jobs()).status === 200, 30_000, 100);

    const response = await jobs();
    expect(response.json?.errors).toBeUndefined();
    expect(response.json?.data).toMatchObject({ jobs: { totalCount: 7 } });
  });
});
