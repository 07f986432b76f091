import { ErrorCode } from '../../src/graphql/errors';
import { decodeCursor, encodeCursor, SORT_KEYS, sortValueOf } from '../../src/jobs/job-cursor';
import { planPageSegments } from '../../src/jobs/job-page';
import { JobSortField, SortDirection } from '../../src/jobs/job-sort';

const BY_DATE_DESC = { field: JobSortField.PUBLICATION_START_DATE, direction: SortDirection.DESC };
const BY_SALARY_ASC = { field: JobSortField.ANNUAL_SALARY_MIN, direction: SortDirection.ASC };
const BY_TITLE_ASC = { field: JobSortField.POSITION_TITLE, direction: SortDirection.ASC };

function codeOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    // A JobQueryError names the argument at fault; the API turns it into BAD_USER_INPUT.
    expect((error as { argument?: unknown }).argument).toBe('after');
    return (error as { code?: unknown }).code;
  }
  return 'no error';
}

describe('job cursors', () => {
  it('when a cursor is encoded, then it is base64url and decodes to the same position', () => {
    const date = new Date('2026-02-03T04:05:06.789Z');
    for (const [sort, value] of [
      [BY_DATE_DESC, date],
      [BY_SALARY_ASC, 123_456.5],
      [BY_TITLE_ASC, 'Data Engineer / "C++" ☃'],
      [BY_DATE_DESC, null],
    ] as const) {
      const cursor = encodeCursor(sort, { value, id: 'J1' });
      expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeCursor(cursor, sort)).toEqual({ value, id: 'J1' });
    }
  });

  it.each([
    ['empty', ''],
    ['not base64url', 'abc+/='],
    ['not JSON', Buffer.from('hello').toString('base64url')],
    ['JSON but not an object', Buffer.from('[1,2]').toString('base64url')],
    [
      'missing id',
      Buffer.from(JSON.stringify({ f: 'PUBLICATION_START_DATE', d: 'DESC', v: null })).toString('base64url'),
    ],
    [
      'extra key',
      Buffer.from(
        JSON.stringify({ f: 'PUBLICATION_START_DATE', d: 'DESC', v: null, i: 'J1', x: 1 }),
      ).toString('base64url'),
    ],
    [
      'empty id',
      Buffer.from(JSON.stringify({ f: 'PUBLICATION_START_DATE', d: 'DESC', v: null, i: '' })).toString(
        'base64url',
      ),
    ],
    [
      'operator as value',
      Buffer.from(
        JSON.stringify({ f: 'PUBLICATION_START_DATE', d: 'DESC', v: { $gt: '' }, i: 'J1' }),
      ).toString('base64url'),
    ],
    [
      'not a date',
      Buffer.from(
        JSON.stringify({ f: 'PUBLICATION_START_DATE', d: 'DESC', v: 'yesterday', i: 'J1' }),
      ).toString('base64url'),
    ],
    [
      'a number for a date',
      Buffer.from(JSON.stringify({ f: 'PUBLICATION_START_DATE', d: 'DESC', v: 5, i: 'J1' })).toString(
        'base64url',
      ),
    ],
  ])('when the cursor is %s, then it is BAD_USER_INPUT', (_why, cursor) => {
    expect(codeOf(() => decodeCursor(cursor, BY_DATE_DESC))).toBe(ErrorCode.BAD_USER_INPUT);
  });

  it('when a cursor of one sort is used with another sort or direction, then it is BAD_USER_INPUT', () => {
    const cursor = encodeCursor(BY_SALARY_ASC, { value: 1, id: 'J1' });
    expect(codeOf(() => decodeCursor(cursor, BY_TITLE_ASC))).toBe(ErrorCode.BAD_USER_INPUT);
    expect(codeOf(() => decodeCursor(cursor, { ...BY_SALARY_ASC, direction: SortDirection.DESC }))).toBe(
      ErrorCode.BAD_USER_INPUT,
    );
  });

  it('when a salary cursor carries text, then it is BAD_USER_INPUT', () => {
    const cursor = Buffer.from(
      JSON.stringify({ f: 'ANNUAL_SALARY_MIN', d: 'ASC', v: '5', i: 'J1' }),
    ).toString('base64url');
    expect(codeOf(() => decodeCursor(cursor, BY_SALARY_ASC))).toBe(ErrorCode.BAD_USER_INPUT);
  });

  it('when a job lacks the sort value, then its sort value is null', () => {
    const job = {
      positionTitle: 'T',
      publicationStartDate: undefined,
      applicationCloseDate: null,
      annualSalary: null,
    };
    expect(sortValueOf(job, JobSortField.PUBLICATION_START_DATE)).toBeNull();
    expect(sortValueOf(job, JobSortField.APPLICATION_CLOSE_DATE)).toBeNull();
    expect(sortValueOf(job, JobSortField.ANNUAL_SALARY_MIN)).toBeNull();
    expect(sortValueOf(job, JobSortField.ANNUAL_SALARY_MAX)).toBeNull();
    expect(sortValueOf({ ...job, annualSalary: { min: 1, max: 2 } }, JobSortField.ANNUAL_SALARY_MAX)).toBe(2);
  });
});

