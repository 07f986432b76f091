import 'reflect-metadata';

import http from 'node:http';

import { parse } from 'csv-parse/sync';

import { startHttpServer } from '../../src/http/app';
import { type Job, JobChangeField, JobStatus } from '../../src/models/job.model';
import { useTestDatabase } from '../support/db';
import { testGraphqlDeps } from '../support/graphql-app';
import { buildJob, daysFromNow, seedJobs } from '../support/job-factory';
import { captureLogger } from '../support/logger';
import { ALL_JOB_FIELDS, postRaw } from '../support/raw-graphql';

/** The documented column order (README "CSV export"). */
const HEADER = [
  'control_number',
  'position_title',
  'agency',
  'department',
  'locations',
  'remote',
  'pay_plan',
  'low_grade',
  'high_grade',
  'annual_pay_min',
  'annual_pay_max',
  'status',
  'open_date',
  'close_date',
  'posting_url',
  'apply_url',
];

/** What the API returns for one job (the fields the CSV has). */
interface ApiJob {
  id: string;
  positionTitle: string;
  organizationName: string | null;
  departmentName: string | null;
  positionLocation: { locationName: string }[];
  remote: boolean;
  payPlan: string | null;
  lowGrade: number | null;
  highGrade: number | null;
  annualSalary: { min: number; max: number } | null;
  status: 'OPEN' | 'CLOSED' | 'WITHDRAWN';
  publicationStartDate: string | null;
  applicationCloseDate: string | null;
  positionUri: string;
  applyUris: string[];
}

/** The CSV row a job of the API must have, as a spreadsheet user reads it (formula-like text gets a leading '). */
function expectedRow(job: ApiJob): string[] {
  const text = (value: string | null): string =>
    value === null ? '' : /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  const number = (value: number | null | undefined): string => (value == null ? '' : String(value));
  return [
    job.id,
    text(job.positionTitle),
    text(job.organizationName),
    text(job.departmentName),
    text(job.positionLocation.map((l) => l.locationName).join('; ')),
    String(job.remote),
    text(job.payPlan),
    number(job.lowGrade),
    number(job.highGrade),
    number(job.annualSalary?.min),
    number(job.annualSalary?.max),
    job.status,
    job.publicationStartDate ?? '',
    job.applicationCloseDate ?? '',
    text(job.positionUri),
    text(job.applyUris[0] ?? null),
  ];
}

/** Saved searches the jobs below are matched by (ids as JobFilter.profile takes them). */
const EVEN = 'profile-even';
const THIRD = 'profile-third';
/** When the "recent" changes below were seen. */
const CHANGED_AT = daysFromNow(-1);

/**
 * 260 jobs with every awkward value a posting can carry: commas, quotes, line breaks, formulas, missing pay; matched
 * by two saved searches (130 and 87 jobs), some withdrawn, some changed a day ago.
 */
function awkwardJobs(): Job[] {
  const departments = ['Department of the Treasury', 'Department of Energy', 'Department of Defense'];
  const titles = [
    'Data Engineer, Senior',
    'The "Data" Analyst',
    'Line\r\nbreak Engineer',
    '=HYPERLINK("x")',
    '-Ops-',
    '@Lead',
    'Plain',
  ];
  return Array.from({ length: 260 }, (_, i) => {
    const min = 50_000 + (i % 40) * 2_500;
    return buildJob({
      _id: `CSV${String(i).padStart(4, '0')}`,
      positionTitle: `${titles[i % titles.length]} ${i % 11}`,
      departmentName: departments[i % departments.length],
      organizationName: i % 13 === 0 ? '+Agency, with comma' : 'Internal Revenue Service',
      annualSalary: i % 17 === 0 ? undefined : { min, max: min + 30_000.5 },
      remote: i % 3 === 0,
      payPlan: i % 19 === 0 ? undefined : 'GS',
      lowGrade: i % 19 === 0 ? undefined : 9 + (i % 5),
      highGrade: i % 19 === 0 ? undefined : 11 + (i % 5),
      positionLocation: [
        { locationName: 'Chicago, Illinois', countrySubDivisionCode: 'Illinois' },
        ...(i % 4 === 0 ? [{ locationName: 'Denver, Colorado', countrySubDivisionCode: 'Colorado' }] : []),
      ],
      publicationStartDate: i % 23 === 0 ? undefined : daysFromNow(-1 - (i % 30)),
      applicationCloseDate: i % 7 === 0 ? daysFromNow(-2) : daysFromNow(5 + (i % 20)),
      applyUris: i % 29 === 0 ? [] : [`https://www.usajobs.gov/job/CSV${i}/apply`],
      matchedProfileIds: [...(i % 2 === 0 ? [EVEN] : []), ...(i % 3 === 0 ? [THIRD] : [])],
      ...(i % 11 === 5 ? { status: JobStatus.WITHDRAWN, withdrawnAt: CHANGED_AT } : {}),
      ...(i % 9 === 4
        ? {
            changedAt: CHANGED_AT,
            changes: [{ at: CHANGED_AT, field: JobChangeField.TITLE, from: 'Old title', to: 'New title' }],
          }
        : { firstSeenAt: daysFromNow(-10) }),
    });
  });
}

