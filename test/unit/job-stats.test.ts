import { stateOf, summarizeJobStats } from '../../src/jobs/job-stats';

const at = (...states: (string | null | undefined)[]): { countrySubDivisionCode?: string | null }[] =>
  states.map((s) => (s === undefined ? {} : { countrySubDivisionCode: s }));

describe('summarizeJobStats', () => {
  it('when there are no jobs, then counts are zero and salary figures null', () => {
    expect(summarizeJobStats([])).toEqual({
      totalCount: 0,
      annualSalary: { lowest: null, highest: null, averageMin: null, averageMax: null },
      byDepartment: [],
      byState: [],
    });
  });

  it('when jobs have salaries, then lowest/highest/averages use only the jobs that have one', () => {
    const stats = summarizeJobStats([
      { annualSalary: { min: 50_000, max: 70_000 } },
      { annualSalary: { min: 90_000, max: 130_000 } },
      { annualSalary: null },
      {},
    ]);
    expect(stats.totalCount).toBe(4);
    expect(stats.annualSalary).toEqual({
      lowest: 50_000,
      highest: 130_000,
      averageMin: 70_000,
      averageMax: 100_000,
    });
  });

  it('when a job has several locations in one state, then it counts once there; stateless locations are not counted', () => {
    const stats = summarizeJobStats([
      { positionLocation: at('Texas', 'Texas', 'Illinois') },
      { positionLocation: at('Texas', null, undefined, '', '  ', 'N/A', 'n/a') },
      { positionLocation: [] },
      { positionLocation: null },
    ]);
    expect(stats.byState).toEqual([
      { key: 'Texas', count: 2 },
      { key: 'Illinois', count: 1 },
    ]);
  });

  it('when departments tie, then the most frequent come first and ties go by key ascending', () => {
    const stats = summarizeJobStats([
      { departmentName: 'Department of the Treasury' },
      { departmentName: 'Department of Defense' },
      { departmentName: 'Department of the Treasury' },
      { departmentName: 'Department of Commerce' },
      { departmentName: null },
      { departmentName: '  ' },
    ]);
    expect(stats.byDepartment).toEqual([
      { key: 'Department of the Treasury', count: 2 },
      { key: 'Department of Commerce', count: 1 },
      { key: 'Department of Defense', count: 1 },
    ]);
  });

  it('when states are compared, then "N/A" in any case and blanks mean no state', () => {
    expect(stateOf({ countrySubDivisionCode: ' Illinois ' })).toBe('Illinois');
    expect(stateOf({ countrySubDivisionCode: 'N/A' })).toBeNull();
    expect(stateOf({ countrySubDivisionCode: '' })).toBeNull();
    expect(stateOf({})).toBeNull();
  });
});
