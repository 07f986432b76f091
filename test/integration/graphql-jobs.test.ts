import 'reflect-metadata';

import { ErrorCode } from '../../src/graphql/errors';
import { EtlRunModel, EtlRunStatus, EtlTrigger } from '../../src/models/etl-run.model';
import type { Job } from '../../src/models/job.model';
import {
  EtlRunsDocument,
  JobDocument,
  type JobFilter,
  JobsDocument,
  type JobSortField,
  type JobsQuery,
  type JobsQueryVariables,
  JobStatsDocument,
  type SortDirection,
} from '../generated/graphql';
import { useTestDatabase } from '../support/db';
import { createGraphqlTestServer, type GraphqlTestServer } from '../support/graphql-app';
import { buildJob, daysFromNow, seedJobs } from '../support/job-factory';

useTestDatabase();

const NOW = new Date();
const day = (n: number): Date => daysFromNow(n, NOW);

const TITLES = [
  'Data Engineer',
  'IT Specialist (DATAMGT)',
  'Supervisory Data Scientist',
  'Statistician',
  'data engineer',
];
const DEPARTMENTS = [
  'Department of the Treasury',
  'Department of Defense',
  'Department of Commerce',
  null,
  'Department of Veterans Affairs',
];
const ORGANIZATIONS = [
  'Internal Revenue Service',
  'Defense Logistics Agency',
  'Census Bureau',
  'Veterans Health Administration',
];
const PLACES: Job['positionLocation'][] = [
  [{ locationName: 'Chicago, Illinois', countrySubDivisionCode: 'Illinois' }],
  [
    { locationName: 'Chicago, Illinois', countrySubDivisionCode: 'Illinois' },
    { locationName: 'Anywhere in the U.S. (remote job)', countrySubDivisionCode: 'N/A' },
  ],
  [
    { locationName: 'Austin, Texas', countrySubDivisionCode: 'Texas' },
    { locationName: 'Dallas, Texas', countrySubDivisionCode: 'Texas' },
  ],
  [{ locationName: 'Denver, Colorado', countrySubDivisionCode: null }],
  [],
  [{ locationName: 'Washington, District of Columbia', countrySubDivisionCode: 'District of Columbia' }],
];
const GRADES: [number | null, number | null][] = [
  [9, 11],
  [12, 13],
  [13, 14],
  [null, null],
  [11, 12],
];

/** 60 varied jobs: null AND absent values in every sortable field, ties in every field, closed ones too. */
function variedJobs(): Job[] {
  return Array.from({ length: 60 }, (_, i) => {
    // Ids do not follow the insertion order, so a bug that relies on natural order shows.
    const id = `V${String((i * 37) % 60).padStart(3, '0')}`;
    const minSalary = 50_000 + (i % 5) * 10_000;
    const [lowGrade, highGrade] = GRADES[i % GRADES.length]!;
    return buildJob({
      _id: id,
      positionTitle: TITLES[i % TITLES.length]!,
      departmentName: DEPARTMENTS[i % DEPARTMENTS.length]!,
      organizationName: ORGANIZATIONS[i % ORGANIZATIONS.length]!,
      positionLocation: PLACES[i % PLACES.length]!,
      lowGrade,
      highGrade,
      remote: i % 4 === 0,
      qualificationSummary: i % 3 === 0 ? 'Experience with Python and SQL.' : null,
      jobSummary: i % 3 === 1 ? 'Builds ETL pipelines for analytics.' : undefined,
      publicationStartDate: i % 6 === 0 ? null : i % 6 === 1 ? undefined : day(-(i % 9)),
      applicationCloseDate:
        i % 10 === 3 ? null : i % 10 === 7 ? undefined : i % 5 === 4 ? day(-2) : day(10 * ((i % 4) + 1)),
      annualSalary:
        i % 7 === 0
          ? null
          : i % 7 === 5
            ? undefined
            : { min: minSalary, max: minSalary + 20_000 + (i % 3) * 5_000 },
    });
  });
}

