import { DEFAULT_ETL_PARAMS } from '../../src/etl/params';
import { describeQuery, planSearches } from '../../src/etl/search-plan';
import { adHocTarget, type SearchTarget } from '../../src/etl/search-target';

function target(name: string, spec: Partial<SearchTarget['spec']> = {}): SearchTarget {
  const base = adHocTarget({ ...DEFAULT_ETL_PARAMS });
  return { profileId: name, name, spec: { ...base.spec, ...spec } };
}

describe('planSearches', () => {
  it('when two profiles ask for the same search, then it runs once and serves both', () => {
    const searches = planSearches([
      target('junior'),
      target('senior', { yearsOfExperience: 8, includeRemote: false }),
    ]);
    expect(searches.map((s) => [s.kind, s.roles])).toEqual([
      [
        'location',
        [
          { target: 0, fromLocationSearch: true },
          { target: 1, fromLocationSearch: true },
        ],
      ],
      ['remote', [{ target: 0, fromLocationSearch: false }]],
    ]);
  });

  it('when searches differ in anything USAJOBS reads (keyword case aside), then they stay apart', () => {
    const searches = planSearches([
      target('a', { keyword: 'Data Engineering', includeRemote: false }),
      target('b', { keyword: 'data engineering', includeRemote: false }),
      target('c', { minSalary: 100_000, includeRemote: false }),
      target('d', { jobCategoryCodes: ['2210'], includeRemote: false }),
    ]);
    expect(searches.map((s) => s.roles.map((r) => r.target))).toEqual([[0, 1], [2], [3]]);
  });

  it('when a profile has no place, then one search anywhere, whose results fit by place', () => {
    const [search, ...rest] = planSearches([target('anywhere', { locationName: null, includeRemote: true })]);
    expect(rest).toEqual([]);
    expect(search).toMatchObject({
      kind: 'anywhere',
      label: 'keyword=data engineering',
      roles: [{ target: 0, fromLocationSearch: true }],
    });
    expect(search!.query.locationName).toBeUndefined();
  });

  it('when a query is described, then every parameter that narrows it is named', () => {
    expect(
      describeQuery({
        keyword: 'data',
        locationName: 'Chicago, Illinois',
        radiusMiles: 25,
        minSalary: 90_000,
        payPlans: ['GS'],
        jobCategoryCodes: ['1550', '2210'],
        organizationCodes: ['TR'],
      }),
    ).toBe(
      'keyword=data; location=Chicago, Illinois; radius=25; minSalary=90000; payPlan=GS; series=1550,2210; organization=TR',
    );
    expect(describeQuery({})).toBe('everything');
  });
});