describe('planPageSegments (keyset paging, values first, missing values last)', () => {
  it('when there is no cursor, then jobs with a value are read first, then jobs without one, both in the direction', () => {
    expect(planPageSegments(BY_DATE_DESC, null)).toEqual([
      { filter: { publicationStartDate: { $ne: null } }, sort: { publicationStartDate: -1, _id: -1 } },
      { filter: { publicationStartDate: null }, sort: { _id: -1 } },
    ]);
    expect(planPageSegments(BY_SALARY_ASC, null)).toEqual([
      { filter: { 'annualSalary.min': { $ne: null } }, sort: { 'annualSalary.min': 1, _id: 1 } },
      { filter: { 'annualSalary.min': null }, sort: { _id: 1 } },
    ]);
  });

  it('when the cursor has a value, then the read resumes after (value, id) and the valueless group follows whole', () => {
    expect(planPageSegments(BY_SALARY_ASC, { value: 90_000, id: 'J7' })).toEqual([
      {
        filter: {
          $and: [
            { 'annualSalary.min': { $ne: null } },
            {
              $or: [
                { 'annualSalary.min': { $gt: 90_000 } },
                { 'annualSalary.min': 90_000, _id: { $gt: 'J7' } },
              ],
            },
          ],
        },
        sort: { 'annualSalary.min': 1, _id: 1 },
      },
      { filter: { 'annualSalary.min': null }, sort: { _id: 1 } },
    ]);
    const date = new Date('2026-01-01T00:00:00.000Z');
    const [first] = planPageSegments(BY_DATE_DESC, { value: date, id: 'J7' });
    expect(first!.filter).toEqual({
      $and: [
        { publicationStartDate: { $ne: null } },
        {
          $or: [{ publicationStartDate: { $lt: date } }, { publicationStartDate: date, _id: { $lt: 'J7' } }],
        },
      ],
    });
  });

  it('when the cursor is in the valueless group, then only that group is read, after the id', () => {
    expect(planPageSegments(BY_TITLE_ASC, { value: null, id: 'J7' })).toEqual([
      { filter: { positionTitle: null, _id: { $gt: 'J7' } }, sort: { _id: 1 } },
    ]);
    expect(planPageSegments(BY_DATE_DESC, { value: null, id: 'J7' })).toEqual([
      { filter: { publicationStartDate: null, _id: { $lt: 'J7' } }, sort: { _id: -1 } },
    ]);
  });

  it('when any sort field is planned, then it reads the documented path', () => {
    expect(Object.fromEntries(Object.entries(SORT_KEYS).map(([field, key]) => [field, key.path]))).toEqual({
      PUBLICATION_START_DATE: 'publicationStartDate',
      APPLICATION_CLOSE_DATE: 'applicationCloseDate',
      ANNUAL_SALARY_MIN: 'annualSalary.min',
      ANNUAL_SALARY_MAX: 'annualSalary.max',
      POSITION_TITLE: 'positionTitle',
    });
  });
});
