import { JobStatus } from '../models/job.model';
import type { JobCriteria } from './job-criteria';
import type { JobCursor } from './job-cursor';
import { keywordTerms } from './job-filter';
import { type JobSort, SortDirection } from './job-sort';
import {
  compareText,
  compareValues,
  forEachTrigramBit,
  type ListingSnapshot,
  type ListingStore,
  slotSortValue,
} from './listing-snapshot';

/** A compiled `JobCriteria`: true for the slots of a snapshot whose jobs match. */
export type ListingPredicate = (slot: number) => boolean;

/**
 * Compiles criteria into a predicate over the slots of one snapshot with exactly the meaning of `buildJobFilter`
 * (the MongoDB filter of the same criteria); the property tests in test/integration/job-reads.test.ts and
 * job-lifecycle-reads.test.ts hold the two to it.
 *
 * Text criteria are case-insensitive substrings: the regex with the `i` flag that MongoDB and FerretDB run, here
 * `includes` on lower-cased text (the same for every text whose letters lower-case one to one, which covers the
 * Latin, Greek and Cyrillic letters of job postings). A keyword term is searched for only in the texts whose
 * trigram signature allows it: see {@link keywordHits}. Cheap tests run first.
 *
 * @param criteria - null means the defaults (open jobs only)
 * @param now - the request's clock, for `openOnly`
 */
export function compileListingPredicate(
  snapshot: ListingSnapshot,
  criteria: JobCriteria | null | undefined,
  now: Date,
): ListingPredicate {
  const c: JobCriteria = criteria ?? {};
  const s = snapshot.store;
  const tests: ListingPredicate[] = [];

  const at = now.getTime();
  // NaN (no close date) is never ahead.
  const ahead = (slot: number): boolean => s.closes[slot]! > at;
  if (c.status != null) {
    const status = c.status;
    tests.push((slot) =>
      status === JobStatus.WITHDRAWN
        ? s.withdrawn[slot]!
        : !s.withdrawn[slot] && ahead(slot) === (status === JobStatus.OPEN),
    );
  } else if (c.openOnly !== false) {
    tests.push(ahead);
  }
  // Comparisons with NaN (no value) are false, as a range filter on a missing field is in MongoDB.
  const { minSalary, maxSalary, minGrade, maxGrade, remote } = c;
  if (minSalary != null) tests.push((slot) => s.salaryMax[slot]! >= minSalary);
  if (maxSalary != null) tests.push((slot) => s.salaryMin[slot]! <= maxSalary);
  if (minGrade != null) tests.push((slot) => s.highGrade[slot]! >= minGrade);
  if (maxGrade != null) tests.push((slot) => s.lowGrade[slot]! <= maxGrade);
  if (remote != null) tests.push((slot) => s.remote[slot] === remote);
  if (c.changedSince != null) {
    const since = c.changedSince.getTime();
    tests.push((slot) => s.changed[slot]! >= since);
  }
  if (c.postedAfter != null) {
    const after = c.postedAfter.getTime();
    tests.push((slot) => s.published[slot]! > after);
  }
  const profile = c.profile?.trim();
  if (profile) tests.push((slot) => s.listings[slot]!.matchedProfileIds.includes(profile));
  for (const term of keywordTerms(c.keyword)) {
    const hits = keywordHits(snapshot, term.toLowerCase());
    tests.push((slot) => hits[slot] === 1);
  }
  const department = c.department?.trim();
  if (department) {
    const matches = internedMatches(s.departments.values, department.toLowerCase());
    tests.push((slot) => {
      const id = s.departmentId[slot]!;
      return id >= 0 && matches(id);
    });
  }
  const location = c.location?.trim();
  if (location) {
    const matches = internedMatches(s.places.values, location.toLowerCase());
    tests.push((slot) => s.placeIds[slot]!.some(matches));
  }

  switch (tests.length) {
    case 0:
      return () => true;
    case 1:
      return tests[0]!;
    case 2: {
      const [a, b] = tests as [ListingPredicate, ListingPredicate];
      return (slot) => a(slot) && b(slot);
    }
    default:
      return (slot) => {
        for (const test of tests) if (!test(slot)) return false;
        return true;
      };
  }
}

