import type { EtlProgress } from '../../src/etl/run-etl';

/**
 * A page event as a run reports it: by default the first page of three of a location search, the first of two
 * searches, 5 postings fetched and 2 kept (both inserted).
 */
export function progressEvent(overrides: Partial<EtlProgress> = {}): EtlProgress {
  return {
    search: 'location',
    slice: '',
    page: 1,
    pages: 3,
    stopAfter: null,
    searchNumber: 1,
    searches: 2,
    pagesAhead: 2,
    pagesFetched: 1,
    fetched: 5,
    kept: 2,
    skipped: 3,
    inserted: 2,
    updated: 0,
    unchanged: 0,
    ...overrides,
  };
}
