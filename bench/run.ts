import 'reflect-metadata';

import { execSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

import autocannon from 'autocannon';
import mongoose from 'mongoose';

import { connect, disconnect } from '../src/db/connection';
import { contentHash } from '../src/etl/load';
import { parseItem } from '../src/etl/transform';
import { JobModel } from '../src/models/job.model';
import { publishJobChanges } from '../src/models/job-listing.model';
import type { SearchResultItem } from '../src/usajobs/usajobs.types';
import { startUsajobsDouble, type UsajobsDouble } from '../test/support/usajobs-double';
import { API_QUERY, type ApiMode, type ApiTask } from './api.child';
import type { EtlPartial, EtlResult, EtlRunFigures, EtlTask } from './etl.child';
import { Samples } from './figures';
import type { LoadPartial, LoadResult, LoadTask } from './load.child';
import { generatePostings } from './postings';
import { type Meta, writeResults } from './report';
import {
  type Backend,
  backendLabel,
  ETL_HEAP_MB,
  killChildren,
  logger,
  ownCpuS,
  runChild,
  serverVersion,
  startBackend,
  startChild,
} from './support';

/*
 * `npm run bench` (full, about 15 minutes at most) or `npm run bench -- quick` (small sizes, a minute or two): every
 * stage in child processes of their own against a fresh database, repeated; medians and spreads go to
 * bench/RESULTS.md and bench/results.json (quick: .bench-build/quick/). `npm run bench -- reads [quick]` runs only
 * the reads, on a database seeded once and kept between runs. See bench/README.md.
 */

interface Mode {
  name: 'full' | 'quick';
  /** Kept postings of the main data set ("20k"), the small one ("2k") and the memory run ("50k"). */
  main: number;
  small: number;
  rss: number;
  reps: number;
  /** After this, repetitions 2 and 3 of a stage are skipped (repetition 1 always runs, within its time limits). */
  budgetS: number;
  /** Time limits per child, seconds. */
  limits: { load: number; small: number; main: number; rss: number };
  /** warmUp: requests of each kind sent before the series (see coldReads). */
  reads: {
    queries: number;
    capS: number;
    byId: number;
    warmUp: { byId: number; jobs: number; stats: number };
  };
  api: { durationS: number; connections: number };
  /** The stages to run, in order. */
  stages: readonly Stage[];
  /** etl-main+reads runs its reads (not when `etl-main` alone was picked). */
  withReads: boolean;
  /** Where the results go when not every stage ran at its full size (see report.ts): e.g. `partial`. */
  only?: string;
}

const MODES: Record<Mode['name'], Omit<Mode, 'stages' | 'withReads'>> = {
  full: {
    name: 'full',
    main: 20_000,
    small: 2_000,
    rss: 50_000,
    reps: 3,
    budgetS: 14 * 60,
    limits: { load: 180, small: 90, main: 240, rss: 180 },
    reads: { queries: 10, capS: 20, byId: 30, warmUp: { byId: 2_000, jobs: 200, stats: 50 } },
    api: { durationS: 10, connections: 20 },
  },
  quick: {
    name: 'quick',
    main: 500,
    small: 100,
    rss: 1_500,
    reps: 3,
    budgetS: 180,
    limits: { load: 40, small: 30, main: 60, rss: 60 },
    reads: { queries: 5, capS: 8, byId: 10, warmUp: { byId: 100, jobs: 20, stats: 5 } },
    api: { durationS: 3, connections: 10 },
  },
};

/** A single read slower than this counts as this long (a lower bound) and the series goes on. */
const READ_TIMEOUT_MS = 60_000;
/** How long the first read of a fresh API process is retried until it answers. */
const COLD_START_MAX_MS = 180_000;
/** A raw driver request slower than this alone is not load-tested. */
const SLOW_RAW_MS = 2_000;

/** Postings per USAJOBS double: each search of a shard stays under the 10,000-result cap. */
const SHARD_SIZE = 12_000;
const SEEDS = { main: 20, small: 2, rss: 50 } as const;

/** `reads` is not part of a full run: the reads and the API load alone, on a kept database (`-- reads`). */
type Stage = 'load' | 'etl-small' | 'etl-main+reads' | 'etl-50k' | 'reads';
const STAGES: readonly Stage[] = ['load', 'etl-small', 'etl-main+reads', 'etl-50k'];
/** Stages a development run can pick by name; `etl-main` is `etl-main+reads` without the reads. */
const PICKABLE: readonly string[] = [...STAGES, 'etl-main'];

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const picked = args.filter((arg) => PICKABLE.includes(arg));
  const unknown = args.filter(
    (arg) => arg !== 'quick' && arg !== 'full' && arg !== 'reads' && !PICKABLE.includes(arg),
  );
  if (unknown.length > 0) {
    process.stderr.write(
      `usage: npm run bench [-- [quick] [reads | ${PICKABLE.join(' | ')} ...]]   (unknown: ${unknown.join(' ')})\n`,
    );
    process.exit(2);
  }
  const preset = MODES[args.includes('quick') ? 'quick' : 'full'];
  // A longer budget lets every stage run its three repetitions where today's speeds need more than 15 minutes.
  const budgetMin = Number(process.env.BENCH_BUDGET_MIN);
  const dev = devOverrides(preset);
  const budgeted = {
    ...preset,
    ...dev,
    ...(Number.isFinite(budgetMin) && budgetMin > 0 ? { budgetS: budgetMin * 60 } : {}),
  };
  const readsOnly = args.includes('reads');
  const reps = Number(process.env.BENCH_REPS);
  const stages = readsOnly
    ? (['reads'] as const)
    : picked.length === 0
      ? STAGES
      : STAGES.filter((s) => picked.includes(s) || (s === 'etl-main+reads' && picked.includes('etl-main')));
  const withReads = !picked.includes('etl-main') || picked.includes('etl-main+reads');
  const mode: Mode = {
    ...budgeted,
    // The reads alone: one repetition unless asked (A/B comparisons run the command again, back to back).
    reps: Number.isInteger(reps) && reps > 0 ? reps : readsOnly ? 1 : budgeted.reps,
    stages,
    withReads,
    // Some stages, or other sizes: the figures must not pass for those of a full run.
    only: readsOnly
      ? 'reads'
      : picked.length > 0 || Object.keys(dev).length > 0 || !withReads
        ? 'partial'
        : undefined,
  };
  const bench = new Bench(mode);
  const stop = (): void => {
    killChildren();
    process.exit(130);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    await bench.run();
  } finally {
    killChildren();
  }
}

