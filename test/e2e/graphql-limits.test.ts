import 'reflect-metadata';

import { getIntrospectionQuery } from 'graphql';

import { loadConfig } from '../../src/config';
import { ErrorCode } from '../../src/graphql/errors';
import { MAX_ALIASES, MAX_QUERY_COST, MAX_TOKENS } from '../../src/graphql/limits';
import { type RunningServer, startHttpServer } from '../../src/http/app';
import { DataVersionModel } from '../../src/models/data-version.model';
import type { EtlRun } from '../../src/models/etl-run.model';
import { JobModel } from '../../src/models/job.model';
import { useTestDatabase } from '../support/db';
import { TEST_ADMIN_TOKEN, testGraphqlDeps } from '../support/graphql-app';
import { buildJob, seedJobs } from '../support/job-factory';
import { captureLogger } from '../support/logger';
import {
  ALL_ETL_RUN_FIELDS,
  ALL_JOB_FIELDS,
  ALL_JOB_STATS_FIELDS,
  errorCodes,
  postRaw,
} from '../support/raw-graphql';

useTestDatabase();

const JOB_COUNT = 120;

/** n aliased copies of one field selection: `a1: <field> a2: <field> …`. */
function aliased(n: number, field: string): string {
  return Array.from({ length: n }, (_, i) => `a${i + 1}: ${field}`).join('\n');
}

