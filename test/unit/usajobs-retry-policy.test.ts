import {
  BACKOFF_CAP_MS,
  backoffDelayMs,
  buildSearchParams,
  parseRetryAfterMs,
  plannedPageCount,
  RETRY_AFTER_CAP_MS,
} from '../../src/usajobs/usajobs.client';

describe('backoffDelayMs', () => {
  it('when attempts accumulate, then the wait doubles from 500 ms with half of each step jittered', () => {
    expect([1, 2, 3, 4].map((attempt) => backoffDelayMs(attempt, () => 0))).toEqual([250, 500, 1_000, 2_000]);
    expect([1, 2, 3, 4].map((attempt) => backoffDelayMs(attempt, () => 0.999_999))).toEqual([
      500, 1_000, 2_000, 4_000,
    ]);
  });

  it('when many attempts failed, then the wait never exceeds the 30 s cap', () => {
    expect(backoffDelayMs(30, () => 0.999_999)).toBe(BACKOFF_CAP_MS);
    expect(backoffDelayMs(30, () => 0)).toBe(BACKOFF_CAP_MS / 2);
  });
});

describe('parseRetryAfterMs', () => {
  const now = Date.parse('2025-09-03T13:26:00Z');

  it('when the header is delay-seconds, then it is read as seconds', () => {
    expect(parseRetryAfterMs('2', now)).toBe(2_000);
    expect(parseRetryAfterMs(' 0 ', now)).toBe(0);
  });

  it('when the header is an HTTP date, then the wait runs until that date', () => {
    expect(parseRetryAfterMs('Wed, 03 Sep 2025 13:26:07 GMT', now)).toBe(7_000);
    // The obsolete RFC 850 form is still allowed by HTTP.
    expect(parseRetryAfterMs('Wednesday, 03-Sep-25 13:26:07 GMT', now)).toBe(7_000);
  });

  it('when the HTTP date is already past, then there is no wait', () => {
    expect(parseRetryAfterMs('Wed, 03 Sep 2025 13:00:00 GMT', now)).toBe(0);
  });

  it('when the server asks for a very long wait, then it is capped', () => {
    expect(parseRetryAfterMs('86400', now)).toBe(RETRY_AFTER_CAP_MS);
    expect(parseRetryAfterMs('Thu, 04 Sep 2025 13:26:00 GMT', now)).toBe(RETRY_AFTER_CAP_MS);
  });

  it('when the header is absent or unreadable, then there is no server-imposed wait', () => {
    expect(parseRetryAfterMs(undefined, now)).toBeUndefined();
    expect(parseRetryAfterMs('', now)).toBeUndefined();
    expect(parseRetryAfterMs('soon', now)).toBeUndefined();
    expect(parseRetryAfterMs('-5', now)).toBeUndefined();
  });
});

describe('plannedPageCount', () => {
  it('when the server served fewer per page than asked, then pages follow the served size', () => {
    expect(plannedPageCount(20, 7)).toBe(3);
    // sample-05/06: 742 results at 500 a page is 2 pages, although NumberOfPages said "30".
    expect(plannedPageCount(742, 500)).toBe(2);
  });

  it('when the count is at or beyond the 10,000 cap, then no page past the cap is planned', () => {
    expect(plannedPageCount(10_000, 500)).toBe(20);
    expect(plannedPageCount(25_000, 500)).toBe(20);
    expect(plannedPageCount(10_000, 25)).toBe(400);
  });

  it('when the count is zero or the page size unusable, then one page is planned', () => {
    expect(plannedPageCount(0, 25)).toBe(1);
    expect(plannedPageCount(100, 0)).toBe(1);
  });
});

describe('buildSearchParams', () => {
  it('when only a keyword is given, then no location, remote, salary or date filter is sent', () => {
    expect(buildSearchParams({ keyword: ' data ' }, 3)).toEqual({
      Keyword: 'data',
      ResultsPerPage: '500',
      Page: '3',
      Fields: 'Full',
    });
  });

  it('when keyword and location hold runs of whitespace, then each run is sent as one space', () => {
    expect(
      buildSearchParams({ keyword: '  data \t  engineering ', locationName: ' Chicago,\n  Illinois ' }, 1),
    ).toMatchObject({ Keyword: 'data engineering', LocationName: 'Chicago, Illinois' });
  });

  it('when a radius comes without a location, then it is not sent', () => {
    expect(buildSearchParams({ keyword: 'data', radiusMiles: 50, remote: false }, 1)).not.toHaveProperty(
      'Radius',
    );
  });

  it('when salary and days are null, then they are not sent', () => {
    const params = buildSearchParams({ keyword: 'data', minSalary: null, datePostedDays: null }, 1);
    expect(params).not.toHaveProperty('RemunerationMinimumAmount');
    expect(params).not.toHaveProperty('DatePosted');
  });
});