/**
 * For development only (a run with either set writes to .bench-build/, see report.ts): BENCH_SIZES ("main,small,rss"
 * kept postings) and BENCH_LIMIT_SCALE (multiplies every child's time limit, e.g. for a profiled run).
 */
function devOverrides(preset: Omit<Mode, 'stages' | 'withReads'>): Partial<Mode> {
  const out: Partial<Mode> = {};
  const sizes = process.env.BENCH_SIZES?.split(',').map(Number);
  if (sizes?.length === 3 && sizes.every((n) => Number.isInteger(n) && n > 0)) {
    [out.main, out.small, out.rss] = sizes as [number, number, number];
  }
  const scale = Number(process.env.BENCH_LIMIT_SCALE);
  if (Number.isFinite(scale) && scale > 0) {
    out.limits = Object.fromEntries(
      Object.entries(preset.limits).map(([name, s]) => [name, Math.round(s * scale)]),
    ) as Mode['limits'];
    out.budgetS = Math.round(preset.budgetS * scale);
  }
  return out;
}

class Bench {
  private readonly samples = new Samples();
  private readonly started = performance.now();
  private readonly today = new Date().toISOString().slice(0, 10);
  private readonly stageMs = new Map<Stage, number[]>();
  private readonly timedOut = new Set<Stage>();
  private readonly datasets = new Map<string, SearchResultItem[]>();
  private readonly loadAverages: number[][] = [];
  /** ms per kept job of each repetition's runs (index: repetition). */
  private readonly perJob: Record<'small' | 'main', { first?: number; rerun?: number }[]> = {
    small: [],
    main: [],
  };
  private serverVersion = 'unknown';

  constructor(private readonly mode: Mode) {}

  async run(): Promise<void> {
    this.log(
      `${this.mode.name} run: ${this.mode.main} / ${this.mode.small} / ${this.mode.rss} kept postings`,
    );
    this.loadAverages.push(os.loadavg());
    for (let rep = 1; rep <= this.mode.reps; rep++) {
      for (const stage of this.mode.stages) {
        const skip = this.skipReason(stage, rep);
        if (skip) {
          this.log(`run ${rep} ${stage}: skipped (${skip})`);
          this.samples.note(`stage:${stage}`, `run ${rep} skipped: ${skip}`);
          continue;
        }
        this.log(`run ${rep} ${stage}`);
        const started = performance.now();
        await this.runStage(stage, rep);
        const ms = performance.now() - started;
        this.stageMs.set(stage, [...(this.stageMs.get(stage) ?? []), ms]);
        this.log(`run ${rep} ${stage}: ${(ms / 1000).toFixed(1)} s`);
      }
    }
    this.loadAverages.push(os.loadavg());
    const wallS = (performance.now() - this.started) / 1000;
    const files = await writeResults(this.mode.name, this.samples, this.meta(wallS));
    this.log(`done in ${wallS.toFixed(0)} s: ${files.join(', ')}`);
  }

  private skipReason(stage: Stage, rep: number): string | undefined {
    if (rep === 1) return undefined;
    if (this.timedOut.has(stage)) return 'an earlier run hit its time limit';
    const longest = Math.max(...(this.stageMs.get(stage) ?? [0]));
    const remaining = this.mode.budgetS * 1000 - (performance.now() - this.started);
    if (longest > remaining) return `the ${Math.round(this.mode.budgetS / 60)}-minute budget`;
    return undefined;
  }

  /** A child's time limit, shortened so the whole run stays within the budget (but at least 30 s). */
  private limit(name: keyof Mode['limits']): number {
    const remainingS = this.mode.budgetS - (performance.now() - this.started) / 1000;
    return Math.round(Math.min(this.mode.limits[name], Math.max(30, remainingS)));
  }

  private async runStage(stage: Stage, rep: number): Promise<void> {
    switch (stage) {
      case 'load':
        return this.loadStage(rep);
      case 'etl-small':
        return this.etlSmallStage(rep);
      case 'etl-main+reads':
        return this.etlMainStage(rep);
      case 'etl-50k':
        return this.rssStage(rep);
      case 'reads':
        return this.readsStage(rep);
    }
  }

  // --- stages ----------------------------------------------------------------------------------------------------

