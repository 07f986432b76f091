import type { EtlRunSlice } from '../models/etl-run.model';
import {
  plannedPageCount,
  type SearchPage,
  type SearchQuery,
  type UsajobsClient,
} from '../usajobs/usajobs.client';
import type { SearchResultItem } from '../usajobs/usajobs.types';
import type { SplitCodeList } from './code-lists';
import type { PlannedSearch } from './search-plan';

/*
 * Complete coverage past the 10,000 cap (docs/usajobs-api.md §4): USAJOBS serves at most 10,000 results of a query and clips
 * SearchResultCountAll there, so a query that reaches it is split into slices until every slice is below the cap.
 *
 * Slices partition by occupational series (JobCategoryCode), then, inside a single series that is still capped, by
 * agency (Organization). Both take several codes at once (`;`-separated), so a slice is a set of codes and splitting
 * halves it: a search of 12,000 matches typically needs two slices, not one per series. The codes come from the
 * USAJOBS code lists (cached, retired codes included): a posting counts as covered when one of its series (and
 * agency) is on the list, which every posting has in the samples we know.
 *
 * DatePosted is not used for slicing: USAJOBS reads it as "posted in the last N days", so its windows nest (the
 * last 7 days lie inside the last 30) and cannot partition a query; a window below the cap still leaves everything
 * older unreachable. It stays what it is, the ad-hoc run's incremental filter.
 *
 * A slice's first page is used even when the slice is then split: its postings are as good as any, and the run
 * merges postings by control number, so one found by several slices counts once.
 */

/** What a run needs to split: the code lists (null when one cannot be had). */
export interface SliceCodes {
  codes(list: SplitCodeList): Promise<string[] | null>;
}

/** A query of a search: the search itself, or a slice of it. */
interface Slice {
  query: SearchQuery;
  /** What the slice adds to the search; empty for the search itself. */
  label: string;
}

/** How completely a search was read. */
export interface SearchCoverage {
  complete: boolean;
  slices: EtlRunSlice[];
  cappedSlices: string[];
}

/** A page of a search, with the slice it belongs to. */
export interface CrawlPage<I> extends SearchPage<I> {
  slice: string;
}

/**
 * Reads every result of one planned search, splitting it past the cap. Iterate {@link pages}; {@link coverage}
 * then says how complete the reading was.
 */
export class SearchCrawl<I> {
  private readonly slices: EtlRunSlice[] = [];
  private incomplete = false;
  /** Slices found (by splitting) and not begun yet. */
  private readonly queue: Slice[] = [];
  /** Pages the slice being read will have read when it ends; null until its first page. */
  private slicePlan: number | null = null;
  private sliceRead = 0;

  /**
   * @param mapItem - what each raw item becomes, as soon as it arrives (see UsajobsClient.searchMapped)
   */
  constructor(
    private readonly client: UsajobsClient,
    private readonly search: PlannedSearch,
    private readonly sliceCodes: SliceCodes,
    private readonly mapItem: (item: SearchResultItem) => I,
  ) {}

  /**
   * The pages of the search and of its slices, in order (depth first: a slice's narrower slices run before the
   * next slice).
   *
   * @throws what the client throws; the slices read so far stay in {@link coverage}, which is then incomplete
   */
  async *pages(): AsyncGenerator<CrawlPage<I>, void, undefined> {
    const queue = this.queue;
    queue.push({ query: this.search.query, label: '' });
    const maxPages = this.search.maxPages;
    try {
      while (queue.length > 0) {
        const slice = queue.shift()!;
        this.slicePlan = null;
        this.sliceRead = 0;
        const record: EtlRunSlice = {
          label: slice.label,
          countAll: 0,
          pagesFetched: 0,
          capped: false,
          split: false,
        };
        this.slices.push(record);
        let pageSize = 0;
        let lastSize = 0;
        for await (const page of this.client.searchMapped(slice.query, this.mapItem, { maxPages })) {
          record.pagesFetched += 1;
          this.sliceRead = record.pagesFetched;
          lastSize = page.items.length;
          if (record.pagesFetched === 1) {
            record.countAll = page.countAll;
            pageSize = page.items.length;
            // A page limit means the caller asked for a partial read: no splitting then.
            const narrower = page.capped && maxPages === null ? await this.split(slice) : null;
            if (narrower) {
              record.split = true;
              // Its first page is all that is read of it: the narrower slices read the rest.
              this.slicePlan = 1;
              queue.unshift(...narrower);
              yield { ...page, slice: slice.label };
              break;
            }
            record.capped = page.capped;
            this.slicePlan =
              page.items.length === 0
                ? 1
                : Math.min(plannedPageCount(page.countAll, page.items.length), maxPages ?? Infinity);
          }
          yield { ...page, slice: slice.label };
        }
        if (record.capped) this.incomplete = true;
        const planned = plannedPageCount(record.countAll, pageSize);
        const cutShort =
          maxPages !== null &&
          record.pagesFetched >= maxPages &&
          record.pagesFetched < planned &&
          lastSize >= pageSize;
        if (!record.split && cutShort) this.incomplete = true;
      }
    } catch (error) {
      this.incomplete = true;
      throw error;
    }
  }

