import 'reflect-metadata';

import { randomUUID } from 'node:crypto';

import { ClientError } from 'graphql-request';

import { loadConfig } from '../../src/config';
import { EtlConflictError } from '../../src/etl/etl.errors';
import { type EtlParams, withDefaults } from '../../src/etl/params';
import { type EtlRun, EtlRunModel, EtlRunStatus, EtlTrigger } from '../../src/models/etl-run.model';
import { type Job, JobModel } from '../../src/models/job.model';
import {
  EtlRunsDocument,
  JobDocument,
  JobsDocument,
  type JobsQuery,
  type JobsQueryVariables,
  JobStatsDocument,
  RunEtlDocument,
  WipeDocument,
} from '../generated/graphql';
import { useTestDatabase } from '../support/db';
import { type GraphqlTestApp, startGraphqlTestApp, TEST_ADMIN_TOKEN } from '../support/graphql-app';
import { buildJob, daysFromNow, seedJobs } from '../support/job-factory';
import { captureLogger } from '../support/logger';

useTestDatabase();

/** 40 open jobs; every fifth without a salary (null or absent), states spread over three. */
const JOBS: Job[] = Array.from({ length: 40 }, (_, i) =>
  buildJob({
    _id: `E${String((i * 13) % 40).padStart(3, '0')}`,
    annualSalary:
      i % 10 === 0
        ? null
        : i % 10 === 5
          ? undefined
          : { min: 60_000 + (i % 4) * 5_000, max: 90_000 + (i % 3) * 10_000 },
    departmentName: ['Department of the Treasury', 'Department of Defense'][i % 2]!,
    positionLocation: [
      {
        locationName: ['Chicago, Illinois', 'Austin, Texas', 'Boston, Massachusetts'][i % 3]!,
        countrySubDivisionCode: ['Illinois', 'Texas', 'Massachusetts'][i % 3]!,
      },
    ],
    publicationStartDate: daysFromNow(-(i % 6)),
  }),
);

/**
 * A stand-in for the real ETL with its lease: the first call records a RUNNING run and holds it until released; a
 * call while one is pending is refused with EtlConflictError, as the real lease does.
 */
function fakeEtl(): {
  runEtl: (params: Partial<EtlParams>) => Promise<EtlRun>;
  release: () => void;
  started: Promise<void>;
} {
  let pending: string | null = null;
  let release!: () => void;
  let markStarted!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  return {
    release: () => release(),
    started,
    async runEtl(params) {
      if (pending !== null) throw new EtlConflictError(pending);
      const id = randomUUID();
      pending = id;
      await EtlRunModel.create({
        _id: id,
        status: EtlRunStatus.RUNNING,
        trigger: EtlTrigger.API,
        params: withDefaults(params),
        startedAt: new Date(),
      });
      markStarted();
      await released;
      const run = await EtlRunModel.findByIdAndUpdate(
        id,
        { status: EtlRunStatus.SUCCEEDED, finishedAt: new Date(), durationMs: 1, kept: 2, inserted: 2 },
        { returnDocument: 'after' },
      ).lean<EtlRun>();
      pending = null;
      return run!;
    },
  };
}

async function failure(
  promise: Promise<unknown>,
): Promise<{ status: number; codes: unknown[]; messages: string[]; raw: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ClientError) {
      const errors = error.response.errors ?? [];
      return {
        status: error.response.status,
        codes: errors.map((e) => e.extensions?.code),
        messages: errors.map((e) => e.message),
        raw: JSON.stringify(error.response),
      };
    }
    throw error;
  }
  throw new Error('expected the request to fail');
}

