import { loadConfig } from '../config';
import { startEmbeddedDb } from '../db/embedded';
import { createLogger } from '../logger';

/** `npm run db`: the embedded database alone, in the foreground, on DB_PORT. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL, process.stderr);
  const db = await startEmbeddedDb({ dataDir: config.DATA_DIR, port: config.DB_PORT, logger });
  console.log(db.uri);
  const stop = (): void => void db.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
