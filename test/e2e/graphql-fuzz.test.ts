import 'reflect-metadata';

import { createHash } from 'node:crypto';

import fc from 'fast-check';

import { loadConfig } from '../../src/config';
import { type RunningServer, startHttpServer } from '../../src/http/app';
import { EtlRunModel } from '../../src/models/etl-run.model';
import { JobModel } from '../../src/models/job.model';
import { useTestDatabase } from '../support/db';
import { type GraphqlTestApp, startGraphqlTestApp, TEST_ADMIN_TOKEN } from '../support/graphql-app';
import { buildJob, seedJobs } from '../support/job-factory';
import { captureLogger } from '../support/logger';
import { ALL_JOB_FIELDS, ALL_JOB_STATS_FIELDS } from '../support/raw-graphql';
import { ROOT } from '../support/service-process';

// 2,500 requests take about 20 s on a quiet machine; the bound is for a busy one (CI shares its 2 cores).
jest.setTimeout(400_000);

useTestDatabase();

/** Requests per run: FUZZ_RUNS when set (e.g. FUZZ_RUNS=200 for a quick local pass), else what CI runs. */
const RUNS = fuzzRuns(process.env.FUZZ_RUNS, 2_500);

function fuzzRuns(value: string | undefined, ciDefault: number): number {
  if (value === undefined || value === '') return ciDefault;
  const runs = Number(value);
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`FUZZ_RUNS must be a whole number >= 1, got "${value}"`);
  return runs;
}

/** Documents a real client sends; the fuzzer mutates them. */
const VALID_DOCUMENTS = [
  `query Jobs($filter: JobFilter, $sort: JobSort, $first: Int, $after: String) {
    jobs(filter: $filter, sort: $sort, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${ALL_JOB_FIELDS} } }
    }
  }`,
  'query Job($id: ID!) { job(id: $id) { id positionTitle isOpen annualSalary { min max } } }',
  `query Stats($filter: JobFilter) { jobStats(filter: $filter) { ${ALL_JOB_STATS_FIELDS} } }`,
  'query Runs($first: Int) { etlRuns(first: $first) { id status errors params { keyword } } }',
  '{ jobs(first: 3, filter: { keyword: "data", openOnly: false }, sort: { field: POSITION_TITLE, direction: ASC }) { nodes { id } } }',
  'mutation Wipe($confirm: Boolean!) { wipe(confirm: $confirm) { deletedCount } }',
  'mutation { wipe(confirm: true) { deletedCount } }',
  'mutation Run($params: EtlParams) { runEtl(params: $params) { id status } }',
  'query A { jobs { totalCount } } query B { jobStats { totalCount } }',
  'fragment J on Job { id } query { job(id: "J000001") { ...J ... on Job { positionTitle } } }',
];

/** Syntax and fragments of syntax the mutations insert. */
const TOKENS = [
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  ':',
  '$',
  '!',
  '"',
  '"""',
  '...',
  '@',
  '#',
  '\\',
  ',',
  '=',
  '|',
  '&',
  '\u0000',
  '\ud800',
  '0x',
  '-',
  '1e999',
  '99999999999999999999',
  'null',
  'true',
  '__schema { types { name } }',
  '__typename',
  'a: jobs { totalCount }',
  '@skip(if: true)',
  '@include(if: $x)',
  'fragment F on Job { id }',
  '...F',
  'subscription',
  'mutation',
  'query',
  '$first',
  'first: -1',
  'first: 2147483648',
  'after: "x"',
  'filter: { keyword: "(a+)+$" }',
  'id: {"$gt": ""}',
] as const;

const identifier = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,12}$/);

type Mutation = (doc: string) => string;

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc
    .nat()
    .map(
      (at) => (doc: string) => doc.slice(0, at % (doc.length + 1)) + doc.slice((at % (doc.length + 1)) + 1),
    ),
  fc.tuple(fc.nat(), fc.oneof(fc.constantFrom(...TOKENS), identifier)).map(([at, token]) => (doc: string) => {
    const i = at % (doc.length + 1);
    return `${doc.slice(0, i)} ${token} ${doc.slice(i)}`;
  }),
  fc.tuple(fc.nat(), identifier).map(([k, name]) => (doc: string) => {
    const names = [...doc.matchAll(/[A-Za-z_]\w*/g)];
    const hit = names[k % Math.max(names.length, 1)];
    return hit?.index === undefined
      ? doc
      : doc.slice(0, hit.index) + name + doc.slice(hit.index + hit[0].length);
  }),
  fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 40 })).map(([from, at, times]) => (doc: string) => {
    const start = from % (doc.length + 1);
    const piece = doc.slice(start, start + 30).repeat(times);
    const i = at % (doc.length + 1);
    return doc.slice(0, i) + piece + doc.slice(i);
  }),
);

