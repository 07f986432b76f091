import { JobModel } from '../models/job.model';
import {
  CHANGES_KEPT,
  type JobListing,
  LISTED_JOB_PROJECTION,
  type ListedJobFields,
  readJobChange,
  toJobListing,
} from '../models/job-listing.model';
import { JobSortField } from './job-sort';

/** Listings in one ordering: those with a value in the sort field by (value, id), then those without by id. */
interface Ordering {
  withValue: JobListing[];
  withoutValue: JobListing[];
}

/**
 * The listings of every stored job at one data version. Immutable: a newer version is a new snapshot, so a query
 * that is iterating this one is never disturbed. Orderings are sorted on first use and kept.
 */
export class ListingSnapshot {
  private readonly orderings = new Map<JobSortField, Ordering>();

  constructor(
    readonly version: number,
    readonly listings: ReadonlyMap<string, JobListing>,
  ) {}

  /**
   * The listings in ascending order of a sort field (ties by id), those without a value apart.
   *
   * @returns arrays shared by every query on this snapshot: never modify them
   */
  ordering(field: JobSortField): Readonly<Ordering> {
    let ordering = this.orderings.get(field);
    if (!ordering) {
      const value = (listing: JobListing): number | string | null => listingSortValue(listing, field);
      const withValue: JobListing[] = [];
      const withoutValue: JobListing[] = [];
      for (const listing of this.listings.values()) {
        (value(listing) === null ? withoutValue : withValue).push(listing);
      }
      withValue.sort((a, b) => compareValues(value(a)!, value(b)!) || compareText(a._id, b._id));
      withoutValue.sort((a, b) => compareText(a._id, b._id));
      ordering = { withValue, withoutValue };
      this.orderings.set(field, ordering);
    }
    return ordering;
  }
}

/** The value a listing sorts by; null when the job has none (such jobs sort last). */
export function listingSortValue(listing: JobListing, field: JobSortField): number | string | null {
  switch (field) {
    case JobSortField.PUBLICATION_START_DATE:
      return listing.publicationStartDate;
    case JobSortField.APPLICATION_CLOSE_DATE:
      return listing.applicationCloseDate;
    case JobSortField.ANNUAL_SALARY_MIN:
      return listing.salaryMin;
    case JobSortField.ANNUAL_SALARY_MAX:
      return listing.salaryMax;
    case JobSortField.POSITION_TITLE:
      return listing.positionTitle;
  }
}

/**
 * Orders two sort values of one field the way MongoDB does: numbers (and dates, as epoch ms) numerically, text by
 * code point - the byte order of UTF-8, MongoDB's simple collation.
 */
export function compareValues(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return compareText(String(a), String(b));
}

/** Code point order; UTF-16 order agrees with it except around surrogates, which are rare and compared apart. */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  if (!HAS_SURROGATE.test(a) && !HAS_SURROGATE.test(b)) return a < b ? -1 : 1;
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

const HAS_SURROGATE = /[\uD800-\uDFFF]/;

/**
 * Keeps an up-to-date {@link ListingSnapshot} in this process: on a new data version it reads the changes that made
 * it, by `_id`, and applies them; when a change is missing (pruned, or a writer that recorded none) it rescans the
 * jobs collection once. Concurrent callers share one refresh, so a burst of first requests after a change costs one
 * catch-up, not one each.
 */
export class ListingSnapshots {
  private current: ListingSnapshot | null = null;
  private refreshing: Promise<ListingSnapshot> | null = null;

  /**
   * @param version - the data version the caller read for its request
   * @returns a snapshot at that version or newer
   */
  async at(version: number): Promise<ListingSnapshot> {
    for (;;) {
      const current = this.current;
      if (current && current.version >= version) return current;
      if (!this.refreshing) {
        this.refreshing = this.refresh(current, version).finally(() => {
          this.refreshing = null;
        });
      }
      const refreshed = await this.refreshing;
      if (refreshed.version >= version) return refreshed;
    }
  }

  /** Forgets the snapshot (tests; or after the database was replaced). */
  reset(): void {
    this.current = null;
  }

  private async refresh(from: ListingSnapshot | null, version: number): Promise<ListingSnapshot> {
    const next = (from && (await catchUp(from, version))) ?? (await rescan(version));
    this.current = next;
    return next;
  }
}

/** Applies the changes from `from.version + 1` to `version`; null when one of them cannot be read. */
async function catchUp(from: ListingSnapshot, version: number): Promise<ListingSnapshot | null> {
  if (version - from.version > CHANGES_KEPT) return null;
  const changes = await Promise.all(
    Array.from({ length: version - from.version }, (_, i) => readChangeSoon(from.version + 1 + i)),
  );
  if (changes.some((change) => change === null)) return null;
  const listings = new Map(from.listings);
  for (const change of changes) {
    if (change!.reset) listings.clear();
    for (const listing of change!.listings) listings.set(listing._id, listing);
  }
  return new ListingSnapshot(version, listings);
}

/**
 * A writer bumps the version, then stores its change: a reader can see the version a moment before its change.
 * Waiting that moment out is far cheaper than a rescan.
 */
async function readChangeSoon(version: number): ReturnType<typeof readJobChange> {
  for (let attempt = 0; ; attempt++) {
    const change = await readJobChange(version);
    if (change || attempt === CHANGE_WAIT_ATTEMPTS) return change;
    await new Promise((resolve) => setTimeout(resolve, CHANGE_WAIT_MS));
  }
}

const CHANGE_WAIT_ATTEMPTS = 4;
const CHANGE_WAIT_MS = 25;

/**
 * Reads the listing of every stored job: one pass over the collection (streamed). The snapshot is labelled with the
 * version read before the pass, so a change made during it is applied again afterwards (applying is idempotent).
 */
async function rescan(version: number): Promise<ListingSnapshot> {
  const listings = new Map<string, JobListing>();
  const cursor = JobModel.find({}, LISTED_JOB_PROJECTION)
    .lean<ListedJobFields[]>()
    .cursor({ batchSize: 500 });
  for await (const job of cursor) listings.set(job._id, toJobListing(job as ListedJobFields));
  return new ListingSnapshot(version, listings);
}
