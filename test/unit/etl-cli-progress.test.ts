import { progressText, progressWriter } from '../../src/cli/etl';
import type { EtlProgress } from '../../src/etl/run-etl';
import { progressEvent } from '../support/etl-progress';

/** A page event as the run reports it: the first page of a location search, one of two searches. */
function event(overrides: Partial<EtlProgress>): EtlProgress {
  return progressEvent({ fetched: 25, kept: 20, skipped: 5, inserted: 20, ...overrides });
}

/** The progress a writer made of these events. */
function written(events: EtlProgress[], isTTY: boolean): string {
  let text = '';
  const write = progressWriter({
    isTTY,
    write: (chunk: string) => {
      text += chunk;
      return true;
    },
  });
  for (const e of events) write(e);
  return text;
}

describe('the CLI progress line', () => {
  it('when a search over the cap is split (its first page says 20 capped pages, two slices are queued), then the line shows the pages of the run expected so far, not the capped count', () => {
    const text = progressText(event({ pages: 20, pagesAhead: 2 }));

    expect(text).toBe(
      'location search: page 1/4 of the run, 0/2 searches done; fetched 25, kept 20, skipped 5',
    );
    expect(text).not.toContain('/20');
  });

  it('when the slices of a split search are read, then the run figures rise page by page and the total never falls', () => {
    // The unsplit page, then a slice of 3 pages that a further split adds to, then the other search.
    const events = [
      event({ pages: 20, pagesAhead: 2, pagesFetched: 1 }),
      event({ slice: 'series 2210', page: 1, pages: 3, pagesAhead: 3, pagesFetched: 2 }),
      event({ slice: 'series 2210', page: 2, pages: 3, pagesAhead: 2, pagesFetched: 3 }),
      event({ slice: 'series 2210', page: 3, pages: 3, pagesAhead: 1, pagesFetched: 4 }),
      event({ slice: 'series 1560', page: 1, pages: 1, pagesAhead: 0, pagesFetched: 5 }),
      event({ search: 'remote', searchNumber: 2, pages: 1, pagesAhead: 0, pagesFetched: 6 }),
    ];

    const lines = written(events, false).trimEnd().split('\n');

    expect(
      lines.map((line) => /: page (\d+\/\d+) of the run, (\d\/2) searches done;/.exec(line)!.slice(1)),
    ).toEqual([
      ['1/4', '0/2'],
      ['2/6', '0/2'],
      ['3/6', '0/2'],
      ['4/6', '0/2'],
      ['5/6', '1/2'],
      ['6/6', '2/2'],
    ]);
    expect(lines[1]).toMatch(/^location search \[series 2210\]: /);
  });

  it('when --max-pages stops a search early, then the note gives the real page count of the search', () => {
    expect(progressText(event({ pages: 4, stopAfter: 1, pagesAhead: 0, searches: 1 }))).toBe(
      'location search (stopping after page 1 of 4: --max-pages): page 1/1 of the run, 1/1 searches done; ' +
        'fetched 25, kept 20, skipped 5',
    );
  });

  it('when stderr is a terminal, then one line is redrawn with a bar of the pages of the run fetched of expected', () => {
    const text = written([event({ pages: 20, pagesAhead: 2 })], true);

    // 1 page of 4: a quarter of the 24 marks, where the capped count would give one mark in 20.
    expect(text).toBe(
      `\r[${'#'.repeat(6)}${'.'.repeat(18)}] location search: page 1/4 of the run, 0/2 searches done; ` +
        'fetched 25, kept 20, skipped 5\x1b[K',
    );
  });
});
