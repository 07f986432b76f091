import type { Readable } from 'node:stream';

import axios, { type AxiosInstance, type AxiosResponse, isAxiosError } from 'axios';

import { type Config, DEFAULTS } from '../config';
import { messageOf } from '../errors';
import type { Logger } from '../logger';
import { SearchBodyReader } from './search-body';
import { type CredentialVariable, MissingCredentialsError, UsajobsError } from './usajobs.errors';
import type { CodeListResponse, SearchResponse, SearchResultItem } from './usajobs.types';

/** Path of the job search endpoint. */
export const USAJOBS_SEARCH_PATH = '/api/Search';
/** Largest `ResultsPerPage` the API documents; servers may still send fewer. */
export const USAJOBS_MAX_PAGE_SIZE = 500;
/** USAJOBS serves at most this many results per query, and clips `SearchResultCountAll` to it. */
export const USAJOBS_RESULT_CAP = 10_000;
/** The API answers with the vendor type `application/hr+json`; some clients saw empty 200s without an Accept. */
export const USAJOBS_ACCEPT = 'application/hr+json, application/json';

/** Attempts per request, first try included. */
export const DEFAULT_MAX_ATTEMPTS = DEFAULTS.usajobsMaxAttempts;
/** Per-request timeout; a 500-item page can weigh tens of MB. */
export const DEFAULT_TIMEOUT_MS = DEFAULTS.usajobsTimeoutMs;
/** Minimum spacing of two request starts. */
export const DEFAULT_REQUEST_INTERVAL_MS = DEFAULTS.usajobsRequestIntervalMs;
/** First backoff step; doubles with each attempt. */
export const BACKOFF_BASE_MS = 500;
/** Longest backoff step. */
export const BACKOFF_CAP_MS = 30_000;
/** Longest wait a `Retry-After` header can impose; a larger value is taken as this. */
export const RETRY_AFTER_CAP_MS = 60_000;

const ENDPOINT = `GET ${USAJOBS_SEARCH_PATH}`;
/** Path of the code lists, e.g. `/api/codelist/occupationalseries`; they need no key (sending it is harmless). */
export const USAJOBS_CODELIST_PATH = '/api/codelist';

/** One endpoint the client reads: where, how it is named in messages, and what a valid body looks like. */
interface Endpoint<T> {
  path: string;
  /** e.g. `GET /api/Search`. */
  name: string;
  isValid: (body: unknown) => body is T;
  /** Why a body is not valid, for the error message. */
  expected: string;
  /** A search response: its items are parsed one by one as they arrive (search-body.ts). */
  itemsStreamed?: boolean;
}

const SEARCH_ENDPOINT: Endpoint<SearchResponse> = {
  path: USAJOBS_SEARCH_PATH,
  name: ENDPOINT,
  isValid: isSearchResponse,
  itemsStreamed: true,
  expected:
    'JSON that is not a search response (no SearchResult.SearchResultItems array or no numeric SearchResultCountAll)',
};

/** What to search for. Maps onto `/api/Search` query parameters. */
export interface SearchQuery {
  /** `Keyword`: every word (or a synonym) must appear in the announcement. */
  keyword?: string | null;
  /** `LocationName`, e.g. `Chicago, Illinois`. */
  locationName?: string;
  /** `Radius` in miles around `locationName`; ignored without it. */
  radiusMiles?: number;
  /** `RemoteIndicator=True` when true; nothing is sent otherwise. */
  remote?: boolean;
  /** `RemunerationMinimumAmount` (USD). USAJOBS applies it through coarse salary buckets: re-filter precisely. */
  minSalary?: number | null;
  /** `DatePosted`: only postings published in the last N days. */
  datePostedDays?: number | null;
  /** `JobCategoryCode`: occupational series (4 digits), any of them; sent semicolon-separated. */
  jobCategoryCodes?: readonly string[];
  /** `Organization`: agency sub-element codes, any of them; sent semicolon-separated. */
  organizationCodes?: readonly string[];
  /** `JobGradeCode`: pay plans (e.g. GS), any of them; sent semicolon-separated. */
  payPlans?: readonly string[];
}

