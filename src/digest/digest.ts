import { type TouchedJob, TouchedJobKind } from '../etl/run-journal';
import type { EtlRun } from '../models/etl-run.model';

/*
 * What one saved search's digest holds. Pure: the run, its journal and the saved searches in, digests out.
 */

/** The saved search a digest is for, as far as the digest needs it. */
export interface DigestProfile {
  id: string;
  name: string;
}

/** The run a digest reports on. */
export type DigestRun = Pick<EtlRun, '_id' | 'status' | 'trigger' | 'startedAt'> & {
  finishedAt?: Date | null;
};

/** What one run inserted, changed and withdrew among one saved search's jobs. */
export interface Digest {
  /** The same on every attempt and channel: `<run id>.<saved search id>`; receivers drop what they have seen. */
  deliveryId: string;
  run: DigestRun;
  profile: DigestProfile;
  /** How many of each, whether listed or not. */
  counts: { new: number; changed: number; withdrawn: number };
  /** The first of each kind (at most the list limit), soonest close date first. */
  new: TouchedJob[];
  changed: TouchedJob[];
  withdrawn: TouchedJob[];
}

/**
 * One digest per saved search among `profiles` that the run inserted, changed or withdrew a job of (a job matching
 * two saved searches is in both); none for a saved search with nothing to report.
 *
 * @param run - the finished run
 * @param jobs - what the run inserted, changed or withdrew, with the saved searches each matches after it
 * @param profiles - the saved searches that get a digest, in the order digests are wanted
 * @param listLimit - jobs listed per kind; the counts stay complete
 * @returns the digests, in the order of `profiles`
 */
export function buildDigests(
  run: DigestRun,
  jobs: readonly TouchedJob[],
  profiles: readonly DigestProfile[],
  listLimit: number,
): Digest[] {
  const digests: Digest[] = [];
  for (const profile of profiles) {
    const mine = jobs.filter((job) => job.profileIds.includes(profile.id)).sort(soonestClosingFirst);
    if (mine.length === 0) continue;
    const of = (kind: TouchedJobKind) => mine.filter((job) => job.kind === kind);
    const [added, changed, withdrawn] = [
      of(TouchedJobKind.NEW),
      of(TouchedJobKind.CHANGED),
      of(TouchedJobKind.WITHDRAWN),
    ];
    digests.push({
      deliveryId: `${run._id}.${profile.id}`,
      run: {
        _id: run._id,
        status: run.status,
        trigger: run.trigger,
        startedAt: run.startedAt,
        finishedAt: run.finishedAt ?? null,
      },
      profile: { id: profile.id, name: profile.name },
      counts: { new: added.length, changed: changed.length, withdrawn: withdrawn.length },
      new: added.slice(0, listLimit),
      changed: changed.slice(0, listLimit),
      withdrawn: withdrawn.slice(0, listLimit),
    });
  }
  return digests;
}

/** Jobs closing soonest first (those without a close date last), then by title and control number: stable. */
function soonestClosingFirst(a: TouchedJob, b: TouchedJob): number {
  const closeA = a.applicationCloseDate?.getTime() ?? Number.POSITIVE_INFINITY;
  const closeB = b.applicationCloseDate?.getTime() ?? Number.POSITIVE_INFINITY;
  if (closeA !== closeB) return closeA < closeB ? -1 : 1;
  return a.positionTitle.localeCompare(b.positionTitle) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