const mutatedDocument = fc
  .tuple(
    fc.constantFrom(...VALID_DOCUMENTS),
    fc.oneof(fc.constant([]), fc.array(mutation, { minLength: 1, maxLength: 4 })),
  )
  .map(([doc, mutations]) => mutations.reduce((d, m) => m(d), doc));

const operatorObject = fc.constantFrom<unknown>({ $gt: '' }, { $ne: null }, ['$where'], { $regex: '.*' });
const scalarish = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -1, 1, 100, 101, 2 ** 31, 2 ** 53, 1e308, -1e308),
  fc.string({ unit: 'binary', maxLength: 260 }),
  fc.boolean(),
  fc.constant(null),
  operatorObject,
  fc.jsonValue({ maxDepth: 2 }),
);
const filterish = fc.oneof(
  fc.record(
    {
      keyword: fc.oneof(fc.string({ unit: 'binary', maxLength: 220 }), scalarish),
      location: scalarish,
      department: scalarish,
      minSalary: scalarish,
      maxGrade: scalarish,
      remote: scalarish,
      openOnly: fc.oneof(fc.boolean(), scalarish),
      postedAfter: fc.oneof(
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
        scalarish,
      ),
    },
    { requiredKeys: [] },
  ),
  fc.jsonValue({ maxDepth: 3 }),
);
/** Variables a client would send, so that a good share of requests reaches the resolvers and the database. */
const plausibleVariables = fc.record(
  {
    first: fc.integer({ min: 1, max: 100 }),
    id: fc.string({ maxLength: 12 }),
    filter: fc.record(
      { keyword: fc.string({ maxLength: 30 }), openOnly: fc.boolean(), minSalary: fc.nat(200_000) },
      { requiredKeys: [] },
    ),
    confirm: fc.boolean(),
  },
  { requiredKeys: [] },
);
const variables = fc.oneof(
  fc.constant(undefined),
  plausibleVariables,
  fc.record(
    {
      first: scalarish,
      after: scalarish,
      id: scalarish,
      filter: filterish,
      sort: fc.oneof(
        fc.record({
          field: fc.constantFrom('POSITION_TITLE', 'NOPE', 'PUBLICATION_START_DATE'),
          direction: scalarish,
        }),
        scalarish,
      ),
      confirm: scalarish,
      params: fc.oneof(
        fc.record({ keyword: scalarish, maxPages: scalarish }, { requiredKeys: [] }),
        scalarish,
      ),
      x: scalarish,
    },
    { requiredKeys: [] },
  ),
  fc.jsonValue({ maxDepth: 2 }),
);

/** One HTTP request the fuzzer sends: never with the admin token. */
interface FuzzRequest {
  method: 'POST' | 'GET';
  headers: Record<string, string>;
  body?: string;
  query?: string;
}

/** A request a client could send (right operation name, plausible variables), perhaps mutated a little. */
const plausibleBody = fc
  .tuple(fc.nat(VALID_DOCUMENTS.length - 1), plausibleVariables, fc.array(mutation, { maxLength: 1 }))
  .map(([index, vars, mutations]) => {
    const doc = VALID_DOCUMENTS[index]!;
    const operationName = /^(?:query|mutation) (\w+)/.exec(doc)?.[1];
    return { query: mutations.reduce((d, m) => m(d), doc), variables: vars, operationName };
  });

const wildBody = fc.record(
  {
    query: fc.oneof(
      { weight: 6, arbitrary: mutatedDocument },
      { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
    ),
    variables,
    operationName: fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom('Jobs', 'Job', 'Stats', 'Runs', 'Wipe', 'A', 'B', null) },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }) },
    ),
    extensions: fc.oneof(fc.constant({}), fc.jsonValue({ maxDepth: 2 })),
  },
  { requiredKeys: ['query'] },
);