  /** Transform rate, and the load stage against the raw driver floor. */
  private async loadStage(rep: number): Promise<void> {
    const backend = await this.backend(`load_${rep}`);
    try {
      const task: LoadTask = {
        uri: backend.uri,
        dbName: backend.dbName,
        ferret: this.serverVersion.startsWith('FerretDB'),
        fitting: this.mode.main,
        seed: SEEDS.main,
        today: this.today,
      };
      const limit = this.limit('load');
      const outcome = await runChild<LoadResult, LoadPartial>('load.child.js', task, limit * 1000);
      if (!outcome.ok) {
        // What finished before the limit still counts; the part that did not is a lower bound.
        const parts: LoadPartial = Object.assign({}, ...outcome.partials);
        this.samples.add('etl_transform_per_s', parts.transformPerS);
        this.samples.add('transform_samples_per_s', parts.samplesPerS);
        this.samples.add('etl_load_ms_20k', parts.loadMs);
        this.samples.add('etl_floor_ms_20k', parts.floorMs);
        if (parts.loadMs === undefined) {
          this.samples.note('etl_load_ms_20k', `run ${rep}: unfinished within ${limit} s`);
        } else if (parts.floorMs === undefined) {
          this.samples.note('etl_floor_ms_20k', `run ${rep}: unfinished within the ${limit} s left`);
        }
        this.fail('load', outcome.reason, outcome.message);
        this.samples.note(
          'etl_load_vs_floor',
          `run ${rep}: ${outcome.reason} (${outcome.message.split('\n')[0]})`,
        );
        return;
      }
      const r = outcome.value;
      this.samples.add('etl_transform_per_s', r.transformPerS);
      this.samples.add('transform_samples_per_s', r.samplesPerS);
      this.samples.add('etl_load_ms_20k', r.loadMs);
      this.samples.add('etl_floor_ms_20k', r.floorMs);
      this.samples.add('etl_insert_ms_20k', r.insertMs);
      this.samples.add('etl_load_vs_floor', r.loadMs / r.floorMs);
      if (Object.values(r.stored).some((stored) => stored !== r.jobs)) {
        this.samples.note('etl_load_vs_floor', `run ${rep}: stored ${JSON.stringify(r.stored)} of ${r.jobs}`);
      }
      this.samples.note(
        'etl_load_vs_floor',
        `floor: bulkWrite of ${r.floorBatch} upserts per command, unordered`,
      );
    } finally {
      await backend.stop();
    }
  }

  private async etlSmallStage(rep: number): Promise<void> {
    const backend = await this.backend(`etl_small_${rep}`);
    try {
      const limit = this.limit('small');
      this.recordRuns('2k', rep, limit, await this.etl(backend, 'small', 2, limit));
    } finally {
      await backend.stop();
    }
  }

  /**
   * The figures of a first run and a re-run (`size` names them: 2k or 20k); when the child ran out of time, what
   * did not finish is a lower bound, with how far it got.
   */
  private recordRuns(
    size: '2k' | '20k',
    rep: number,
    limit: number,
    outcome: EtlOutcome,
  ): EtlRunFigures | undefined {
    const [first, rerun] = outcome.runs;
    this.perJob[size === '2k' ? 'small' : 'main'][rep] = {
      first: first && first.ms / Math.max(1, first.kept),
      rerun: rerun && rerun.ms / Math.max(1, rerun.kept),
    };
    const progress = outcome.lastProgress;
    const sofar = progress
      ? `${progress.kept} jobs done after ${(progress.ms / 1000).toFixed(0)} s`
      : 'no page done';
    for (const [n, run] of outcome.runs.entries()) {
      const which = n === 0 ? 'first' : 'rerun';
      this.samples.add(`etl_${which}_cpu_s_${size}`, run.cpuS);
      this.samples.add(`etl_${which}_db_cpu_s_${size}`, outcome.cpu[n]?.dbS);
      this.samples.add(`etl_${which}_doubles_cpu_s_${size}`, outcome.cpu[n]?.doublesS);
    }
    if (first) {
      this.samples.add(`etl_first_${size}_s`, first.ms / 1000);
      this.samples.add(`etl_first_ms_per_job_${size}`, first.ms / Math.max(1, first.kept));
    } else if (outcome.timedOut) {
      this.samples.addLowerBound(`etl_first_${size}_s`, limit);
      this.samples.note(`etl_first_${size}_s`, `run ${rep}: stopped at its ${limit} s limit, ${sofar}`);
    }
    if (rerun) {
      this.samples.add(`etl_rerun_${size}_s`, rerun.ms / 1000);
      this.samples.add(`etl_rerun_ms_per_job_${size}`, rerun.ms / Math.max(1, rerun.kept));
    } else if (first && outcome.timedOut) {
      this.samples.addLowerBound(`etl_rerun_${size}_s`, limit - first.ms / 1000);
      this.samples.note(
        `etl_rerun_${size}_s`,
        `run ${rep}: stopped at the stage's ${limit} s limit, ${sofar}`,
      );
    }
    this.checkRuns(
      `etl_first_${size}_s`,
      rep,
      outcome.runs,
      size === '2k' ? this.mode.small : this.mode.main,
    );
    return first;
  }

  /** The 20k first run and re-run, then the reads and the API on what they stored. */
  private async etlMainStage(rep: number): Promise<void> {
    let backend = await this.backend(`etl_main_${rep}`);
    try {
      const limit = this.limit('main');
      const first = this.recordRuns('20k', rep, limit, await this.etl(backend, 'main', 2, limit));
      if (first) this.samples.add('etl_kept_20k', first.kept);
      this.growth(rep);

      if (!first) {
        // The reads need the data set stored; without the ETL's, the same documents are inserted directly.
        await backend.stop();
        backend = await this.backend(`reads_${rep}`);
        await this.seed(backend);
        this.samples.note(
          'read_jobs_cold_p50_ms_20k',
          `run ${rep}: jobs inserted by the raw driver (the ETL ran out of time)`,
        );
      }
      if (!this.mode.withReads) {
        this.samples.note('read_jobs_cold_p50_ms_20k', `run ${rep}: reads not picked (etl-main)`);
      } else if (this.mode.budgetS - (performance.now() - this.started) / 1000 < 30) {
        this.samples.note('read_jobs_cold_p50_ms_20k', `run ${rep}: reads skipped (the budget was spent)`);
      } else {
        await this.reads(backend, rep);
      }
    } finally {
      await backend.stop();
    }
  }

  /**
   * The reads and the API load alone, on the main data set stored by the raw driver once and kept between runs
   * (BENCH_READS_DIR, by default in the temporary directory; on MongoDB a database that is not dropped), for quick
   * before/after comparisons of the read path. No ETL runs, so the figures `during_etl` are not measured.
   */
  private async readsStage(rep: number): Promise<void> {
    const dir =
      process.env.BENCH_READS_DIR ?? path.join(os.tmpdir(), `job-tracker-bench-reads-${this.mode.main}`);
    const seeded = `${dir}.seeded`;
    const backend = await this.backend('reads_kept', dir);
    try {
      if (!existsSync(seeded)) {
        this.log(`seeding ${this.mode.main} jobs into ${dir}`);
        await this.seed(backend);
        writeFileSync(seeded, `${this.mode.main}\n`);
      }
      this.samples.note(
        'read_jobs_cold_p50_ms_20k',
        `run ${rep}: jobs inserted by the raw driver, kept in ${dir}`,
      );
      await this.reads(backend, rep, false);
    } finally {
      await backend.stop();
    }
  }