/** Jobs whose text puts literal matching to the test. */
function literalJobs(): Job[] {
  return [
    buildJob({ _id: 'L001', positionTitle: 'C++ Developer', departmentName: 'Department of Energy' }),
    buildJob({ _id: 'L002', positionTitle: 'Contract Specialist', organizationName: 'CCC Agency' }),
    buildJob({
      _id: 'L003',
      positionTitle: 'Analyst',
      qualificationSummary: 'Knows the pattern (a+)+$ by heart.',
    }),
    buildJob({ _id: 'L004', positionTitle: 'Analyst', qualificationSummary: `${'a'.repeat(40)}!` }),
    buildJob({ _id: 'L005', positionTitle: 'Auditor', jobSummary: 'Reviews a.b files.' }),
    buildJob({ _id: 'L006', positionTitle: 'Auditor', jobSummary: 'Reviews axb files.' }),
  ];
}

const ALL: Job[] = [...variedJobs(), ...literalJobs()];
let api: GraphqlTestServer;

beforeAll(async () => {
  await seedJobs(ALL);
  api = await createGraphqlTestServer();
});
afterAll(async () => {
  await api.server.stop();
});

// ---------- the test's own, independent reading of the contract ----------

const isOpen = (job: Job): boolean => job.applicationCloseDate != null && job.applicationCloseDate > NOW;
const includesCi = (text: string | null | undefined, part: string): boolean =>
  (text ?? '').toLowerCase().includes(part.toLowerCase());

function sortValue(job: Job, field: JobSortField): number | string | null {
  switch (field) {
    case 'PUBLICATION_START_DATE':
      return job.publicationStartDate?.getTime() ?? null;
    case 'APPLICATION_CLOSE_DATE':
      return job.applicationCloseDate?.getTime() ?? null;
    case 'ANNUAL_SALARY_MIN':
      return job.annualSalary?.min ?? null;
    case 'ANNUAL_SALARY_MAX':
      return job.annualSalary?.max ?? null;
    case 'POSITION_TITLE':
      return job.positionTitle;
  }
}

/** The contract's order: jobs with a value by (value, id) in the direction, then jobs without one by id. */
function expectedOrder(jobs: readonly Job[], field: JobSortField, direction: SortDirection): string[] {
  const sign = direction === 'ASC' ? 1 : -1;
  const cmp = (a: number | string, b: number | string): number => (a < b ? -1 : a > b ? 1 : 0);
  return [...jobs]
    .sort((a, b) => {
      const va = sortValue(a, field);
      const vb = sortValue(b, field);
      if (va === null && vb !== null) return 1;
      if (va !== null && vb === null) return -1;
      return (va === null || vb === null ? 0 : sign * cmp(va, vb)) || sign * cmp(a._id, b._id);
    })
    .map((j) => j._id);
}

async function walk(
  variables: Omit<JobsQueryVariables, 'first' | 'after'>,
): Promise<{ ids: string[]; totals: Set<number> }> {
  const ids: string[] = [];
  const totals = new Set<number>();
  let after: string | null = null;
  for (let page = 0; page < 50; page += 1) {
    const { data, errors } = await api.execute(JobsDocument, { ...variables, first: 7, after });
    expect(errors).toBeUndefined();
    const jobs: JobsQuery['jobs'] = data!.jobs;
    totals.add(jobs.totalCount);
    ids.push(...jobs.edges.map((e) => e.node.id));
    expect(jobs.nodes.map((n) => n.id)).toEqual(jobs.edges.map((e) => e.node.id));
    expect(jobs.pageInfo.hasPreviousPage).toBe(after !== null);
    expect(jobs.pageInfo.startCursor).toBe(jobs.edges[0]?.cursor ?? null);
    expect(jobs.pageInfo.endCursor).toBe(jobs.edges.at(-1)?.cursor ?? null);
    if (!jobs.pageInfo.hasNextPage) return { ids, totals };
    expect(jobs.edges).toHaveLength(7);
    after = jobs.pageInfo.endCursor;
  }
  throw new Error('paging did not end');
}

