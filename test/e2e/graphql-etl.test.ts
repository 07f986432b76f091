import 'reflect-metadata';

import { ClientError } from 'graphql-request';

import { loadConfig } from '../../src/config';
import type { EtlParams } from '../../src/etl/params';
import { runEtl } from '../../src/etl/run-etl';
import { EtlRunModel, EtlTrigger } from '../../src/models/etl-run.model';
import { createUsajobsClient } from '../../src/usajobs/usajobs.client';
import {
  EtlRunsDocument,
  JobDocument,
  JobsDocument,
  JobStatsDocument,
  RunEtlDocument,
  WipeDocument,
} from '../generated/graphql';
import { useTestDatabase } from '../support/db';
import { type GraphqlTestApp, startGraphqlTestApp, TEST_ADMIN_TOKEN } from '../support/graphql-app';
import { silentLogger } from '../support/logger';
import { startUsajobsDouble, type UsajobsDouble } from '../support/usajobs-double';
import { buildChicagoFixture } from '../support/usajobs-fixtures';
import { doubleEtlOptions } from '../support/usajobs-test-client';

/** The whole product over HTTP: runEtl against the USAJOBS double into FerretDB, then what a client reads. */
describe('runEtl end to end over HTTP', () => {
  useTestDatabase();
  const { items, ids } = buildChicagoFixture();
  let double: UsajobsDouble;
  let app: GraphqlTestApp;

  beforeAll(async () => {
    double = await startUsajobsDouble({ items, maxPageSize: 5 });
    app = await startGraphqlTestApp({
      runEtl: (params: Partial<EtlParams>) => runEtl(params, doubleEtlOptions(double)),
    });
  });
  afterAll(async () => {
    await app.close();
    await double.close();
  });

  it('when an admin runs the ETL, then clients see exactly the fitting jobs, changes on re-runs, and nothing after wipe', async () => {
    const client = app.client();
    const admin = app.client(TEST_ADMIN_TOKEN);
    expect((await client.request(JobsDocument, { first: 20 })).jobs.totalCount).toBe(0);

    const { runEtl: run } = await admin.request(RunEtlDocument, {});
    expect(run).toMatchObject({
      status: 'SUCCEEDED',
      trigger: 'API',
      kept: ids.fits.length,
      inserted: ids.fits.length,
    });

    // The read cache was filled before the run; the run's data version makes the new jobs visible at once.
    const listed = await client.request(JobsDocument, { first: 20 });
    expect(listed.jobs.totalCount).toBe(ids.fits.length);
    expect(listed.jobs.nodes.map((job) => job.id).sort()).toEqual([...ids.fits].sort());

    const target = ids.fits[0];
    const changed = items.map((item) => structuredClone(item));
    changed.find((item) => item.MatchedObjectId === target)!.MatchedObjectDescriptor.PositionTitle =
      'Lead Data Engineer (Streaming)';
    double.setItems(changed);
    const { runEtl: second } = await admin.request(RunEtlDocument, { params: { yearsOfExperience: 5 } });
    expect(second).toMatchObject({
      status: 'SUCCEEDED',
      inserted: 0,
      updated: 1,
      unchanged: ids.fits.length - 1,
    });
    expect((await client.request(JobDocument, { id: target })).job?.positionTitle).toBe(
      'Lead Data Engineer (Streaming)',
    );
    const found = await client.request(JobsDocument, { filter: { keyword: 'streaming' }, first: 5 });
    expect(found.jobs.nodes.map((job) => job.id)).toEqual([target]);

    const stats = await client.request(JobStatsDocument, {});
    expect(stats.jobStats.totalCount).toBe(ids.fits.length);

    const runs = await client.request(EtlRunsDocument, { first: 5 });
    expect(runs.etlRuns.map((r) => r.id)).toEqual([second.id, run.id]);

    const { wipe } = await admin.request(WipeDocument, { confirm: true });
    expect(wipe.deletedCount).toBe(ids.fits.length);
    expect((await client.request(JobsDocument, { first: 20 })).jobs.totalCount).toBe(0);
  });
});

describe('runEtl on a server without USAJOBS credentials', () => {
  useTestDatabase();
  let app: GraphqlTestApp;

  beforeAll(async () => {
    // Wired as src/index.ts wires it, on a configuration that lacks the key and the e-mail.
    const config = loadConfig({ NODE_ENV: 'test', USAJOBS_BASE_URL: 'http://127.0.0.1:9' });
    const logger = silentLogger();
    app = await startGraphqlTestApp({
      runEtl: (params: Partial<EtlParams>) =>
        runEtl(params, {
          trigger: EtlTrigger.API,
          logger,
          createClient: () => createUsajobsClient(config, logger),
        }),
    });
  });
  afterAll(async () => {
    await app.close();
  });

  it('when an admin runs the ETL, then one error names the variables to set and no run is recorded', async () => {
    const error = await app
      .client(TEST_ADMIN_TOKEN)
      .request(RunEtlDocument, {})
      .then(
        () => undefined,
        (reason: unknown) => reason,
      );
    expect(error).toBeInstanceOf(ClientError);
    const errors = (error as ClientError).response.errors ?? [];
    expect(errors.map((e) => e.extensions?.code)).toEqual(['USAJOBS_CREDENTIALS_MISSING']);
    expect(errors[0].message).toMatch(
      /^USAJOBS credentials missing: set USAJOBS_API_KEY .*USAJOBS_USER_AGENT/,
    );
    expect(await EtlRunModel.countDocuments()).toBe(0);
  });
});