  private async rssStage(rep: number): Promise<void> {
    const backend = await this.backend(`etl_50k_${rep}`);
    try {
      const limit = this.limit('rss');
      const outcome = await this.etl(backend, 'rss', 1, limit);
      const [run] = outcome.runs;
      if (run && outcome.result) {
        const { peakRssMiB, rssBeforeMiB, retained } = outcome.result;
        this.samples.add('etl_rss_growth_mb_50k', mb(peakRssMiB - rssBeforeMiB));
        this.samples.note(
          'etl_rss_growth_mb_50k',
          ETL_HEAP_MB > 0
            ? `the ETL child runs with --max-old-space-size=${ETL_HEAP_MB}, as npm run etl runs the CLI (bench/README.md)`
            : "the ETL child runs with Node's default heap limit",
        );
        this.samples.add('etl_rss_retained_mb_50k', mb(retained.rssMiB - rssBeforeMiB));
        this.samples.add('etl_heap_retained_mb_50k', mb(retained.heapUsedMiB));
        this.samples.add('etl_50k_s', run.ms / 1000);
        const ratio = marginalGrowth(run.pages, this.mode.small, this.mode.main);
        this.samples.add('etl_marginal_growth_50k', ratio);
        this.checkRuns('etl_rss_growth_mb_50k', rep, outcome.runs, this.mode.rss);
      } else if (outcome.lastProgress) {
        const { rssBeforeMiB, peakRssMiB, kept, ms } = outcome.lastProgress;
        this.samples.addLowerBound('etl_rss_growth_mb_50k', mb(peakRssMiB - rssBeforeMiB));
        this.samples.addLowerBound('etl_50k_s', limit);
        this.samples.note(
          'etl_rss_growth_mb_50k',
          `run ${rep}: stopped at its ${limit} s limit with ${kept} jobs kept after ${(ms / 1000).toFixed(0)} s; growth so far`,
        );
      } else {
        this.samples.note(
          'etl_rss_growth_mb_50k',
          `run ${rep}: no figure (${outcome.message ?? 'no progress'})`,
        );
      }
    } finally {
      await backend.stop();
    }
  }

  // --- pieces ----------------------------------------------------------------------------------------------------

  private async backend(stage: string, keptDir?: string): Promise<Backend> {
    const backend = await startBackend(stage, keptDir);
    if (this.serverVersion === 'unknown') this.serverVersion = await serverVersion(backend.uri);
    return backend;
  }

  private dataset(name: 'main' | 'small' | 'rss'): SearchResultItem[] {
    let items = this.datasets.get(name);
    if (!items) {
      items = generatePostings({ fitting: this.mode[name], seed: SEEDS[name], today: this.today }).items;
      // The 50k set is only needed once a run; the others are reused by every repetition.
      if (name !== 'rss') this.datasets.set(name, items);
    }
    return items;
  }

  /** Runs the ETL child against doubles serving `dataset`; keeps whatever it reported before a time limit. */
  private async etl(
    backend: Backend,
    dataset: 'main' | 'small' | 'rss',
    runs: number,
    limitS: number,
  ): Promise<EtlOutcome> {
    const doubles = await this.startDoubles(this.dataset(dataset));
    try {
      const task: EtlTask = {
        uri: backend.uri,
        dbName: backend.dbName,
        doubleUrls: doubles.map((double) => double.url),
        runs,
      };
      // CPU of the database and of this process (the doubles) per run, read as each run ends.
      const cpu: { dbS?: number; doublesS: number }[] = [];
      let mark = { dbS: backend.cpuS(), doublesS: ownCpuS() };
      const outcome = await runChild<EtlResult, EtlPartial>('etl.child.js', task, limitS * 1000, {
        onPartial: (partial) => {
          if (partial.kind !== 'run') return;
          const now = { dbS: backend.cpuS(), doublesS: ownCpuS() };
          cpu.push({
            dbS: now.dbS === undefined || mark.dbS === undefined ? undefined : now.dbS - mark.dbS,
            doublesS: now.doublesS - mark.doublesS,
          });
          mark = now;
        },
      });
      const reported = outcome.partials.flatMap((p) => (p.kind === 'run' ? [p.run] : []));
      // Progress of the run that was going on when the child stopped (after the last finished run).
      const lastRun = outcome.partials.map((p) => p.kind).lastIndexOf('run');
      const lastProgress = outcome.partials
        .slice(lastRun + 1)
        .filter((p) => p.kind === 'progress')
        .at(-1) as Extract<EtlPartial, { kind: 'progress' }> | undefined;
      if (!outcome.ok) this.fail(dataset, outcome.reason, outcome.message);
      return {
        runs: outcome.ok ? outcome.value.runs : reported,
        result: outcome.ok ? outcome.value : undefined,
        timedOut: !outcome.ok && outcome.reason === 'timeout',
        lastProgress,
        message: outcome.ok ? undefined : outcome.message.split('\n')[0],
        cpu,
      };
    } finally {
      for (const double of doubles) await double.close();
    }
  }

  /** USAJOBS doubles serving `items`, SHARD_SIZE each. */
  private async startDoubles(items: SearchResultItem[]): Promise<UsajobsDouble[]> {
    const doubles: UsajobsDouble[] = [];
    for (let start = 0; start < items.length; start += SHARD_SIZE) {
      doubles.push(
        await startUsajobsDouble({ items: items.slice(start, start + SHARD_SIZE), maxPageSize: 500 }),
      );
    }
    return doubles;
  }

