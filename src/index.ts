import 'reflect-metadata';

import { randomBytes } from 'node:crypto';

import dotenv from 'dotenv';

import { type Config, ConfigError, loadConfig } from './config';
import { openDatabase } from './db/database';
import { messageOf } from './errors';
import { runEtl } from './etl/run-etl';
import { startHttpServer } from './http/app';
import { createLogger, type Logger } from './logger';
import { EtlTrigger } from './models/etl-run.model';
import { createUsajobsClient } from './usajobs/usajobs.client';

/** Start-up only: configuration, database, HTTP server, graceful shutdown. */
async function main(): Promise<void> {
  dotenv.config({ quiet: true });
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const adminToken = resolveAdminToken(config, logger);

  const db = await openDatabase(config, logger);
  const server = await startHttpServer(
    {
      config,
      logger,
      adminToken,
      runEtl: (params) =>
        runEtl(params, {
          trigger: EtlTrigger.API,
          logger,
          createClient: () => createUsajobsClient(config, logger),
          leaseTtlMs: config.ETL_LEASE_TTL_MS,
        }),
    },
    { host: config.HOST, port: config.PORT },
  );
  logger.info({ url: `${server.url}/graphql`, embeddedDb: db.embedded }, 'job tracker listening');
  if (config.ETL_CRON) {
    // Validated and reserved: scheduled runs (exactly once across replicas) are not built yet. Say so rather than
    // let a schedule silently never fire.
    logger.warn(
      { ETL_CRON: config.ETL_CRON },
      'ETL_CRON is set but scheduled runs are not available yet; use npm run etl',
    );
  }

  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('shutdown took longer than 15 s; exiting');
      process.exit(1);
    }, 15_000);
    force.unref();
    await server.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', (signal) => void shutdown(signal));
  process.once('SIGTERM', (signal) => void shutdown(signal));
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
