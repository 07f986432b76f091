import { loadConfig } from '../config';
import { runningOwner, startOwnedEmbeddedDb } from '../db/embedded-owner';
import { codeOf } from '../errors';
import { createLogger } from '../logger';

/**
 * `npm run db`: the embedded database alone, in the foreground, on DB_PORT; prints its URI. It announces itself in
 * DATA_DIR as `npm start` does, so `npm start` and `npm run etl` on the same DATA_DIR use it.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL, process.stderr);
  const db = await startOwnedEmbeddedDb({ dataDir: config.DATA_DIR, port: config.DB_PORT, logger }).catch(
    async (error: unknown) => {
      const owner =
        codeOf(error) === 'EMBEDDED_DB_DATA_DIR_IN_USE' ? await runningOwner(config.DATA_DIR) : undefined;
      if (!owner) throw error;
      throw new Error(
        `the embedded database of DATA_DIR ${config.DATA_DIR} already runs at ${owner.uri} (process ${owner.pid}): ` +
          `connect there (MONGO_URI=${owner.uri})`,
      );
    },
  );
  process.stdout.write(`${db.uri}\n`);
  const stop = (): void => void db.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
