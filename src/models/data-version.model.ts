import { getModelForClass, modelOptions, prop } from '@typegoose/typegoose';

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
 * Reads the data set's current version (0 before its first write).
 *
 * @param dataSet - which data set
 */
export async function readDataVersion(dataSet: string): Promise<number> {
  const doc = await DataVersionModel.findById(dataSet, { version: 1 }).lean();
  return doc?.version ?? 0;
}
