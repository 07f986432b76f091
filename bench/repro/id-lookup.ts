/**
 * `_id` lookups on the embedded FerretDB at two collection sizes: the median time of `findOne({_id})` and of
 * `updateOne({_id}, {$set})`, and the SQLite plan FerretDB's own `explain` reports for the `_id` equality.
 *
 * Run: `npx tsc -p tsconfig.bench.json && node .bench-build/bench/repro/id-lookup.js [sizes...]` (default 2000
 * 20000). Prints one JSON line per size, with the time the inserts took. Documents are job-sized (about 2.5 KB
 * of JSON each).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import mongoose from 'mongoose';

import { startEmbeddedDb } from '../../src/db/embedded';
import { createLogger } from '../../src/logger';

const SAMPLES = 25;
const INSERT_BATCH = 1_000;

function jobLike(i: number): Record<string, unknown> {
  const id = `C${String(i).padStart(9, '0')}`;
  return {
    _id: id,
    positionTitle: `Data Engineer ${i}`,
    positionUri: `https://www.usajobs.gov/job/${id}`,
    organizationName: 'Internal Revenue Service',
    departmentName: 'Department of the Treasury',
    positionLocation: Array.from({ length: 3 }, (_, k) => ({
      locationName: `City ${k}, Illinois`,
      latitude: 41 + k,
      longitude: -87 - k,
    })),
    qualificationSummary: 'x'.repeat(1_500),
    jobSummary: 'y'.repeat(500),
    publicationStartDate: new Date(Date.UTC(2025, 0, 1) + i * 60_000),
    lowGrade: 12,
    highGrade: 13,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.floor(sorted.length / 2)] * 100) / 100;
}

async function measure(uri: string, size: number): Promise<Record<string, unknown>> {
  const client = await new mongoose.mongo.MongoClient(uri).connect();
  try {
    const db = client.db(`ids_${size}`);
    const jobs = db.collection<{ _id: string }>('jobs');
    const insertStart = performance.now();
    for (let start = 0; start < size; start += INSERT_BATCH) {
      const docs = Array.from({ length: Math.min(INSERT_BATCH, size - start) }, (_, k) => jobLike(start + k));
      await jobs.insertMany(docs as never[], { ordered: false });
    }
    const insertMs = Math.round(performance.now() - insertStart);
    const ids = Array.from(
      { length: SAMPLES },
      (_, k) => jobLike(Math.floor(((k + 0.5) * size) / SAMPLES))._id,
    );
    const find: number[] = [];
    const update: number[] = [];
    for (const id of ids) {
      let start = performance.now();
      await jobs.findOne({ _id: id as string });
      find.push(performance.now() - start);
      start = performance.now();
      await jobs.updateOne({ _id: id as string }, { $set: { lastSeenAt: new Date() } });
      update.push(performance.now() - start);
    }
    const explain = await db.command({ explain: { find: 'jobs', filter: { _id: ids[0] } } });
    return {
      size,
      insertMs,
      findOneByIdMedianMs: median(find),
      updateOneByIdMedianMs: median(update),
      plan: (explain.queryPlanner as { Plan?: string[] }).Plan,
    };
  } finally {
    await client.close();
  }
}

async function main(): Promise<void> {
  const sizes = process.argv.slice(2).map(Number);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'job-tracker-id-lookup-'));
  const server = await startEmbeddedDb({ dataDir, port: 0, logger: createLogger('error', process.stderr) });
  try {
    for (const size of sizes.length > 0 ? sizes : [2_000, 20_000]) {
      process.stdout.write(`${JSON.stringify(await measure(server.uri, size))}\n`);
    }
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

void main();