/** One entry of a USAJOBS code list. */
export interface CodeListEntry {
  code: string;
  value: string;
  /** `IsDisabled: Yes`: retired; old postings may still carry it. */
  disabled: boolean;
}

/** Options of one search. */
export interface SearchOptions {
  /** Read at most this many pages; `null`/`undefined`: as many as the query has (at most 10,000 results). */
  maxPages?: number | null;
}

/** One page of results, as served. */
export interface SearchPage<I = SearchResultItem> {
  /** 1-based page number. */
  page: number;
  /** The items of this page (possibly fewer than asked for): raw, or as {@link UsajobsClient.searchMapped} maps them. */
  items: I[];
  /** `SearchResultCountAll`: total matches of the query, clipped at 10,000. */
  countAll: number;
  /** True when `countAll` reached the 10,000 cap: results are missing; split the query to see them all. */
  capped: boolean;
}

/** A search response whose items were mapped as they arrived. */
type MappedSearchResponse<I> = Omit<SearchResponse, 'SearchResult'> & {
  SearchResult: Omit<SearchResponse['SearchResult'], 'SearchResultItems'> & { SearchResultItems: I[] };
};

/** Largest response body accepted: a real 25-item page reached 3.4 MB, so 500 items stay far below this. */
export const DEFAULT_MAX_RESPONSE_BYTES = 256 * 1024 * 1024;

/** How the client talks to USAJOBS. */
export interface UsajobsClientOptions {
  /** Sent as `Authorization-Key`. */
  apiKey: string;
  /** The e-mail registered with the key, sent as `User-Agent`. */
  userAgent: string;
  /** Attempts per request, first included; default {@link DEFAULT_MAX_ATTEMPTS}. */
  maxAttempts?: number;
  /** Per-request timeout (whole response, not socket idle); default {@link DEFAULT_TIMEOUT_MS}. */
  timeoutMs?: number;
  /** Minimum time between two request starts; default {@link DEFAULT_REQUEST_INTERVAL_MS}. */
  requestIntervalMs?: number;
  logger: Logger;
  /** Largest response body accepted (bytes); a larger page fails without retry; default 256 MiB. */
  maxResponseBytes?: number;
  /** Waits (backoff, pacing); tests pass one that records. */
  sleep?: (ms: number) => Promise<void>;
  /** Jitter source in [0, 1); default `Math.random`. */
  random?: () => number;
  /** Monotonic clock in ms used for pacing; default `performance.now`. */
  now?: () => number;
  /** Told of every request attempt and retry (metrics); nothing by default. */
  observer?: UsajobsObserver;
  /** The result cap: a count that reaches it means "at least this many"; default {@link USAJOBS_RESULT_CAP}. Tests
   * set a small one with the test double's. */
  resultCap?: number;
}

/** How one request attempt ended, in a small fixed set (a metrics label). */
export type UsajobsAttemptOutcome =
  | 'success'
  | 'rate_limited'
  | 'server_error'
  | 'timeout'
  | 'network_error'
  | 'bad_response'
  | 'auth_failed'
  | 'bad_request';

/** Watches the client's requests, e.g. for metrics. Its callbacks must be cheap; what they throw is ignored. */
export interface UsajobsObserver {
  /** One HTTP attempt ended. */
  attempt?(event: { outcome: UsajobsAttemptOutcome; status?: number; durationMs: number }): void;
  /** A failed attempt is retried after `delayMs`. */
  retry?(event: { attempt: number; delayMs: number; status?: number }): void;
}

/** One attempt that gave a valid response. */
interface AttemptSuccess<T> {
  ok: true;
  body: T;
}

/** Outcome of one attempt that did not give a search response. */
interface AttemptFailure {
  ok: false;
  retryable: boolean;
  code: 'UPSTREAM_UNAVAILABLE' | 'USAJOBS_AUTH_FAILED' | 'USAJOBS_BAD_REQUEST' | 'USAJOBS_BAD_RESPONSE';
  reason: string;
  status?: number;
  retryAfterMs?: number;
  /** The attempt ran out of time (as opposed to a connection error). */
  timedOut?: boolean;
  cause: unknown;
}

