import {
  DEFAULT_SORT,
  exportUrlOf,
  FILTER_FIELDS,
  FilterValueError,
  jobFilterOf,
  jobSortOf,
  paramsOfSearch,
  searchFromParams,
  withProfile,
} from '../../web/src/lib/filters';
import { parseRoute } from '../../web/src/lib/route';

describe('dashboard search state', () => {
  it('when a search goes to the address and back, then it is the same search', () => {
    const search = {
      filter: {
        keyword: 'data engineer',
        minSalary: '90000',
        remote: 'true',
        openOnly: 'false',
        postedAfter: '2026-11-01',
      },
      sort: { field: 'POSITION_TITLE' as const, direction: 'ASC' as const },
    };
    const params = paramsOfSearch(search);
    expect(params.toString()).toBe(
      'keyword=data+engineer&minSalary=90000&remote=true&postedAfter=2026-11-01&openOnly=false&sort=POSITION_TITLE&direction=ASC',
    );
    expect(searchFromParams(params)).toEqual(search);
  });

  it('when the search is the default one, then the address carries nothing', () => {
    expect(paramsOfSearch({ filter: { openOnly: 'true', keyword: '' }, sort: DEFAULT_SORT }).toString()).toBe(
      '',
    );
    expect(searchFromParams(new URLSearchParams('bogus=1&sort=NOPE'))).toEqual({
      filter: {},
      sort: DEFAULT_SORT,
    });
  });

  it('when a sort field is given without a direction, then it sorts ascending, as the CSV export does', () => {
    expect(searchFromParams(new URLSearchParams('sort=ANNUAL_SALARY_MAX')).sort).toEqual({
      field: 'ANNUAL_SALARY_MAX',
      direction: 'ASC',
    });
  });

  it('when text values become a JobFilter, then numbers, booleans and dates take the API types', () => {
    expect(
      jobFilterOf({
        keyword: ' data ',
        minSalary: '90000.5',
        minGrade: '12',
        remote: 'false',
        postedAfter: '2026-11-01',
      }),
    ).toEqual({
      keyword: 'data',
      minSalary: 90_000.5,
      minGrade: 12,
      remote: false,
      postedAfter: '2026-11-01T00:00:00.000Z',
      openOnly: true,
    });
  });

  it.each([
    ['minSalary', 'lots', 'is not a number'],
    ['minGrade', '12.5', 'must be a whole number'],
    ['postedAfter', '11/01/2026', 'is not a date'],
  ])('when %s is %j, then the error names the field', (field, value, message) => {
    let error: unknown;
    try {
      jobFilterOf({ [field]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FilterValueError);
    expect((error as FilterValueError).field).toBe(field);
    expect((error as FilterValueError).message).toContain(message);
  });

  it('when the sort is the default, then no sort is sent (the API applies its own)', () => {
    expect(jobSortOf(DEFAULT_SORT)).toBeNull();
    expect(jobSortOf({ field: 'POSITION_TITLE', direction: 'DESC' })).toEqual({
      field: 'POSITION_TITLE',
      direction: 'DESC',
    });
  });

  it('when the CSV link is made, then it carries the same parameters as the address', () => {
    expect(exportUrlOf({ filter: {}, sort: DEFAULT_SORT })).toBe('/export/jobs.csv');
    expect(
      exportUrlOf({ filter: { departmentName: 'treasury', openOnly: 'false' }, sort: DEFAULT_SORT }),
    ).toBe('/export/jobs.csv?departmentName=treasury&openOnly=false');
  });

  it('when the form fields are listed, then each JobFilter field of the schema has one', () => {
    expect(FILTER_FIELDS.map((f) => f.name).sort()).toEqual(
      [
        'departmentName',
        'keyword',
        'locationName',
        'maxGrade',
        'maxSalary',
        'minGrade',
        'minSalary',
        'openOnly',
        'postedAfter',
        'remote',
        'profile',
        'status',
        'changedSince',
      ].sort(),
    );
  });

  it('when a saved search, a status and a changed-since day are set, then they go to the address and the JobFilter', () => {
    const search = {
      filter: { status: 'WITHDRAWN', changedSince: '2026-11-01', profile: '6650f0c2a1b2c3d4e5f60718' },
      sort: DEFAULT_SORT,
    };
    const params = paramsOfSearch(search);
    expect(params.toString()).toBe(
      'changedSince=2026-11-01&status=WITHDRAWN&profile=6650f0c2a1b2c3d4e5f60718',
    );
    expect(searchFromParams(params)).toEqual(search);
    expect(exportUrlOf(search)).toBe(`/export/jobs.csv?${params.toString()}`);
    expect(jobFilterOf(search.filter)).toEqual({
      status: 'WITHDRAWN',
      changedSince: '2026-11-01T00:00:00.000Z',
      profile: '6650f0c2a1b2c3d4e5f60718',
      openOnly: true,
    });
  });

  it('when the status is not one of the choices, then the error names the field', () => {
    expect(() => jobFilterOf({ status: 'GONE' })).toThrow(FilterValueError);
    expect(() => jobFilterOf({ status: 'GONE' })).toThrow('Status: "GONE" is not one of the choices');
  });

  it('when the saved search is picked or cleared, then the other filters stay', () => {
    expect(withProfile({ keyword: 'data', profile: 'a' }, 'b')).toEqual({ keyword: 'data', profile: 'b' });
    expect(withProfile({ keyword: 'data', profile: 'a' }, '')).toEqual({ keyword: 'data' });
  });

  it('when the address fragment is read, then it names the view, the job and the search', () => {
    expect(parseRoute('')).toMatchObject({ view: 'jobs' });
    expect(parseRoute('#/insights?keyword=x')).toMatchObject({ view: 'insights' });
    expect(parseRoute('#/insights?keyword=x').params.get('keyword')).toBe('x');
    expect(parseRoute('#/job/ABC%2F1')).toMatchObject({ view: 'job', id: 'ABC/1' });
    expect(parseRoute('#/runs')).toMatchObject({ view: 'runs' });
    expect(parseRoute('#/searches')).toMatchObject({ view: 'searches' });
    expect(parseRoute('#/nowhere')).toMatchObject({ view: 'jobs' });
  });
});
