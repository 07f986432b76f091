import { generatePostings } from '../../bench/postings';
import { fitsProfile } from '../../src/etl/fit';
import { DEFAULT_ETL_PARAMS } from '../../src/etl/params';
import { parseItem } from '../../src/etl/transform';
import type { SearchResultItem } from '../../src/usajobs/usajobs.types';
import { search } from '../support/usajobs-double';

const TODAY = '2026-03-02';

/** What the default job seeker's run keeps: location search first, then remote, each posting once (run-etl.ts). */
function keptByDefaultRun(items: SearchResultItem[]): { kept: Set<string>; found: Set<string> } {
  const limits = { maxPageSize: 500, resultCap: Number.MAX_SAFE_INTEGER };
  const common = { Keyword: DEFAULT_ETL_PARAMS.keyword, ResultsPerPage: '500' };
  const searches = [
    {
      fromLocationSearch: true,
      query: {
        ...common,
        LocationName: DEFAULT_ETL_PARAMS.locationName,
        Radius: String(DEFAULT_ETL_PARAMS.radiusMiles),
      },
    },
    { fromLocationSearch: false, query: { ...common, RemoteIndicator: 'True' } },
  ];
  const kept = new Set<string>();
  const found = new Set<string>();
  for (const { fromLocationSearch, query } of searches) {
    const served: SearchResultItem[] = [];
    for (let page = 1; ; page++) {
      const pageItems = search(items, { ...query, Page: String(page) }, limits).SearchResult
        .SearchResultItems;
      if (pageItems.length === 0) break;
      served.push(...pageItems);
    }
    for (const item of served) {
      const parsed = parseItem(item);
      if (!parsed.ok || found.has(parsed.job._id)) continue;
      found.add(parsed.job._id);
      if (fitsProfile(parsed.job, { fromLocationSearch, params: DEFAULT_ETL_PARAMS }).fit)
        kept.add(parsed.job._id);
    }
  }
  return { kept, found };
}

describe('benchmark postings (bench/postings.ts)', () => {
  const generated = generatePostings({ fitting: 2_000, seed: 7, today: TODAY });
  const parsed = generated.items.map((item) => parseItem(item));
  const jobs = parsed.flatMap((result) => (result.ok ? [result.job] : []));

  it('when postings are generated, then every one parses and has its own control number', () => {
    expect(generated.items).toHaveLength(2_160);
    expect(jobs).toHaveLength(generated.items.length);
    expect(new Set(jobs.map((job) => job._id)).size).toBe(jobs.length);
  });

  it('when the default job seeker runs over them, then every posting is found and exactly `fitting` are kept', () => {
    const { kept, found } = keptByDefaultRun(generated.items);

    expect(found.size).toBe(generated.items.length);
    expect(kept.size).toBe(generated.fitting);
  });

  it('when a few thousand are generated, then some list hundreds of places, up to the real maximum of 1,176', () => {
    const placeCounts = jobs.map((job) => job.positionLocation.length);

    expect(placeCounts.filter((count) => count > 100).length).toBeGreaterThan(5);
    expect(Math.max(...placeCounts)).toBe(1_176);
    expect(placeCounts.filter((count) => count === 1).length).toBeGreaterThan(jobs.length / 2);
  });

  it('when generated, then pay, grades, agencies, places and dates vary enough for filters and sorts', () => {
    const intervals = new Set(
      jobs.flatMap((job) => job.positionRemuneration.map((pay) => pay.rateIntervalCode)),
    );
    const now = new Date(`${TODAY}T12:00:00Z`);

    expect(intervals.size).toBeGreaterThanOrEqual(10);
    expect(new Set(jobs.map((job) => job.payPlan)).size).toBeGreaterThanOrEqual(10);
    expect(new Set(jobs.map((job) => job.organizationName)).size).toBeGreaterThanOrEqual(20);
    expect(new Set(jobs.map((job) => job.positionTitle)).size).toBeGreaterThanOrEqual(20);
    expect(new Set(jobs.map((job) => job.annualSalary?.max)).size).toBeGreaterThan(100);
    expect(new Set(jobs.map((job) => job.publicationStartDate?.getTime())).size).toBeGreaterThan(100);
    expect(jobs.some((job) => job.annualSalary === null)).toBe(true);
    expect(jobs.filter((job) => job.remote).length).toBeGreaterThan(jobs.length / 3);
    const open = jobs.filter((job) => job.applicationCloseDate && job.applicationCloseDate > now).length;
    expect(open).toBeGreaterThan(jobs.length * 0.7);
    expect(open).toBeLessThan(jobs.length);
  });

  it('when serialised, then postings weigh what real ones do (kilobytes of text each)', () => {
    const sizes = generated.items.map((item) => JSON.stringify(item).length).sort((a, b) => a - b);

    expect(sizes[Math.floor(sizes.length / 2)]).toBeGreaterThan(5_000);
    expect(sizes.at(-1)).toBeGreaterThan(200_000);
  });

  it('when generated twice with the same seed and day, then identical; with another seed, then different', () => {
    const small = (seed: number): string =>
      JSON.stringify(generatePostings({ fitting: 200, seed, today: TODAY }).items);

    expect(small(7)).toBe(small(7));
    expect(small(8)).not.toBe(small(7));
  });
});