describe('query limits at the default settings', () => {
  let server: RunningServer;
  let endpoint: string;

  beforeAll(async () => {
    await seedJobs(Array.from({ length: JOB_COUNT }, () => buildJob()));
    server = await startHttpServer(testGraphqlDeps(), { host: '127.0.0.1', port: 0 });
    endpoint = `${server.url}/graphql`;
  });
  afterAll(async () => {
    await server.close();
  });

  it('when the fullest real operation comes (100 jobs with every field on edges and nodes, jobStats, 100 runs), then it is answered', async () => {
    const query = `{
      jobs(first: 100) {
        totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        edges { cursor node { ${ALL_JOB_FIELDS} } }
        nodes { ${ALL_JOB_FIELDS} }
      }
      jobStats { ${ALL_JOB_STATS_FIELDS} }
      etlRuns(first: 100) { ${ALL_ETL_RUN_FIELDS} }
    }`;
    const response = await postRaw(endpoint, { query });
    expect(response.json?.errors).toBeUndefined();
    expect(response.status).toBe(200);
    const jobs = response.json?.data?.jobs as { edges: unknown[]; totalCount: number };
    expect(jobs.edges).toHaveLength(100);
    expect(jobs.totalCount).toBe(JOB_COUNT);
  });

  it('when pages of 100 jobs are asked for under 30 aliases, then 400 QUERY_TOO_COMPLEX with the limit and the cost', async () => {
    const response = await postRaw(endpoint, {
      query: `{ ${aliased(MAX_ALIASES, 'jobs(first: 100) { edges { node { id positionTitle } } }')} }`,
    });
    expect(response.status).toBe(400);
    expect(errorCodes(response)).toEqual([ErrorCode.QUERY_TOO_COMPLEX]);
    const error = response.json!.errors![0]!;
    expect(error.message).toMatch(/costs \d+; at most 12000 is allowed/);
    expect(error.extensions).toMatchObject({ limit: MAX_QUERY_COST, actual: expect.any(Number) });
    expect(error.extensions!.actual as number).toBeGreaterThan(MAX_QUERY_COST);
    expect(response.json?.data).toBeUndefined();
  });

  it('when twelve jobStats come in one operation, then QUERY_TOO_COMPLEX (each reads every matching job)', async () => {
    const response = await postRaw(endpoint, { query: `{ ${aliased(12, 'jobStats { totalCount }')} }` });
    expect(response.status).toBe(400);
    expect(errorCodes(response)).toEqual([ErrorCode.QUERY_TOO_COMPLEX]);
  });

  it('when the page size comes as a variable, then it counts: four full pages of 5 pass, of 100 do not', async () => {
    const query = `query Pages($n: Int) { ${aliased(4, `jobs(first: $n) { edges { node { ${ALL_JOB_FIELDS} } } }`)} }`;
    const small = await postRaw(endpoint, { query, variables: { n: 5 } });
    expect(small.status).toBe(200);
    expect(small.json?.errors).toBeUndefined();

    const large = await postRaw(endpoint, { query, variables: { n: 100 } });
    expect(large.status).toBe(400);
    expect(errorCodes(large)).toEqual([ErrorCode.QUERY_TOO_COMPLEX]);
  });

  it('when first is far over the page bound, then the bound answers (BAD_USER_INPUT), not the cost limit', async () => {
    const response = await postRaw(endpoint, { query: '{ jobs(first: 1000000000) { totalCount } }' });
    expect(errorCodes(response)).toEqual([ErrorCode.BAD_USER_INPUT]);
  });

  it('when an operation uses one alias more than allowed, then 400 TOO_MANY_ALIASES; at the limit it is answered', async () => {
    const atLimit = await postRaw(endpoint, { query: `{ ${aliased(MAX_ALIASES, '__typename')} }` });
    expect(atLimit.status).toBe(200);
    expect(Object.keys(atLimit.json?.data ?? {})).toHaveLength(MAX_ALIASES);

    const over = await postRaw(endpoint, { query: `{ ${aliased(MAX_ALIASES + 1, '__typename')} }` });
    expect(over.status).toBe(400);
    expect(errorCodes(over)).toEqual([ErrorCode.TOO_MANY_ALIASES]);
    expect(over.json!.errors![0]!.message).toBe(
      `The operation uses ${MAX_ALIASES + 1} aliases; at most ${MAX_ALIASES} are allowed`,
    );
  });

  it('when aliases hide in a fragment spread twice, then each spread counts', async () => {
    const response = await postRaw(endpoint, {
      query: `query { ...Q a: jobs { ...Q2 } b: jobs { ...Q2 } }
        fragment Q on Query { ${aliased(14, '__typename')} }
        fragment Q2 on JobConnection { x: totalCount y: totalCount }`,
    });
    // 14 + 2 (a, b) + 2 × 2 = 20: under the limit; a third copy of Q's aliases would not be.
    expect(response.status).toBe(200);
    const over = await postRaw(endpoint, {
      query: `query { ...Q ...R }
        fragment Q on Query { ${aliased(16, '__typename')} }
        fragment R on Query { ...Q }`,
    });
    expect(errorCodes(over)).toEqual([ErrorCode.TOO_MANY_ALIASES]);
  });

  it('when a document has more tokens than allowed, then 400 GRAPHQL_PARSE_FAILED naming the limit', async () => {
    const response = await postRaw(endpoint, { query: `{ ${'__typename '.repeat(MAX_TOKENS)} }` });
    expect(response.status).toBe(400);
    expect(errorCodes(response)).toEqual(['GRAPHQL_PARSE_FAILED']);
    expect(response.json!.errors![0]!.message).toMatch(
      // sic: graphql-js says "more that"
      new RegExp(`Document contains more th[ae][nt] ${MAX_TOKENS} tokens`),
    );
  });

  it('when fragments spread each other twice over (exponential expansion), then 400 without expanding them', async () => {
    const levels = 40;
    const fragments = Array.from(
      { length: levels },
      (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`,
    ).join('\n');
    // 2^40 selections: an answer at all means validation stopped counting long before expanding them.
    const response = await postRaw(endpoint, {
      query: `{ ...F0 }\n${fragments}\nfragment F${levels} on Query { __typename }`,
    });
    expect(response.status).toBe(400);
    expect(errorCodes(response)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(response.json!.errors![0]!.extensions).toMatchObject({
      validationErrorCode: 'MAX_RECURSIVE_SELECTIONS_EXCEEDED',
    });
  });

  it('when the body is a JSON array (a batch), then 400 and none of its operations runs', async () => {
    const before = await JobModel.countDocuments();
    const response = await postRaw(
      endpoint,
      [{ query: '{ jobs { totalCount } }' }, { query: 'mutation { wipe(confirm: true) { deletedCount } }' }],
      { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    );
    expect(response.status).toBe(400);
    expect(errorCodes(response)).toEqual(['BAD_REQUEST']);
    expect(response.json!.errors![0]!.message).toBe('Operation batching disabled.');
    expect(await JobModel.countDocuments()).toBe(before);
  });

  it('when the body is larger than 100 kb, then 413 with a GraphQL-shaped BAD_REQUEST', async () => {
    const response = await postRaw(endpoint, { query: `{ jobs { totalCount } }${' '.repeat(110_000)}` });
    expect(response.status).toBe(413);
    expect(errorCodes(response)).toEqual(['BAD_REQUEST']);
  });

  it('when the HTTP server runs, then slow request headers and bodies are cut off by Node', () => {
    expect(server.httpServer.headersTimeout).toBe(10_000);
    expect(server.httpServer.requestTimeout).toBe(30_000);
  });
});

describe('query limits set lower', () => {
  let server: RunningServer;
  let endpoint: string;
  const log = captureLogger();
  /** What the stubbed ETL waits for before it answers; a test replaces it to hold a run open. */
  let etlRunning = Promise.resolve();
  let finishEtl: () => void = () => undefined;

  beforeAll(async () => {
    server = await startHttpServer(
      testGraphqlDeps({
        logger: log.logger,
        limits: { maxDepth: 3, requestTimeoutMs: 200, adminRequestTimeoutMs: 1_000 },
        runEtl: async () => {
          await etlRunning;
          return { _id: 'run-1' } as unknown as EtlRun;
        },
      }),
      { host: '127.0.0.1', port: 0 },
    );
    endpoint = `${server.url}/graphql`;
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await server.close();
  });

  it('when fields nest deeper than the limit, through fragments too, then 400 QUERY_TOO_DEEP; at the limit they are answered', async () => {
    const atLimit = await postRaw(endpoint, { query: '{ jobs { edges { cursor } } }' });
    expect(atLimit.status).toBe(200);

    const deep = await postRaw(endpoint, {
      query: '{ jobs { ...E } } fragment E on JobConnection { edges { ... on JobEdge { node { id } } } }',
    });
    expect(deep.status).toBe(400);
    expect(errorCodes(deep)).toEqual([ErrorCode.QUERY_TOO_DEEP]);
    expect(deep.json!.errors![0]).toMatchObject({
      message: 'The operation nests fields 4 levels deep; at most 3 are allowed',
      extensions: { limit: 3, actual: 4 },
    });
  });

  it('when a query outlasts its deadline, then 503 REQUEST_TIMEOUT, and the server keeps answering', async () => {
    // A read that answers only when the test lets it (the data version, the first read of every jobs query):
    // whatever comes before that comes from the deadline.
    let finishCount: (doc: null) => void = () => undefined;
    const slowCount = jest
      .spyOn(DataVersionModel.collection, 'findOne')
      .mockImplementationOnce(() => new Promise<null>((resolve) => (finishCount = resolve)) as never);
    // A filter of its own, so the read is not served from the job-read cache.
    const response = await postRaw(endpoint, {
      query: '{ jobs(filter: { keyword: "deadline" }) { totalCount } }',
    });
    expect(response.status).toBe(503);
    expect(response.json).toEqual({
      errors: [
        {
          message: 'No answer within 0.2 s; try again later (a mutation may still complete)',
          extensions: { code: ErrorCode.REQUEST_TIMEOUT },
        },
      ],
    });
    expect(slowCount).toHaveBeenCalledTimes(1);

    // The abandoned query finishes after its answer was sent: dropped quietly, the server goes on.
    finishCount(null);
    const next = await postRaw(endpoint, { query: '{ jobs { totalCount } }' });
    expect(next.status).toBe(200);
    expect(log.lines.filter((line) => (line.level as number) >= 50)).toEqual([]);
  });

  it('when the admin runs the ETL, then the longer admin deadline applies, and it too ends in 503', async () => {
    const admin = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
    const mutation = { query: 'mutation { runEtl { id } }' };
    const answered = await postRaw(endpoint, mutation, admin);
    expect(answered.status).toBe(200);
    expect(answered.json?.data).toEqual({ runEtl: { id: 'run-1' } });

    etlRunning = new Promise<void>((resolve) => (finishEtl = resolve));
    const late = await postRaw(endpoint, mutation, admin);
    // The 503 names the deadline that fired: the admin one (1 s), not the query one (0.2 s).
    expect(late.status).toBe(503);
    expect(late.json?.errors).toEqual([
      {
        message: 'No answer within 1 s; try again later (a mutation may still complete)',
        extensions: { code: ErrorCode.REQUEST_TIMEOUT },
      },
    ]);
    finishEtl();
    etlRunning = Promise.resolve();
  });
});

describe('query limits and introspection', () => {
  it('when introspection is on, then the full introspection query of Sandbox and codegen passes every limit', async () => {
    const server = await startHttpServer(
      testGraphqlDeps({ config: loadConfig({ NODE_ENV: 'test', GRAPHQL_INTROSPECTION: 'true' }) }),
      { host: '127.0.0.1', port: 0 },
    );
    try {
      const response = await postRaw(`${server.url}/graphql`, { query: getIntrospectionQuery() });
      expect(response.status).toBe(200);
      expect(response.json?.errors).toBeUndefined();
      expect(response.json?.data).toHaveProperty('__schema.queryType.name', 'Query');
    } finally {
      await server.close();
    }
  });
});