/**
 * Client of the USAJOBS Search API: sequential paging that does not trust `NumberOfPages`, bounded retries with
 * jittered exponential backoff that honour `Retry-After`, and request pacing. A search reads its pages one after
 * the other; searches running at the same time on one instance share the pacing, so USAJOBS still sees at most
 * one request start per `requestIntervalMs`.
 */
export class UsajobsClient {
  private readonly apiKey: string;
  private readonly userAgent: string;
  private readonly maxAttempts: number;
  private readonly timeoutMs: number;
  private readonly requestIntervalMs: number;
  private readonly maxResponseBytes: number;
  private readonly logger: Logger;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly now: () => number;
  private readonly observer: UsajobsObserver | undefined;
  private readonly resultCap: number;
  /** Start time reserved by the latest request, for pacing. */
  private lastStartAt: number | undefined;

  /**
   * @param http - axios instance whose `baseURL` points at the API host (see {@link createUsajobsClient})
   * @param options - credentials, limits, logger and the injectable sleep/random/clock
   */
  constructor(
    private readonly http: AxiosInstance,
    options: UsajobsClientOptions,
  ) {
    this.apiKey = options.apiKey;
    this.userAgent = options.userAgent;
    this.maxAttempts = Math.max(1, Math.floor(options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS));
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.requestIntervalMs = Math.max(0, options.requestIntervalMs ?? DEFAULT_REQUEST_INTERVAL_MS);
    this.maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.logger = options.logger;
    this.sleep = options.sleep ?? defaultSleep;
    this.random = options.random ?? Math.random;
    this.now = options.now ?? (() => performance.now());
    this.observer = options.observer;
    this.resultCap = options.resultCap ?? USAJOBS_RESULT_CAP;
  }

  /**
   * Reads the pages of one search, one request at a time.
   *
   * Stops at the first empty page, at the first page shorter than page 1 (the page size the server actually
   * used), after `ceil(min(countAll, 10000) / pageSize)` pages, or after `maxPages`. Items are yielded as
   * served: the same control number can show up twice when the live index shifts between pages.
   *
   * @param query - what to search for
   * @param options - `maxPages` bound
   * @returns an async iterator of pages
   * @throws UsajobsError `UPSTREAM_UNAVAILABLE` when a page still fails after the last attempt,
   *   `USAJOBS_AUTH_FAILED` on 401/403, `USAJOBS_BAD_REQUEST` on other 4xx, `USAJOBS_BAD_RESPONSE` when the body
   *   is JSON but not a search response
   */
  search(query: SearchQuery, options: SearchOptions = {}): AsyncGenerator<SearchPage, void, undefined> {
    return this.searchMapped(query, (item) => item, options);
  }

  /**
   * {@link search}, with every item mapped as soon as its bytes have arrived (e.g. parsed into what the caller keeps):
   * the raw item is garbage at once, while the rest of the page still arrives, instead of living as long as the page.
   * A raw search page is several times the size of what the ETL keeps of it.
   *
   * @param query - what to search for
   * @param mapItem - called once per item, in order, with the raw item (any JSON value, as served); must not throw
   * @param options - `maxPages` bound
   * @returns an async iterator of pages of mapped items
   * @throws as {@link search}
   */
  async *searchMapped<I>(
    query: SearchQuery,
    mapItem: (item: SearchResultItem) => I,
    options: SearchOptions = {},
  ): AsyncGenerator<SearchPage<I>, void, undefined> {
    const maxPages = options.maxPages ?? Number.POSITIVE_INFINITY;
    let pageSize: number | undefined;
    for (let page = 1; page <= maxPages; page++) {
      const body = await this.fetchPage(query, page, mapItem);
      const items = body.SearchResult.SearchResultItems;
      const countAll = readCount(body.SearchResult.SearchResultCountAll) ?? 0;
      const capped = countAll >= this.resultCap;
      if (capped && page === 1) {
        this.logger.warn(
          { endpoint: ENDPOINT, keyword: query.keyword, locationName: query.locationName, countAll },
          'USAJOBS query hit the 10,000-result cap: results beyond it cannot be read; split the query',
        );
      }
      this.logger.debug({ endpoint: ENDPOINT, page, items: items.length, countAll }, 'USAJOBS page read');
      yield { page, items, countAll, capped };

      if (items.length === 0) return;
      if (pageSize === undefined) pageSize = items.length;
      else if (items.length < pageSize) return;
      if (page >= plannedPageCount(countAll, pageSize, this.resultCap)) return;
    }
  }

