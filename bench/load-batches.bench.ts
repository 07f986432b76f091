import 'reflect-metadata';

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { connect, disconnect } from '../src/db/connection';
import { startEmbeddedDb } from '../src/db/embedded';
import { contentHash } from '../src/etl/load';
import { type JobData, parseItem } from '../src/etl/transform';
import { JobModel } from '../src/models/job.model';
import { generateItems } from '../test/support/usajobs-fixtures';
import { logger } from './support';

/*
 * The load's building blocks at two collection sizes, to choose its batch sizes: insertMany of 1,000 new jobs in
 * batches of 100/500/1,000; `lastSeenAt` moved on 1,000 stored jobs by per-`_id` updateOne in bulkWrite batches of
 * 50/90, and by one updateMany `{_id: {$in}}` per 90; full upserts of 1,000 changed jobs in batches of 50/90; the
 * one streamed read of every stored `{_id, contentHash}`. The launcher's `_id` index serves the `_id` lookups.
 *
 * Run: `npx tsc -p tsconfig.bench.json && node .bench-build/bench/load-batches.bench.js` (BENCH_SIZES=2000,20000).
 */
async function main(): Promise<void> {
  const sizes = (process.env.BENCH_SIZES ?? '2000,20000').split(',').map(Number);
  const results: Record<string, unknown> = {};
  for (const stored of sizes) results[`stored_${stored}`] = await measure(stored);
  process.stdout.write(`${JSON.stringify({ name: 'load-batches', results })}\n`);
}

async function measure(stored: number): Promise<Record<string, number>> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'job-tracker-load-bench-'));
  const db = await startEmbeddedDb({ dataDir, port: 0, logger });
  await connect(db.uri, { dbName: 'bench' });
  try {
    const all = jobsOf(generateItems(stored + 1_000, { seed: 5 }));
    const base = all.slice(0, stored);
    const extra = all.slice(stored);
    const at = new Date();
    for (let i = 0; i < base.length; i += 1_000) {
      await JobModel.insertMany(
        base.slice(i, i + 1_000).map((job) => doc(job, at)),
        { ordered: false },
      );
    }
    const out: Record<string, number> = {};

    out.read_hashes_ms = await time(async () => {
      const map = new Map<string, string>();
      for await (const row of JobModel.find({}, { contentHash: 1 }).lean().cursor()) {
        map.set(row._id, row.contentHash);
      }
    });
    for (const size of [100, 500, 1_000]) {
      out[`insertMany_1000_by_${size}_ms`] = await time(async () => {
        for (let i = 0; i < extra.length; i += size) {
          await JobModel.insertMany(
            extra.slice(i, i + size).map((job) => doc(job, at)),
            { ordered: false },
          );
        }
      });
      await removeEach(extra.map((job) => job._id));
    }
    const ids = base.slice(0, 1_000).map((job) => job._id);
    for (const size of [50, 90]) {
      out[`lastSeen_updateOne_1000_by_${size}_ms`] = await time(async () => {
        for (let i = 0; i < ids.length; i += size) {
          await JobModel.bulkWrite(
            ids.slice(i, i + size).map((_id) => ({
              updateOne: { filter: { _id }, update: { $set: { lastSeenAt: new Date() } } },
            })),
            { ordered: false },
          );
        }
      });
    }
    out.lastSeen_updateMany_in_1000_by_90_ms = await time(async () => {
      for (let i = 0; i < ids.length; i += 90) {
        await JobModel.updateMany(
          { _id: { $in: ids.slice(i, i + 90) } },
          { $set: { lastSeenAt: new Date() } },
        );
      }
    });
    for (const size of [50, 90]) {
      const changed = base
        .slice(0, 1_000)
        .map((job) => ({ ...job, positionTitle: `${job.positionTitle} ${size}` }));
      out[`upsert_changed_1000_by_${size}_ms`] = await time(async () => {
        for (let i = 0; i < changed.length; i += size) {
          await JobModel.bulkWrite(
            changed.slice(i, i + size).map(({ _id, ...fields }) => ({
              updateOne: {
                filter: { _id },
                update: { $set: { ...fields, lastSeenAt: at }, $setOnInsert: { firstSeenAt: at } },
                upsert: true,
              },
            })),
            { ordered: false },
          );
        }
      });
    }
    out.findById_100_ms = await time(async () => {
      for (const _id of ids.slice(0, 100)) await JobModel.findById(_id).lean();
    });
    return out;
  } finally {
    await disconnect();
    await db.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function jobsOf(items: ReturnType<typeof generateItems>): JobData[] {
  return items.flatMap((item) => {
    const parsed = parseItem(item);
    return parsed.ok ? [parsed.job] : [];
  });
}

function doc(job: JobData, at: Date): Record<string, unknown> {
  return { ...job, contentHash: contentHash(job), firstSeenAt: at, lastSeenAt: at };
}

async function removeEach(ids: string[]): Promise<void> {
  for (const _id of ids) await JobModel.deleteOne({ _id });
}

async function time(fn: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await fn();
  return Math.round(performance.now() - start);
}

void main();