describe('jobs: paging', () => {
  const FIELDS: JobSortField[] = [
    'PUBLICATION_START_DATE',
    'APPLICATION_CLOSE_DATE',
    'ANNUAL_SALARY_MIN',
    'ANNUAL_SALARY_MAX',
    'POSITION_TITLE',
  ];
  const cases = FIELDS.flatMap((field) =>
    (['ASC', 'DESC'] as SortDirection[]).map((direction) => [field, direction] as const),
  );

  it.each(cases)(
    'when walking sorted by %s %s with first: 7, then every job is visited once, in order, missing values last',
    async (field, direction) => {
      const { ids, totals } = await walk({ filter: { openOnly: false }, sort: { field, direction } });
      expect(new Set(ids).size).toBe(ids.length);
      expect([...totals]).toEqual([ALL.length]);
      expect(ids).toEqual(expectedOrder(ALL, field, direction));
    },
  );

  it('when walking a filtered listing with the default sort, then the walk agrees with totalCount', async () => {
    const matching = ALL.filter((j) => isOpen(j) && j.remote);
    const { ids, totals } = await walk({ filter: { remote: true } });
    expect([...totals]).toEqual([matching.length]);
    expect(ids).toEqual(expectedOrder(matching, 'PUBLICATION_START_DATE', 'DESC'));
  });

  it('when first is not given, then a page holds 20 jobs', async () => {
    const { data } = await api.execute(JobsDocument, { filter: { openOnly: false } });
    expect(data!.jobs.edges).toHaveLength(20);
    expect(data!.jobs.pageInfo.hasNextPage).toBe(true);
  });

  it('when nothing matches, then the page is empty with null cursors', async () => {
    const { data } = await api.execute(JobsDocument, { filter: { keyword: 'no-such-term-anywhere' } });
    expect(data!.jobs).toEqual({
      totalCount: 0,
      edges: [],
      nodes: [],
      pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
    });
  });
});