  /**
   * Reads one USAJOBS code list (`/api/codelist/<name>`, e.g. `occupationalseries`), with the search's retries.
   *
   * @param name - the list's name, lower case
   * @returns its entries, disabled ones included and marked
   * @throws UsajobsError as {@link search} does; `USAJOBS_BAD_RESPONSE` when the body is not a code list
   */
  async codeList(name: string): Promise<CodeListEntry[]> {
    const path = `${USAJOBS_CODELIST_PATH}/${encodeURIComponent(name)}`;
    const body = await this.request(
      { path, name: `GET ${path}`, isValid: isCodeListResponse, expected: 'JSON that is not a code list' },
      {},
    );
    return (body.CodeList[0]?.ValidValue ?? []).flatMap((entry) => {
      const code = typeof entry.Code === 'string' ? entry.Code.trim() : '';
      if (code === '') return [];
      const value = typeof entry.Value === 'string' ? entry.Value : '';
      return [{ code, value, disabled: /^yes$/i.test(String(entry.IsDisabled ?? '')) }];
    });
  }

  /** Fetches one page, its items mapped, retrying what is worth retrying. */
  private async fetchPage<I>(
    query: SearchQuery,
    page: number,
    mapItem: (item: SearchResultItem) => I,
  ): Promise<MappedSearchResponse<I>> {
    const body = await this.request(SEARCH_ENDPOINT, buildSearchParams(query, page), page, (item) =>
      mapItem(item as SearchResultItem),
    );
    // The reader put the mapped items in place of the raw ones.
    return body as unknown as MappedSearchResponse<I>;
  }

  /** One GET, retried as the policy says (see the class). */
  private async request<T>(
    endpoint: Endpoint<T>,
    params: Record<string, string>,
    page?: number,
    mapItem?: (item: unknown) => unknown,
  ): Promise<T> {
    const ENDPOINT = endpoint.name;
    const at = page === undefined ? '' : ` page ${page}`;
    for (let attempt = 1; ; attempt++) {
      await this.pace();
      const startedAt = this.now();
      const outcome = await this.attempt(endpoint, params, mapItem);
      const durationMs = this.now() - startedAt;
      this.tell((observer) =>
        observer.attempt?.({
          outcome: outcomeOf(outcome),
          status: outcome.ok ? undefined : outcome.status,
          durationMs,
        }),
      );
      if (outcome.ok) return outcome.body;

      // A code list is one page.
      const context = {
        endpoint: ENDPOINT,
        page: page ?? 1,
        attempt,
        status: outcome.status,
        cause: outcome.cause,
      };
      if (!outcome.retryable) {
        throw new UsajobsError(outcome.code, this.redact(outcome.reason), context);
      }
      if (attempt >= this.maxAttempts) {
        throw new UsajobsError(
          'UPSTREAM_UNAVAILABLE',
          this.redact(
            `USAJOBS unavailable: ${ENDPOINT}${at} failed after ${attempt} attempt(s); last: ${outcome.reason}`,
          ),
          context,
        );
      }
      const delayMs = outcome.retryAfterMs ?? backoffDelayMs(attempt, this.random);
      this.logger.warn(
        {
          endpoint: ENDPOINT,
          page,
          attempt,
          maxAttempts: this.maxAttempts,
          status: outcome.status,
          delayMs,
          reason: this.redact(outcome.reason),
        },
        'USAJOBS request failed; retrying',
      );
      this.tell((observer) => observer.retry?.({ attempt, delayMs, status: outcome.status }));
      await this.sleep(delayMs);
    }
  }

