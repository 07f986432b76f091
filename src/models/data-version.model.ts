import { getModelForClass, modelOptions, prop } from '@typegoose/typegoose';

import { SharedReads } from '../lib/shared-reads';

/**
 * A counter per data set, bumped after every write to it (collection `data_versions`). Readers in any process cache
 * what they computed from the data set under the version they read; a new version invalidates every cache at once,
 * across replicas, without any messaging between them.
 */
@modelOptions({ schemaOptions: { collection: 'data_versions', versionKey: false } })
export class DataVersion {
  /** The data set, e.g. `jobs`. */
  @prop({ type: String, required: true })
  _id!: string;

  @prop({ type: Number, required: true, default: 0 })
  version!: number;
}

export const DataVersionModel = getModelForClass(DataVersion);

/** The data set of stored jobs. */
export const JOBS_DATA_SET = 'jobs';

/**
 * Marks the data set as changed. Call after the write is acknowledged.
 *
 * @param dataSet - which data set
 */
export async function bumpDataVersion(dataSet: string): Promise<void> {
  await nextDataVersion(dataSet);
}

/**
 * Marks the data set as changed and tells which version the change made (atomic: two writers never get the same).
 *
 * @param dataSet - which data set
 * @returns the new version
 */
export async function nextDataVersion(dataSet: string): Promise<number> {
  const doc = await DataVersionModel.findOneAndUpdate(
    { _id: dataSet },
    { $inc: { version: 1 } },
    { upsert: true, returnDocument: 'after' },
  ).lean();
  return doc?.version ?? 0;
}

/**
 * Reads the data set's current version (0 before its first write): a version bumped before the call is seen.
 * Concurrent callers share reads: a caller that arrives while a read is under way (it may have been sent before
 * the caller's bump) waits for the next one, which every caller that arrived meanwhile shares. Under load that is
 * one read per round trip to the database instead of one per request, and never a version older than the call.
 *
 * @param dataSet - which data set
 */
export function readDataVersion(dataSet: string): Promise<number> {
  let reads = versionReads.get(dataSet);
  if (!reads) versionReads.set(dataSet, (reads = new SharedReads(() => fetchDataVersion(dataSet))));
  return reads.read();
}

async function fetchDataVersion(dataSet: string): Promise<number> {
  // The driver directly: this runs for every API request, and mongoose's query building costs more than the read.
  const doc = await DataVersionModel.collection.findOne({ _id: dataSet } as Record<string, unknown>, {
    projection: { version: 1 },
  });
  return typeof doc?.version === 'number' ? doc.version : 0;
}

const versionReads = new Map<string, SharedReads<number>>();
