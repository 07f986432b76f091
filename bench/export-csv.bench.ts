import 'reflect-metadata';

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { loadConfig } from '../src/config';
import { connect, disconnect } from '../src/db/connection';
import { startEmbeddedDb } from '../src/db/embedded';
import { type RunningServer, startHttpServer } from '../src/http/app';
import { createLogger } from '../src/logger';
import { buildJob, daysFromNow, seedJobs } from '../test/support/job-factory';

/*
 * Memory of GET /export/jobs.csv (issue 11: "streamed with constant memory at 20,000 jobs"). Seeds 20,000 jobs into a
 * fresh embedded FerretDB; times one export of all of them; then exports 2,000, 10,000 and 20,000 of them (a keyword
 * picks how many) while sampling the live heap (after a forced collection) every 500 ms. Flat memory: the live heap's
 * peak above its level before the export does not grow with the number of jobs exported, and stays far below the
 * size of the CSV. (Backpressure itself, waiting for a slow client, is tested in test/unit/export-backpressure.test.ts.) Run: `npm run bench:export` (needs --expose-gc, which the script passes).
 *
 * Knobs: BENCH_JOBS (20,000).
 */

const logger = createLogger(process.env.LOG_LEVEL ?? 'silent', process.stderr);
const MiB = 1024 * 1024;

/** How often the memory runs force a collection and read the heap. */
const SAMPLE_MS = 500;

interface ExportFigures {
  /** `time`: the export alone; `memory`: with the heap sampled (forced collections make it slower). */
  what: 'time' | 'memory';
  jobs: number;
  csvMiB: number;
  ms: number;
  heapBeforeMiB?: number;
  /** The live heap's peak (sampled after a forced collection) above its level before the export. */
  liveHeapPeakAboveBeforeMiB?: number;
  rssPeakMiB?: number;
}

async function main(): Promise<void> {
  const total = Number(process.env.BENCH_JOBS ?? 20_000);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'job-tracker-bench-export-'));
  const db = await startEmbeddedDb({ dataDir, port: 0, logger });
  await connect(db.uri, { dbName: 'bench' });
  try {
    process.stderr.write(`seeding ${total} jobs\n`);
    // Three keywords split the jobs into sets of 10%, 50% and 100%: "alpha" in 1 of 10, "beta" in 5 of 10.
    for (let start = 0; start < total; start += 1_000) {
      const batch = Array.from({ length: Math.min(1_000, total - start) }, (_, k) => {
        const i = start + k;
        return buildJob({
          _id: `B${String(i).padStart(7, '0')}`,
          positionTitle: `Data Engineer ${i % 10 === 0 ? 'alpha ' : ''}${i % 10 < 5 ? 'beta ' : ''}"${i}", GS-12`,
          publicationStartDate: daysFromNow(-(i % 60)),
          applicationCloseDate: daysFromNow(1 + (i % 90)),
          jobSummary: 'Design and run data pipelines. '.repeat(20),
        });
      });
      await seedJobs(batch);
    }

    const config = loadConfig({
      NODE_ENV: 'production',
      ADMIN_TOKEN: 'bench-token-0123456789abcdef',
      LOG_LEVEL: 'silent',
    });
    const server = await startHttpServer(
      {
        config,
        logger,
        adminToken: 'bench-token-0123456789abcdef',
        runEtl: () => Promise.reject(new Error('no ETL')),
      },
      { host: '127.0.0.1', port: 0 },
    );
    const sets: [string, number][] = [
      ['keyword=alpha', Math.ceil(total / 10)],
      ['keyword=beta', Math.ceil(total / 2)],
      ['', total],
    ];
    // A first export loads the read model (every job's listing) so that it is not counted as the export's memory.
    await exportOnce(server, 'keyword=nothing', false);

    const results: ExportFigures[] = [];
    const runs: [string, number, ExportFigures['what']][] = [
      ['', total, 'time'],
      ...sets.map(([query, jobs]) => [query, jobs, 'memory'] as [string, number, 'memory']),
    ];
    for (const [query, jobs, what] of runs) {
      results.push({ what, jobs, ...(await exportOnce(server, query, what === 'memory')) });
      process.stderr.write(`${JSON.stringify(results.at(-1))}\n`);
    }
    await server.close();

    const body = { name: 'export-csv', at: new Date().toISOString(), node: process.version, total, results };
    writeFileSync(
      path.join(__dirname, '..', '..', 'bench', 'export-csv.results.json'),
      `${JSON.stringify(body, null, 2)}\n`,
    );
    process.stdout.write(`${JSON.stringify(body)}\n`);
  } finally {
    await disconnect();
    await db.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function exportOnce(
  server: RunningServer,
  query: string,
  sampleMemory: boolean,
): Promise<Omit<ExportFigures, 'jobs' | 'what'>> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc (npm run bench:export does)');
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  let livePeak = heapBefore;
  let rssPeak = process.memoryUsage().rss;
  // Live memory: collected first, so garbage waiting for the next collection does not count.
  const sampler = sampleMemory
    ? setInterval(() => {
        gc();
        const { heapUsed, rss } = process.memoryUsage();
        livePeak = Math.max(livePeak, heapUsed);
        rssPeak = Math.max(rssPeak, rss);
      }, SAMPLE_MS)
    : undefined;

  const start = performance.now();
  const bytes = await new Promise<number>((resolve, reject) => {
    http
      .get(`${server.url}/export/jobs.csv?openOnly=false&${query}`, (response) => {
        if (response.statusCode !== 200) reject(new Error(`status ${response.statusCode}`));
        let received = 0;
        response.on('data', (chunk: Buffer) => (received += chunk.length));
        response.on('end', () => resolve(received));
        response.on('error', reject);
      })
      .on('error', reject);
  });
  const ms = Math.round(performance.now() - start);
  clearInterval(sampler);
  return {
    csvMiB: round(bytes / MiB),
    ms,
    ...(sampleMemory
      ? {
          heapBeforeMiB: round(heapBefore / MiB),
          liveHeapPeakAboveBeforeMiB: round((livePeak - heapBefore) / MiB),
          rssPeakMiB: round(rssPeak / MiB),
        }
      : {}),
  };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
