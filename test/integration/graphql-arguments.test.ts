import 'reflect-metadata';

import { EtlParamsError } from '../../src/etl/etl.errors';
import { ErrorCode } from '../../src/graphql/errors';
import { useTestDatabase } from '../support/db';
import {
  createGraphqlTestServer,
  type GraphqlTestError,
  type GraphqlTestServer,
  TEST_ADMIN_TOKEN,
} from '../support/graphql-app';
import { buildJob, daysFromNow, seedJobs } from '../support/job-factory';

useTestDatabase();

const ADMIN = `Bearer ${TEST_ADMIN_TOKEN}`;
const JOBS_COUNT = 'query Count($filter: JobFilter) { jobs(filter: $filter) { totalCount } }';
const STATS_COUNT = 'query Stats($filter: JobFilter) { jobStats(filter: $filter) { totalCount } }';

let api: GraphqlTestServer;
beforeAll(async () => {
  api = await createGraphqlTestServer();
  await seedJobs([
    buildJob({ _id: 'A1', publicationStartDate: new Date('2026-10-31T23:30:00Z') }),
    buildJob({ _id: 'A2', publicationStartDate: new Date('2026-11-01T00:00:00Z') }),
    buildJob({ _id: 'A3', publicationStartDate: new Date('2026-11-01T00:30:00Z') }),
    buildJob({
      _id: 'T1',
      positionLocation: [{ locationName: 'Austin, Texas', countrySubDivisionCode: 'Texas' }],
      departmentName: 'Department of Defense',
      publicationStartDate: daysFromNow(-3),
    }),
  ]);
});
afterAll(async () => {
  await api.server.stop();
});

/** The one error of an answer that must have failed as a whole. */
function onlyError(result: { data?: unknown; errors?: readonly GraphqlTestError[] }): GraphqlTestError {
  expect(result.errors).toHaveLength(1);
  return result.errors![0]!;
}

/** The client-visible shape of every BAD_USER_INPUT: the argument at fault and every argument involved. */
function expectBadInput(error: GraphqlTestError, argument: string, others: string[] = []): void {
  expect(error.extensions).toEqual({
    code: ErrorCode.BAD_USER_INPUT,
    argument,
    arguments: [argument, ...others],
  });
}

describe('filter bounds: input that could only ever match nothing is refused', () => {
  it.each([
    ['minSalary: -1', { minSalary: -1 }, 'filter.minSalary'],
    ['minSalary over 10,000,000', { minSalary: 10_000_001 }, 'filter.minSalary'],
    ['maxSalary: -5', { maxSalary: -5 }, 'filter.maxSalary'],
    ['maxSalary over 10,000,000', { maxSalary: 2e9 }, 'filter.maxSalary'],
    ['minGrade: -5', { minGrade: -5 }, 'filter.minGrade'],
    ['minGrade: 0', { minGrade: 0 }, 'filter.minGrade'],
    ['maxGrade: 100', { maxGrade: 100 }, 'filter.maxGrade'],
  ])('when %s, then BAD_USER_INPUT naming the argument path', async (_name, filter, path) => {
    for (const query of [JOBS_COUNT, STATS_COUNT]) {
      const result = await api.executeRaw(query, { filter });
      expect(result.data).toBeNull();
      const error = onlyError(result);
      expect(error.message).toContain(path);
      expectBadInput(error, path);
    }
  });

  it('when minSalary is the literal 1e400 (Infinity once parsed), then BAD_USER_INPUT naming filter.minSalary', async () => {
    const error = onlyError(await api.executeRaw('{ jobs(filter: { minSalary: 1e400 }) { totalCount } }'));
    expectBadInput(error, 'filter.minSalary');
  });

  it.each([
    [
      'minSalary > maxSalary',
      { minSalary: 90_000, maxSalary: 50_000 },
      'filter.minSalary',
      'filter.maxSalary',
    ],
    ['minGrade > maxGrade', { minGrade: 13, maxGrade: 11 }, 'filter.minGrade', 'filter.maxGrade'],
  ])(
    'when %s, then BAD_USER_INPUT naming both, the lower bound first',
    async (_name, filter, argument, other) => {
      const error = onlyError(await api.executeRaw(JOBS_COUNT, { filter }));
      expect(error.message).toContain(argument);
      expect(error.message).toContain(other.split('.')[1]);
      expectBadInput(error, argument, [other]);
    },
  );

  it('when the bounds are equal or at their limits, then the filter is accepted', async () => {
    for (const filter of [
      { minSalary: 100_000, maxSalary: 100_000 },
      { minGrade: 12, maxGrade: 12 },
      { minSalary: 0, maxSalary: 10_000_000, minGrade: 1, maxGrade: 99 },
    ]) {
      const { errors } = await api.executeRaw(JOBS_COUNT, { filter });
      expect(errors).toBeUndefined();
    }
  });
});

