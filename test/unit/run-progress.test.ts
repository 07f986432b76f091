import type { EtlProgress } from '../../src/etl/run-etl';
import { progressOf } from '../../src/etl/run-progress';
import { progressEvent } from '../support/etl-progress';

const AT = new Date('2026-01-05T12:00:00.000Z');

function event(overrides: Partial<EtlProgress>): EtlProgress {
  return progressEvent(overrides);
}

describe('progressOf (the progress a page event stands for)', () => {
  it('when the first search reads its pages, then its plan and one page for the search not begun are expected, and it is done after its last page', () => {
    expect(progressOf(event({ page: 1, pagesAhead: 2, pagesFetched: 1 }), AT)).toMatchObject({
      searchesDone: 0,
      searchesTotal: 2,
      pagesFetched: 1,
      pagesExpected: 4,
    });
    expect(progressOf(event({ page: 3, pagesAhead: 0, pagesFetched: 3 }), AT)).toMatchObject({
      searchesDone: 1,
      pagesExpected: 4,
    });
  });

  it('when the second search begins, then the pages the first read count, plus the plan of the second', () => {
    const second = event({ search: 'remote', searchNumber: 2, page: 1, pagesAhead: 3, pagesFetched: 4 });
    expect(progressOf(second, AT)).toMatchObject({ searchesDone: 1, pagesFetched: 4, pagesExpected: 7 });
    const last = event({ search: 'remote', searchNumber: 2, page: 4, pagesAhead: 0, pagesFetched: 7 });
    expect(progressOf(last, AT)).toMatchObject({ searchesDone: 2, pagesFetched: 7, pagesExpected: 7 });
  });

  it('when a slice reaches its last page but slices split off are still ahead, then the search is not done and each of them is expected', () => {
    const sliceEnds = event({ slice: 'series 0301, 2210', page: 2, pagesAhead: 3, pagesFetched: 6 });
    expect(progressOf(sliceEnds, AT)).toMatchObject({ searchesDone: 0, pagesExpected: 10 });
  });

  it('when a search splits page after page, then pages expected never fall and pages fetched never pass them', () => {
    // One search: its first page is capped and split in two (2 ahead); the first half is capped and split again
    // (3); its halves have 2 pages and 1 page, the second half 3; then a second search of 2 pages.
    const ahead = [2, 3, 3, 2, 1, 2, 1, 0, 1, 0];
    const searchOf = [1, 1, 1, 1, 1, 1, 1, 1, 2, 2];
    const progress = ahead.map((pagesAhead, i) =>
      progressOf(event({ searchNumber: searchOf[i], pagesAhead, pagesFetched: i + 1 }), AT),
    );
    for (const [i, p] of progress.entries()) {
      expect(p.pagesFetched).toBeLessThanOrEqual(p.pagesExpected!);
      if (i === 0) continue;
      expect(p.pagesExpected!).toBeGreaterThanOrEqual(progress[i - 1]!.pagesExpected!);
      expect(p.searchesDone).toBeGreaterThanOrEqual(progress[i - 1]!.searchesDone);
    }
    expect(progress.at(-1)).toMatchObject({ searchesDone: 2, pagesFetched: 10, pagesExpected: 10 });
  });

  it('when a page is read, then the counts so far and the time are carried over as they are', () => {
    expect(progressOf(event({ inserted: 1, updated: 2, unchanged: 3 }), AT)).toEqual({
      searchesDone: 0,
      searchesTotal: 2,
      pagesFetched: 1,
      pagesExpected: 4,
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
