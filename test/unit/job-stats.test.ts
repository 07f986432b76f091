import { type JobStatsRow, stateOf, summarizeJobStats } from '../../src/jobs/job-stats';

const row = (fields: Partial<JobStatsRow>): JobStatsRow => ({
  departmentName: null,
  annualSalary: null,
  states: [],
  ...fields,
});

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
      row({ annualSalary: { min: 50_000, max: 70_000 } }),
      row({ annualSalary: { min: 90_000, max: 130_000 } }),
      row({ annualSalary: null }),
      row({}),
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
      row({ states: ['Texas', 'Texas', 'Illinois'] }),
      row({ states: ['Texas', null, '', '  ', 'N/A', 'n/a'] }),
      row({ states: [] }),
    ]);
    expect(stats.byState).toEqual([
      { key: 'Texas', count: 2 },
      { key: 'Illinois', count: 1 },
    ]);
  });

  it('when departments tie, then the most frequent come first and ties go by key ascending', () => {
    const stats = summarizeJobStats([
      row({ departmentName: 'Department of the Treasury' }),
      row({ departmentName: 'Department of Defense' }),
      row({ departmentName: 'Department of the Treasury' }),
      row({ departmentName: 'Department of Commerce' }),
      row({ departmentName: null }),
      row({ departmentName: '  ' }),
    ]);
    expect(stats.byDepartment).toEqual([
      { key: 'Department of the Treasury', count: 2 },
      { key: 'Department of Commerce', count: 1 },
      { key: 'Department of Defense', count: 1 },
    ]);
  });

  it('when one department is spelled with different letter case or spacing, then it is one bucket under the spelling most jobs use', () => {
    // As in the real samples: "Department of Energy" 13 times and "Department Of Energy" 8 times.
    const stats = summarizeJobStats([
      ...Array.from({ length: 13 }, () => row({ departmentName: 'Department of Energy' })),
      ...Array.from({ length: 8 }, () => row({ departmentName: 'Department Of Energy' })),
      row({ departmentName: ' Department  of ENERGY ' }),
      row({ departmentName: 'Department of Commerce' }),
    ]);
    expect(stats.byDepartment).toEqual([
      { key: 'Department of Energy', count: 22 },
      { key: 'Department of Commerce', count: 1 },
    ]);
  });

  it('when states are compared, then "N/A" in any case and blanks mean no state', () => {
    expect(stateOf(' Illinois ')).toBe('Illinois');
    expect(stateOf('N/A')).toBeNull();
    expect(stateOf('')).toBeNull();
    expect(stateOf(null)).toBeNull();
  });
});
