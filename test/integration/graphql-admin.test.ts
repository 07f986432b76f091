import 'reflect-metadata';

import { randomUUID } from 'node:crypto';

import { EtlConflictError, EtlParamsError } from '../../src/etl/etl.errors';
import { DEFAULT_ETL_PARAMS, type EtlParams, withDefaults } from '../../src/etl/params';
import { runEtl as realRunEtl } from '../../src/etl/run-etl';
import { ErrorCode } from '../../src/graphql/errors';
import { type EtlRun, EtlRunModel, EtlRunStatus, EtlTrigger } from '../../src/models/etl-run.model';
import { JobModel } from '../../src/models/job.model';
import { RunEtlDocument, WipeDocument } from '../generated/graphql';
import { useTestDatabase } from '../support/db';
import { createGraphqlTestServer, type GraphqlTestServer, TEST_ADMIN_TOKEN } from '../support/graphql-app';
import { buildJob, seedJobs } from '../support/job-factory';
import { captureLogger } from '../support/logger';
import { startUsajobsDouble } from '../support/usajobs-double';
import { buildChicagoFixture } from '../support/usajobs-fixtures';
import { doubleEtlOptions } from '../support/usajobs-test-client';

useTestDatabase();

const ADMIN = `Bearer ${TEST_ADMIN_TOKEN}`;
const NOT_ADMIN: [string, string | undefined][] = [
  ['no Authorization header', undefined],
  ['a wrong token', 'Bearer not-the-admin-token-at-all'],
  ['the token one character short', `Bearer ${TEST_ADMIN_TOKEN.slice(0, -1)}`],
  ['the token under another scheme', `Basic ${TEST_ADMIN_TOKEN}`],
];

/** A stand-in for the real ETL: records a SUCCEEDED run with the parameters it got, defaults filled in. */
async function recordRun(params: Partial<EtlParams>): Promise<EtlRun> {
  const startedAt = new Date();
  const run = await EtlRunModel.create({
    _id: randomUUID(),
    status: EtlRunStatus.SUCCEEDED,
    trigger: EtlTrigger.API,
    params: withDefaults(params),
    startedAt,
    finishedAt: new Date(startedAt.getTime() + 5),
    durationMs: 5,
    kept: 3,
  });
  return run.toObject();
}

describe('wipe', () => {
  let api: GraphqlTestServer;
  beforeAll(async () => {
    api = await createGraphqlTestServer();
  });
  afterAll(async () => {
    await api.server.stop();
  });
  beforeEach(async () => {
    await JobModel.deleteMany({});
    // seedJobs bumps the data version, so no cached read outlives the reset.
    await seedJobs([buildJob(), buildJob(), buildJob()]);
  });

  it.each(NOT_ADMIN)(
    'when called with %s, then UNAUTHENTICATED and nothing is deleted',
    async (_name, authorization) => {
      const { data, errors } = await api.execute(WipeDocument, { confirm: true }, { authorization });
      expect(data).toBeNull();
      expect(errors?.map((e) => e.extensions?.code)).toEqual([ErrorCode.UNAUTHENTICATED]);
      expect(await JobModel.countDocuments()).toBe(3);
    },
  );

  it('when the admin calls it with confirm: false, then BAD_USER_INPUT and nothing is deleted', async () => {
    const { errors } = await api.execute(WipeDocument, { confirm: false }, { authorization: ADMIN });
    expect(errors?.map((e) => e.extensions?.code)).toEqual([ErrorCode.BAD_USER_INPUT]);
    expect(errors?.[0]?.message).toMatch(/confirm: true/);
    expect(await JobModel.countDocuments()).toBe(3);
  });

  it('when a non-admin calls it with confirm: false, then UNAUTHENTICATED (auth is checked first)', async () => {
    const { errors } = await api.execute(WipeDocument, { confirm: false });
    expect(errors?.map((e) => e.extensions?.code)).toEqual([ErrorCode.UNAUTHENTICATED]);
  });

  it('when the admin confirms, then every job is deleted and the count is reported', async () => {
    const { data, errors } = await api.execute(WipeDocument, { confirm: true }, { authorization: ADMIN });
    expect(errors).toBeUndefined();
    expect(data).toEqual({ wipe: { deletedCount: 3 } });
    expect(await JobModel.countDocuments()).toBe(0);
  });
});

