import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { startEmbeddedDb } from '../../src/db/embedded';
import { createLogger } from '../../src/logger';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * Compiles src/ to dist/ once per run, for the suites that spawn the real service and CLI. `tsc -b` returns in a
 * fraction of a second when dist/ is newer than every source (what `npm start` and `npm run etl` do too).
 *
 * @throws Error with the compiler's output when src/ does not compile
 */
function buildDist(): void {
  try {
    execFileSync(
      process.execPath,
      [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', 'tsconfig.json'],
      {
        cwd: ROOT,
        stdio: 'pipe',
        encoding: 'utf8',
      },
    );
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`tsc -b failed, so dist/ is stale:\n${stdout}${stderr}`);
  }
}

/**
 * Compiles dist/ when stale, then starts ONE embedded FerretDB for the whole run (unless MONGO_URI is set) and
 * publishes its URI as TEST_MONGO_URI; every test file then works in a database of its own (see test/support/db.ts).
 */
export default async function globalSetup(): Promise<void> {
  buildDist();
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