const graphqlBody = fc.oneof(plausibleBody, wildBody, wildBody);

const authorization = fc.oneof(
  fc.constant(undefined),
  fc.constant('Bearer wrong-token-wrong-token'),
  fc.constant(`Basic ${TEST_ADMIN_TOKEN}`),
  fc.string({ maxLength: 40 }).map((s) => `Bearer ${s}`),
);

const request: fc.Arbitrary<FuzzRequest> = fc.oneof(
  {
    weight: 16,
    arbitrary: fc.tuple(graphqlBody, authorization).map(([body, auth]) => ({
      method: 'POST' as const,
      headers: { 'content-type': 'application/json', ...(auth === undefined ? {} : { authorization: auth }) },
      body: JSON.stringify(body),
    })),
  },
  {
    weight: 2,
    arbitrary: fc.oneof(fc.jsonValue(), fc.string({ unit: 'binary', maxLength: 200 })).map((body) => ({
      method: 'POST' as const,
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        graphqlBody,
        fc.constantFrom('text/plain', 'application/graphql', 'application/json; charset=latin1', ''),
      )
      .map(([body, type]) => ({
        method: 'POST' as const,
        headers: (type === '' ? {} : { 'content-type': type }) as Record<string, string>,
        body: JSON.stringify(body),
      })),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(mutatedDocument, variables).map(([query, vars]) => {
      const params = new URLSearchParams({ query });
      if (vars !== undefined) params.set('variables', JSON.stringify(vars));
      return {
        method: 'GET' as const,
        headers: { 'apollo-require-preflight': 'true' },
        query: params.toString(),
      };
    }),
  },
);

/** What a response must never show: stack frames, source paths, driver and library internals. */
const LEAKS: readonly RegExp[] = [
  /\bat (?:async )?[\w$.<>[\] ]+ \([^)]*:\d+:\d+\)/,
  /\\n\s+at /,
  /"stacktrace"/,
  /\/src\/|\/dist\/|node_modules/,
  /Mongo[A-Z]\w*Error|MongooseError|CastError|BSONError|ArgumentValidationError/,
  /Internal server error/i,
];

async function hashOfAllJobs(): Promise<string> {
  const jobs = await JobModel.find().sort({ _id: 1 }).lean();
  return createHash('sha256').update(JSON.stringify(jobs)).digest('hex');
}

describe('fuzzing the GraphQL endpoint', () => {
  let app: GraphqlTestApp;
  const log = captureLogger();

  beforeAll(async () => {
    await seedJobs(Array.from({ length: 30 }, (_, i) => buildJob({ remote: i % 3 === 0 })));
    app = await startGraphqlTestApp({
      config: loadConfig({ NODE_ENV: 'production', ADMIN_TOKEN: TEST_ADMIN_TOKEN }),
      logger: log.logger,
      runEtl: () => Promise.reject(new Error('the fuzzer must never reach runEtl')),
    });
  });
  afterAll(async () => {
    await app.close();
  });

  it(`when ${RUNS} random and malformed requests come without the admin token, then none is a 5xx, none leaks internals, and no stored job changes`, async () => {
    const before = await hashOfAllJobs();
    const runsBefore = await EtlRunModel.countDocuments();
    const statuses = new Map<number, number>();

    await fc.assert(
      fc.asyncProperty(request, async (req) => {
        const url = req.query === undefined ? app.endpoint : `${app.endpoint}?${req.query}`;
        const response = await fetch(url, { method: req.method, headers: req.headers, body: req.body });
        const text = await response.text();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);

        expect(response.status).toBeLessThan(500);
        const sent = `${req.body ?? ''}${decodeURIComponent(req.query ?? '')}`;
        for (const leak of LEAKS) {
          // A message may quote what the client sent; only what the client did not send is a leak.
          if (leak.test(text) && !leak.test(sent))
            throw new Error(`response leaks ${leak}: ${text.slice(0, 500)}`);
        }
        if (response.status === 200) expect(() => JSON.parse(text) as unknown).not.toThrow();
      }),
      { numRuns: RUNS },
    );

    expect(await hashOfAllJobs()).toBe(before);
    expect(await EtlRunModel.countDocuments()).toBe(runsBefore);
    // No request reached the masking path: nothing unexpected was logged.
    expect(log.lines.filter((line) => (line.level as number) >= 50)).toEqual([]);
    const total = [...statuses.values()].reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(RUNS);
    // The mix reaches execution, not only the parser: some requests are answered with data.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(RUNS / 10);

    const after = await fetch(app.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ jobs(filter: { openOnly: false }) { totalCount } }' }),
    });
    expect(await after.json()).toEqual({ data: { jobs: { totalCount: 30 } } });
  });
});

