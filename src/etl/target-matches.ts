import type { EtlRunProfileCount } from '../models/etl-run.model';
import { fitsProfile, type NotAFitReason } from './fit';
import type { SearchRole } from './search-plan';
import type { SearchTarget } from './search-target';
import type { JobData } from './transform';

/**
 * Which postings each job seeker of a run was shown and which fit, and whether each seeker's searches were read
 * completely. From these the run decides the profile matches of every job it saw, and which jobs it may withdraw.
 */
export class TargetMatches {
  private readonly found: Set<string>[];
  private readonly matched: Set<string>[];
  private readonly complete: boolean[];
  private readonly withdrawn: number[];

  constructor(readonly targets: readonly SearchTarget[]) {
    this.found = targets.map(() => new Set());
    this.matched = targets.map(() => new Set());
    this.complete = targets.map(() => true);
    this.withdrawn = targets.map(() => 0);
  }

  /** True when the run is over search profiles (an ad-hoc run records no matches on jobs). */
  get overProfiles(): boolean {
    return this.targets.some((target) => target.profileId !== null);
  }

  /**
   * Records that a search returned a posting, and fits it to every target that asked for that search.
   *
   * @returns whether it fits at least one, or the reason it fits none (that of the first target)
   */
  see(job: JobData, roles: readonly SearchRole[]): { fit: true } | { fit: false; reason: NotAFitReason } {
    let reason: NotAFitReason | undefined;
    let fit = false;
    for (const role of roles) {
      this.found[role.target]!.add(job._id);
      const verdict = fitsProfile(job, {
        fromLocationSearch: role.fromLocationSearch,
        params: this.targets[role.target]!.spec,
      });
      if (verdict.fit) {
        this.matched[role.target]!.add(job._id);
        fit = true;
      } else {
        reason ??= verdict.reason;
      }
    }
    return fit ? { fit: true } : { fit: false, reason: reason ?? 'not a fit: location' };
  }

  /** A search ended: its targets stay complete only if it was read completely. */
  searchEnded(roles: readonly SearchRole[], complete: boolean): void {
    for (const role of roles) this.complete[role.target] &&= complete;
  }

  /**
   * The profiles a job fits as far as the run knows: the stored ones, less those whose searches returned it and it
   * did not fit, plus those it fits.
   *
   * @param id - the job
   * @param stored - its stored matches (none for a new job)
   * @param unfoundDrop - also drop the profiles whose complete searches did not return it (the run saw it elsewhere,
   *   so it still exists, but those searches no longer find it); only for a run that withdraws
   * @returns the profile ids; undefined for an ad-hoc run (matches stay as stored)
   */
  profilesOf(id: string, stored: readonly string[], unfoundDrop = false): string[] | undefined {
    if (!this.overProfiles) return undefined;
    const profiles = new Set(stored);
    this.targets.forEach((target, i) => {
      if (target.profileId === null) return;
      if (this.found[i]!.has(id)) {
        if (this.matched[i]!.has(id)) profiles.add(target.profileId);
        else profiles.delete(target.profileId);
      } else if (unfoundDrop && this.complete[i]) {
        profiles.delete(target.profileId);
      }
    });
    return [...profiles];
  }

  /**
   * The complete profile targets among a job's stored matches: those whose searches not returning the job mean it
   * was withdrawn.
   *
   * @returns their indexes
   */
  completeTargetsOf(stored: readonly string[]): number[] {
    const hits: number[] = [];
    this.targets.forEach((target, i) => {
      if (target.profileId !== null && this.complete[i] && stored.includes(target.profileId)) hits.push(i);
    });
    return hits;
  }

  /** Counts one job withdrawn for each of these targets. */
  countWithdrawal(targets: readonly number[]): void {
    for (const i of targets) this.withdrawn[i]! += 1;
  }

  /** The run record's per-profile counts. */
  profileCounts(): EtlRunProfileCount[] {
    return this.targets.flatMap((target, i) =>
      target.profileId === null
        ? []
        : [
            {
              profileId: target.profileId,
              name: target.name,
              found: this.found[i]!.size,
              matched: this.matched[i]!.size,
              withdrawn: this.withdrawn[i]!,
              complete: this.complete[i]!,
            },
          ],
    );
  }
}