  /** Notes runs that did not end SUCCEEDED or kept fewer jobs than the data set holds. */
  private checkRuns(key: string, rep: number, runs: EtlRunFigures[], expected: number): void {
    for (const [n, run] of runs.entries()) {
      if (run.status !== 'SUCCEEDED' || run.kept !== expected) {
        this.samples.note(
          key,
          `run ${rep}.${n + 1}: ${run.status}, kept ${run.kept} of ${expected}${run.errors.length ? `: ${run.errors[0]}` : ''}`,
        );
      }
    }
  }

  /**
   * Per-job cost at 20k ÷ at 2k: the worse of first run and re-run, against this repetition's 2k runs (or the latest
   * ones when this repetition had none). With only first runs finished, a lower bound.
   */
  private growth(rep: number): void {
    const main = this.perJob.main[rep] ?? {};
    const small =
      this.perJob.small[rep] ?? this.perJob.small.filter((costs) => costs !== undefined).at(-1) ?? {};
    const first = (main.first ?? Number.NaN) / (small.first ?? Number.NaN);
    const rerun = (main.rerun ?? Number.NaN) / (small.rerun ?? Number.NaN);
    const key = 'etl_per_job_growth_2k_to_20k';
    if (Number.isFinite(first) && Number.isFinite(rerun)) this.samples.add(key, Math.max(first, rerun));
    else if (Number.isFinite(first)) {
      this.samples.addLowerBound(key, first);
      this.samples.note(key, `run ${rep}: from the first runs only (a re-run did not finish)`);
    } else this.samples.note(key, `run ${rep}: not computed (a first run did not finish)`);
  }

  /** Stores the main data set's documents with the raw driver (only when the ETL could not). */
  private async seed(backend: Backend): Promise<void> {
    const { items } = generatePostings({
      fitting: this.mode.main,
      notFitting: 0,
      seed: SEEDS.main,
      today: this.today,
    });
    const seenAt = new Date();
    const docs = items.flatMap((item) => {
      const parsed = parseItem(item);
      return parsed.ok
        ? [{ ...parsed.job, contentHash: contentHash(parsed.job), firstSeenAt: seenAt, lastSeenAt: seenAt }]
        : [];
    });
    await connect(backend.uri, { dbName: backend.dbName });
    try {
      await JobModel.init();
      const db = mongoose.connection.db;
      if (!db) throw new Error('not connected');
      const collection = db.collection<{ _id: string }>('jobs');
      for (let start = 0; start < docs.length; start += 500) {
        await collection.insertMany(docs.slice(start, start + 500), { ordered: false });
      }
      // A change whose listings are unknown: readers rescan, as after any write they cannot follow.
      await publishJobChanges();
    } finally {
      await disconnect();
    }
  }

  /**
   * Cold reads, then warm GraphQL under load against the two raw handlers, then (`duringEtl`) under load while an
   * ETL re-run loads. BENCH_CPU_PROF=dir profiles the GraphQL server's process (`node --cpu-prof`, written when it
   * stops).
   */
  private async reads(backend: Backend, rep: number, duringEtl = true): Promise<void> {
    await connect(backend.uri, { dbName: backend.dbName });
    try {
      const ids = (await JobModel.find({}, { _id: 1 }).lean<{ _id: string }[]>()).map((doc) => doc._id);
      const profileDir = process.env.BENCH_CPU_PROF;
      const graphql = await startChild<{ url: string }>(
        'api.child.js',
        this.apiTask(backend, 'graphql'),
        60_000,
        profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
      );
      try {
        await this.coldReads(graphql.ready.url, ids, rep, backend);
        await this.apiLoad(backend, graphql.ready.url, rep);
        if (duringEtl) await this.apiDuringEtl(backend, graphql.ready.url, rep);
      } finally {
        await graphql.stop();
      }
    } finally {
      await disconnect();
    }
  }

  /**
   * GraphQL under the same load while an ETL re-run of the data set goes on: the postings are unchanged, so the run
   * writes no job and the answers stay cached; the API shares the machine and the database with the run. The run is
   * stopped when the load test ends.
   */
  private async apiDuringEtl(backend: Backend, graphqlUrl: string, rep: number): Promise<void> {
    if (this.remainingS() < this.mode.api.durationS + 10) {
      this.samples.note('api_during_etl_errors', `run ${rep}: not measured (the budget was spent)`);
      return;
    }
    const doubles = await this.startDoubles(this.dataset('main'));
    try {
      const task: EtlTask = {
        uri: backend.uri,
        dbName: backend.dbName,
        doubleUrls: doubles.map((double) => double.url),
        runs: 1,
      };
      // The load test starts once the run has loaded its first page; the run is stopped when the test ends.
      const stop = new AbortController();
      let loadStarted = false;
      let pagesDuringLoad = 0;
      let keptAtStart: number | undefined;
      let keptAtEnd: number | undefined;
      let firstPage!: () => void;
      const loading = new Promise<void>((resolve) => (firstPage = resolve));
      const etl = runChild<EtlResult, EtlPartial>('etl.child.js', task, this.limit('main') * 1000, {
        signal: stop.signal,
        onPartial: (partial) => {
          if (partial.kind !== 'progress') return;
          firstPage();
          if (!loadStarted) keptAtStart = partial.kept;
          else {
            pagesDuringLoad += 1;
            keptAtEnd = partial.kept;
          }
        },
      });
      await Promise.race([loading, etl]);
      loadStarted = true;
      const load = await this.cannon(graphqlUrl);
      stop.abort();
      const outcome = await etl;
      this.samples.add('api_during_etl_rps', load.rps);
      this.samples.add('api_during_etl_p99_ms', load.p99);
      this.samples.add('api_during_etl_errors', load.errors);
      this.samples.note(
        'api_during_etl_errors',
        pagesDuringLoad > 0
          ? `run ${rep}: the re-run loaded ${pagesDuringLoad} page${pagesDuringLoad === 1 ? '' : 's'} during the load test (jobs ${keptAtStart ?? 0} to ${keptAtEnd})`
          : `run ${rep}: the re-run loaded no page during the load test (${outcome.ok ? 'it had finished' : outcome.message.split('\n')[0]})`,
      );
    } finally {
      for (const double of doubles) await double.close();
    }
  }

