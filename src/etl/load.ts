import { createHash } from 'node:crypto';

import type { AnyBulkWriteOperation } from 'mongoose';

import { type Job, JobModel } from '../models/job.model';
import { publishJobChanges, toJobListing } from '../models/job-listing.model';
import type { JobData } from './transform';

/**
 * Jobs per bulkWrite. Below 100 on purpose: FerretDB 1.24 (SQLite) never answers an `update` command of 100 or more
 * statements that match stored documents (measured: 99 answers in ~0.1 s, 100 hangs); it also keeps each command
 * far under the 16 MB message limit with 1,176-location postings.
 */
export const LOAD_BATCH_SIZE = 90;

export interface LoadResult {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Jobs whose write failed (e.g. the database went away half-way), with why. */
  failed: { id: string; error: string }[];
}

/**
 * Upserts jobs keyed on `_id` (the USAJOBS control number), unordered, in batches, and classifies each one:
 * `inserted` (new), `updated` (any field from USAJOBS changed) or `unchanged`. Idempotent: loading the same jobs
 * again reports them all unchanged and only moves `lastSeenAt`. `firstSeenAt` is set once.
 *
 * @param jobs - parsed jobs, distinct by `_id`
 * @param seenAt - the run's clock reading, stored as `lastSeenAt` (and `firstSeenAt` of new jobs)
 * @returns the counts; a batch that fails counts its jobs as failed and the next batch is still tried
 */
export async function loadJobs(jobs: readonly JobData[], seenAt: Date): Promise<LoadResult> {
  const result: LoadResult = { inserted: 0, updated: 0, unchanged: 0, failed: [] };
  let wrote = false;
  const changed: JobData[] = [];
  for (let start = 0; start < jobs.length; start += LOAD_BATCH_SIZE) {
    const batch = jobs.slice(start, start + LOAD_BATCH_SIZE);
    try {
      const counts = await loadBatch(batch, seenAt);
      result.inserted += counts.inserted;
      result.updated += counts.updated;
      result.unchanged += counts.unchanged;
      changed.push(...counts.changed);
      wrote = true;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      result.failed.push(...batch.map((job) => ({ id: job._id, error: message })));
    }
  }
  // Readers (any process) see the new data from the next request on: their caches drop what they computed, and their
  // listings take in those of the jobs that changed. If this write fails the database is gone anyway: readers
  // rescan once it is back, and caches expire by age.
  if (wrote) await publishJobChanges({ listings: changed.map(toJobListing) }).catch(() => undefined);
  return result;
}

async function loadBatch(
  batch: readonly JobData[],
  seenAt: Date,
): Promise<Omit<LoadResult, 'failed'> & { changed: JobData[] }> {
  // One read of the stored hashes classifies the whole batch; writes then filter on `_id` equality only, which an
  // index serves: the launcher's `_id` index on the embedded database (FerretDB 1.24 never uses its own), MongoDB's
  // own elsewhere.
  const stored = await JobModel.find(
    { _id: { $in: batch.map((job) => job._id) } },
    { contentHash: 1 },
  ).lean();
  const storedHash = new Map(stored.map((doc) => [doc._id, doc.contentHash]));

  const fresh: { job: JobData; hash: string }[] = [];
  const operations: AnyBulkWriteOperation<Job>[] = [];
  let updated = 0;
  let unchanged = 0;
  const revised: JobData[] = [];
  for (const job of batch) {
    const hash = contentHash(job);
    const previous = storedHash.get(job._id);
    if (previous === undefined) {
      fresh.push({ job, hash });
    } else if (previous === hash) {
      unchanged += 1;
      operations.push({ updateOne: { filter: { _id: job._id }, update: { $set: { lastSeenAt: seenAt } } } });
    } else {
      updated += 1;
      revised.push(job);
      operations.push(upsert(job, hash, seenAt));
    }
  }

  // Jobs the read did not find are inserted in one command: an upsert would first look each one up, an insert does
  // not (on FerretDB without a usable `_id` index each look-up scanned the collection: 12 ms a job at 1,000 jobs,
  // against 0.5 ms inserted). One that appeared in the meantime (a duplicate key) is upserted after all, as the
  // plain bulk upsert would have done.
  const late = await insertFresh(fresh, seenAt);
  for (const { job, hash } of late) operations.push(upsert(job, hash, seenAt));
  if (operations.length > 0) await JobModel.bulkWrite(operations, { ordered: false });
  const changed = [...fresh.map(({ job }) => job), ...revised];
  return { inserted: fresh.length - late.length, updated: updated + late.length, unchanged, changed };
}

function upsert(job: JobData, hash: string, seenAt: Date): AnyBulkWriteOperation<Job> {
  const { _id, ...fields } = job;
  return {
    updateOne: {
      filter: { _id },
      update: {
        $set: { ...fields, contentHash: hash, lastSeenAt: seenAt },
        $setOnInsert: { firstSeenAt: seenAt },
      },
      upsert: true,
    },
  };
}

/** Inserts unordered; returns the jobs rejected as duplicates. Any other failure is thrown. */
async function insertFresh<T extends { job: JobData; hash: string }>(fresh: T[], seenAt: Date): Promise<T[]> {
  if (fresh.length === 0) return [];
  const docs = fresh.map(({ job, hash }) => ({
    ...job,
    contentHash: hash,
    firstSeenAt: seenAt,
    lastSeenAt: seenAt,
  }));
  try {
    await JobModel.insertMany(docs, { ordered: false });
    return [];
  } catch (error) {
    // The driver's WriteError keeps the server's code on `err` (mongoose's copy may not expose the getter).
    type WriteError = { index: number; code?: number; err?: { code?: number; errmsg?: string } };
    const writeErrors = (error as { writeErrors?: WriteError[] }).writeErrors;
    const duplicate = (e: WriteError): boolean =>
      (e.code ?? e.err?.code) === DUPLICATE_KEY || /E11000/.test(e.err?.errmsg ?? '');
    if (!writeErrors?.length || !writeErrors.every(duplicate)) throw error;
    return writeErrors.map((e) => fresh[e.index]);
  }
}

const DUPLICATE_KEY = 11000;

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
