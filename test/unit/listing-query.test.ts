import fc from 'fast-check';

import { keywordTerms } from '../../src/jobs/job-filter';
import { JobSortField, SortDirection } from '../../src/jobs/job-sort';
import {
  compileListingPredicate,
  countListings,
  forEachMatching,
  pageOfListings,
} from '../../src/jobs/listing-query';
import { ListingSnapshot } from '../../src/jobs/listing-snapshot';
import type { JobListing } from '../../src/models/job-listing.model';

const NOW = new Date('2026-01-01T00:00:00Z');

function listing(id: number, texts: (string | null)[]): JobListing {
  return {
    _id: `L${id}`,
    positionTitle: texts[0] ?? '',
    organizationName: texts[1] ?? null,
    departmentName: texts[2] ?? null,
    qualificationSummary: texts[3] ?? null,
    jobSummary: texts[4] ?? null,
    locationNames: [],
    locationStates: [],
    salaryMin: null,
    salaryMax: null,
    lowGrade: null,
    highGrade: null,
    remote: false,
    publicationStartDate: null,
    applicationCloseDate: null,
    matchedProfileIds: [],
    withdrawn: false,
    changedAt: null,
  };
}

/** Short texts over a small alphabet (so terms hit), with punctuation, case, accents and a surrogate pair. */
const textArb = fc.option(
  fc
    .array(fc.constantFrom('a', 'b', 'A', 'é', 'É', 'ß', ' ', '.', '(', '-', '\n', '😀', 'ab', 'ba'), {
      maxLength: 30,
    })
    .map((parts) => parts.join('')),
  { nil: null },
);

describe('listing predicates: keyword terms', () => {
  it('when random keywords are matched against random texts, then the signature-filtered search finds exactly what a plain substring search does', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(textArb, { minLength: 5, maxLength: 5 }), { maxLength: 40 }),
        fc.array(
          fc.string({ unit: fc.constantFrom('a', 'B', 'é', '.', ' ', '(', 'ß', '😀'), maxLength: 6 }),
          {
            maxLength: 4,
          },
        ),
        (texts, keywords) => {
          const listings = texts.map((t, i) => listing(i, t));
          const snapshot = ListingSnapshot.of(1, listings);
          for (const keyword of keywords) {
            const terms = keywordTerms(keyword).map((term) => term.toLowerCase());
            const expected = listings
              .filter((l) =>
                terms.every((term) =>
                  [
                    l.positionTitle,
                    l.organizationName,
                    l.departmentName,
                    l.qualificationSummary,
                    l.jobSummary,
                  ]
                    .filter((t): t is string => t !== null)
                    .some((t) => t.toLowerCase().includes(term)),
                ),
              )
              .map((l) => l._id);
            const matches = compileListingPredicate(snapshot, { keyword, openOnly: false }, NOW);
            const found: string[] = [];
            forEachMatching(snapshot, matches, (slot) => found.push(snapshot.store.listings[slot]!._id));
            expect(found.sort()).toEqual(expected.sort());
            expect(countListings(snapshot, matches)).toBe(expected.length);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** A listing with few distinct sort values (ties, and jobs without one). */
const sortedListingArb = fc
  .record({
    id: fc.integer({ min: 0, max: 15 }),
    title: fc.constantFrom('a', 'B', 'b', 'é'),
    salary: fc.option(fc.constantFrom(10, 20, 30), { nil: null }),
    date: fc.option(fc.constantFrom(1, 2, 3), { nil: null }),
  })
  .map(({ id, title, salary, date }) => ({
    ...listing(id, [title, null, null, null, null]),
    salaryMin: salary,
    salaryMax: salary === null ? null : salary + 5,
    publicationStartDate: date,
    applicationCloseDate: date === null ? null : date + 1,
  }));

describe('listing snapshots: changes applied to a snapshot', () => {
  it('when batches of changed listings are applied one after another, then every ordering is the one of a snapshot built from the result', () => {
    fc.assert(
      fc.property(
        fc.array(sortedListingArb, { maxLength: 20 }),
        fc.array(fc.array(sortedListingArb, { maxLength: 6 }), { maxLength: 4 }),
        (initial, batches) => {
          let applied = ListingSnapshot.of(1, initial);
          const latest = new Map(initial.map((l) => [l._id, l]));
          batches.forEach((batch, i) => {
            applied = applied.apply(2 + i, [{ reset: false, listings: batch }]);
            for (const l of batch) latest.set(l._id, l);
          });
          const built = ListingSnapshot.of(99, latest.values());
          const order = (snapshot: ListingSnapshot, field: JobSortField): string[] =>
            pageOfListings(snapshot, () => true, { field, direction: SortDirection.ASC }, null, 1_000).map(
              (slot) => snapshot.store.listings[slot]!._id,
            );
          expect(applied.count).toBe(latest.size);
          for (const field of Object.values(JobSortField))
            expect(order(applied, field)).toEqual(order(built, field));
          const all = compileListingPredicate(applied, { openOnly: false }, NOW);
          expect(countListings(applied, all)).toBe(latest.size);
        },
      ),
      { numRuns: 300 },
    );
  });
});