describe('runEtl', () => {
  it.each(NOT_ADMIN)(
    'when called with %s, then UNAUTHENTICATED and the ETL is not started',
    async (_name, authorization) => {
      const runEtl = jest.fn(recordRun);
      const api = await createGraphqlTestServer({ runEtl });
      const { errors } = await api.execute(RunEtlDocument, {}, { authorization });
      expect(errors?.map((e) => e.extensions?.code)).toEqual([ErrorCode.UNAUTHENTICATED]);
      expect(runEtl).not.toHaveBeenCalled();
      await api.server.stop();
    },
  );

  it('when the admin runs it with parameters, then the set ones, the schema defaults for the rest and no nulls are passed, and the run record comes back', async () => {
    const runEtl = jest.fn(recordRun);
    const api = await createGraphqlTestServer({ runEtl });
    const { data, errors } = await api.execute(
      RunEtlDocument,
      { params: { keyword: 'statistician', radiusMiles: 25, maxPages: 2, minSalary: null } },
      { authorization: ADMIN },
    );
    expect(errors).toBeUndefined();
    // graphql-js fills in the schema defaults of EtlParams (the ETL's own); minSalary: null is left out (no minimum).
    expect(runEtl.mock.calls[0]?.[0]).toStrictEqual({
      keyword: 'statistician',
      locationName: DEFAULT_ETL_PARAMS.locationName,
      radiusMiles: 25,
      yearsOfExperience: DEFAULT_ETL_PARAMS.yearsOfExperience,
      includeRemote: DEFAULT_ETL_PARAMS.includeRemote,
      maxPages: 2,
    });
    expect(data!.runEtl).toMatchObject({
      status: 'SUCCEEDED',
      trigger: 'API',
      kept: 3,
      params: {
        keyword: 'statistician',
        locationName: 'Chicago, Illinois',
        radiusMiles: 25,
        maxPages: 2,
        minSalary: null,
      },
    });
    expect(await EtlRunModel.exists({ _id: data!.runEtl.id })).toBeTruthy();
    await api.server.stop();
  });

  it('when the admin runs it without parameters, then the ETL gets none (it fills its defaults)', async () => {
    const runEtl = jest.fn(recordRun);
    const api = await createGraphqlTestServer({ runEtl });
    const { data } = await api.execute(RunEtlDocument, {}, { authorization: ADMIN });
    expect(runEtl).toHaveBeenCalledWith({});
    expect(data!.runEtl.params).toMatchObject({
      keyword: 'data engineering',
      radiusMiles: 50,
      yearsOfExperience: 5,
    });
    await api.server.stop();
  });

  it.each([
    ['keyword empty', { keyword: '' }, 'params.keyword'],
    ['keyword blank', { keyword: '   ' }, 'params.keyword'],
    ['keyword of 201 characters', { keyword: 'k'.repeat(201) }, 'params.keyword'],
    ['locationName of 201 characters', { locationName: 'l'.repeat(201) }, 'params.locationName'],
    ['radiusMiles -1', { radiusMiles: -1 }, 'params.radiusMiles'],
    ['radiusMiles 501', { radiusMiles: 501 }, 'params.radiusMiles'],
    ['yearsOfExperience 61', { yearsOfExperience: 61 }, 'params.yearsOfExperience'],
    ['minSalary -1', { minSalary: -1 }, 'params.minSalary'],
    ['datePostedDays 61', { datePostedDays: 61 }, 'params.datePostedDays'],
    ['maxPages 0', { maxPages: 0 }, 'params.maxPages'],
    ['maxPages 21', { maxPages: 21 }, 'params.maxPages'],
  ])(
    'when the admin sends %s, then BAD_USER_INPUT naming it and the ETL is not started',
    async (_name, params, path) => {
      const runEtl = jest.fn(recordRun);
      const api = await createGraphqlTestServer({ runEtl });
      const { errors } = await api.execute(RunEtlDocument, { params }, { authorization: ADMIN });
      expect(errors?.map((e) => e.extensions?.code)).toEqual([ErrorCode.BAD_USER_INPUT]);
      expect(errors?.[0]?.message).toContain(path);
      expect(runEtl).not.toHaveBeenCalled();
      await api.server.stop();
    },
  );

  it('when another run holds the lease, then CONFLICT with the running run id', async () => {
    const api = await createGraphqlTestServer({
      runEtl: () => Promise.reject(new EtlConflictError('run-42')),
    });
    const { data, errors } = await api.execute(RunEtlDocument, {}, { authorization: ADMIN });
    expect(data).toBeNull();
    expect(errors).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('already in progress'),
        extensions: { code: ErrorCode.CONFLICT, runningRunId: 'run-42' },
      }),
    ]);
    await api.server.stop();
  });

  it('when the ETL rejects the parameters, then BAD_USER_INPUT with its message', async () => {
    const api = await createGraphqlTestServer({
      runEtl: () => Promise.reject(new EtlParamsError('locationName is not a place USAJOBS knows')),
    });
    const { errors } = await api.execute(RunEtlDocument, {}, { authorization: ADMIN });
    expect(errors).toEqual([
      expect.objectContaining({
        message: 'locationName is not a place USAJOBS knows',
        extensions: { code: ErrorCode.BAD_USER_INPUT, argument: 'params', arguments: ['params'] },
      }),
    ]);
    await api.server.stop();
  });

  it('when USAJOBS answers 503 to every request, then the real ETL returns a FAILED run as data, not an error', async () => {
    const double = await startUsajobsDouble({ items: buildChicagoFixture().items });
    double.failNext(1_000, { kind: 'status', status: 503 });
    const api = await createGraphqlTestServer({
      runEtl: (params) =>
        realRunEtl(
          params,
          doubleEtlOptions(double, { client: { maxAttempts: 2, sleep: async () => undefined } }),
        ),
    });
    try {
      const { data, errors } = await api.execute(RunEtlDocument, {}, { authorization: ADMIN });
      expect(errors).toBeUndefined();
      const run = data!.runEtl;
      expect(run).toMatchObject({ status: 'FAILED', pagesFetched: 0, inserted: 0 });
      // One error per search, naming endpoint, page and attempts; never the host it talked to.
      expect(run.errors).toEqual([
        'location search: USAJOBS unavailable: GET /api/Search page 1 failed after 2 attempt(s); last: HTTP 503',
        'remote search: USAJOBS unavailable: GET /api/Search page 1 failed after 2 attempt(s); last: HTTP 503',
      ]);
      expect(JSON.stringify(run)).not.toContain(new URL(double.url).host);
      expect(double.requests).toHaveLength(4);
      expect(await EtlRunModel.findById(run.id).lean()).toMatchObject({
        status: EtlRunStatus.FAILED,
        errors: run.errors,
      });
    } finally {
      await api.server.stop();
      await double.close();
    }
  });

  it.each([
    ['an error of its own', new Error('mongo at 10.1.2.3 exploded')],
    [
      "an error carrying a code the API does not send (the USAJOBS client's)",
      Object.assign(new Error('mongo at 10.1.2.3 exploded'), { code: 'UPSTREAM_UNAVAILABLE' }),
    ],
  ])(
    'when the ETL fails unexpectedly with %s, then INTERNAL_SERVER_ERROR is masked, and logged without the token',
    async (_name, thrown) => {
      const { logger, lines, text } = captureLogger();
      const api = await createGraphqlTestServer({
        logger,
        runEtl: () => Promise.reject(thrown),
      });
      const { errors } = await api.execute(RunEtlDocument, {}, { authorization: ADMIN });
      expect(errors).toEqual([
        {
          message: 'Internal server error',
          path: ['runEtl'],
          locations: expect.any(Array),
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        },
      ]);
      expect(
        lines.some(
          (l) => (l.err as { message?: string } | undefined)?.message === 'mongo at 10.1.2.3 exploded',
        ),
      ).toBe(true);
      expect(text()).not.toContain(TEST_ADMIN_TOKEN);
      await api.server.stop();
    },
  );
});
