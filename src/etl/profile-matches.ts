import { DEFAULTS } from '../config';
import { DeletedSearchProfileModel } from '../models/deleted-search-profile.model';
import { JobModel } from '../models/job.model';
import {
  type JobListing,
  LISTED_JOB_PROJECTION,
  type ListedJobFields,
  publishJobChanges,
  toJobListing,
} from '../models/job-listing.model';
import { type SearchProfile, SearchProfileModel } from '../models/search-profile.model';
import { ETL_LEASE, PROFILE_CHANGES_HOLDER } from './etl-lease';
import { acquireLease } from './lease';
import { LOAD_BATCH_SIZE } from './load';

/*
 * When a profile's search changes or the profile is deleted, the jobs it matched are unmatched (they stay stored;
 * the next run matches them again by what the profile now asks). A run writes the matches of every job it sees from
 * what it read when it began, so the unmatching must never overlap a run: a run would write the old matches back,
 * and the unmatching's writes would overwrite the matches the run just gave the same jobs. Both therefore happen
 * only under the ETL lease.
 *
 * A change is never refused for that. It is stored at once, with a mark that its jobs are still to be unmatched
 * (`matchesStale` on the profile, in the same write; a `deleted_search_profiles` entry after a delete). Then:
 * - when no run holds the lease, the change takes it and unmatches the jobs before answering;
 * - while a run holds it, the run goes on with the profiles as it read them, and unmatches the jobs of every
 *   profile changed meanwhile before it lets the lease go (so its own matches by the old search go too);
 * - a run also applies every change still marked before it reads the profiles it runs (a change made while a
 *   process crashed is not lost), and reads them in the same pass that finds nothing left to apply.
 */

/** How long a run waits for profile changes holding the lease before it counts as a conflict. */
export const PROFILE_CHANGES_WAIT_MS = 60_000;

/**
 * For the holder of the ETL lease: unmatches the jobs of every profile changed or deleted since, until a read of
 * the profiles finds none left.
 *
 * @returns every profile, as that last read found them (none of them with jobs still to unmatch)
 */
export async function applyProfileChanges(): Promise<SearchProfile[]> {
  for (;;) {
    const deleted = await DeletedSearchProfileModel.find().lean();
    for (const entry of deleted) {
      await unmatchJobs(entry._id);
      await DeletedSearchProfileModel.deleteOne({ _id: entry._id });
    }
    const profiles = await SearchProfileModel.find().sort({ name: 1, _id: 1 }).lean<SearchProfile[]>();
    const stale = profiles.filter((profile) => (profile.matchesStale ?? 0) > 0);
    if (deleted.length === 0 && stale.length === 0) return profiles;
    for (const profile of stale) {
      await unmatchJobs(profile._id);
      // Only the changes seen here: one made meanwhile raised the count again and is applied on the next pass.
      await SearchProfileModel.updateOne(
        { _id: profile._id, matchesStale: profile.matchesStale },
        { $set: { matchesStale: 0 } },
        { timestamps: false },
      );
    }
  }
}

/**
 * Applies the profile changes waiting for the ETL lease if it is free: takes it, applies them, lets it go, and
 * again while changes came meanwhile (their requester found the lease taken and left them to its holder). While a
 * run holds the lease, returns at once: the run applies them before it lets the lease go.
 *
 * @param leaseTtlMs - the lease's lifetime without renewal
 * @returns true when none is left waiting, false when a run holds the lease
 */
export async function applyProfileChangesWhenFree(
  leaseTtlMs: number = DEFAULTS.etlLeaseTtlMs,
): Promise<boolean> {
  for (;;) {
    if (!(await profileChangesWaiting())) return true;
    const lease = await acquireLease(ETL_LEASE, leaseTtlMs, PROFILE_CHANGES_HOLDER);
    if ('heldBy' in lease) return false;
    try {
      await applyProfileChanges();
    } finally {
      await lease.release();
    }
  }
}

/**
 * Records that a profile was deleted, so that the jobs naming it are unmatched (call after deleting it).
 *
 * @param profileId - the deleted profile
 */
export async function recordDeletedProfile(profileId: string, now: Date = new Date()): Promise<void> {
  await DeletedSearchProfileModel.updateOne(
    { _id: profileId },
    { $set: { deletedAt: now } },
    { upsert: true },
  );
}

async function profileChangesWaiting(): Promise<boolean> {
  if ((await DeletedSearchProfileModel.countDocuments()) > 0) return true;
  return (await SearchProfileModel.countDocuments({ matchesStale: { $gt: 0 } })) > 0;
}

/**
 * Removes a profile from the jobs it matched: one pass over the jobs (a filter on the array scans on FerretDB, once
 * per profile change, not per job), then writes by `_id` in the loader's batches (below FerretDB's 100-statement
 * limit), and tells the readers. Only for the holder of the ETL lease (see the top of this file).
 */
async function unmatchJobs(profileId: string): Promise<void> {
  const matched = await JobModel.find({ matchedProfileIds: profileId }, LISTED_JOB_PROJECTION).lean<
    ListedJobFields[]
  >();
  if (matched.length === 0) return;
  const listings: JobListing[] = [];
  for (let start = 0; start < matched.length; start += LOAD_BATCH_SIZE) {
    const batch = matched.slice(start, start + LOAD_BATCH_SIZE).map((job) => ({
      ...job,
      matchedProfileIds: (job.matchedProfileIds ?? []).filter((id) => id !== profileId),
    }));
    await JobModel.bulkWrite(
      batch.map((job) => ({
        updateOne: {
          filter: { _id: job._id },
          update: { $set: { matchedProfileIds: job.matchedProfileIds } },
        },
      })),
      { ordered: false },
    );
    listings.push(...batch.map(toJobListing));
  }
  await publishJobChanges({ listings });
}
