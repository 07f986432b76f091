import type { ApolloServerPlugin } from '@apollo/server';
import type express from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

import type { Logger } from '../logger';
import { type EtlRun, EtlRunStatus, EtlTrigger } from '../models/etl-run.model';
import type { TickOutcome } from '../scheduler/etl-scheduler';
import type { UsajobsObserver } from '../usajobs/usajobs.client';

/** Jobs stored, by status (`open`, `closed`, `withdrawn`); read when /metrics is scraped. */
export type JobsByStatus = () => Promise<Record<string, number>>;

/** The statuses `jobs_stored` always has a series for, 0 included (src/jobs/job-counts.ts counts them). */
const JOB_STATUSES = ['open', 'closed', 'withdrawn'] as const;
/** How a run can end: `etl_runs_total` has a series for each, with each trigger, from the start. */
const FINAL_RUN_STATUSES = Object.values(EtlRunStatus).filter((status) => status !== EtlRunStatus.RUNNING);

/**
 * Paths with a `route` label of their own, and the label; any other path counts as `other`, so a scan of random URLs
 * adds no series. The dashboard's hashed files share one label.
 */
const KNOWN_ROUTES: ReadonlyMap<string, string> = new Map([
  ['/graphql', 'graphql'],
  ['/healthz', 'healthz'],
  ['/livez', 'livez'],
  ['/metrics', 'metrics'],
  ['/export/jobs.csv', 'export_csv'],
  ['/', 'dashboard'],
  ['/index.html', 'dashboard'],
]);
const DASHBOARD_ASSETS = '/assets/';

/** The `route` label of a request path. */
export function routeLabelOf(path: string): string {
  return KNOWN_ROUTES.get(path) ?? (path.startsWith(DASHBOARD_ASSETS) ? 'dashboard_assets' : 'other');
}
const KNOWN_METHODS = new Set(['GET', 'POST', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'DELETE']);
/** Distinct GraphQL operation names labelled; more would let clients grow the series without bound. */
export const MAX_OPERATION_NAMES = 100;
/** Distinct search profile names labelled (admins create profiles; a bound all the same). */
export const MAX_PROFILE_NAMES = 100;
const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;
/** Profile names as validated (src/etl/search-profiles.ts), on one line. */
const PROFILE_NAME = /^[^\n\r]{1,100}$/;
const ERROR_CODE = /^[A-Z][A-Z0-9_]{0,47}$/;

/** Seconds; HTTP and GraphQL answers take milliseconds to the 15 s deadline (runEtl with the admin token longer). */
const REQUEST_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 120, 600];
/** Seconds; a run takes from seconds (a small query) to an hour (every page of a broad one at one request a second). */
const RUN_BUCKETS = [1, 5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200];