describe('GET /export/jobs.csv', () => {
  useTestDatabase();
  const log = captureLogger('warn');
  let server: Awaited<ReturnType<typeof startHttpServer>>;

  beforeAll(async () => {
    await seedJobs(awkwardJobs());
    server = await startHttpServer(testGraphqlDeps({ logger: log.logger }), { host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await server.close();
  });

  /** Every page of `jobs` for a filter and sort, 100 at a time. */
  async function jobsPages(
    filter: Record<string, unknown>,
    sort?: Record<string, string>,
  ): Promise<ApiJob[][]> {
    const pages: ApiJob[][] = [];
    let after: string | null = null;
    for (;;) {
      const response = await postRaw(`${server.url}/graphql`, {
        query: `query($filter: JobFilter, $sort: JobSort, $after: String) {
          jobs(filter: $filter, sort: $sort, first: 100, after: $after) {
            pageInfo { hasNextPage endCursor } nodes { ${ALL_JOB_FIELDS} status } } }`,
        variables: { filter, sort, after },
      });
      expect(response.json?.errors).toBeUndefined();
      const jobs = response.json!.data!.jobs as {
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        nodes: ApiJob[];
      };
      pages.push(jobs.nodes);
      if (!jobs.pageInfo.hasNextPage) return pages;
      after = jobs.pageInfo.endCursor;
    }
  }

  async function exportCsv(query: string): Promise<{ response: Response; text: string }> {
    const response = await fetch(`${server.url}/export/jobs.csv?${query}`);
    return { response, text: await response.text() };
  }

  it.each([
    {
      name: 'a filter and a salary sort',
      query: 'departmentName=treasury&minSalary=60000&openOnly=false&sort=ANNUAL_SALARY_MAX&direction=DESC',
      filter: { departmentName: 'treasury', minSalary: 60_000, openOnly: false },
      sort: { field: 'ANNUAL_SALARY_MAX', direction: 'DESC' },
    },
    {
      name: 'the default filter and order',
      query: '',
      filter: {},
      sort: undefined,
    },
    {
      name: 'every kind of parameter (location: the deprecated name of locationName)',
      query: `keyword=engineer&location=chicago&maxSalary=120000&minGrade=10&maxGrade=12&remote=false&openOnly=true&postedAfter=${encodeURIComponent(daysFromNow(-20).toISOString())}&sort=POSITION_TITLE`,
      filter: {
        keyword: 'engineer',
        location: 'chicago',
        maxSalary: 120_000,
        minGrade: 10,
        maxGrade: 12,
        remote: false,
        openOnly: true,
      },
      sort: { field: 'POSITION_TITLE', direction: 'ASC' },
    },
    {
      name: 'a saved search over more than one page (closed jobs too)',
      query: `profile=${EVEN}&openOnly=false`,
      filter: { profile: EVEN, openOnly: false },
      sort: undefined,
      pages: 2,
    },
    {
      name: 'a saved search, a status and a sort',
      query: `profile=${THIRD}&status=WITHDRAWN&sort=ANNUAL_SALARY_MIN&direction=DESC`,
      filter: { profile: THIRD, status: 'WITHDRAWN' },
      sort: { field: 'ANNUAL_SALARY_MIN', direction: 'DESC' },
    },
    {
      name: 'changedSince (a plain date) and a status',
      query: `changedSince=${CHANGED_AT.toISOString().slice(0, 10)}&status=OPEN`,
      filter: { changedSince: CHANGED_AT.toISOString().slice(0, 10), status: 'OPEN' },
      sort: undefined,
    },
  ])('when exported with $name, then the CSV rows equal the jobs connection, page after page', async (c) => {
    const filter: Record<string, unknown> = { ...c.filter };
    const posted = /postedAfter=([^&]+)/.exec(c.query);
    if (posted) filter.postedAfter = decodeURIComponent(posted[1]!);
    const pages = await jobsPages(filter, c.sort);
    if (c.pages !== undefined) expect(pages).toHaveLength(c.pages);
    const { response, text } = await exportCsv(c.query);

    expect(response.status).toBe(200);
    const [header, ...rows] = parse(text, { record_delimiter: '\r\n' }) as string[][];
    expect(header).toEqual(HEADER);
    const expected = pages.map((page) => page.map(expectedRow));
    expect(expected.flat().length).toBeGreaterThan(0);
    let offset = 0;
    for (const page of expected) {
      expect(rows.slice(offset, offset + page.length)).toEqual(page);
      offset += page.length;
    }
    expect(rows).toHaveLength(offset);
  });

  it('when exported, then it is an attachment named jobs.csv in UTF-8 with CRLF line ends, chunked', async () => {
    const { response, text } = await exportCsv('openOnly=false');
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="jobs.csv"');
    expect(response.headers.get('transfer-encoding')).toBe('chunked');
    expect(response.headers.get('content-length')).toBeNull();
    expect(text.startsWith('control_number,')).toBe(true);
    // Every line break outside quotes is CRLF: 260 records and the header.
    expect(parse(text, { record_delimiter: '\r\n' })).toHaveLength(261);
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('when bom=true, then the body starts with the UTF-8 byte order mark', async () => {
    const response = await fetch(`${server.url}/export/jobs.csv?bom=true&keyword=nothing-matches-this`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)).toBe(`\uFEFF${HEADER.join(',')}\r\n`);
  });

  it.each(
    (
      [
        ['minSalary=lots', 'minSalary', /not a number/],
        ['minGrade=1.5', 'minGrade', /Int/],
        ['remote=yes', 'remote', /true or false/],
        ['postedAfter=yesterday', 'postedAfter', /date/i],
        [`keyword=${'x'.repeat(201)}`, 'keyword', /at most 200 characters/],
        ['keyword=a&keyword=b', 'keyword', /more than once/],
        ['salary=100', 'salary', /Unknown parameter "salary"/],
        ['sort=SALARY', 'sort', /ANNUAL_SALARY_MAX/],
        ['sort=POSITION_TITLE&direction=UP', 'direction', /ASC or DESC/],
        ['bom=1', 'bom', /true or false/],
        ['minSalary=-1', 'minSalary', /must be at least 0/],
        ['minGrade=12&maxGrade=9', 'minGrade', /must not be greater than maxGrade/],
        ['location=chicago&locationName=denver', 'locationName', /differs from location/],
        ['postedAfter=2026-13-01', 'postedAfter', /DateTimeISO|date/i],
        ['status=GONE', 'status', /JobStatus|GONE/],
        ['status=withdrawn', 'status', /JobStatus|withdrawn/],
        ['changedSince=last+week', 'changedSince', /date/i],
        ['profile=a&profile=b', 'profile', /more than once/],
        [`profile=${'p'.repeat(201)}`, 'profile', /at most 200 characters/],
      ] as [string, string, RegExp][]
    ).map(([query, parameter, message]) => ({
      query,
      parameter,
      message,
      // A 201-character keyword would make an unreadable title.
      label: query.length > 60 ? `${query.slice(0, 12)}… (${query.length} characters)` : query,
    })),
  )(
    'when the query is $label, then 400 names the parameter $parameter',
    async ({ query, parameter, message }) => {
      const { response, text } = await exportCsv(query);
      expect(response.status).toBe(400);
      const body = JSON.parse(text) as { error: { code: string; parameter: string; message: string } };
      expect(body.error.code).toBe('BAD_USER_INPUT');
      expect(body.error.parameter).toBe(parameter);
      expect(body.error.message).toContain(`"${parameter}"`);
      expect(body.error.message).toMatch(message);
    },
  );

  it('when a parameter is empty (an HTML form field left blank), then it is unset', async () => {
    const blank = await exportCsv('keyword=&minSalary=&remote=&sort=&direction=');
    const none = await exportCsv('');
    expect(blank.response.status).toBe(200);
    expect(blank.text).toBe(none.text);
  });

  it('when the client goes away after the first bytes, then the export stops quietly and the service goes on', async () => {
    const firstBytes = await new Promise<string>((resolve, reject) => {
      const request = http.get(`${server.url}/export/jobs.csv?openOnly=false`, (response) => {
        response.once('data', (chunk: Buffer) => {
          request.destroy();
          resolve(chunk.toString('utf8'));
        });
      });
      request.on('error', (error) => {
        if (!('code' in error && error.code === 'ECONNRESET')) reject(error);
      });
    });
    expect(firstBytes.startsWith('control_number,')).toBe(true);
    const { response } = await exportCsv('keyword=nothing-matches-this');
    expect(response.status).toBe(200);
    expect(log.lines.filter((line) => (line.level as number) >= 50)).toEqual([]);
  });
});
