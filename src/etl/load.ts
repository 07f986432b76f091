import { createHash } from 'node:crypto';

import type { AnyBulkWriteOperation } from 'mongoose';

import { isDuplicateKeyError } from '../db/db-errors';
import { type Job, JobModel } from '../models/job.model';
import { publishJobChanges, toJobListing } from '../models/job-listing.model';
import type { JobData } from './transform';

/*
 * Linear on FerretDB and on MongoDB. FerretDB 1.x serves only a filter that is exactly one `_id` equality from an
 * index (with the launcher's `_id` index); any other find decodes every stored document. So a run reads every
 * stored `{_id, contentHash}` once, in one streamed pass, and from then on every write filters on one `_id`.
 * (Classifying each page with `{_id: {$in: [...]}}`, as before, scanned the collection once per batch: quadratic.)
 *
 * Batch sizes: measured with bench/load-batches.bench.ts (FerretDB 1.24 SQLite with the `_id` index, 1,000 jobs
 * generated from the real samples per case; a shared 2-core machine at load average ~25, so only large ratios count):
 *
 *   stored jobs                          2,000 (two runs)             20,000
 *   insertMany by 100 / 500 / 1,000      2.6/3.3/2.9 s, 16/14/9.9 s   3.9/3.6/5.7 s
 *   lastSeenAt, updateOne by 50 / 90     6.0/5.0 s, 6.6/4.4 s         5.4/3.8 s
 *   lastSeenAt, updateMany $in by 90     19 s, 69 s                   430 s (a scan per command)
 *   full upsert by 50 / 90               5.2/5.6 s, 7.9/3.9 s         12.4/7.6 s
 *   streamed read of every hash          2.4 s, 9.5 s                 25 s (1.2 ms a stored job)
 *
 * Per-`_id` statements cost the same at 2,000 and 20,000 stored jobs (linear); 90 a batch beats 50; updateMany
 * with `$in` is out. insertMany sizes are within the noise: 500 keeps a command far below the 48 MB message limit
 * with 1,176-location postings. An `update` of 100 or more statements never answers on FerretDB 1.24.
 */

/** Statements per bulkWrite: below 100 on purpose (FerretDB 1.24 hangs on an `update` of >= 100 statements). */
export const LOAD_BATCH_SIZE = 90;
/** New jobs per insertMany. */
export const INSERT_BATCH_SIZE = 500;

export interface LoadResult {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Jobs whose write failed (e.g. the database went away half-way), with why. */
  failed: { id: string; error: string }[];
}

/**
 * Loads the jobs of one run into the database. Reads every stored job's content hash once ({@link JobLoader.open});
 * each {@link JobLoader.load} then classifies against that map and writes by `_id` only:
 * `inserted` (new, one insertMany per batch), `updated` (any field from USAJOBS changed: full `$set`) or
 * `unchanged` (only `lastSeenAt` moves). Idempotent; `firstSeenAt` is set once.
 *
 * The map can only go stale through another writer, and the ETL lease admits one run at a time: the writes that
 * remain possible meanwhile are `wipe` (deleting jobs) and a caller outside the lease (inserting them). Both are
 * caught: a job inserted meanwhile fails our insert as a duplicate key and is then classified by reading it by
 * `_id`; a job deleted meanwhile shows as a missed `lastSeenAt` update, and its batch is written again in full
 * (upserted). A content change by another writer between the map read and our write is not looked for.
 */
export class JobLoader {
  private wrote = false;

  private constructor(
    /** Control number → content hash of every stored job, kept up to date with our own writes. */
    private readonly storedHash: Map<string, string>,
    private readonly seenAt: Date,
  ) {}

  /**
   * Reads every stored job's `{_id, contentHash}` in one streamed pass (a cursor, not one array).
   *
   * @param seenAt - the run's clock reading, stored as `lastSeenAt` (and `firstSeenAt` of new jobs)
   */
  static async open(seenAt: Date): Promise<JobLoader> {
    const storedHash = new Map<string, string>();
    const cursor = JobModel.find({}, { contentHash: 1 })
      .lean<{ _id: string; contentHash: string }[]>()
      .cursor();
    for await (const row of cursor) storedHash.set(row._id, row.contentHash);
    return new JobLoader(storedHash, seenAt);
  }

  /** How many jobs the loader knows as stored. */
  get size(): number {
    return this.storedHash.size;
  }

