import type { EtlProgress } from '../../src/etl/run-etl';
import { progressOf } from '../../src/etl/run-watch';

const AT = new Date('2026-01-05T12:00:00.000Z');

function event(overrides: Partial<EtlProgress>): EtlProgress {
  return {
    search: 'location',
    slice: '',
    page: 1,
    pages: 3,
    stopAfter: null,
    searchNumber: 1,
    searches: 2,
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

describe('progressOf (the progress a page event stands for)', () => {
  it('when the first search reads its pages, then pages expected is its plan and it is done after its last page', () => {
    expect(progressOf(event({ page: 1, pages: 3, pagesFetched: 1 }), AT)).toMatchObject({
      searchesDone: 0,
      searchesTotal: 2,
      pagesFetched: 1,
      pagesExpected: 3,
    });
    expect(progressOf(event({ page: 3, pages: 3, pagesFetched: 3 }), AT)).toMatchObject({
      searchesDone: 1,
      pagesExpected: 3,
    });
  });

  it('when the second search begins, then the pages the first read count, plus the plan of the second', () => {
    const second = event({ search: 'remote', searchNumber: 2, page: 1, pages: 4, pagesFetched: 4 });
    expect(progressOf(second, AT)).toMatchObject({ searchesDone: 1, pagesFetched: 4, pagesExpected: 7 });
    const last = event({ search: 'remote', searchNumber: 2, page: 4, pages: 4, pagesFetched: 7 });
    expect(progressOf(last, AT)).toMatchObject({ searchesDone: 2, pagesFetched: 7, pagesExpected: 7 });
  });

  it('when maxPages stops a search early, then it is done after that page and only those pages are expected', () => {
    expect(progressOf(event({ page: 2, pages: 9, stopAfter: 2, pagesFetched: 2 }), AT)).toMatchObject({
      searchesDone: 1,
      pagesExpected: 2,
    });
  });

  it('when a search has no plan (an empty first page) or reads past it, then pages expected is never below pages fetched', () => {
    expect(progressOf(event({ page: 1, pages: null, pagesFetched: 1 }), AT)).toMatchObject({
      searchesDone: 0,
      pagesExpected: 1,
    });
    expect(progressOf(event({ page: 5, pages: 4, pagesFetched: 5 }), AT)).toMatchObject({
      searchesDone: 1,
      pagesExpected: 5,
    });
  });

  it('when a page is read, then the counts so far and the time are carried over as they are', () => {
    expect(progressOf(event({ inserted: 1, updated: 2, unchanged: 3 }), AT)).toEqual({
      searchesDone: 0,
      searchesTotal: 2,
      pagesFetched: 1,
      pagesExpected: 3,
      fetched: 5,
      kept: 2,
      skipped: 3,
      inserted: 1,
      updated: 2,
      unchanged: 3,
      updatedAt: AT,
    });
  });
});