describe('GraphQL over HTTP', () => {
  let app: GraphqlTestApp;
  let etl: ReturnType<typeof fakeEtl>;
  const log = captureLogger();

  beforeAll(async () => {
    await seedJobs(JOBS);
    etl = fakeEtl();
    app = await startGraphqlTestApp({ runEtl: etl.runEtl, logger: log.logger });
  });
  afterAll(async () => {
    etl.release();
    await app.close();
  });

  it('when walking jobs by salary max ascending with first: 7, then every job is visited once and the walk agrees with totalCount', async () => {
    const client = app.client();
    const seen: string[] = [];
    let after: string | null = null;
    let totalCount = -1;
    for (;;) {
      const variables: JobsQueryVariables = {
        first: 7,
        after,
        sort: { field: 'ANNUAL_SALARY_MAX', direction: 'ASC' },
      };
      const { jobs }: JobsQuery = await client.request(JobsDocument, variables);
      totalCount = jobs.totalCount;
      seen.push(...jobs.edges.map((e) => e.node.id));
      if (!jobs.pageInfo.hasNextPage) break;
      after = jobs.pageInfo.endCursor;
    }
    expect(totalCount).toBe(JOBS.length);
    expect(new Set(seen).size).toBe(JOBS.length);
    expect(seen).toHaveLength(JOBS.length);
    // Salaried jobs ascending, then the eight without a salary, by id.
    const withoutSalary = JOBS.filter((j) => j.annualSalary == null)
      .map((j) => j._id)
      .sort();
    expect(seen.slice(-withoutSalary.length)).toEqual(withoutSalary);
    const maxima = seen
      .slice(0, -withoutSalary.length)
      .map((id) => JOBS.find((j) => j._id === id)!.annualSalary!.max);
    expect(maxima).toEqual([...maxima].sort((a, b) => a - b));
  });

  it('when job(id) and jobStats are asked for, then they answer from the stored jobs', async () => {
    const client = app.client();
    const { job } = await client.request(JobDocument, { id: JOBS[3]!._id });
    expect(job).toMatchObject({ id: JOBS[3]!._id, positionTitle: JOBS[3]!.positionTitle, isOpen: true });
    expect(await client.request(JobDocument, { id: 'nope' })).toEqual({ job: null });

    const { jobStats } = await client.request(JobStatsDocument, {});
    const salaried = JOBS.filter((j) => j.annualSalary != null);
    expect(jobStats.totalCount).toBe(40);
    expect(jobStats.byDepartment).toEqual([
      { key: 'Department of Defense', count: 20 },
      { key: 'Department of the Treasury', count: 20 },
    ]);
    expect(jobStats.byState).toEqual([
      { key: 'Illinois', count: 14 },
      { key: 'Massachusetts', count: 13 },
      { key: 'Texas', count: 13 },
    ]);
    expect(jobStats.annualSalary.lowest).toBe(Math.min(...salaried.map((j) => j.annualSalary!.min)));
    expect(jobStats.annualSalary.highest).toBe(Math.max(...salaried.map((j) => j.annualSalary!.max)));
    expect(jobStats.annualSalary.averageMin).toBeCloseTo(
      salaried.reduce((s, j) => s + j.annualSalary!.min, 0) / salaried.length,
      6,
    );
  });

  it.each([
    ['first: 0', { first: 0 }],
    ['first: 101', { first: 101 }],
    ['an invalid cursor', { after: 'definitely-not-a-cursor' }],
    ['a 201-character keyword', { filter: { keyword: 'k'.repeat(201) } }],
  ])('when jobs is asked with %s, then the answer is BAD_USER_INPUT', async (_name, variables) => {
    const result = await failure(app.client().request(JobsDocument, variables as JobsQueryVariables));
    expect(result.codes).toEqual(['BAD_USER_INPUT']);
  });

  it('when a variable has the wrong type, then HTTP 400 with BAD_USER_INPUT', async () => {
    const result = await failure(
      app.client().request(JobsDocument, { first: 'ten' } as unknown as JobsQueryVariables),
    );
    expect(result.status).toBe(400);
    expect(result.codes).toEqual(['BAD_USER_INPUT']);
  });

  it('when wipe is called without a token or with a wrong one, then UNAUTHENTICATED and every job stays', async () => {
    for (const client of [app.client(), app.client('wrong-token-wrong-token')]) {
      const result = await failure(client.request(WipeDocument, { confirm: true }));
      expect(result.codes).toEqual(['UNAUTHENTICATED']);
    }
    expect(await JobModel.countDocuments()).toBe(JOBS.length);
  });

  it('when runEtl is called while a run is pending, then the second call gets CONFLICT and the first returns its run', async () => {
    const admin = app.client(TEST_ADMIN_TOKEN);
    expect((await failure(app.client().request(RunEtlDocument, {}))).codes).toEqual(['UNAUTHENTICATED']);

    const first = admin.request(RunEtlDocument, { params: { keyword: 'data science', maxPages: 1 } });
    await etl.started;
    const second = await failure(admin.request(RunEtlDocument, {}));
    expect(second.codes).toEqual(['CONFLICT']);
    expect(second.messages[0]).toMatch(/already in progress/);

    const running = await app.client().request(EtlRunsDocument, { first: 1 });
    expect(running.etlRuns[0]).toMatchObject({
      status: 'RUNNING',
      trigger: 'API',
      params: { keyword: 'data science', maxPages: 1 },
    });

    etl.release();
    const { runEtl } = await first;
    expect(runEtl).toMatchObject({ id: running.etlRuns[0]!.id, status: 'SUCCEEDED', kept: 2 });
    expect((await app.client().request(EtlRunsDocument, {})).etlRuns.map((r) => r.id)).toEqual([runEtl.id]);
  });

  it('when the admin wipes without confirmation, then BAD_USER_INPUT; with it, every job is deleted', async () => {
    const admin = app.client(TEST_ADMIN_TOKEN);
    expect((await failure(admin.request(WipeDocument, { confirm: false }))).codes).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(await JobModel.countDocuments()).toBe(JOBS.length);
    expect(await admin.request(WipeDocument, { confirm: true })).toEqual({
      wipe: { deletedCount: JOBS.length },
    });
    expect(await JobModel.countDocuments()).toBe(0);
    expect(log.text()).not.toContain(TEST_ADMIN_TOKEN);
  });
});