  private apiTask(backend: Backend, mode: ApiMode): ApiTask {
    return { uri: backend.uri, dbName: backend.dbName, mode };
  }

  private async coldReads(url: string, ids: string[], rep: number, backend: Backend): Promise<void> {
    const { queries, capS, byId, warmUp } = this.mode.reads;
    // A read that got no data (a timeout, the service's deadline) counts with its time as a lower bound.
    const record = (key: string, answer: Answer | undefined): void => {
      if (!answer) return;
      if (answer.unanswered) this.samples.addLowerBound(key, answer.ms);
      else this.samples.add(key, answer.ms);
    };
    const p50 = (answers: Answer[]): Answer | undefined =>
      [...answers].sort((a, b) => a.ms - b.ms)[Math.max(0, Math.ceil(answers.length / 2) - 1)];
    const worse = (a: Answer | undefined, b: Answer | undefined): Answer | undefined =>
      !a || (b && b.ms > a.ms) ? b : a;

    // The first read of a fresh process builds whatever the read path keeps in memory (a cold start). It is asked
    // again until it answers (a request can hit the service's deadline meanwhile), so the series below measure
    // the read path once built; the figure is the time until the first answer.
    const coldStart = performance.now();
    let attempts = 0;
    let firstAnswer: Answer;
    do {
      attempts += 1;
      firstAnswer = await this.timedPost(url, JOBS_QUERY, {}, 'read_first_in_process_ms', rep);
    } while (
      firstAnswer.unanswered &&
      performance.now() - coldStart < Math.min(COLD_START_MAX_MS, this.remainingS() * 1000)
    );
    record('read_first_in_process_ms', {
      ms: performance.now() - coldStart,
      unanswered: firstAnswer.unanswered,
    });
    if (attempts > 1) {
      this.samples.note('read_first_in_process_ms', `run ${rep}: answered at request ${attempts}`);
    }
    const random = seeded(rep);
    const picked = Array.from({ length: byId }, () => ids[Math.floor(random() * ids.length)] as string);
    // A service that answers traffic runs compiled code: before the series, each kind of request is sent with
    // arguments no series uses (other jobs, other filters), so V8 has compiled the paths the series take while no
    // cache holds anything they ask. The first answer of a fresh process is the figure above.
    if (this.remainingS() > 0) {
      const others = ids.filter((id) => !picked.includes(id));
      for (let i = 0; i < warmUp.byId && others.length > 0; i++) {
        await post(url, JOB_QUERY, { id: others[(i * 7919) % others.length] });
      }
      for (let i = 0; i < warmUp.jobs; i++) {
        await post(url, JOBS_QUERY, {
          filter: { keyword: 'analyst', location: 'Illinois', minSalary: 1_000 + i },
          sort: SORTS[i % SORTS.length],
        });
      }
      for (let i = 0; i < warmUp.stats; i++) await post(url, STATS_QUERY, { filter: { minSalary: 100 + i } });
    }
    // Each series starts right after a data change as an ETL run that changed nothing publishes it (every read
    // cache drops what it computed), and uses arguments no request used before, so no cached answer can serve it.
    // A slow series stops after capS (one request at least).
    const series = async (
      key: string,
      query: string,
      variables: (i: number) => Record<string, unknown>,
      bump = true,
    ): Promise<Answer[]> => {
      if (this.remainingS() < 0) {
        this.samples.note(key, `run ${rep}: not measured (the budget was spent)`);
        return [];
      }
      if (bump) await publishJobChanges({ listings: [] });
      const answers: Answer[] = [];
      const started = performance.now();
      for (let i = 0; i < queries; i++) {
        if (i >= 1 && performance.now() - started > capS * 1000) break;
        answers.push(await this.timedPost(url, query, variables(i), key, rep));
      }
      if (answers.length < queries) {
        this.samples.note(key, `run ${rep}: ${answers.length} of ${queries} requests within ${capS} s`);
      }
      return answers;
    };

    const typical = await series('read_jobs_cold_p50_ms_typical', JOBS_QUERY, (i) => ({
      filter: { keyword: 'analyst', location: 'Illinois', minSalary: 60_000 + 250 * i },
    }));
    const none = await series('read_jobs_cold_p50_ms_none', JOBS_QUERY, (i) => ({
      sort: SORTS[i % SORTS.length],
    }));
    const stats = await series('read_stats_cold_ms_20k', STATS_QUERY, (i) => ({ filter: { minSalary: i } }));
    record('read_jobs_cold_p50_ms_typical', p50(typical));
    record('read_jobs_cold_p50_ms_none', p50(none));
    record('read_jobs_cold_p50_ms_20k', worse(p50(typical), p50(none)));
    record('read_jobs_after_change_ms', worse(typical[0], none[0]));
    record('read_stats_cold_ms_20k', p50(stats));
    record('read_stats_after_change_ms', stats[0]);

    if (ids.length > 0) {
      const lookups = await series(
        'read_job_by_id_ms_20k',
        JOB_QUERY,
        (i) => ({ id: picked[i % picked.length] }),
        false,
      );
      record('read_job_by_id_ms_20k', p50(lookups));
      // What a job(id) answer is made of: the driver's findOne of the same jobs from this process, and the client's
      // round trip to a server that answers at once.
      const found: number[] = [];
      for (const id of picked) {
        const started = performance.now();
        await JobModel.collection.findOne({ _id: id } as Record<string, unknown>);
        found.push(performance.now() - started);
      }
      record('read_job_by_id_driver_ms_20k', p50(found.map((ms) => ({ ms, unanswered: false }))));
      const floor = await startChild<{ url: string }>('api.child.js', this.apiTask(backend, 'noop'), 60_000);
      try {
        const trips: Answer[] = [];
        for (let i = 0; i < picked.length; i++)
          trips.push(await this.timedPost(floor.ready.url, '{}', {}, 'read_http_floor_ms', rep));
        record('read_http_floor_ms', p50(trips));
      } finally {
        await floor.stop();
      }
    }
  }

