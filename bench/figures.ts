import { median } from './support';

/*
 * The figures a benchmark run reports: the keys of bench/results.json with their targets (issue 8), and the
 * values each repetition measured.
 */

/** A target: the figure must be at most (`<=`) or at least (`>=`) `value`. */
export interface Target {
  op: '<=' | '>=';
  value: number;
}

export interface FigureDef {
  key: string;
  /** What it is, for RESULTS.md. */
  label: string;
  unit: string;
  decimals: number;
  target?: Target;
}

/** The figures with targets, in report order. `20k`/`2k`/`50k` name the full run's sizes (see RESULTS.md). */
export const KEY_FIGURES: readonly FigureDef[] = [
  {
    key: 'etl_first_20k_s',
    label: 'ETL first run, 20,000 kept postings',
    unit: 's',
    decimals: 1,
    target: { op: '<=', value: 60 },
  },
  {
    key: 'etl_rerun_20k_s',
    label: 'ETL re-run, all 20,000 unchanged',
    unit: 's',
    decimals: 1,
    target: { op: '<=', value: 30 },
  },
  {
    key: 'etl_per_job_growth_2k_to_20k',
    label: 'cost of a job at 20k ÷ at 2k (worse of first run and re-run)',
    unit: '×',
    decimals: 2,
    target: { op: '<=', value: 1.5 },
  },
  {
    key: 'etl_load_vs_floor',
    label: 'load stage ÷ raw driver bulk upserts of the same documents',
    unit: '×',
    decimals: 2,
  },
  { key: 'etl_transform_per_s', label: 'transform (parseItem), generated postings', unit: '/s', decimals: 0 },
  {
    key: 'etl_rss_growth_mb_50k',
    label: 'peak RSS growth of the ETL process, 50,000-posting run',
    unit: 'MB',
    decimals: 0,
    target: { op: '<=', value: 200 },
  },
  {
    key: 'read_jobs_cold_p50_ms_20k',
    label: 'jobs(filter, first: 20) cold, p50 (worse of typical filter and none)',
    unit: 'ms',
    decimals: 1,
    target: { op: '<=', value: 50 },
  },
  {
    key: 'read_stats_cold_ms_20k',
    label: 'jobStats cold, p50',
    unit: 'ms',
    decimals: 1,
    target: { op: '<=', value: 250 },
  },
  {
    key: 'read_job_by_id_ms_20k',
    label: 'job(id), p50',
    unit: 'ms',
    decimals: 1,
    target: { op: '<=', value: 5 },
  },
  {
    key: 'api_throughput_vs_raw',
    label: 'warm GraphQL req/s ÷ raw node:http req/s (the faster raw handler)',
    unit: '×',
    decimals: 2,
    target: { op: '>=', value: 0.5 },
  },
  {
    key: 'api_p99_vs_raw',
    label: 'warm GraphQL p99 ÷ raw p99 (same raw handler)',
    unit: '×',
    decimals: 2,
    target: { op: '<=', value: 2 },
  },
  {
    key: 'api_errors',
    label: 'GraphQL errors under load (connection errors, timeouts, non-2xx, error bodies)',
    unit: '',
    decimals: 0,
    target: { op: '<=', value: 0 },
  },
];