describe('HTTP hardening', () => {
  let app: GraphqlTestApp;
  const log = captureLogger();

  beforeAll(async () => {
    app = await startGraphqlTestApp({
      config: loadConfig({ NODE_ENV: 'production', ADMIN_TOKEN: TEST_ADMIN_TOKEN }),
      logger: log.logger,
      runEtl: () => Promise.reject(new TypeError("Cannot read properties of undefined (reading 'items')")),
    });
  });
  afterAll(async () => {
    await app.close();
  });

  const post = (body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(app.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('when an unexpected error happens in production, then the client sees only "Internal server error", and it is logged', async () => {
    const result = await failure(app.client(TEST_ADMIN_TOKEN).request(RunEtlDocument, {}));
    expect(result.codes).toEqual(['INTERNAL_SERVER_ERROR']);
    expect(result.messages).toEqual(['Internal server error']);
    expect(result.raw).not.toMatch(/stacktrace|reading 'items'|TypeError/);
    expect(log.text()).toContain("reading 'items'");
    expect(log.text()).not.toContain(TEST_ADMIN_TOKEN);
  });

  it('when introspection is asked for outside development, then it is refused with our own switch as the hint', async () => {
    const response = await post({ query: '{ __schema { queryType { name } } }' });
    const body = (await response.json()) as {
      errors?: { message: string; extensions?: Record<string, unknown> }[];
    };
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0]?.message).toMatch(/introspection is not allowed/i);
    expect(body.errors?.[0]?.message).toContain('GRAPHQL_INTROSPECTION=true');
    expect(body.errors?.[0]?.message).not.toMatch(/ApolloServer/);
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('when a GET query comes without a CSRF-safe header, then it is blocked', async () => {
    const response = await fetch(`${app.endpoint}?query=${encodeURIComponent('{ jobs { totalCount } }')}`);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/CSRF/);
  });

  it('when the body is not JSON or larger than 100 kb, then a GraphQL-shaped 4xx comes back', async () => {
    const broken = await post('{"query": ');
    expect(broken.status).toBe(400);
    expect(await broken.json()).toEqual({
      errors: [{ message: 'Request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }],
    });

    const huge = await post({ query: `{ jobs { totalCount } }${' '.repeat(110_000)}` });
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_REQUEST' } }] });

    const latin1 = await fetch(app.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=latin1' },
      body: JSON.stringify({ query: '{ jobs { totalCount } }' }),
    });
    expect(latin1.status).toBe(415);
    expect(await latin1.json()).toEqual({
      errors: [
        {
          message: 'Request body charset is not supported (send UTF-8)',
          extensions: { code: 'BAD_REQUEST' },
        },
      ],
    });
  });

  it('when a browser asks for the page in production, then no Sandbox is served', async () => {
    const response = await fetch(app.endpoint, { headers: { accept: 'text/html' } });
    expect(await response.text()).not.toMatch(/sandbox/i);
  });
});

describe('configuration of introspection and the landing page', () => {
  it('when GRAPHQL_INTROSPECTION=true in production, then introspection works', async () => {
    const app = await startGraphqlTestApp({
      config: loadConfig({ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true' }),
    });
    const response = await fetch(app.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __schema { queryType { name } } }' }),
    });
    expect(await response.json()).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    await app.close();
  });

  it('when in development, then a browser gets the Sandbox page', async () => {
    const app = await startGraphqlTestApp({ config: loadConfig({ NODE_ENV: 'development' }) });
    const response = await fetch(app.endpoint, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/sandbox/i);
    await app.close();
  });
});
