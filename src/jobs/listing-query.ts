import { JobStatus } from '../models/job.model';
import type { JobListing } from '../models/job-listing.model';
import type { JobCriteria } from './job-criteria';
import type { JobCursor } from './job-cursor';
import { keywordTerms } from './job-filter';
import { type JobSort, SortDirection } from './job-sort';
import { compareText, compareValues, type ListingSnapshot, listingSortValue } from './listing-snapshot';

/** A compiled `JobCriteria`: true for the listings of jobs that match. */
export type ListingPredicate = (listing: JobListing) => boolean;

/**
 * Compiles criteria into a predicate over listings with exactly the meaning of `buildJobFilter` (the MongoDB filter
 * of the same criteria); the property test in test/integration/job-listings.test.ts holds the two to it.
 *
 * Text criteria are case-insensitive substrings: the regex with the `i` flag that MongoDB and FerretDB run, here
 * `includes` on lower-cased text (the same for every text whose letters lower-case one to one, which covers the
 * Latin, Greek and Cyrillic letters of job postings).
 *
 * @param criteria - null means the defaults (open jobs only)
 * @param now - the request's clock, for `openOnly`
 */
export function compileListingPredicate(
  criteria: JobCriteria | null | undefined,
  now: Date,
): ListingPredicate {
  const c: JobCriteria = criteria ?? {};
  const tests: ListingPredicate[] = [];

  for (const term of keywordTerms(c.keyword).map(lower)) {
    tests.push((l) => loweredOf(l).keywordFields.some((text) => text.includes(term)));
  }
  const location = c.location?.trim();
  if (location) {
    const term = lower(location);
    tests.push((l) => loweredOf(l).locationNames.some((name) => name.includes(term)));
  }
  const department = c.department?.trim();
  if (department) {
    const term = lower(department);
    tests.push((l) => loweredOf(l).departmentName?.includes(term) === true);
  }
  const { minSalary, maxSalary, minGrade, maxGrade, remote } = c;
  if (minSalary != null) tests.push((l) => l.salaryMax !== null && l.salaryMax >= minSalary);
  if (maxSalary != null) tests.push((l) => l.salaryMin !== null && l.salaryMin <= maxSalary);
  if (minGrade != null) tests.push((l) => l.highGrade !== null && l.highGrade >= minGrade);
  if (maxGrade != null) tests.push((l) => l.lowGrade !== null && l.lowGrade <= maxGrade);
  if (remote != null) tests.push((l) => l.remote === remote);
  const profile = c.profile?.trim();
  if (profile) tests.push((l) => l.matchedProfileIds.includes(profile));
  const at = now.getTime();
  const ahead = (l: JobListing): boolean => l.applicationCloseDate !== null && l.applicationCloseDate > at;
  if (c.status != null) {
    const status = c.status;
    tests.push((l) =>
      status === JobStatus.WITHDRAWN ? l.withdrawn : !l.withdrawn && ahead(l) === (status === JobStatus.OPEN),
    );
  } else if (c.openOnly !== false) {
    tests.push(ahead);
  }
  if (c.changedSince != null) {
    const since = c.changedSince.getTime();
    tests.push((l) => l.changedAt !== null && l.changedAt >= since);
  }
  if (c.postedAfter != null) {
    const after = c.postedAfter.getTime();
    tests.push((l) => l.publicationStartDate !== null && l.publicationStartDate > after);
  }
  return (listing) => tests.every((test) => test(listing));
}

/** The lower-cased texts of a listing that text criteria search. */
interface LoweredText {
  /** Title, organization, department and both summaries (those present). */
  keywordFields: string[];
  departmentName: string | null;
  locationNames: string[];
}

// Made once per listing and kept while the listing is (listings are shared by the snapshots that hold them): a query
// over 20,000 listings then costs plain `includes` calls.
const loweredTexts = new WeakMap<JobListing, LoweredText>();

function loweredOf(listing: JobListing): LoweredText {
  let text = loweredTexts.get(listing);
  if (!text) {
    const { positionTitle, organizationName, departmentName, qualificationSummary, jobSummary } = listing;
    text = {
      keywordFields: [positionTitle, organizationName, departmentName, qualificationSummary, jobSummary]
        .filter((t): t is string => t !== null)
        .map(lower),
      departmentName: departmentName === null ? null : lower(departmentName),
      locationNames: listing.locationNames.map(lower),
    };
    loweredTexts.set(listing, text);
  }
  return text;
}

function lower(text: string): string {
  return text.toLowerCase();
}

/**
 * Counts the listings that match.
 *
 * @returns the number of matching jobs
 */
export function countListings(snapshot: ListingSnapshot, matches: ListingPredicate): number {
  let count = 0;
  for (const listing of snapshot.listings.values()) if (matches(listing)) count += 1;
  return count;
}

/**
 * Reads, in the order of `sort`, up to `limit` matching listings that come after `after` - the order the keyset
 * reads of `planPageSegments` produce: jobs with a value by (value, id), then jobs without one by id, both in the
 * asked direction.
 *
 * @param after - the position of the last job of the previous page; null for the first page
 * @returns the listings of the page, in order
 */
export function pageOfListings(
  snapshot: ListingSnapshot,
  matches: ListingPredicate,
  sort: JobSort,
  after: JobCursor | null,
  limit: number,
): JobListing[] {
  const { withValue, withoutValue } = snapshot.ordering(sort.field);
  const asc = sort.direction === SortDirection.ASC;
  const page: JobListing[] = [];
  const take = (list: readonly JobListing[], from: number): void => {
    if (asc) {
      for (let i = from; i < list.length && page.length < limit; i++)
        if (matches(list[i]!)) page.push(list[i]!);
    } else {
      for (let i = from; i >= 0 && page.length < limit; i--) if (matches(list[i]!)) page.push(list[i]!);
    }
  };
  const start = (list: readonly JobListing[]): number => (asc ? 0 : list.length - 1);

  if (after === null) {
    take(withValue, start(withValue));
    take(withoutValue, start(withoutValue));
    return page;
  }
  const afterValue = after.value instanceof Date ? after.value.getTime() : after.value;
  if (afterValue === null) {
    // Inside the jobs without a value: by id only.
    take(
      withoutValue,
      boundary(withoutValue, (l) => compareText(l._id, after.id), asc),
    );
    return page;
  }
  const position = (l: JobListing): number =>
    compareValues(listingSortValue(l, sort.field)!, afterValue) || compareText(l._id, after.id);
  take(withValue, boundary(withValue, position, asc));
  take(withoutValue, start(withoutValue));
  return page;
}

/**
 * In an ascending list, the index where reading resumes after the cursor: ascending, the first element above it;
 * descending, the last element below it.
 *
 * @param position - negative below the cursor, 0 at it, positive above it
 */
function boundary(list: readonly JobListing[], position: (l: JobListing) => number, asc: boolean): number {
  // First index whose element is above (asc) or at-or-above (desc) the cursor.
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const p = position(list[mid]!);
    if (asc ? p <= 0 : p < 0) low = mid + 1;
    else high = mid;
  }
  return asc ? low : low - 1;
}
