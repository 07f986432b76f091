import type { Job } from '../models/job.model';

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

/** The fields of a job that the statistics read. */
export type JobStatsRow = Pick<Job, 'departmentName' | 'annualSalary'> & {
  positionLocation?: ReadonlyArray<{ countrySubDivisionCode?: string | null }> | null;
};

/**
 * The state of a location for `byState`: null when the location has none (null, absent, blank or "N/A").
 *
 * @returns the trimmed state name, or null
 */
export function stateOf(location: { countrySubDivisionCode?: string | null }): string | null {
  const state = location.countrySubDivisionCode?.trim();
  if (!state || state.toUpperCase() === 'N/A') return null;
  return state;
}

/**
 * Computes `JobStats` over the matching jobs. Pure; exact (plain counting and summing, no database accumulators).
 *
 * A job counts once in its department and once in each distinct state of its locations. Buckets are ordered by
 * count descending, then key ascending (by UTF-16 code units, so the order does not depend on the locale).
 *
 * @param rows - one row per matching job
 */
export function summarizeJobStats(rows: readonly JobStatsRow[]): JobStats {
  const departments = new Map<string, number>();
  const states = new Map<string, number>();
  let salaried = 0;
  let sumMin = 0;
  let sumMax = 0;
  let lowest: number | null = null;
  let highest: number | null = null;

  for (const row of rows) {
    const department = row.departmentName?.trim();
    if (department) increment(departments, department);
    const jobStates = new Set(
      (row.positionLocation ?? []).map(stateOf).filter((s): s is string => s !== null),
    );
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
    byDepartment: toBuckets(departments),
    byState: toBuckets(states),
  };
}

function increment(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

function toBuckets(counts: Map<string, number>): CountBucket[] {
  return [...counts]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
