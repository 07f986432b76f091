/*
 * The salary distribution chart, from the public API alone: `jobs(filter, first: 1) { totalCount }` once per pay band,
 * aliased into one request. The API filters pay ranges by overlap (minSalary keeps jobs whose top of range reaches
 * it, maxSalary those whose bottom of range is within it), so a band counts the jobs whose annual pay range reaches
 * into it: a $60k–$90k job counts in each band from $60k to $90k. Pure: no DOM.
 */

export interface SalaryBand {
  /** Lowest annual pay of the band, USD. */
  from: number;
  /** Highest annual pay of the band, USD (the next band starts one dollar above). */
  to: number;
}

/** Band widths the chart may use: round amounts a reader takes in at a glance. */
const STEPS = [
  1_000, 2_000, 2_500, 5_000, 10_000, 20_000, 25_000, 50_000, 100_000, 200_000, 250_000, 500_000,
];

/** The most bands one chart asks for (one aliased `jobs` count each). */
export const MAX_BANDS = 12;

/**
 * Bands of one round width from the lowest to the highest annual pay of the matching jobs.
 *
 * @returns up to `maxBands` bands; none when there is no pay to show
 */
export function salaryBands(lowest: number | null, highest: number | null, maxBands = 10): SalaryBand[] {
  if (lowest === null || highest === null || !(highest >= lowest) || lowest < 0) return [];
  const bands = Math.min(Math.max(maxBands, 1), MAX_BANDS);
  const step =
    STEPS.find((s) => Math.floor(highest / s) - Math.floor(lowest / s) + 1 <= bands) ??
    niceAbove(highest / bands);
  const start = Math.floor(lowest / step) * step;
  const result: SalaryBand[] = [];
  for (let from = start; from <= highest && result.length < MAX_BANDS; from += step) {
    result.push({ from, to: from + step - 1 });
  }
  return result;
}

function niceAbove(n: number): number {
  const power = 10 ** Math.ceil(Math.log10(n));
  return power;
}

/**
 * The filter that counts one band under the current filter: the band's bounds, narrowed by the filter's own pay bounds.
 *
 * @returns the filter, or null when the band lies outside the filter's pay bounds (it counts 0 without asking)
 */
export function bandFilter<F extends Record<string, unknown>>(
  filter: F,
  band: SalaryBand,
): (F & { minSalary: number; maxSalary: number }) | null {
  const min = typeof filter.minSalary === 'number' ? Math.max(filter.minSalary, band.from) : band.from;
  const max = typeof filter.maxSalary === 'number' ? Math.min(filter.maxSalary, band.to) : band.to;
  if (min > max) return null;
  return { ...filter, minSalary: min, maxSalary: max };
}

/** One request that counts each band: `query SalaryBands($b0: JobFilter, ...) { b0: jobs(...) { totalCount } ... }`. */
export function salaryBandsQuery(count: number): string {
  const indexes = Array.from({ length: count }, (_, i) => i);
  const variables = indexes.map((i) => `$b${i}: JobFilter`).join(', ');
  const fields = indexes.map((i) => `b${i}: jobs(filter: $b${i}, first: 1) { totalCount }`).join('\n  ');
  return `query SalaryBands(${variables}) {\n  ${fields}\n}`;
}