describe('jobs: filters', () => {
  const cases: [string, JobFilter, (job: Job) => boolean][] = [
    ['no filter (open only by default)', {}, isOpen],
    ['openOnly: false', { openOnly: false }, () => true],
    [
      'keyword with two terms (each must occur somewhere)',
      { keyword: 'data  PYTHON' },
      (j) =>
        isOpen(j) &&
        ['data', 'python'].every((t) =>
          [j.positionTitle, j.organizationName, j.departmentName, j.qualificationSummary, j.jobSummary].some(
            (f) => includesCi(f, t),
          ),
        ),
    ],
    [
      'keyword found only in jobSummary',
      { keyword: 'etl pipelines' },
      (j) => isOpen(j) && includesCi(j.jobSummary, 'etl pipelines'),
    ],
    [
      'keyword found in organizationName',
      { keyword: 'census', openOnly: false },
      (j) => includesCi(j.organizationName, 'census'),
    ],
    [
      'location (substring, any location)',
      { location: 'TEXAS' },
      (j) => isOpen(j) && j.positionLocation.some((l) => includesCi(l.locationName, 'texas')),
    ],
    [
      'location matched in the second location',
      { location: 'remote job' },
      (j) => isOpen(j) && j.positionLocation.some((l) => includesCi(l.locationName, 'remote job')),
    ],
    [
      'minSalary',
      { minSalary: 95_000 },
      (j) => isOpen(j) && j.annualSalary != null && j.annualSalary.max >= 95_000,
    ],
    [
      'maxSalary',
      { maxSalary: 60_000 },
      (j) => isOpen(j) && j.annualSalary != null && j.annualSalary.min <= 60_000,
    ],
    ['minGrade', { minGrade: 13 }, (j) => isOpen(j) && j.highGrade != null && j.highGrade >= 13],
    ['maxGrade', { maxGrade: 11 }, (j) => isOpen(j) && j.lowGrade != null && j.lowGrade <= 11],
    [
      'department (substring)',
      { department: 'treasury' },
      (j) => isOpen(j) && includesCi(j.departmentName, 'treasury'),
    ],
    ['remote: true', { remote: true }, (j) => isOpen(j) && j.remote],
    ['remote: false', { remote: false }, (j) => isOpen(j) && !j.remote],
    [
      'postedAfter',
      { postedAfter: day(-4).toISOString(), openOnly: false },
      (j) => j.publicationStartDate != null && j.publicationStartDate > day(-4),
    ],
    [
      'every criterion at once',
      {
        keyword: 'engineer',
        location: 'chicago',
        minSalary: 70_000,
        maxSalary: 90_000,
        minGrade: 11,
        maxGrade: 13,
        remote: false,
      },
      (j) =>
        isOpen(j) &&
        includesCi(j.positionTitle, 'engineer') &&
        j.positionLocation.some((l) => includesCi(l.locationName, 'chicago')) &&
        j.annualSalary != null &&
        j.annualSalary.max >= 70_000 &&
        j.annualSalary.min <= 90_000 &&
        j.highGrade != null &&
        j.highGrade >= 11 &&
        j.lowGrade != null &&
        j.lowGrade <= 13 &&
        !j.remote,
    ],
  ];

  it.each(cases)(
    'when filtering by %s, then exactly the matching jobs come back',
    async (_name, filter, predicate) => {
      const expected = ALL.filter(predicate)
        .map((j) => j._id)
        .sort();
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(ALL.length + 1);
      const { data, errors } = await api.execute(JobsDocument, { filter, first: 100 });
      expect(errors).toBeUndefined();
      expect(data!.jobs.nodes.map((n) => n.id).sort()).toEqual(expected);
      expect(data!.jobs.totalCount).toBe(expected.length);
    },
  );

  it.each([
    ['C++', ['L001']],
    ['(a+)+$', ['L003']],
    ['a.b', ['L005']],
    ['c++ developer', ['L001']],
  ])(
    'when the keyword is %j, then it is matched literally, not as a regular expression',
    async (keyword, ids) => {
      const { data, errors } = await api.execute(JobsDocument, { filter: { keyword }, first: 100 });
      expect(errors).toBeUndefined();
      expect(data!.jobs.nodes.map((n) => n.id)).toEqual(ids);
    },
  );

  it('when location or department hold regex or operator syntax, then they match literally (here: nothing)', async () => {
    for (const filter of [
      { location: '.*' },
      { department: '$ne' },
      { location: '^Chicago' },
      { department: '[' },
    ]) {
      const { data, errors } = await api.execute(JobsDocument, { filter });
      expect(errors).toBeUndefined();
      expect(data!.jobs.totalCount).toBe(0);
    }
  });
});

describe('jobs: invalid arguments', () => {
  it.each([
    ['first: 0', { first: 0 }, 'first'],
    ['first: 101', { first: 101 }, 'first'],
    ['first: -5', { first: -5 }, 'first'],
    ['a 201-character keyword', { filter: { keyword: 'k'.repeat(201) } }, 'filter.keyword'],
    ['a 201-character location', { filter: { location: 'l'.repeat(201) } }, 'filter.location'],
    ['a 201-character department', { filter: { department: 'd'.repeat(201) } }, 'filter.department'],
  ])(
    'when %s is asked for, then the answer is BAD_USER_INPUT naming the argument',
    async (_name, variables, path) => {
      const { data, errors } = await api.execute(JobsDocument, variables as JobsQueryVariables);
      expect(data).toBeNull();
      expect(errors).toHaveLength(1);
      expect(errors![0]!.extensions?.code).toBe(ErrorCode.BAD_USER_INPUT);
      expect(errors![0]!.message).toContain(path);
    },
  );

  it.each([
    ['garbage', 'not a cursor!'],
    ['base64url of something else', Buffer.from('{"hello":"world"}').toString('base64url')],
    ['a cursor of another sort', 'CURSOR_OF_ANOTHER_SORT'],
    ['too long', 'A'.repeat(1_001)],
  ])('when the cursor is %s, then the answer is BAD_USER_INPUT', async (_name, cursor) => {
    let after = cursor;
    if (cursor === 'CURSOR_OF_ANOTHER_SORT') {
      const { data } = await api.execute(JobsDocument, {
        first: 1,
        sort: { field: 'POSITION_TITLE', direction: 'ASC' },
      });
      after = data!.jobs.pageInfo.endCursor!;
    }
    const { errors } = await api.execute(JobsDocument, { first: 5, after });
    expect(errors?.[0]?.extensions?.code).toBe(ErrorCode.BAD_USER_INPUT);
  });
});

