import { VersionedCache } from '../lib/versioned-cache';
import type { Job } from '../models/job.model';
import { readSightings, readSightingsVersion } from '../models/job-sighting.model';

/*
 * `Job.lastSeenAt` as the API shows it: the later of the stored value (moved whenever a run writes the job) and the
 * latest sighting of it (a run that saw it unchanged, see src/models/job-sighting.model.ts). The sightings are a
 * handful of documents, read whole and kept per sightings version, so a reader pays one tiny version lookup.
 */

const cache = new VersionedCache<ReadonlyMap<string, number>>(1, Number.POSITIVE_INFINITY);

/**
 * The latest sighting of every job, as of now.
 *
 * @returns control number → epoch ms (jobs without a sighting are absent)
 */
export async function latestSightings(): Promise<ReadonlyMap<string, number>> {
  const version = await readSightingsVersion();
  return cache.get('all', version, async () => (await readSightings()).latest);
}

/**
 * When a run last saw the job. Pure.
 *
 * @param job - a stored job
 * @param sightings - from {@link latestSightings}
 */
export function lastSeenAtOf(
  job: Pick<Job, '_id' | 'lastSeenAt'>,
  sightings: ReadonlyMap<string, number>,
): Date {
  const sighted = sightings.get(job._id);
  const stored = new Date(job.lastSeenAt);
  return sighted !== undefined && sighted > stored.getTime() ? new Date(sighted) : stored;
}