/**
 * The metrics of one service process, in a registry of its own (no global state: every test app has its own):
 * HTTP requests, GraphQL operations, ETL runs and schedule ticks, USAJOBS requests, jobs stored, and the process
 * itself (`collectDefaultMetrics`). Served as Prometheus text on `/metrics`.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  private readonly http: TimedCounter<'method' | 'route' | 'status'>;
  private readonly graphql: TimedCounter<'operation' | 'type' | 'outcome'>;
  private readonly etlRuns: TimedCounter<'status' | 'trigger'>;
  private readonly etlTicks: Counter<'outcome'>;
  private readonly profileMatched: Counter<'profile'>;
  private readonly profileWithdrawn: Counter<'profile'>;
  private readonly usajobsRequests: TimedCounter<'outcome'>;
  private readonly usajobsRetries: Counter;
  private readonly operationNames = new BoundedLabels(MAX_OPERATION_NAMES);
  private readonly profileNames = new BoundedLabels(MAX_PROFILE_NAMES, PROFILE_NAME);
  private readNextRun: () => Date | null = () => null;

  /**
   * @param options.jobsByStatus - counts the stored jobs by status when scraped; unset: no `jobs_stored` series
   * @param options.logger - where a failed scrape-time read is logged (debug)
   */
  constructor(options: { jobsByStatus?: JobsByStatus; logger: Logger }) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.http = new TimedCounter(registers, {
      name: 'http_request',
      what: 'HTTP requests answered',
      labels:
        'by method, route (graphql, healthz, livez, metrics, export_csv, dashboard, dashboard_assets or other) ' +
        'and status code',
      labelNames: ['method', 'route', 'status'],
      buckets: REQUEST_BUCKETS,
    });
    this.graphql = new TimedCounter(registers, {
      name: 'graphql_operation',
      what: 'GraphQL operations, from receiving one to sending its response',
      labels:
        'by operation name (anonymous, or other past the first 100 names), type and outcome (success, or the ' +
        'first error code)',
      labelNames: ['operation', 'type', 'outcome'],
      buckets: REQUEST_BUCKETS,
    });
    this.etlRuns = new TimedCounter(registers, {
      name: 'etl_run',
      what: 'ETL runs this process ran to an end',
      labels: 'by final status (SUCCEEDED, PARTIAL, FAILED, CANCELLED) and trigger',
      labelNames: ['status', 'trigger'],
      buckets: RUN_BUCKETS,
    });
    // Every way a run can end has its series from the start: a CANCELLED or FAILED count of 0 is a reading too.
    for (const status of FINAL_RUN_STATUSES) {
      for (const trigger of Object.values(EtlTrigger)) this.etlRuns.counter.inc({ status, trigger }, 0);
    }
    this.profileMatched = new Counter({
      name: 'etl_profile_postings_matched_total',
      help: 'Postings that fit a search profile, summed over the runs this process ran, by profile name (other past 100).',
      labelNames: ['profile'],
      registers,
    });
    this.profileWithdrawn = new Counter({
      name: 'etl_profile_jobs_withdrawn_total',
      help: 'Jobs of a search profile that runs of this process marked WITHDRAWN, by profile name (other past 100).',
      labelNames: ['profile'],
      registers,
    });
    this.etlTicks = new Counter({
      name: 'etl_schedule_ticks_total',
      help: 'Schedule ticks seen by this replica, by outcome: ran, skipped (a run was going), taken (by another replica), failed.',
      labelNames: ['outcome'],
      registers,
    });
    const nextRun = (): Date | null => this.readNextRun();
    new Gauge({
      name: 'etl_schedule_next_run_timestamp_seconds',
      help: 'When this replica fires the next schedule tick (Unix time); absent without a schedule.',
      registers,
      collect() {
        this.reset();
        const at = nextRun();
        if (at) this.set(at.getTime() / 1000);
      },
    });
    this.usajobsRequests = new TimedCounter(registers, {
      name: 'usajobs_request',
      what: 'USAJOBS request attempts, retries included',
      labels: 'by outcome',
      labelNames: ['outcome'],
      buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    });
    this.usajobsRetries = new Counter({
      name: 'usajobs_request_retries_total',
      help: 'USAJOBS request attempts that failed and were retried.',
      registers,
    });
    const { jobsByStatus, logger } = options;
    if (jobsByStatus) {
      new Gauge({
        name: 'jobs_stored',
        help:
          'Jobs stored, by status (open: the application close date is ahead; closed: it passed or is unknown; ' +
          'withdrawn: gone from USAJOBS before its close date). Read from the jobs read model when scraped.',
        labelNames: ['status'],
        registers,
        async collect() {
          this.reset();
          try {
            const counts = await jobsByStatus();
            for (const status of JOB_STATUSES) this.set({ status }, counts[status] ?? 0);
          } catch (error) {
            // Database down: the series is left out of this scrape rather than failing the whole scrape.
            logger.debug({ err: error }, 'could not count the stored jobs for /metrics');
          }
        },
      });
    }
  }

  /** The Prometheus text exposition of every metric, and its content type. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  /** Express middleware that counts and times every request (mount it first). */
  httpMiddleware(): express.RequestHandler {
    return (req, res, next) => {
      const startedAt = performance.now();
      const route = routeLabelOf(req.path);
      res.once('finish', () => this.httpRequest(req.method, route, res.statusCode, startedAt));
      next();
    };
  }

  /**
   * Counts and times one request answered (the middleware does for those Express answers; the answer lane for
   * those it answers).
   *
   * @param route - the route label ({@link routeLabelOf})
   * @param startedAt - `performance.now()` when the request came in
   */
  httpRequest(method: string, route: string, status: number, startedAt: number): void {
    const labels = { method: KNOWN_METHODS.has(method) ? method : 'other', route, status: String(status) };
    this.http.observe(labels, (performance.now() - startedAt) / 1000);
  }

  /** Apollo plugin that counts and times every GraphQL operation by name, type and outcome. */
  graphqlPlugin(): ApolloServerPlugin {
    return {
      requestDidStart: async () => {
        const startedAt = performance.now();
        return {
          willSendResponse: async ({ operationName, operation, errors, response }) => {
            const single = response.body.kind === 'single' ? response.body.singleResult : undefined;
            const code = (errors ?? single?.errors)?.[0]?.extensions?.code;
            this.graphqlOperation(
              operationName,
              operation?.operation ?? 'unknown',
              code === undefined
                ? 'success'
                : typeof code === 'string' && ERROR_CODE.test(code)
                  ? code
                  : 'error',
              startedAt,
            );
          },
        };
      },
    };
  }

  /**
   * Counts one GraphQL operation (the plugin does for those Apollo answers; the answer cache for those it answers).
   *
   * @param startedAt - `performance.now()` when the request came in
   */
  graphqlOperation(name: string | null | undefined, type: string, outcome: string, startedAt: number): void {
    const labels = { operation: name ? this.operationNames.label(name) : 'anonymous', type, outcome };
    this.graphql.observe(labels, (performance.now() - startedAt) / 1000);
  }

  /** Counts a run this process ran to its end, and what it found for each search profile. */
  etlRunFinished(
    run: Pick<EtlRun, 'status' | 'trigger' | 'durationMs'> & Partial<Pick<EtlRun, 'profiles'>>,
  ): void {
    const seconds = run.durationMs == null ? undefined : run.durationMs / 1000;
    this.etlRuns.observe({ status: run.status, trigger: run.trigger }, seconds);
    for (const { name, matched, withdrawn } of run.profiles ?? []) {
      const profile = this.profileNames.label(name);
      this.profileMatched.inc({ profile }, matched);
      this.profileWithdrawn.inc({ profile }, withdrawn);
    }
  }

  /** Counts a schedule tick. */
  scheduleTick(outcome: TickOutcome): void {
    this.etlTicks.inc({ outcome });
  }

  /** Where the next tick is read from when scraped (the scheduler). */
  nextScheduledRun(next: () => Date | null): void {
    this.readNextRun = next;
  }

  /** The USAJOBS client's observer (src/usajobs/usajobs.client.ts). */
  readonly usajobs: UsajobsObserver = {
    attempt: ({ outcome, durationMs }) => this.usajobsRequests.observe({ outcome }, durationMs / 1000),
    retry: () => this.usajobsRetries.inc(),
  };
}