describe('job(id) and isOpen', () => {
  it('when the id exists, then the job comes back with every stored field', async () => {
    const seeded = ALL.find((j) => j._id === 'V002')!;
    const { data, errors } = await api.execute(JobDocument, { id: 'V002' });
    expect(errors).toBeUndefined();
    expect(data!.job).toMatchObject({
      id: 'V002',
      positionId: seeded.positionId,
      positionTitle: seeded.positionTitle,
      positionUri: seeded.positionUri,
      applyUris: seeded.applyUris,
      departmentName: seeded.departmentName ?? null,
      positionLocation: seeded.positionLocation.map((l) =>
        expect.objectContaining({ locationName: l.locationName }),
      ),
      annualSalary: seeded.annualSalary ?? null,
      lowGrade: seeded.lowGrade ?? null,
      remote: seeded.remote,
      publicationStartDate: seeded.publicationStartDate?.toISOString() ?? null,
      applicationCloseDate: seeded.applicationCloseDate?.toISOString() ?? null,
      firstSeenAt: seeded.firstSeenAt.toISOString(),
      isOpen: isOpen(seeded),
    });
  });

  it('when the id is unknown, then job is null without an error', async () => {
    const { data, errors } = await api.execute(JobDocument, { id: 'NO-SUCH-JOB' });
    expect(errors).toBeUndefined();
    expect(data).toEqual({ job: null });
  });

  it('when the id is over-long, then the answer is BAD_USER_INPUT', async () => {
    const { errors } = await api.execute(JobDocument, { id: 'x'.repeat(201) });
    expect(errors?.[0]?.extensions?.code).toBe(ErrorCode.BAD_USER_INPUT);
  });

  it('when jobs close in the future, the past, or never say, then isOpen is true, false, false', async () => {
    const { data } = await api.execute(JobsDocument, { filter: { openOnly: false }, first: 100 });
    const byId = new Map(data!.jobs.edges.map((e) => [e.node.id, e.node.isOpen]));
    for (const job of ALL) expect([job._id, byId.get(job._id)]).toEqual([job._id, isOpen(job)]);
    expect(new Set(byId.values())).toEqual(new Set([true, false]));
  });
});