  /**
   * Upserts jobs by `_id`, unordered, in batches. A batch that fails counts its jobs as failed and the next batch
   * is still tried; what was written before stays written.
   *
   * @param jobs - parsed jobs, distinct by `_id`
   * @returns the counts
   */
  async load(jobs: readonly JobData[]): Promise<LoadResult> {
    const result: LoadResult = { inserted: 0, updated: 0, unchanged: 0, failed: [] };
    /** Jobs inserted or rewritten: their listings go to the readers. */
    const written: JobData[] = [];
    const fresh: Classified[] = [];
    const unchanged: Classified[] = [];
    const changed: Classified[] = [];
    for (const job of jobs) {
      const hash = contentHash(job);
      const previous = this.storedHash.get(job._id);
      const entry = { job, hash };
      if (previous === undefined) fresh.push(entry);
      else if (previous === hash) unchanged.push(entry);
      else changed.push(entry);
    }

    for (const batch of chunks(fresh, INSERT_BATCH_SIZE)) {
      await this.guard(batch, result, async () => {
        const late = await this.insert(batch);
        result.inserted += batch.length - late.length;
        const lateIds = new Set(late.map((entry) => entry.job._id));
        written.push(...batch.filter((entry) => !lateIds.has(entry.job._id)).map((entry) => entry.job));
        // Stored meanwhile by someone else: classify them as the map would have, had it seen them.
        for (const entry of late) {
          const stored = await JobModel.findById(entry.job._id, { contentHash: 1 }).lean<{
            contentHash: string;
          }>();
          (stored?.contentHash === entry.hash ? unchanged : changed).push(entry);
        }
      });
    }
    for (const batch of chunks(unchanged, LOAD_BATCH_SIZE)) {
      await this.guard(batch, result, async () => {
        const counts = await this.touch(batch);
        result.unchanged += counts.unchanged;
        result.inserted += counts.inserted;
        if (counts.inserted > 0) written.push(...batch.map((entry) => entry.job));
      });
    }
    for (const batch of chunks(changed, LOAD_BATCH_SIZE)) {
      await this.guard(batch, result, async () => {
        const upserted = await JobModel.bulkWrite(
          batch.map((entry) => this.upsert(entry)),
          { ordered: false },
        );
        result.inserted += upserted.upsertedCount;
        result.updated += batch.length - upserted.upsertedCount;
        written.push(...batch.map((entry) => entry.job));
      });
    }
    const failed = new Set(result.failed.map((failure) => failure.id));
    for (const entry of [...fresh, ...unchanged, ...changed]) {
      if (!failed.has(entry.job._id)) this.storedHash.set(entry.job._id, entry.hash);
    }
    // Readers (any process) see the new data from the next request on: their caches drop what they computed, and
    // their listings take in those of the jobs written. If this write fails the database is gone anyway: readers
    // rescan once it is back, and caches expire by age.
    if (this.wrote) {
      await publishJobChanges({ listings: written.map(toJobListing) }).catch(() => undefined);
      this.wrote = false;
    }
    return result;
  }

  private async guard(batch: Classified[], result: LoadResult, write: () => Promise<void>): Promise<void> {
    try {
      await write();
      this.wrote = true;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      result.failed.push(...batch.map((entry) => ({ id: entry.job._id, error: message })));
    }
  }

  /** Moves `lastSeenAt`; a job deleted since the map was read is written again in full. */
  private async touch(batch: Classified[]): Promise<{ unchanged: number; inserted: number }> {
    const touched = await JobModel.bulkWrite(
      batch.map(({ job }) => ({
        updateOne: { filter: { _id: job._id }, update: { $set: { lastSeenAt: this.seenAt } } },
      })),
      { ordered: false },
    );
    if (touched.matchedCount === batch.length) return { unchanged: batch.length, inserted: 0 };
    // Which ones went missing is not reported per statement: upsert the whole batch (idempotent for the others).
    const again = await JobModel.bulkWrite(
      batch.map((entry) => this.upsert(entry)),
      { ordered: false },
    );
    return { unchanged: batch.length - again.upsertedCount, inserted: again.upsertedCount };
  }

  private upsert({ job, hash }: Classified): AnyBulkWriteOperation<Job> {
    const { _id, ...fields } = job;
    return {
      updateOne: {
        filter: { _id },
        update: {
          $set: { ...fields, contentHash: hash, lastSeenAt: this.seenAt },
          $setOnInsert: { firstSeenAt: this.seenAt },
        },
        upsert: true,
      },
    };
  }

  /** Inserts unordered; returns the jobs rejected as duplicates. Any other failure is thrown. */
  private async insert(batch: Classified[]): Promise<Classified[]> {
    const docs = batch.map(({ job, hash }) => ({
      ...job,
      contentHash: hash,
      firstSeenAt: this.seenAt,
      lastSeenAt: this.seenAt,
    }));
    try {
      await JobModel.insertMany(docs, { ordered: false });
      return [];
    } catch (error) {
      const writeErrors = (error as { writeErrors?: { index: number }[] }).writeErrors;
      if (!writeErrors?.length || !writeErrors.every(isDuplicateKeyError)) throw error;
      return writeErrors.map((e) => batch[e.index] as Classified);
    }
  }
}

interface Classified {
  job: JobData;
  hash: string;
}

/**
 * Loads one set of jobs on its own: opens a {@link JobLoader} (one read of the stored hashes) and loads them.
 * A run loads many pages through one loader instead.
 *
 * @param jobs - parsed jobs, distinct by `_id`
 * @param seenAt - stored as `lastSeenAt` (and `firstSeenAt` of new jobs)
 * @returns the counts
 */
export async function loadJobs(jobs: readonly JobData[], seenAt: Date): Promise<LoadResult> {
  return (await JobLoader.open(seenAt)).load(jobs);
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

/**
 * A stable digest of a job's USAJOBS-derived fields: key order, `undefined` vs absent and Date objects do not change
 * it, any value change does.
 *
 * @param job - a parsed job
 * @returns hex SHA-256
 */
export function contentHash(job: JobData): string {
  return createHash('sha256').update(stableStringify(job)).digest('hex');
}

function stableStringify(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
