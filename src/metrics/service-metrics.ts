import type { ApolloServerPlugin } from '@apollo/server';
import type express from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

import type { Logger } from '../logger';
import type { EtlRun } from '../models/etl-run.model';
import type { TickOutcome } from '../scheduler/etl-scheduler';
import type { UsajobsObserver } from '../usajobs/usajobs.client';

/** Jobs stored, by status; read when /metrics is scraped. */
export type JobsByStatus = () => Promise<Record<string, number>>;

/**
 * Paths with a `route` label of their own, and the label; any other path counts as `other`, so a scan of random URLs
 * adds no series. The dashboard's hashed files share one label.
 */
const KNOWN_ROUTES: ReadonlyMap<string, string> = new Map([
  ['/graphql', 'graphql'],
  ['/healthz', 'healthz'],
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
const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;
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
  private readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  private readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  private readonly graphqlOperations: Counter<'operation' | 'type' | 'outcome'>;
  private readonly graphqlDuration: Histogram<'operation' | 'type' | 'outcome'>;
  private readonly etlRuns: Counter<'status' | 'trigger'>;
  private readonly etlRunDuration: Histogram<'status' | 'trigger'>;
  private readonly etlTicks: Counter<'outcome'>;
  private readonly usajobsRequests: Counter<'outcome'>;
  private readonly usajobsDuration: Histogram<'outcome'>;
  private readonly usajobsRetries: Counter;
  private readonly operationNames = new Set<string>();
  private readNextRun: () => Date | null = () => null;

  /**
   * @param options.jobsByStatus - counts the stored jobs by status when scraped; unset: no `jobs_stored` series
   * @param options.logger - where a failed scrape-time read is logged (debug)
   */
  constructor(options: { jobsByStatus?: JobsByStatus; logger: Logger }) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.httpRequests = new Counter({
      name: 'http_requests_total',
      help:
        'HTTP requests answered, by method, route (graphql, healthz, metrics, export_csv, dashboard, ' +
        'dashboard_assets or other) and status code.',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
    this.httpDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by method, route and status code.',
      labelNames: ['method', 'route', 'status'],
      buckets: REQUEST_BUCKETS,
      registers,
    });
    this.graphqlOperations = new Counter({
      name: 'graphql_operations_total',
      help:
        'GraphQL operations, by operation name (anonymous, or other past the first 100 names), type and outcome ' +
        '(success, or the first error code).',
      labelNames: ['operation', 'type', 'outcome'],
      registers,
    });
    this.graphqlDuration = new Histogram({
      name: 'graphql_operation_duration_seconds',
      help: 'Time from receiving a GraphQL operation to sending its response, by operation name, type and outcome.',
      labelNames: ['operation', 'type', 'outcome'],
      buckets: REQUEST_BUCKETS,
      registers,
    });
    this.etlRuns = new Counter({
      name: 'etl_runs_total',
      help: 'ETL runs this process ran to an end, by final status and trigger.',
      labelNames: ['status', 'trigger'],
      registers,
    });
    this.etlRunDuration = new Histogram({
      name: 'etl_run_duration_seconds',
      help: 'Duration of the ETL runs this process ran, by final status and trigger.',
      labelNames: ['status', 'trigger'],
      buckets: RUN_BUCKETS,
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
    this.usajobsRequests = new Counter({
      name: 'usajobs_requests_total',
      help: 'USAJOBS request attempts, retries included, by outcome.',
      labelNames: ['outcome'],
      registers,
    });
    this.usajobsDuration = new Histogram({
      name: 'usajobs_request_duration_seconds',
      help: 'Duration of USAJOBS request attempts, by outcome.',
      labelNames: ['outcome'],
      buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
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
        help: 'Jobs stored, by status (open: the application close date is ahead; closed: it passed or is unknown).',
        labelNames: ['status'],
        registers,
        async collect() {
          this.reset();
          try {
            for (const [status, count] of Object.entries(await jobsByStatus())) this.set({ status }, count);
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
      const method = KNOWN_METHODS.has(req.method) ? req.method : 'other';
      res.once('finish', () => {
        const labels = { method, route, status: String(res.statusCode) };
        this.httpRequests.inc(labels);
        this.httpDuration.observe(labels, (performance.now() - startedAt) / 1000);
      });
      next();
    };
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
            const labels = {
              operation: this.operationLabel(operationName),
              type: operation?.operation ?? 'unknown',
              outcome:
                code === undefined
                  ? 'success'
                  : typeof code === 'string' && ERROR_CODE.test(code)
                    ? code
                    : 'error',
            };
            this.graphqlOperations.inc(labels);
            this.graphqlDuration.observe(labels, (performance.now() - startedAt) / 1000);
          },
        };
      },
    };
  }

  /** Counts a run this process ran to its end. */
  etlRunFinished(run: Pick<EtlRun, 'status' | 'trigger' | 'durationMs'>): void {
    const labels = { status: run.status, trigger: run.trigger };
    this.etlRuns.inc(labels);
    if (run.durationMs != null) this.etlRunDuration.observe(labels, run.durationMs / 1000);
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
    attempt: ({ outcome, durationMs }) => {
      this.usajobsRequests.inc({ outcome });
      this.usajobsDuration.observe({ outcome }, durationMs / 1000);
    },
    retry: () => this.usajobsRetries.inc(),
  };

  private operationLabel(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    if (!OPERATION_NAME.test(name)) return 'other';
    if (this.operationNames.has(name)) return name;
    if (this.operationNames.size >= MAX_OPERATION_NAMES) return 'other';
    this.operationNames.add(name);
    return name;
  }
}