/** Figures without targets that explain the key ones. */
export const DETAIL_FIGURES: readonly FigureDef[] = [
  { key: 'etl_first_2k_s', label: 'ETL first run, 2,000 kept', unit: 's', decimals: 2 },
  { key: 'etl_rerun_2k_s', label: 'ETL re-run, 2,000 unchanged', unit: 's', decimals: 2 },
  { key: 'etl_first_ms_per_job_2k', label: 'first run per kept job, 2k', unit: 'ms', decimals: 2 },
  { key: 'etl_first_ms_per_job_20k', label: 'first run per kept job, 20k', unit: 'ms', decimals: 2 },
  { key: 'etl_rerun_ms_per_job_2k', label: 're-run per job, 2k', unit: 'ms', decimals: 2 },
  { key: 'etl_rerun_ms_per_job_20k', label: 're-run per job, 20k', unit: 'ms', decimals: 2 },
  { key: 'etl_kept_20k', label: 'jobs kept by the 20k run', unit: '', decimals: 0 },
  ...(['first', 'rerun'] as const).flatMap((run): FigureDef[] => {
    const which = run === 'first' ? 'first run' : 're-run';
    return [
      { key: `etl_${run}_cpu_s_20k`, label: `${which}, 20k: CPU of the ETL process`, unit: 's', decimals: 1 },
      {
        key: `etl_${run}_db_cpu_s_20k`,
        label: `${which}, 20k: CPU of the embedded database`,
        unit: 's',
        decimals: 1,
      },
      {
        key: `etl_${run}_doubles_cpu_s_20k`,
        label: `${which}, 20k: CPU of the USAJOBS doubles (the driver process)`,
        unit: 's',
        decimals: 1,
      },
    ];
  }),
  {
    key: 'etl_rss_retained_mb_50k',
    label: 'RSS growth still held after the 50k run and a full garbage collection',
    unit: 'MB',
    decimals: 0,
  },
  {
    key: 'etl_heap_retained_mb_50k',
    label: 'V8 heap in use after the 50k run and a full garbage collection',
    unit: 'MB',
    decimals: 0,
  },
  { key: 'etl_50k_s', label: 'ETL first run, 50,000 kept', unit: 's', decimals: 1 },
  {
    key: 'etl_marginal_growth_50k',
    label: 'within the 50k run: ms per job while 20k–24k are stored ÷ while 2k–6k are',
    unit: '×',
    decimals: 2,
  },
  {
    key: 'etl_load_ms_20k',
    label: 'load stage alone, 20k jobs into an empty collection',
    unit: 'ms',
    decimals: 0,
  },
  { key: 'etl_floor_ms_20k', label: 'raw driver upserts of the same documents', unit: 'ms', decimals: 0 },
  {
    key: 'etl_insert_ms_20k',
    label: 'raw driver insertMany of the same documents (no upsert)',
    unit: 'ms',
    decimals: 0,
  },
  {
    key: 'transform_samples_per_s',
    label: 'transform, the 61 real samples (20 rounds)',
    unit: '/s',
    decimals: 0,
  },
  { key: 'read_jobs_cold_p50_ms_typical', label: 'jobs cold p50, typical filter', unit: 'ms', decimals: 1 },
  { key: 'read_jobs_cold_p50_ms_none', label: 'jobs cold p50, no filter', unit: 'ms', decimals: 1 },
  {
    key: 'read_job_by_id_driver_ms_20k',
    label: "job(id)'s database read alone: the driver's findOne by _id of the same jobs, p50",
    unit: 'ms',
    decimals: 2,
  },
  {
    key: 'read_http_floor_ms',
    label: "the timed reads' client to a server that answers at once (no database), p50",
    unit: 'ms',
    decimals: 2,
  },
  {
    key: 'read_first_in_process_ms',
    label: 'jobs(first: 20) in a fresh API process: time until the first answer',
    unit: 'ms',
    decimals: 1,
  },
  {
    key: 'read_jobs_after_change_ms',
    label: 'jobs, first request after a data change (worse of the two)',
    unit: 'ms',
    decimals: 1,
  },
  {
    key: 'read_stats_after_change_ms',
    label: 'jobStats, first request after a data change',
    unit: 'ms',
    decimals: 1,
  },
  { key: 'api_graphql_rps', label: 'GraphQL warm req/s', unit: '/s', decimals: 0 },
  { key: 'api_graphql_p99_ms', label: 'GraphQL warm p99', unit: 'ms', decimals: 1 },
  { key: 'api_during_etl_rps', label: 'GraphQL req/s while an ETL re-run loads', unit: '/s', decimals: 0 },
  { key: 'api_during_etl_p99_ms', label: 'GraphQL p99 while an ETL re-run loads', unit: 'ms', decimals: 1 },
  {
    key: 'api_during_etl_errors',
    label: 'GraphQL errors while an ETL re-run loads',
    unit: '',
    decimals: 0,
  },
  {
    key: 'api_raw_cached_rps',
    label: 'raw handler, version check + cached answer, req/s',
    unit: '/s',
    decimals: 0,
  },
  { key: 'api_raw_cached_p99_ms', label: 'raw handler, cached, p99', unit: 'ms', decimals: 1 },
  {
    key: 'api_raw_shared_rps',
    label: 'raw handler, version check shared by concurrent requests + cached answer, req/s',
    unit: '/s',
    decimals: 0,
  },
  { key: 'api_raw_shared_p99_ms', label: 'raw handler, shared version check, p99', unit: 'ms', decimals: 1 },
  {
    key: 'api_raw_driver_rps',
    label: 'raw handler, driver query every request, req/s',
    unit: '/s',
    decimals: 1,
  },
  { key: 'api_raw_driver_p99_ms', label: 'raw handler, driver query, p99', unit: 'ms', decimals: 1 },
  {
    key: 'api_raw_driver_errors',
    label: 'raw handler, driver query, errors (timeouts)',
    unit: '',
    decimals: 0,
  },
];

/** Values per figure across repetitions, and why some are missing or only bounds. */
export class Samples {
  private readonly values = new Map<string, number[]>();
  /** Figures whose values are lower bounds (a stage ran out of time). */
  private readonly bounded = new Set<string>();
  private readonly notes = new Map<string, Set<string>>();

  add(key: string, value: number | undefined): void {
    if (value === undefined || !Number.isFinite(value)) return;
    const list = this.values.get(key) ?? [];
    list.push(value);
    this.values.set(key, list);
  }

  /** Records that `key` took longer than `value` (a timeout): reported as "> value". */
  addLowerBound(key: string, value: number): void {
    this.add(key, value);
    this.bounded.add(key);
  }

  note(key: string, text: string): void {
    const set = this.notes.get(key) ?? new Set<string>();
    set.add(text);
    this.notes.set(key, set);
  }

  summary(key: string): FigureSummary | undefined {
    const list = this.values.get(key);
    if (!list || list.length === 0) return undefined;
    return {
      median: median(list),
      min: Math.min(...list),
      max: Math.max(...list),
      runs: list.length,
      values: [...list],
      lowerBound: this.bounded.has(key),
    };
  }

  notesOf(key: string): string[] {
    return [...(this.notes.get(key) ?? [])];
  }
}

export interface FigureSummary {
  median: number;
  min: number;
  max: number;
  runs: number;
  values: number[];
  /** The values are lower bounds (time ran out before the figure was complete). */
  lowerBound: boolean;
}

/**
 * Whether a figure meets its target.
 *
 * @returns undefined when there is no target or no value, or when a lower bound does not decide it
 */
export function meets(def: FigureDef, summary: FigureSummary | undefined): boolean | undefined {
  if (!def.target || !summary) return undefined;
  const { op, value } = def.target;
  if (summary.lowerBound) return op === '<=' && summary.median > value ? false : undefined;
  return op === '<=' ? summary.median <= value : summary.median >= value;
}
