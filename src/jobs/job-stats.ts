/** How many matching jobs share one key (a department, a state). */
export interface CountBucket {
  key: string;
  count: number;
}

/** Statistics over the jobs that match some criteria; the GraphQL `JobStats` type has this shape. */
export interface JobStats {
  totalCount: number;
  annualSalary: {
    lowest: number | null;
    highest: number | null;
    averageMin: number | null;
    averageMax: number | null;
  };
  byDepartment: CountBucket[];
  byState: CountBucket[];
}

/** What the statistics read of one matching job. */
export interface JobStatsRow {
  departmentName: string | null;
  annualSalary: { min: number; max: number } | null;
  /** The state of each location, as published (null where none). */
  states: readonly (string | null)[];
}

/**
 * The state of a location for `byState`: null when the location has none (null, absent, blank or "N/A").
 *
 * @returns the trimmed state name, or null
 */
export function stateOf(published: string | null | undefined): string | null {
  const state = published?.trim();
  if (!state || state.toUpperCase() === 'N/A') return null;
  return state;
}

/**
 * Computes `JobStats` over the matching jobs. Pure; exact (plain counting and summing, no database accumulators).
 *
 * A job counts once in its department and once in each distinct state of its locations. Departments are counted
 * by their name ignoring letter case and spacing (USAJOBS spells one department several ways, e.g. "Department of
 * Energy" and "Department Of Energy"), as the `department` filter matches them; a bucket shows the spelling most of
 * its jobs use (ties: the first in code-unit order). Buckets are ordered by count descending, then key ascending
 * (by UTF-16 code units, so the order does not depend on the locale).
 *
 * @param rows - one row per matching job
 */
export function summarizeJobStats(rows: readonly JobStatsRow[]): JobStats {
  const departments = new Map<string, Map<string, number>>();
  const states = new Map<string, number>();
  let salaried = 0;
  let sumMin = 0;
  let sumMax = 0;
  let lowest: number | null = null;
  let highest: number | null = null;

  for (const row of rows) {
    const department = row.departmentName?.trim().replace(/\s+/g, ' ');
    if (department) {
      const key = department.toLowerCase();
      let spellings = departments.get(key);
      if (!spellings) departments.set(key, (spellings = new Map()));
      increment(spellings, department);
    }
    const jobStates = new Set(row.states.map(stateOf).filter((s): s is string => s !== null));
    for (const state of jobStates) increment(states, state);

    const salary = row.annualSalary;
    if (salary && Number.isFinite(salary.min) && Number.isFinite(salary.max)) {
      salaried += 1;
      sumMin += salary.min;
      sumMax += salary.max;
      lowest = lowest === null ? salary.min : Math.min(lowest, salary.min);
      highest = highest === null ? salary.max : Math.max(highest, salary.max);
    }
  }

  return {
    totalCount: rows.length,
    annualSalary: {
      lowest,
      highest,
      averageMin: salaried === 0 ? null : sumMin / salaried,
      averageMax: salaried === 0 ? null : sumMax / salaried,
    },
    byDepartment: toBuckets(
      new Map([...departments.values()].map((spellings) => [mostUsed(spellings), total(spellings)])),
    ),
    byState: toBuckets(states),
  };
}

/** The spelling most jobs use; ties go to the first in code-unit order. */
function mostUsed(spellings: Map<string, number>): string {
  return [...spellings].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))[0]![0];
}

function total(counts: Map<string, number>): number {
  let sum = 0;
  for (const count of counts.values()) sum += count;
  return sum;
}

function increment(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

function toBuckets(counts: Map<string, number>): CountBucket[] {
  return [...counts]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