  /** One HTTP exchange, classified. */
  private async attempt<T>(
    endpoint: Endpoint<T>,
    params: Record<string, string>,
    mapItem?: (item: unknown) => unknown,
  ): Promise<AttemptSuccess<T> | AttemptFailure> {
    const ENDPOINT = endpoint.name;
    const controller = new AbortController();
    let timedOut = false;
    // axios' own `timeout` is a socket-idle timeout in Node; a trickling body would never trip it. This one covers
    // the whole exchange, the body included.
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.timeoutMs);
    let status: number | undefined;
    try {
      const response = await this.http.request<Readable>({
        method: 'GET',
        url: endpoint.path,
        params,
        headers: { Accept: USAJOBS_ACCEPT, 'User-Agent': this.userAgent, 'Authorization-Key': this.apiKey },
        // Read and parsed here, as it arrives: axios only auto-parses application/json, a bad body must be a
        // retryable failure, and a search page is parsed item by item (search-body.ts) to keep memory low.
        responseType: 'stream',
        validateStatus: () => true,
        signal: controller.signal,
      });
      status = response.status;
      const success = status >= 200 && status < 300;
      const body = await readBody(
        response.data,
        success && endpoint.itemsStreamed ? new SearchBodyReader(mapItem) : null,
        this.maxResponseBytes,
      );
      if (!success) return this.classify(endpoint, status, response.headers, body.text ?? '');
      return this.parseBody(endpoint, body, status);
    } catch (error) {
      if (timedOut) {
        return {
          ...transient(`timed out after ${this.timeoutMs} ms`, safeCause(error, this.apiKey)),
          timedOut: true,
        };
      }
      if (error instanceof BodyTooLargeError) {
        // The same page would be as large on every retry: fail it at once, keep memory bounded.
        return {
          ok: false,
          retryable: false,
          code: 'USAJOBS_BAD_RESPONSE',
          status,
          cause: error,
          reason: `USAJOBS answered ${ENDPOINT} with a page larger than ${this.maxResponseBytes} bytes`,
        };
      }
      if (error instanceof SyntaxError) return transient(`unreadable JSON (${error.message})`, error, status);
      if (isAxiosError(error) && (error.code === 'ERR_CANCELED' || error.code === 'ERR_BAD_OPTION_VALUE')) {
        throw error;
      }
      if (isAxiosError(error) || isConnectionError(error)) {
        const { code, message } = error as { code?: string; message: string };
        return transient(`connection error (${code ?? message}: ${message})`, safeCause(error, this.apiKey));
      }
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  /** A response that is not a success. */
  private classify<T>(
    endpoint: Endpoint<T>,
    status: number,
    headers: AxiosResponse['headers'],
    text: string,
  ): AttemptFailure {
    const ENDPOINT = endpoint.name;
    const cause = new Error(`HTTP ${status}: ${this.redact(snippet(text))}`);
    if (status === 401 || status === 403) {
      return {
        ok: false,
        retryable: false,
        code: 'USAJOBS_AUTH_FAILED',
        status,
        cause,
        reason:
          `USAJOBS rejected the credentials (HTTP ${status}) on ${ENDPOINT}: check USAJOBS_API_KEY and that ` +
          'USAJOBS_USER_AGENT is the exact e-mail address registered with that key',
      };
    }
    if (status === 429 || status >= 500) {
      return {
        ok: false,
        retryable: true,
        code: 'UPSTREAM_UNAVAILABLE',
        status,
        cause,
        reason: `HTTP ${status}`,
        retryAfterMs: parseRetryAfterMs(headerValue(headers, 'retry-after')),
      };
    }
    if (status >= 400) {
      return {
        ok: false,
        retryable: false,
        code: 'USAJOBS_BAD_REQUEST',
        status,
        cause,
        reason: `USAJOBS refused the query (HTTP ${status}) on ${ENDPOINT}; it is not retried`,
      };
    }
    return {
      ok: false,
      retryable: false,
      code: 'USAJOBS_BAD_RESPONSE',
      status,
      cause,
      reason: `USAJOBS answered ${ENDPOINT} with unexpected HTTP ${status}`,
    };
  }

  private parseBody<T>(
    endpoint: Endpoint<T>,
    read: ReadBody,
    status: number,
  ): AttemptSuccess<T> | AttemptFailure {
    let body: unknown;
    let text: string;
    if (read.reader) {
      // SyntaxError (unreadable JSON) is classified by the caller, as while reading.
      const whole = read.reader.end();
      if (whole === null) return transient('empty response body', new Error('empty response body'), status);
      ({ body, text } = whole);
    } else {
      text = read.text ?? '';
      // Empty 200s have been seen in the wild and went away on retry.
      if (text.trim() === '')
        return transient('empty response body', new Error('empty response body'), status);
      try {
        body = JSON.parse(text);
      } catch (error) {
        return transient(`unreadable JSON (${messageOf(error)})`, error, status);
      }
    }
    if (!endpoint.isValid(body)) {
      return {
        ok: false,
        retryable: false,
        code: 'USAJOBS_BAD_RESPONSE',
        status,
        cause: new Error(`unexpected body: ${this.redact(snippet(text))}`),
        reason: `USAJOBS answered ${endpoint.name} with ${endpoint.expected}`,
      };
    }
    return { ok: true, body };
  }

  /** Waits until `requestIntervalMs` has passed since the previous request start. */
  private async pace(): Promise<void> {
    const now = this.now();
    // Reserve the slot before waiting so that concurrent callers queue behind each other.
    const startAt =
      this.lastStartAt === undefined ? now : Math.max(now, this.lastStartAt + this.requestIntervalMs);
    this.lastStartAt = startAt;
    if (startAt > now) await this.sleep(startAt - now);
  }

  /** An observer must not break a run. */
  private tell(call: (observer: UsajobsObserver) => void): void {
    if (!this.observer) return;
    try {
      call(this.observer);
    } catch (error) {
      this.logger.debug({ err: error }, 'USAJOBS observer failed');
    }
  }

  private redact(text: string): string {
    return this.apiKey === '' ? text : text.split(this.apiKey).join('[redacted]');
  }
}

/**
 * Builds a client from the configuration: an axios instance on `USAJOBS_BASE_URL` that accepts
 * `application/hr+json`, with the configured timeout, attempts and pacing.
 *
 * @param config - the loaded configuration
 * @param logger - where retries and cap warnings go
 * @param overrides - client options that win over the configuration (tests: a recording `sleep`, …)
 * @returns a ready client
 * @throws MissingCredentialsError when `USAJOBS_API_KEY` or `USAJOBS_USER_AGENT` is not set
 */
export function createUsajobsClient(
  config: Config,
  logger: Logger,
  overrides: Partial<UsajobsClientOptions> = {},
): UsajobsClient {
  const missing: CredentialVariable[] = [];
  if (!config.USAJOBS_API_KEY) missing.push('USAJOBS_API_KEY');
  if (!config.USAJOBS_USER_AGENT) missing.push('USAJOBS_USER_AGENT');
  if (missing.length > 0 || !config.USAJOBS_API_KEY || !config.USAJOBS_USER_AGENT) {
    throw new MissingCredentialsError(missing);
  }
  const http = axios.create({ baseURL: config.USAJOBS_BASE_URL, headers: { Accept: USAJOBS_ACCEPT } });
  return new UsajobsClient(http, {
    apiKey: config.USAJOBS_API_KEY,
    userAgent: config.USAJOBS_USER_AGENT,
    maxAttempts: config.USAJOBS_MAX_ATTEMPTS,
    timeoutMs: config.USAJOBS_TIMEOUT_MS,
    requestIntervalMs: config.USAJOBS_REQUEST_INTERVAL_MS,
    logger,
    ...overrides,
  });
}

/**
 * Query parameters of one `/api/Search` request.
 *
 * @param query - what to search for
 * @param page - 1-based page
 * @returns parameter names and values, in the API's PascalCase
 */
export function buildSearchParams(query: SearchQuery, page: number): Record<string, string> {
  const params: Record<string, string> = {};
  const keyword = singleSpaced(query.keyword ?? '');
  if (keyword !== '') params.Keyword = keyword;
  const locationName = singleSpaced(query.locationName ?? '');
  if (locationName !== '') {
    params.LocationName = locationName;
    if (query.radiusMiles !== undefined) params.Radius = String(Math.round(query.radiusMiles));
  }
  if (query.remote === true) params.RemoteIndicator = 'True';
  if (query.minSalary !== undefined && query.minSalary !== null) {
    params.RemunerationMinimumAmount = String(Math.floor(query.minSalary));
  }
  if (query.datePostedDays !== undefined && query.datePostedDays !== null) {
    params.DatePosted = String(Math.floor(query.datePostedDays));
  }
  // Multi-valued parameters take semicolon-separated values (docs/usajobs-api.md §3).
  if (query.jobCategoryCodes?.length) params.JobCategoryCode = query.jobCategoryCodes.join(';');
  if (query.organizationCodes?.length) params.Organization = query.organizationCodes.join(';');
  if (query.payPlans?.length) params.JobGradeCode = query.payPlans.join(';');
  params.ResultsPerPage = String(USAJOBS_MAX_PAGE_SIZE);
  params.Page = String(page);
  // The default has been "full" since 2021, but 2016 defaulted to a minimal Details block.
  params.Fields = 'Full';
  return params;
}

/** Trimmed, every inner run of whitespace one space: `"  data   engineering "` goes out as `data+engineering`. */
function singleSpaced(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

/**
 * How many pages a query has, from the count and the page size the server actually used. `NumberOfPages` is not
 * used: it has been computed at 25 a page whatever was asked.
 *
 * @param countAll - `SearchResultCountAll`
 * @param pageSize - items on page 1
 * @param resultCap - the result cap (USAJOBS': 10,000)
 * @returns at least 1; never more than the cap allows
 */
export function plannedPageCount(countAll: number, pageSize: number, resultCap = USAJOBS_RESULT_CAP): number {
  if (!(pageSize > 0)) return 1;
  return Math.max(1, Math.ceil(Math.min(countAll, resultCap) / pageSize));
}

/**
 * Wait before retry `attempt + 1`: exponential from {@link BACKOFF_BASE_MS}, capped at {@link BACKOFF_CAP_MS},
 * with "equal jitter" (half fixed so retries never bunch near zero, half random so clients spread out).
 *
 * @param attempt - the attempt that just failed, 1-based
 * @param random - jitter source in [0, 1)
 * @returns milliseconds to wait
 */
export function backoffDelayMs(attempt: number, random: () => number = Math.random): number {
  const step = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + (random() * step) / 2);
}

/**
 * Reads a `Retry-After` header: delay-seconds or an HTTP date.
 *
 * @param value - the header value
 * @param nowMs - wall-clock time to measure an HTTP date against
 * @returns milliseconds to wait, capped at {@link RETRY_AFTER_CAP_MS}; `undefined` when absent or unreadable
 */
export function parseRetryAfterMs(value: string | undefined, nowMs: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.min(RETRY_AFTER_CAP_MS, Math.round(Number(text) * 1000));
  // Date.parse is lenient ("-5" is a year); accept only what looks like an HTTP date (month name and a clock time).
  if (
    !/\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\b/i.test(text) ||
    !/\d{1,2}:\d{2}:\d{2}/.test(text)
  ) {
    return undefined;
  }
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.min(RETRY_AFTER_CAP_MS, Math.max(0, at - nowMs));
}

/** The observer's name for how an attempt ended. */
function outcomeOf(outcome: AttemptSuccess<unknown> | AttemptFailure): UsajobsAttemptOutcome {
  if (outcome.ok) return 'success';
  switch (outcome.code) {
    case 'USAJOBS_AUTH_FAILED':
      return 'auth_failed';
    case 'USAJOBS_BAD_REQUEST':
      return 'bad_request';
    case 'USAJOBS_BAD_RESPONSE':
      return 'bad_response';
    case 'UPSTREAM_UNAVAILABLE':
      if (outcome.status === 429) return 'rate_limited';
      if (outcome.status !== undefined && outcome.status >= 500) return 'server_error';
      // A 2xx with an empty or unreadable body.
      if (outcome.status !== undefined) return 'bad_response';
      return outcome.timedOut ? 'timeout' : 'network_error';
  }
}

function transient(reason: string, cause: unknown, status?: number): AttemptFailure {
  return { ok: false, retryable: true, code: 'UPSTREAM_UNAVAILABLE', reason, cause, status };
}

function isCodeListResponse(body: unknown): body is CodeListResponse {
  if (typeof body !== 'object' || body === null) return false;
  const lists = (body as { CodeList?: unknown }).CodeList;
  return (
    Array.isArray(lists) &&
    lists.every(
      (list) =>
        typeof list === 'object' &&
        list !== null &&
        Array.isArray((list as { ValidValue?: unknown }).ValidValue),
    )
  );
}

function isSearchResponse(body: unknown): body is SearchResponse {
  if (typeof body !== 'object' || body === null) return false;
  const result = (body as { SearchResult?: unknown }).SearchResult;
  if (typeof result !== 'object' || result === null) return false;
  const { SearchResultItems, SearchResultCountAll } = result as Record<string, unknown>;
  return Array.isArray(SearchResultItems) && readCount(SearchResultCountAll) !== undefined;
}

/** Counts are numbers in every capture; a numeric string is accepted as the API types numbers loosely elsewhere. */
function readCount(value: unknown): number | undefined {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && value.trim() !== ''
        ? Number(value)
        : NaN;
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

function headerValue(headers: AxiosResponse['headers'], name: string): string | undefined {
  const value: unknown = headers[name];
  if (Array.isArray(value)) return value.length > 0 ? String(value[0]) : undefined;
  return value === undefined || value === null ? undefined : String(value);
}

function snippet(text: string): string {
  return text.slice(0, 200);
}

/** A body, read: by the search reader, or as text. */
interface ReadBody {
  reader: SearchBodyReader | null;
  text?: string;
}

/** The body went past the size limit. */
class BodyTooLargeError extends Error {
  constructor(limit: number) {
    super(`the body exceeds ${limit} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/**
 * Reads a response body to its end: into `reader` as it arrives, or as UTF-8 text (without a byte order mark).
 *
 * @throws BodyTooLargeError past `limit` bytes, SyntaxError when `reader` finds an item that is not JSON, and what
 *   the stream throws (the connection dropped, the request aborted)
 */
async function readBody(stream: Readable, reader: SearchBodyReader | null, limit: number): Promise<ReadBody> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  // Leaving the loop early (a throw) destroys the stream, which closes the connection.
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    if (bytes > limit) throw new BodyTooLargeError(limit);
    if (reader) reader.write(chunk);
    else chunks.push(chunk);
  }
  if (reader) return { reader };
  const text = Buffer.concat(chunks).toString('utf8');
  return { reader: null, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

/** An error of the connection while the body was read (the server dropped it). */
function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    typeof code === 'string' &&
    (code.startsWith('E') || code === 'ERR_STREAM_PREMATURE_CLOSE' || code === 'ERR_BAD_RESPONSE')
  );
}

/**
 * An axios error drags the request config (with the Authorization-Key header) and the raw socket along; logging
 * it would leak the key. Keep what explains the failure and nothing else.
 */
function safeCause(error: unknown, apiKey: string): unknown {
  if (!isAxiosError(error)) return error;
  const redacted = apiKey === '' ? error.message : error.message.split(apiKey).join('[redacted]');
  const cause = new Error(redacted) as Error & { code?: string };
  cause.name = error.name;
  if (error.code !== undefined) cause.code = error.code;
  return cause;
}

function defaultSleep(ms: number): Promise<void> {
  return ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms));
}