/** Whether each distinct (lower-cased) name contains `term`, decided once per name and query. */
function internedMatches(names: readonly string[], term: string): (id: number) => boolean {
  const known = new Int8Array(names.length);
  return (id) => {
    let k = known[id]!;
    if (k === 0) known[id] = k = names[id]!.includes(term) ? 1 : -1;
    return k === 1;
  };
}

/**
 * Which slots' keyword texts contain `term` (lower-cased): 1 for those that do. Each text has a signature with a
 * bit set for each of its trigrams; a text that lacks a bit of one of the term's trigrams cannot contain it, so only
 * the few others are searched (`includes`), instead of every text. Kept per store and term.
 */
function keywordHits(snapshot: ListingSnapshot, term: string): Uint8Array {
  const s: ListingStore = snapshot.store;
  const cached = s.termHits.get(term);
  if (cached && cached.size >= snapshot.size) return cached.hits;
  const size = s.size;
  const hits = new Uint8Array(size);
  const words: number[] = [];
  const masks: number[] = [];
  forEachTrigramBit(term, (bit) => {
    words.push(bit >>> 5);
    masks.push(1 << (bit & 31));
  });
  const n = words.length;
  for (let slot = 0; slot < size; slot++) {
    const signature = s.signatures[slot]!;
    let possible = true;
    for (let k = 0; k < n && possible; k++) possible = (signature[words[k]!]! & masks[k]!) !== 0;
    if (possible && s.keywordText[slot]!.includes(term)) hits[slot] = 1;
  }
  if (s.termHits.size >= MAX_CACHED_TERMS) s.termHits.delete(s.termHits.keys().next().value as string);
  s.termHits.set(term, { size, hits });
  return hits;
}

const MAX_CACHED_TERMS = 200;

/**
 * Counts the listings that match.
 *
 * @returns the number of matching jobs
 */
export function countListings(snapshot: ListingSnapshot, matches: ListingPredicate): number {
  const { alive, size } = snapshot;
  let count = 0;
  for (let slot = 0; slot < size; slot++) if (alive[slot] === 1 && matches(slot)) count += 1;
  return count;
}

/**
 * Calls `visit` with the slot of every matching listing, in no particular order.
 */
export function forEachMatching(
  snapshot: ListingSnapshot,
  matches: ListingPredicate,
  visit: (slot: number) => void,
): void {
  const { alive, size } = snapshot;
  for (let slot = 0; slot < size; slot++) if (alive[slot] === 1 && matches(slot)) visit(slot);
}

/**
 * Reads, in the order of `sort`, up to `limit` matching listings that come after `after` - the order the keyset
 * reads of `planPageSegments` produce: jobs with a value by (value, id), then jobs without one by id, both in the
 * asked direction.
 *
 * @param after - the position of the last job of the previous page; null for the first page
 * @returns the slots of the page, in order
 */
export function pageOfListings(
  snapshot: ListingSnapshot,
  matches: ListingPredicate,
  sort: JobSort,
  after: JobCursor | null,
  limit: number,
): number[] {
  const { withValue, withoutValue } = snapshot.ordering(sort.field);
  const { store } = snapshot;
  const asc = sort.direction === SortDirection.ASC;
  const page: number[] = [];
  const take = (list: Int32Array, from: number): void => {
    if (asc) {
      for (let i = from; i < list.length && page.length < limit; i++)
        if (matches(list[i]!)) page.push(list[i]!);
    } else {
      for (let i = from; i >= 0 && page.length < limit; i--) if (matches(list[i]!)) page.push(list[i]!);
    }
  };
  const start = (list: Int32Array): number => (asc ? 0 : list.length - 1);
  const id = (slot: number): string => store.listings[slot]!._id;

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
      boundary(withoutValue, (slot) => compareText(id(slot), after.id), asc),
    );
    return page;
  }
  const position = (slot: number): number =>
    compareValues(slotSortValue(store, sort.field, slot)!, afterValue) || compareText(id(slot), after.id);
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
function boundary(list: Int32Array, position: (slot: number) => number, asc: boolean): number {
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