  private async timedPost(
    url: string,
    query: string,
    variables: Record<string, unknown>,
    key: string,
    rep: number,
  ): Promise<Answer> {
    const started = performance.now();
    try {
      const answer = await post(url, query, variables, READ_TIMEOUT_MS);
      if (answer.errors) {
        // No data came back (e.g. the service's request deadline): the time is a lower bound of the read.
        this.samples.note(key, `run ${rep}: error answer ${JSON.stringify(answer.errors).slice(0, 200)}`);
      }
      return { ms: performance.now() - started, unanswered: answer.errors !== undefined };
    } catch (error) {
      if ((error as Error).name !== 'TimeoutError') throw error;
      this.samples.note(key, `run ${rep}: a request got no answer within ${READ_TIMEOUT_MS / 1000} s`);
      return { ms: READ_TIMEOUT_MS, unanswered: true };
    }
  }

  private remainingS(): number {
    return this.mode.budgetS - (performance.now() - this.started) / 1000;
  }

  /** Warm GraphQL under load, then the raw handlers, each in a child of its own. */
  private async apiLoad(backend: Backend, graphqlUrl: string, rep: number): Promise<void> {
    if (this.remainingS() < 3 * this.mode.api.durationS) {
      this.samples.note('api_throughput_vs_raw', `run ${rep}: not measured (the budget was spent)`);
      return;
    }
    const gql = await this.serverUnderLoad('graphql', graphqlUrl, rep);
    if (!gql) return;
    this.samples.add('api_graphql_rps', gql.rps);
    this.samples.add('api_graphql_p99_ms', gql.p99);
    this.samples.add('api_errors', gql.errors);
    const raws: Cannon[] = [];
    // The reads alone skip the raw driver handler (on FerretDB at 20k one request takes minutes) unless asked.
    const modes =
      this.mode.stages.includes('reads') && process.env.BENCH_RAW_DRIVER !== '1'
        ? (['raw-cached', 'raw-shared'] as const)
        : (['raw-cached', 'raw-shared', 'raw-driver'] as const);
    for (const mode of modes) {
      const task: ApiTask = { ...this.apiTask(backend, mode), initial: `{"data":${gql.answer}}` };
      const raw = await startChild<{ url: string }>('api.child.js', task, 60_000);
      try {
        const result = await this.serverUnderLoad(mode, raw.ready.url, rep, gql.answer);
        if (result) raws.push(result);
        if (mode === 'raw-cached' && result) {
          this.samples.add('api_raw_cached_rps', result.rps);
          this.samples.add('api_raw_cached_p99_ms', result.p99);
        }
        if (mode === 'raw-shared' && result) {
          this.samples.add('api_raw_shared_rps', result.rps);
          this.samples.add('api_raw_shared_p99_ms', result.p99);
        }
        if (mode === 'raw-driver' && result) {
          this.samples.add('api_raw_driver_rps', result.rps);
          this.samples.add('api_raw_driver_p99_ms', result.p99);
          this.samples.add('api_raw_driver_errors', result.errors);
        }
      } finally {
        await raw.stop();
      }
    }
    const faster = raws.filter((raw) => raw.rps > 0).sort((a, b) => b.rps - a.rps)[0];
    if (!faster) return;
    this.samples.add('api_throughput_vs_raw', gql.rps / faster.rps);
    this.samples.add('api_p99_vs_raw', gql.p99 / faster.p99);
  }

  /**
   * One request alone (it warms caches and is compared with GraphQL's answer), then autocannon; a raw driver
   * handler too slow alone is not loaded.
   */
  private async serverUnderLoad(
    mode: ApiMode,
    url: string,
    rep: number,
    reference?: string,
  ): Promise<(Cannon & { answer: string }) | undefined> {
    const started = performance.now();
    let answer: string;
    try {
      answer = JSON.stringify((await post(url, API_QUERY)).data);
    } catch (error) {
      if ((error as Error).name !== 'TimeoutError') throw error;
      this.samples.note(
        'api_throughput_vs_raw',
        `run ${rep}: ${mode} gave no answer within ${READ_TIMEOUT_MS / 1000} s`,
      );
      return undefined;
    }
    const alone = performance.now() - started;
    if (reference !== undefined && answer !== reference) {
      this.samples.note('api_throughput_vs_raw', `run ${rep}: the ${mode} answer differs from GraphQL's`);
    }
    if (mode === 'raw-driver') {
      this.samples.add('api_raw_driver_request_ms', alone);
      if (alone > SLOW_RAW_MS) {
        // Under load every request would time out and keep the database busy long after: nothing to learn.
        this.samples.note(
          'api_raw_driver_rps',
          `run ${rep}: not load-tested, one request alone took ${Math.round(alone)} ms`,
        );
        return undefined;
      }
    }
    return { ...(await this.cannon(url)), answer };
  }