  /**
   * Pages the search will still read, as far as is known while {@link pages} is iterated: the rest of the slice
   * being read (its plan is known from its first page) and at least one for every slice split off and not begun
   * (each tells how many it has on its first page). 0 once the page just yielded is the search's last.
   *
   * Never below 0; it grows when a slice is split, and it overstates only when USAJOBS ends a slice before its
   * announced count (a short page).
   */
  pagesAhead(): number {
    const rest = this.slicePlan === null ? 0 : Math.max(0, this.slicePlan - this.sliceRead);
    return rest + this.queue.length;
  }

  /** Pages the slice being read has (its plan, `maxPages` applied); null before its first page. */
  slicePages(): number | null {
    return this.slicePlan;
  }

  /** How completely the search was read (call after {@link pages} ended, however it ended). */
  coverage(): SearchCoverage {
    const cappedSlices = this.slices.filter((s) => s.capped).map((s) => s.label || 'the whole search');
    return { complete: !this.incomplete && this.slices.length > 0, slices: this.slices, cappedSlices };
  }

  /** Two narrower slices that together cover this one; null when it cannot be split any further. */
  private async split(slice: Slice): Promise<Slice[] | null> {
    const series = slice.query.jobCategoryCodes?.length
      ? [...slice.query.jobCategoryCodes]
      : await this.sliceCodes.codes('occupationalseries');
    if (series && series.length > 1) {
      return halves(series).map((codes) => this.slice({ ...slice.query, jobCategoryCodes: codes }));
    }
    const agencies = slice.query.organizationCodes?.length
      ? [...slice.query.organizationCodes]
      : await this.sliceCodes.codes('agencysubelements');
    if (agencies && agencies.length > 1) {
      const base = series?.length === 1 ? { ...slice.query, jobCategoryCodes: series } : slice.query;
      return halves(agencies).map((codes) => this.slice({ ...base, organizationCodes: codes }));
    }
    return null;
  }

  /** A slice, labelled with what it adds to the search. */
  private slice(query: SearchQuery): Slice {
    const base = this.search.query;
    const parts: string[] = [];
    if (!sameCodes(query.jobCategoryCodes, base.jobCategoryCodes)) {
      parts.push(`series ${codeRange(query.jobCategoryCodes ?? [])}`);
    }
    if (!sameCodes(query.organizationCodes, base.organizationCodes)) {
      parts.push(`organization ${codeRange(query.organizationCodes ?? [])}`);
    }
    return { query, label: parts.join('; ') };
  }
}

function sameCodes(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  return (a ?? []).join(';') === (b ?? []).join(';');
}

function halves(codes: string[]): string[][] {
  const middle = Math.ceil(codes.length / 2);
  return [codes.slice(0, middle), codes.slice(middle)];
}

/** `2210`, `0301, 2210` or `0005–2210 (301 codes)`. */
function codeRange(codes: readonly string[]): string {
  if (codes.length <= 3) return codes.join(', ');
  return `${codes[0]}–${codes[codes.length - 1]} (${codes.length} codes)`;
}