/** Requests to paths around /graphql: bad percent-encoding, traversal, other routes and methods of the service. */
const oddPathRequest: fc.Arbitrary<FuzzRequest & { path: string }> = fc
  .tuple(
    fc.constantFrom(
      '/graphql/%',
      '/graphql/%E0%A4%A',
      '/graphql/..%2f..%2fpackage.json',
      '/%ff',
      '/healthz?%',
      '/healthz/%zz',
      '/graphql?query=%',
      '/graphql?query={jobs{totalCount}}&variables=%7B',
      '/graphql?extensions=%7B%22persistedQuery%22%3A1%7D',
      '/nope',
    ),
    fc.constantFrom<'GET' | 'POST'>('GET', 'POST'),
    fc.string({ unit: 'binary', maxLength: 60 }),
  )
  .map(([path, method, body]) => ({
    path,
    method,
    headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true' },
    body: method === 'POST' ? body : undefined,
  }));

const DEV_RUNS = 600;

/** A stack frame, a stack in a JSON string, Apollo's stacktrace extension, a source file with a line number. */
const STACK_TRACE: readonly RegExp[] = [
  /\bat (?:async )?[\w$.<>[\] ]+ \([^)]*:\d+:\d+\)/,
  /\bat [^\s()]+:\d+:\d+/,
  /\\n\s+at /,
  /"stacktrace"/,
  /\.(?:ts|js|mjs|cjs):\d+/,
];
/** An absolute file path: this checkout's, or any `/dir/…/file.ext`. */
const ABSOLUTE_PATH: readonly RegExp[] = [
  new RegExp(ROOT.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
  /(?<![\w.:/-])\/(?:[\w.@-]+\/)+[\w.@-]+\.(?:ts|js|mjs|cjs|json|node)\b/,
  /node_modules/,
];

describe('fuzzing the service in development mode', () => {
  let server: RunningServer;
  const log = captureLogger();

  beforeAll(async () => {
    server = await startHttpServer(
      {
        config: loadConfig({ NODE_ENV: 'development' }),
        logger: log.logger,
        adminToken: TEST_ADMIN_TOKEN,
        runEtl: () => Promise.reject(new Error('the fuzzer must never reach runEtl')),
      },
      { host: '127.0.0.1', port: 0 },
    );
  });
  afterAll(async () => {
    await server.close();
  });

  it(`when ${DEV_RUNS} malformed requests reach a development server, then no answer carries a stack trace or an absolute file path`, async () => {
    let errorAnswers = 0;
    const devRequest = fc.oneof(
      { weight: 9, arbitrary: request.map((req) => ({ ...req, path: '/graphql' })) },
      { weight: 1, arbitrary: oddPathRequest },
    );
    await fc.assert(
      fc.asyncProperty(devRequest, async (req) => {
        const url = `${server.url}${req.path}${req.query === undefined ? '' : `?${req.query}`}`;
        const response = await fetch(url, { method: req.method, headers: req.headers, body: req.body });
        const text = await response.text();
        if (response.status >= 400 || text.includes('"errors"')) errorAnswers += 1;
        const sent = `${req.path}${req.body ?? ''}${req.query ?? ''}`;
        for (const leak of [...STACK_TRACE, ...ABSOLUTE_PATH]) {
          // A message may quote what the client sent; only what the client did not send is a leak.
          if (leak.test(text) && !leak.test(sent) && !leak.test(safeDecode(sent)))
            throw new Error(`${req.method} ${req.path} answer leaks ${leak}: ${text.slice(0, 500)}`);
        }
      }),
      { numRuns: DEV_RUNS },
    );
    // Most of them are refused, so the property is about error answers, not about successes.
    expect(errorAnswers).toBeGreaterThan(DEV_RUNS / 2);
  });
});

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