describe('postedAfter: a plain date', () => {
  it('when postedAfter is a date without a time, then it means midnight UTC that day (variable and literal)', async () => {
    const asVariable = await api.executeRaw(
      'query($filter: JobFilter) { jobs(filter: $filter) { nodes { id } } }',
      { filter: { postedAfter: '2026-11-01', openOnly: false } },
    );
    expect(asVariable.errors).toBeUndefined();
    const ids = (data: unknown): string[] =>
      (data as { jobs: { nodes: { id: string }[] } }).jobs.nodes.map((n) => n.id).sort();
    expect(ids(asVariable.data)).toEqual(['A3', 'T1']);

    const asLiteral = await api.executeRaw(
      '{ jobs(filter: { postedAfter: "2026-11-01", openOnly: false }) { nodes { id } } }',
    );
    expect(asLiteral.errors).toBeUndefined();
    expect(ids(asLiteral.data)).toEqual(['A3', 'T1']);
  });

  it('when postedAfter is not a date, then BAD_USER_INPUT naming filter.postedAfter', async () => {
    const error = onlyError(await api.executeRaw(JOBS_COUNT, { filter: { postedAfter: '2026-02-30' } }));
    expectBadInput(error, 'filter.postedAfter');
  });
});

describe('one error shape for every BAD_USER_INPUT', () => {
  it('when class-validator refuses one argument, then argument and arguments name it and nothing else is sent', async () => {
    const error = onlyError(await api.executeRaw('{ jobs(first: 0) { totalCount } }'));
    expect(error.message).toBe('Invalid argument: first must be at least 1');
    expectBadInput(error, 'first');
  });

  it('when class-validator refuses several arguments, then arguments lists each in order, argument is the first', async () => {
    const error = onlyError(
      await api.executeRaw('query($filter: JobFilter) { jobs(first: 0, filter: $filter) { totalCount } }', {
        filter: { keyword: 'k'.repeat(201), maxGrade: 0 },
      }),
    );
    expectBadInput(error, 'filter.keyword', ['filter.maxGrade', 'first']);
  });

  it('when the cursor is invalid, then the error names after', async () => {
    const error = onlyError(await api.executeRaw('{ jobs(after: "not-a-cursor") { totalCount } }'));
    expectBadInput(error, 'after');
  });

  it('when wipe is not confirmed, then the error names confirm', async () => {
    const error = onlyError(
      await api.executeRaw(
        'mutation { wipe(confirm: false) { deletedCount } }',
        {},
        { authorization: ADMIN },
      ),
    );
    expectBadInput(error, 'confirm');
  });

  it('when the ETL refuses the parameters, then the error names params', async () => {
    const etl = await createGraphqlTestServer({
      runEtl: () => Promise.reject(new EtlParamsError('Invalid ETL parameters: locationName is unknown')),
    });
    const error = onlyError(await etl.executeRaw('mutation { runEtl { id } }', {}, { authorization: ADMIN }));
    expect(error.message).toBe('Invalid ETL parameters: locationName is unknown');
    expectBadInput(error, 'params');
    await etl.server.stop();
  });

  it.each([
    ['a scalar variable', 'query($n: Int) { jobs(first: $n) { totalCount } }', { n: 'ten' }, 'first'],
    [
      'a field inside an input variable',
      'query($f: JobFilter) { jobs(filter: $f) { totalCount } }',
      { f: { minGrade: 'high' } },
      'filter.minGrade',
    ],
    [
      'a variable inside an object literal',
      'query($d: DateTimeISO) { jobs(filter: { postedAfter: $d }) { totalCount } }',
      { d: 'soon' },
      'filter.postedAfter',
    ],
    ['a required variable left out', 'query($id: ID!) { job(id: $id) { id } }', {}, 'id'],
    [
      'a variable used by two fields for the same argument',
      'query($n: Int) { jobs(first: $n) { totalCount } etlRuns(first: $n) { id } }',
      { n: 1.5 },
      'first',
    ],
  ])(
    'when %s does not coerce, then the error names the argument it was given for',
    async (_name, query, variables, argument) => {
      const error = onlyError(await api.executeRaw(query, variables));
      expectBadInput(error, argument);
    },
  );
});

describe('names: the stored field name works, the old one is deprecated but still works', () => {
  const count = async (filter: Record<string, unknown>): Promise<number> => {
    const { data, errors } = await api.executeRaw(JOBS_COUNT, { filter });
    expect(errors).toBeUndefined();
    return (data as { jobs: { totalCount: number } }).jobs.totalCount;
  };

  it('when filtering by locationName or by location, then the same jobs match', async () => {
    expect(await count({ locationName: 'texas' })).toBe(1);
    expect(await count({ location: 'texas' })).toBe(1);
    expect(await count({ locationName: 'texas', location: 'texas' })).toBe(1);
  });

  it('when filtering by departmentName or by department, then the same jobs match', async () => {
    expect(await count({ departmentName: 'defense' })).toBe(1);
    expect(await count({ department: 'defense' })).toBe(1);
    expect(await count({ departmentName: 'defense', department: ' defense ' })).toBe(1);
  });

  it.each([
    [{ locationName: 'texas', location: 'chicago' }, 'filter.locationName', 'filter.location'],
    [{ departmentName: 'defense', department: 'treasury' }, 'filter.departmentName', 'filter.department'],
  ])(
    'when both names are given different values (%j), then BAD_USER_INPUT naming both',
    async (filter, argument, other) => {
      const error = onlyError(await api.executeRaw(JOBS_COUNT, { filter }));
      expectBadInput(error, argument, [other]);
    },
  );

  it('when the new name is over-long, then it is bounded like the old one', async () => {
    const error = onlyError(await api.executeRaw(JOBS_COUNT, { filter: { locationName: 'x'.repeat(201) } }));
    expectBadInput(error, 'filter.locationName');
  });
});
