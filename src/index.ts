import 'reflect-metadata';

import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

import dotenv from 'dotenv';

import { type Config, ConfigError, loadConfig } from './config';
import { openDatabase } from './db/database';
import { createDigestSender } from './digest/digest-sender';
import { messageOf } from './errors';
import { endRunsNow } from './etl/cancel-run';
import { EtlRunner } from './etl/etl-runner';
import { type EtlRequest, runEtl } from './etl/run-etl';
import { SHUTDOWN_REASON } from './etl/run-watch';
import { runScheduledEtl } from './etl/scheduled-run';
import { ensureDefaultProfile } from './etl/search-profiles';
import { startHttpServer } from './http/app';
import { countJobsByStatus } from './jobs/job-counts';
import { prepareJobReads } from './jobs/jobs.service';
import { createLogger, type Logger } from './logger';
import { ServiceMetrics } from './metrics/service-metrics';
import { EtlTrigger } from './models/etl-run.model';
import { CronSchedule } from './scheduler/cron-schedule';
import { ETL_SCHEDULE, EtlScheduler } from './scheduler/etl-scheduler';
import { databaseTickClaims } from './scheduler/tick-claims';
import { createUsajobsClient } from './usajobs/usajobs.client';

/** Everything a shutdown must finish within; past it the process exits 1. Kubernetes' grace period is 30 s. */
const SHUTDOWN_BUDGET_MS = 29_000;
/** How long a shutdown waits for a run to reach its next page and end CANCELLED before ending it itself. */
const RUN_STOP_WAIT_MS = 20_000;

/** Start-up only: configuration, database, ETL runner and schedule, HTTP server, graceful shutdown. */
async function main(): Promise<void> {
  dotenv.config({ quiet: true });
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const adminToken = resolveAdminToken(config, logger);

  const db = await openDatabase(config, logger);
  // Idempotent across replicas starting together (unique profile name).
  if (await ensureDefaultProfile()) logger.info('created the default search profile');
  const metrics = new ServiceMetrics({ logger, jobsByStatus: () => countJobsByStatus(new Date()) });
  const runner = new EtlRunner(logger, (run) => metrics.etlRunFinished(run));
  const runOptions = {
    logger,
    createClient: () => createUsajobsClient(config, logger, { observer: metrics.usajobs }),
    leaseTtlMs: config.ETL_LEASE_TTL_MS,
    // Sent by this process once a run of its own is done; a shutdown stops their retries.
    afterRun: createDigestSender(config, logger),
  };
  const runFromApi = (request: EtlRequest, wait: boolean) =>
    runner.run((control) => runEtl(request, { ...runOptions, ...control, trigger: EtlTrigger.API }), {
      wait,
    });

  const scheduler = config.ETL_CRON
    ? new EtlScheduler({
        schedule: new CronSchedule(config.ETL_CRON, config.ETL_TZ),
        claims: databaseTickClaims(ETL_SCHEDULE, `${hostname()}:${process.pid}`),
        runTick: (tick) =>
          runner.run((control) => runScheduledEtl({ ...runOptions, ...control, scheduledFor: tick }), {
            wait: true,
          }),
        logger,
        onTick: (outcome) => metrics.scheduleTick(outcome),
      })
    : undefined;
  metrics.nextScheduledRun(() => scheduler?.nextRunAt ?? null);

  const server = await startHttpServer(
    {
      config,
      logger,
      adminToken,
      runEtl: (params) => runFromApi(params, true),
      startEtl: (params) => runFromApi(params, false),
      schedule: () => ({
        cron: config.ETL_CRON ?? null,
        timezone: config.ETL_TZ,
        nextRunAt: scheduler?.nextRunAt ?? null,
      }),
      metrics,
    },
    { host: config.HOST, port: config.PORT },
  );
  logger.info({ url: `${server.url}/graphql`, embeddedDb: db.embedded }, 'job tracker listening');
  const preparing = performance.now();
  prepareJobReads().then(
    () => logger.info({ ms: Math.round(performance.now() - preparing) }, 'jobs read model ready'),
    (error: unknown) => logger.warn({ err: error }, 'jobs read model not prepared; the first read builds it'),
  );
  await scheduler?.start();

  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) {
      logger.warn({ signal }, 'second signal during shutdown; exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // Whatever happens from here, the embedded database is not restarted.
    db.beginShutdown();
    const force = setTimeout(() => {
      logger.error({ budgetMs: SHUTDOWN_BUDGET_MS }, 'shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_BUDGET_MS);
    force.unref();
    try {
      const schedulerStopped = scheduler?.stop();
      // Runs end at their next page, CANCELLED with what they loaded; a runEtl request waiting for one then answers.
      runner.stopAll();
      // Stops accepting at once, then waits for in-flight requests (at most 10 s: Apollo's drain grace period).
      await Promise.all([server.close(), schedulerStopped]);
      if (!(await runner.idle(RUN_STOP_WAIT_MS))) {
        const runIds = runner.runIds();
        logger.warn({ runIds }, 'ETL run did not reach a page boundary in time; ending its record here');
        await endRunsNow(runIds, `${SHUTDOWN_REASON} (it did not reach a page boundary in time)`);
      }
      await db.close();
    } catch (error) {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
    logger.info('shut down');
    process.exit(0);
  };
  process.on('SIGINT', (signal) => void shutdown(signal));
  process.on('SIGTERM', (signal) => void shutdown(signal));
}

/** Production needs ADMIN_TOKEN; in development a random one is made and printed once. */
function resolveAdminToken(config: Config, logger: Logger): string {
  if (config.ADMIN_TOKEN) return config.ADMIN_TOKEN;
  if (config.NODE_ENV === 'production') {
    throw new ConfigError('ADMIN_TOKEN must be set when NODE_ENV=production (at least 16 characters)');
  }
  const token = randomBytes(24).toString('base64url');
  // Printed once on purpose: the developer needs it to call the admin mutations. Never logged again.
  process.stderr.write(`Admin token for this run (set ADMIN_TOKEN to fix it): ${token}\n`);
  logger.debug('generated a development admin token');
  return token;
}

main().catch((error: unknown) => {
  const message = messageOf(error);
  process.stderr.write(`job-tracker failed to start: ${message}\n`);
  process.exit(1);
});
