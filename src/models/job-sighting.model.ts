import { getModelForClass, modelOptions, prop } from '@typegoose/typegoose';

import { nextDataVersion, readDataVersion } from './data-version.model';

/**
 * Jobs a run saw on USAJOBS without writing them (collection `job_sightings`): an unchanged posting costs no write of
 * its own, only its control number in one of these. A job's `lastSeenAt` is the later of its stored `lastSeenAt`
 * (set whenever the job is written) and the latest sighting that names it.
 *
 * The loader adds one document per page it loads and, when a run ends, rewrites them all as one document per run
 * time (in chunks), dropping what a later write of the job made redundant; so the collection stays about one control
 * number per stored job, read whole by readers (a few documents, see src/jobs/last-seen.ts).
 */
@modelOptions({ schemaOptions: { collection: 'job_sightings', versionKey: false } })
export class JobSighting {
  /** Unique per document; no meaning. */
  @prop({ type: String, required: true })
  _id!: string;

  /** The start of the run that saw the jobs (the `lastSeenAt` it stands for). */
  @prop({ type: Date, required: true })
  at!: Date;

  /** Control numbers of the jobs seen. */
  @prop({ type: () => [String], default: [] })
  ids!: string[];
}

export const JobSightingModel = getModelForClass(JobSighting);

/** The data set whose version moves with every sighting written: readers' caches of the sightings key on it. */
export const JOB_SIGHTINGS_DATA_SET = 'job_sightings';

/** Control numbers per sighting document: keeps each far below the 16 MB document limit. */
export const SIGHTING_CHUNK = 5_000;

/**
 * Records that jobs were seen at `at`, and bumps the sightings version. Call after the run's other writes of the
 * page, so a reader never sees a sighting of a job that is not stored yet.
 *
 * @param key - unique for this call (e.g. the run's time and a page counter)
 * @param at - the run's start
 * @param ids - control numbers
 */
export async function recordSightings(key: string, at: Date, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const docs = chunked(ids).map((chunk, i) => ({ _id: `${key}:${i}`, at, ids: chunk }));
  await JobSightingModel.insertMany(docs, { lean: true });
  await nextDataVersion(JOB_SIGHTINGS_DATA_SET);
}

/**
 * Every sighting, as the latest time each control number was seen (epoch ms), with the documents read.
 *
 * @returns the map and the `_id`s of the documents it was read from
 */
export async function readSightings(): Promise<{ latest: Map<string, number>; docIds: string[] }> {
  const latest = new Map<string, number>();
  const docIds: string[] = [];
  // A handful of documents (see the class), so a full read is the cheap one on FerretDB too.
  for await (const doc of JobSightingModel.find({}).lean<JobSighting[]>().cursor({ batchSize: 10 })) {
    docIds.push(doc._id);
    const at = new Date(doc.at).getTime();
    for (const id of doc.ids) if ((latest.get(id) ?? -Infinity) < at) latest.set(id, at);
  }
  return { latest, docIds };
}

/**
 * Replaces the documents `replacing` by `latest` grouped by time: written first, then the old ones deleted one by
 * `_id` (a reader in between sees both, and takes the latest time of each job either way).
 *
 * @param key - unique for this call
 * @param latest - control number → epoch ms, only the entries still needed
 * @param replacing - `_id`s of the documents `latest` was built from
 */
export async function replaceSightings(
  key: string,
  latest: ReadonlyMap<string, number>,
  replacing: readonly string[],
): Promise<void> {
  const byTime = new Map<number, string[]>();
  for (const [id, at] of latest) {
    const ids = byTime.get(at) ?? [];
    ids.push(id);
    byTime.set(at, ids);
  }
  const docs = [...byTime].flatMap(([at, ids]) =>
    chunked(ids).map((chunk, i) => ({ _id: `${key}:${at}:${i}`, at: new Date(at), ids: chunk })),
  );
  if (docs.length > 0) await JobSightingModel.insertMany(docs, { lean: true });
  for (const _id of replacing) await JobSightingModel.deleteOne({ _id });
  await nextDataVersion(JOB_SIGHTINGS_DATA_SET);
}

/** The sightings data version (0 before the first sighting). */
export function readSightingsVersion(): Promise<number> {
  return readDataVersion(JOB_SIGHTINGS_DATA_SET);
}

function chunked(ids: readonly string[]): string[][] {
  const out: string[][] = [];
  for (let start = 0; start < ids.length; start += SIGHTING_CHUNK) {
    out.push(ids.slice(start, start + SIGHTING_CHUNK));
  }
  return out;
}
