import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { connect, disconnect } from '../src/db/connection';
import { type EmbeddedDb, startEmbeddedDb } from '../src/db/embedded';
import type { RunEtlOptions } from '../src/etl/run-etl';
import { createLogger, type Logger } from '../src/logger';
import { EtlTrigger } from '../src/models/etl-run.model';
import { type UsajobsDouble } from '../test/support/usajobs-double';
import { doubleEtlOptions } from '../test/support/usajobs-test-client';

export const logger: Logger = createLogger(process.env.LOG_LEVEL ?? 'silent', process.stderr);

/** A fresh embedded FerretDB in a temporary directory, connected; `close()` removes everything. */
export async function benchDatabase(): Promise<{ db: EmbeddedDb; close: () => Promise<void> }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'job-tracker-bench-'));
  const db = await startEmbeddedDb({ dataDir, port: 0, logger });
  await connect(db.uri, { dbName: 'bench' });
  return {
    db,
    async close() {
      await disconnect();
      await db.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** ETL options against the USAJOBS test double with no pacing (the real API's pacing would dominate). */
export function etlOptions(double: UsajobsDouble): RunEtlOptions {
  return doubleEtlOptions(double, { trigger: EtlTrigger.CLI, logger, client: { timeoutMs: 60_000 } });
}

/** Resident set size in MiB. */
export function rssMiB(): number {
  return Math.round((process.memoryUsage().rss / 1024 / 1024) * 10) / 10;
}

/** Wall time of `fn` in ms (high resolution). */
export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: Math.round((performance.now() - start) * 10) / 10, value };
}

/** Writes a result file under bench/results and prints it. */
export function report(name: string, result: Record<string, unknown>): void {
  const file = path.join(__dirname, '..', '..', 'bench', 'results', `${name}.json`);
  const body = { name, at: new Date().toISOString(), node: process.version, ...result };
  writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(body)}\n`);
}
