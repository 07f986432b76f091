import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { startEmbeddedDb } from '../../src/db/embedded';
import { createLogger } from '../../src/logger';

/**
 * Starts ONE embedded FerretDB for the whole run (unless MONGO_URI is set) and publishes its URI as
 * TEST_MONGO_URI; every test file then works in a database of its own (see test/support/db.ts).
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.MONGO_URI) {
    process.env.TEST_MONGO_URI = process.env.MONGO_URI;
    return;
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'job-tracker-test-db-'));
  const db = await startEmbeddedDb({ dataDir, port: 0, logger: createLogger('error', process.stderr) });
  process.env.TEST_MONGO_URI = db.uri;
  process.env.TEST_DB_DATA_DIR = dataDir;
  (globalThis as { __TEST_DB__?: typeof db }).__TEST_DB__ = db;
}