  private async cannon(url: string): Promise<Cannon> {
    const result = await autocannon({
      url,
      method: 'POST',
      connections: this.mode.api.connections,
      duration: this.mode.api.durationS,
      timeout: 10,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: API_QUERY }),
      verifyBody: (body) =>
        typeof body === 'string' && body.includes('"totalCount"') && !body.includes('"errors"'),
    });
    return {
      rps: result.requests.total / (result.duration || this.mode.api.durationS),
      // No answer within the run: there is no latency to report.
      p99: result.requests.total > 0 ? result.latency.p99 : Number.NaN,
      errors: result.errors + result.non2xx + result.mismatches,
    };
  }

  private fail(stage: string, reason: string, message: string): void {
    if (reason === 'timeout') {
      const name =
        stage === 'load'
          ? 'load'
          : stage === 'small'
            ? 'etl-small'
            : stage === 'main'
              ? 'etl-main+reads'
              : 'etl-50k';
      this.timedOut.add(name as Stage);
    }
    this.log(`${stage}: ${reason}: ${message.split('\n')[0]}`);
  }

  private meta(wallS: number): Meta {
    const cpus = os.cpus();
    let commit = 'unknown';
    try {
      commit = execSync('git rev-parse --short HEAD', { stdio: ['ignore', 'pipe', 'ignore'] })
        .toString()
        .trim();
    } catch {
      // Not a git checkout: the commit stays unknown.
    }
    return {
      mode: this.mode.name,
      only: this.mode.only,
      date: new Date().toISOString(),
      commit,
      wallS,
      machine: {
        cores: cpus.length,
        cpu: cpus[0]?.model ?? 'unknown',
        memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
        loadAverage: { start: this.loadAverages[0] ?? [], end: this.loadAverages.at(-1) ?? [] },
      },
      versions: { node: process.version, server: this.serverVersion, mongoose: mongoose.version },
      backend: backendLabel(this.serverVersion),
      sizes: { main: this.mode.main, small: this.mode.small, rss: this.mode.rss },
      reads: this.mode.reads,
      api: this.mode.api,
      stages: Object.fromEntries(
        this.mode.stages.map((stage) => [
          stage,
          (this.stageMs.get(stage) ?? []).map((ms) => Math.round(ms / 100) / 10),
        ]),
      ),
      stageNotes: Object.fromEntries(
        this.mode.stages.map((stage) => [stage, this.samples.notesOf(`stage:${stage}`)]),
      ),
    };
  }

  private log(line: string): void {
    const at = ((performance.now() - this.started) / 1000).toFixed(0).padStart(4);
    process.stderr.write(`[bench ${at} s] ${line}\n`);
  }
}

/** One timed read; `unanswered` when it brought no data (its time is then a lower bound). */
interface Answer {
  ms: number;
  unanswered: boolean;
}

/** What the ETL child reported, complete or up to its time limit. */
interface EtlOutcome {
  runs: EtlRunFigures[];
  result?: EtlResult;
  timedOut: boolean;
  /** The last progress of the run that was going on when the child stopped. */
  lastProgress?: Extract<EtlPartial, { kind: 'progress' }>;
  message?: string;
  /** Per finished run: CPU seconds of the database (embedded only) and of the driver serving the doubles. */
  cpu: { dbS?: number; doublesS: number }[];
}

interface Cannon {
  rps: number;
  p99: number;
  errors: number;
}

const JOBS_QUERY = `query Jobs($filter: JobFilter, $sort: JobSort) {
  jobs(first: 20, filter: $filter, sort: $sort) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { id positionTitle organizationName annualSalary { min max } positionLocationDisplay publicationStartDate isOpen }
  }
}`;

const STATS_QUERY = `query Stats($filter: JobFilter) {
  jobStats(filter: $filter) {
    totalCount
    annualSalary { lowest highest averageMin averageMax }
    byDepartment { key count }
    byState { key count }
  }
}`;

const JOB_QUERY = `query Job($id: ID!) {
  job(id: $id) {
    id positionId positionTitle positionUri applyUris organizationName departmentName payPlan lowGrade highGrade
    annualSalary { min max } positionRemuneration { minimumRange maximumRange rateIntervalCode description }
    positionLocationDisplay positionLocation { locationName countrySubDivisionCode latitude longitude }
    qualificationSummary jobSummary publicationStartDate applicationCloseDate remote teleworkEligible isOpen
  }
}`;

const SORTS = [
  'PUBLICATION_START_DATE',
  'APPLICATION_CLOSE_DATE',
  'ANNUAL_SALARY_MIN',
  'ANNUAL_SALARY_MAX',
  'POSITION_TITLE',
].flatMap((field) => [
  { field, direction: 'DESC' },
  { field, direction: 'ASC' },
]);

/**
 * The client of the timed reads: node:http over one kept-alive connection, the lightest client Node has (undici's
 * `fetch` adds about 0.6 ms a request here); `read_http_floor_ms` is its round trip to a server that does nothing.
 */
const readAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/** A GraphQL request over HTTP; rejects with a `TimeoutError` when no answer comes within `timeoutMs`. */
function post(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  timeoutMs = READ_TIMEOUT_MS,
): Promise<{ data?: unknown; errors?: unknown }> {
  const payload = JSON.stringify({ query, variables });
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: 'POST',
        agent: readAgent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          clearTimeout(timer);
          try {
            const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
              data?: unknown;
              errors?: unknown;
            };
            const status = response.statusCode ?? 0;
            if ((status < 200 || status > 299) && !body.errors) body.errors = [{ message: `HTTP ${status}` }];
            resolve(body);
          } catch (error) {
            reject(error as Error);
          }
        });
      },
    );
    const timer = setTimeout(() => {
      const timeout = new Error(`no answer within ${timeoutMs} ms`);
      timeout.name = 'TimeoutError';
      request.destroy(timeout);
    }, timeoutMs);
    request.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    request.end(payload);
  });
}

/**
 * Cost per kept job while `from`–`from + 4k` jobs are stored ÷ while `to`–`to + 4k` are, from a run's page log:
 * 1.0 means a job costs the same whatever the collection holds.
 */
function marginalGrowth(pages: [number, number][], from: number, to: number): number {
  const span = Math.max(1, Math.round(to / 5));
  const rate = (start: number): number => {
    const a = pages.find(([, kept]) => kept >= start);
    const b = pages.find(([, kept]) => kept >= start + span);
    if (!a || !b || b[1] === a[1]) return Number.NaN;
    return (b[0] - a[0]) / (b[1] - a[1]);
  };
  return rate(to) / rate(from);
}

function mb(mib: number): number {
  return (mib * 1024 * 1024) / 1e6;
}

/** A small seeded generator (which stored jobs `job(id)` asks for). */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 4_294_967_296;
  };
}

void main().catch((error: unknown) => {
  logger.error({ err: error }, 'benchmark failed');
  process.stderr.write(
    `benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  killChildren();
  process.exit(1);
});