describe('jobStats', () => {
  /** Computed here from the seeded data, independently of the service's code. */
  function expectedStats(jobs: readonly Job[]): unknown {
    const salaried = jobs.filter((j) => j.annualSalary != null).map((j) => j.annualSalary!);
    const mean = (xs: number[]): number | null =>
      xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
    const buckets = (keysPerJob: string[][]): { key: string; count: number }[] => {
      const counts: Record<string, number> = {};
      for (const keys of keysPerJob) for (const key of new Set(keys)) counts[key] = (counts[key] ?? 0) + 1;
      return Object.entries(counts)
        .map(([key, count]) => ({ key, count }))
        .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1));
    };
    return {
      totalCount: jobs.length,
      annualSalary: {
        lowest: salaried.length ? Math.min(...salaried.map((s) => s.min)) : null,
        highest: salaried.length ? Math.max(...salaried.map((s) => s.max)) : null,
        averageMin: mean(salaried.map((s) => s.min)),
        averageMax: mean(salaried.map((s) => s.max)),
      },
      byDepartment: buckets(jobs.map((j) => (j.departmentName ? [j.departmentName] : []))),
      byState: buckets(
        jobs.map((j) =>
          j.positionLocation
            .map((l) => l.countrySubDivisionCode)
            .filter((s): s is string => !!s && s !== 'N/A'),
        ),
      ),
    };
  }

  it.each([
    ['no filter (open jobs)', undefined, isOpen],
    ['openOnly: false', { openOnly: false }, () => true],
    [
      'a department',
      { department: 'defense', openOnly: false },
      (j: Job) => includesCi(j.departmentName, 'defense'),
    ],
    ['nothing matching', { keyword: 'no-such-term-anywhere' }, () => false],
  ] as const)(
    'when asked with %s, then the figures equal those counted from the seeded jobs',
    async (_name, filter, predicate) => {
      const { data, errors } = await api.execute(JobStatsDocument, { filter });
      expect(errors).toBeUndefined();
      const expected = expectedStats(ALL.filter(predicate)) as NonNullable<typeof data>['jobStats'];
      const { annualSalary, ...rest } = data!.jobStats;
      const { annualSalary: expectedSalary, ...expectedRest } = expected;
      expect(rest).toEqual(expectedRest);
      for (const key of ['lowest', 'highest', 'averageMin', 'averageMax'] as const) {
        if (expectedSalary[key] === null) expect(annualSalary[key]).toBeNull();
        else expect(annualSalary[key]).toBeCloseTo(expectedSalary[key]!, 6);
      }
    },
  );

  it('when a job lists two locations in one state, then that state counts it once', async () => {
    const { data } = await api.execute(JobStatsDocument, { filter: { location: 'texas', openOnly: false } });
    const texans = ALL.filter((j) => j.positionLocation.some((l) => l.countrySubDivisionCode === 'Texas'));
    expect(data!.jobStats.byState).toEqual([{ key: 'Texas', count: texans.length }]);
  });
});

describe('etlRuns', () => {
  beforeAll(async () => {
    const params = {
      keyword: 'data',
      locationName: 'Chicago, Illinois',
      radiusMiles: 50,
      yearsOfExperience: 5,
      includeRemote: true,
    };
    await EtlRunModel.insertMany(
      Array.from({ length: 12 }, (_, i) => ({
        _id: `run-${String(i).padStart(2, '0')}`,
        status: i === 11 ? EtlRunStatus.RUNNING : EtlRunStatus.SUCCEEDED,
        trigger: EtlTrigger.CLI,
        params,
        startedAt: day(-12 + i),
      })),
    );
  });

  it('when listed, then the newest come first and first defaults to 10', async () => {
    const { data, errors } = await api.execute(EtlRunsDocument, {});
    expect(errors).toBeUndefined();
    expect(data!.etlRuns.map((r) => r.id)).toEqual(
      Array.from({ length: 10 }, (_, i) => `run-${String(11 - i).padStart(2, '0')}`),
    );
    expect(data!.etlRuns[0]).toMatchObject({
      status: 'RUNNING',
      trigger: 'CLI',
      params: { keyword: 'data', maxPages: null },
    });
  });

  it('when first is 3, then three come back', async () => {
    const { data } = await api.execute(EtlRunsDocument, { first: 3 });
    expect(data!.etlRuns.map((r) => r.id)).toEqual(['run-11', 'run-10', 'run-09']);
  });

  it.each([0, 101])('when first is %d, then the answer is BAD_USER_INPUT', async (first) => {
    const { errors } = await api.execute(EtlRunsDocument, { first });
    expect(errors?.[0]?.extensions?.code).toBe(ErrorCode.BAD_USER_INPUT);
  });
});
