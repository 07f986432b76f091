import 'reflect-metadata';

import { ErrorCode } from '../../src/graphql/errors';
import { MAX_CURSOR_LENGTH, MAX_TEXT_LENGTH } from '../../src/graphql/inputs/bounds';
import { JobModel } from '../../src/models/job.model';
import { useTestDatabase } from '../support/db';
import { type GraphqlTestApp, startGraphqlTestApp } from '../support/graphql-app';
import { buildJob, seedJobs } from '../support/job-factory';
import { errorCodes, postRaw, type RawResponse } from '../support/raw-graphql';

useTestDatabase();

/** Text that is an operator or a pattern anywhere else, stored literally in one job each. */
const OPERATOR_TEXT = '{"$gt": ""}';
/** Catastrophic-backtracking patterns repeated to the longest keyword accepted. */
const EVIL_A = '(a+)+$'.repeat(Math.floor(MAX_TEXT_LENGTH / 6));
const EVIL_X = '(x+x+)+y'.repeat(MAX_TEXT_LENGTH / 8);

const JOBS = [
  buildJob({ _id: 'I001', positionTitle: `Analyst ${OPERATOR_TEXT}` }),
  buildJob({ _id: 'I002', qualificationSummary: `Knows ${EVIL_X} by heart.` }),
  buildJob({ _id: 'I003', positionTitle: `${'a'.repeat(60)}!`, departmentName: 'Department of $ne' }),
  buildJob({ _id: 'I004', positionLocation: [{ locationName: 'Springfield .* Illinois' }] }),
  ...Array.from({ length: 20 }, () => buildJob()),
];

const JOBS_QUERY = `query ($filter: JobFilter, $after: String, $first: Int) {
  jobs(filter: $filter, after: $after, first: $first) { totalCount nodes { id } }
}`;