/**
 * A counter `<name>s_total` and a histogram `<name>_duration_seconds` over the same labels: every observation
 * counts once and, when it has a duration, is timed.
 */
class TimedCounter<L extends string> {
  readonly counter: Counter<L>;
  private readonly duration: Histogram<L>;

  constructor(
    registers: Registry[],
    spec: { name: string; what: string; labels: string; labelNames: L[]; buckets: number[] },
  ) {
    const { labelNames, buckets } = spec;
    this.counter = new Counter({
      name: `${spec.name}s_total`,
      help: `${spec.what}, ${spec.labels}.`,
      labelNames,
      registers,
    });
    this.duration = new Histogram({
      name: `${spec.name}_duration_seconds`,
      help: `Duration of ${spec.what.charAt(0).toLowerCase()}${spec.what.slice(1)}, ${spec.labels}.`,
      labelNames,
      buckets,
      registers,
    });
  }

  observe(labels: Partial<Record<L, string>>, seconds: number | undefined): void {
    this.counter.inc(labels);
    if (seconds !== undefined) this.duration.observe(labels, seconds);
  }
}

/** Label values taken as they come up to a bound, `other` past it or when malformed. */
class BoundedLabels {
  private readonly seen = new Set<string>();

  constructor(
    private readonly max: number,
    private readonly valid: RegExp = OPERATION_NAME,
  ) {}

  label(value: string): string {
    if (!this.valid.test(value)) return 'other';
    if (this.seen.has(value)) return value;
    if (this.seen.size >= this.max) return 'other';
    this.seen.add(value);
    return value;
  }
}