describe('user strings never become database operators', () => {
  let app: GraphqlTestApp;

  beforeAll(async () => {
    await seedJobs(JOBS);
    app = await startGraphqlTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  const jobs = (variables: Record<string, unknown>): Promise<RawResponse> =>
    postRaw(app.endpoint, { query: JOBS_QUERY, variables });

  const ids = (response: RawResponse): string[] => {
    expect(response.json?.errors).toBeUndefined();
    return ((response.json?.data?.jobs as { nodes: { id: string }[] }).nodes ?? []).map((n) => n.id).sort();
  };

  it.each([
    ['keyword', OPERATOR_TEXT, ['I001']],
    ['keyword', '$where', []],
    ['keyword', '.*', []],
    ['department', '$ne', ['I003']],
    ['department', '{"$ne": null}', []],
    ['location', '.*', ['I004']],
    ['location', '{"$regex": ".*"}', []],
  ])('when %s is the string %s, then it matches that text literally', async (field, text, expected) => {
    expect(ids(await jobs({ filter: { [field]: text }, first: 100 }))).toEqual(expected);
  });

  it.each([
    ['(a+)+$ repeated', EVIL_A, []],
    ['(x+x+)+y repeated', EVIL_X, ['I002']],
  ])(
    'when the keyword is %s to the longest length allowed, then it answers before the query deadline, matching literally',
    async (_name, keyword, expected) => {
      expect(keyword.length).toBeLessThanOrEqual(MAX_TEXT_LENGTH);
      const response = await jobs({ filter: { keyword }, first: 100 });
      // Backtracking through these patterns would take years: a 200 rather than the deadline's 503 REQUEST_TIMEOUT
      // means the text was matched as text.
      expect(response.status).toBe(200);
      expect(ids(response)).toEqual(expected);
    },
  );

  it('when the keyword is a hundred one-letter terms, then it still answers before the query deadline', async () => {
    const keyword = Array.from({ length: MAX_TEXT_LENGTH / 2 }, (_, i) => 'abcdefghij'[i % 10]).join(' ');
    const response = await jobs({ filter: { keyword }, first: 100 });
    expect(response.status).toBe(200);
    expect(response.json?.errors).toBeUndefined();
  });

  it('when the keyword holds a NUL byte or a lone surrogate, then the answer is a clean empty page', async () => {
    for (const keyword of ['data\u0000engineer', '\u0000', '\ud800']) {
      const response = await jobs({ filter: { keyword } });
      expect(response.status).toBe(200);
      expect(ids(response)).toEqual([]);
    }
  });

  it.each([
    ['filter.keyword', { filter: { keyword: { $gt: '' } } }],
    ['filter.location', { filter: { location: { $ne: null } } }],
    ['filter.department', { filter: { department: ['$ne'] } }],
    ['filter.minSalary', { filter: { minSalary: { $gt: 0 } } }],
    ['filter.remote', { filter: { remote: { $exists: true } } }],
    ['filter.$where (no such field)', { filter: { $where: 'sleep(1000)' } }],
    ['after', { after: { $gt: '' } }],
    ['first', { first: { $gt: 0 } }],
  ])(
    'when the variable %s holds an object, then 400 BAD_USER_INPUT and no resolver runs',
    async (_name, variables) => {
      const response = await jobs(variables);
      expect(response.status).toBe(400);
      expect(errorCodes(response)).toEqual([ErrorCode.BAD_USER_INPUT]);
      expect(response.json?.data).toBeUndefined();
    },
  );

  it('when job(id) is asked with an object id, then 400; with operator-like strings, then null', async () => {
    const query = 'query ($id: ID!) { job(id: $id) { id } }';
    const object = await postRaw(app.endpoint, { query, variables: { id: { $ne: null } } });
    expect(object.status).toBe(400);
    expect(errorCodes(object)).toEqual([ErrorCode.BAD_USER_INPUT]);

    for (const id of ['{"$ne": null}', '$ne', '.*', 'I00.']) {
      const response = await postRaw(app.endpoint, { query, variables: { id } });
      expect(response.json).toEqual({ data: { job: null } });
    }
    const tooLong = await postRaw(app.endpoint, {
      query,
      variables: { id: 'I'.repeat(MAX_TEXT_LENGTH + 1) },
    });
    expect(errorCodes(tooLong)).toEqual([ErrorCode.BAD_USER_INPUT]);
  });

  it.each([
    ['an operator-like string', '{"$gt": ""}'],
    [
      'a cursor whose value is an operator',
      cursorOf({ f: 'PUBLICATION_START_DATE', d: 'DESC', v: { $gt: '' }, i: 'x' }),
    ],
    [
      'a cursor whose id is an operator',
      cursorOf({ f: 'PUBLICATION_START_DATE', d: 'DESC', v: null, i: { $ne: 1 } }),
    ],
    [
      'a cursor with an extra key',
      cursorOf({ f: 'PUBLICATION_START_DATE', d: 'DESC', v: null, i: 'x', $where: '1' }),
    ],
    ['one character over the length bound', 'A'.repeat(MAX_CURSOR_LENGTH + 1)],
  ])('when after is %s, then BAD_USER_INPUT', async (_name, after) => {
    const response = await jobs({ after });
    expect(errorCodes(response)).toEqual([ErrorCode.BAD_USER_INPUT]);
  });

  it('when a forged cursor carries an operator-like id string, then it is a literal position (no error, no leak)', async () => {
    const after = cursorOf({ f: 'PUBLICATION_START_DATE', d: 'DESC', v: null, i: '$gt' });
    const response = await jobs({ after, first: 100 });
    expect(response.status).toBe(200);
    expect(response.json?.errors).toBeUndefined();
  });

  it('when every attempt above is over, then the stored jobs are the seeded ones', async () => {
    expect((await JobModel.find({}, { _id: 1 }).lean()).map((j) => j._id).sort()).toEqual(
      JOBS.map((j) => j._id).sort(),
    );
  });
});

function cursorOf(payload: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}
