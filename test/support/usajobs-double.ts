import { randomUUID } from 'node:crypto';
import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { parseUsajobsDate } from '../../src/etl/transform';
import type { SearchResponse, SearchResultItem } from '../../src/usajobs/usajobs.types';
import { distanceMiles, KNOWN_LOCATIONS, type KnownLocation } from './usajobs-fixtures';

/**
 * A real HTTP server that behaves like USAJOBS `GET /api/Search`, for tests: header authentication, Keyword,
 * LocationName + Radius, RemoteIndicator, DatePosted, JobCategoryCode, Organization and JobGradeCode (multi-valued,
 * `;`-separated), ResultsPerPage and Page, the result cap (`SearchResultCountAll` clipped at it and no items past
 * it), counts as numbers and `NumberOfPages` as a string, the `application/hr+json` content type. It also serves
 * the code lists `GET /api/codelist/<name>` (no key needed). Faults (status codes, slowness, broken bodies, dropped
 * connections) can be queued per request.
 *
 * Parameters the double does not implement (RemunerationMinimumAmount, Fields, sorting…) are ignored, as USAJOBS
 * ignores unknown ones; they still show in `requests`.
 */

/** Credentials the double accepts unless told otherwise. */
export const DOUBLE_API_KEY = 'test-usajobs-key-0123456789';
export const DOUBLE_USER_AGENT = 'job-seeker@example.gov';

/** Page size USAJOBS uses when `ResultsPerPage` is missing (observed: 25, whatever the docs say). */
export const DOUBLE_DEFAULT_PAGE_SIZE = 25;

/** A fault served instead of (or on top of) a normal answer. */
export type UsajobsFault =
  /** Answer with this status and a problem+json body, e.g. 429 with `retryAfter: '2'`. */
  | { kind: 'status'; status: number; retryAfter?: string }
  /** Answer normally, but only after `ms` (make it longer than the client timeout). */
  | { kind: 'delay'; ms: number }
  /** 200 with a body that is not JSON. */
  | { kind: 'malformed' }
  /** 200 with the first part of a valid body only (Content-Length matches what is sent). */
  | { kind: 'truncated' }
  /** 200 with an empty body. */
  | { kind: 'empty' }
  /** Headers and part of the body, then the socket is destroyed. */
  | { kind: 'drop' }
  /** Answer with whatever `rewrite` makes of the normal body (a string is sent as is). */
  | { kind: 'rewrite'; rewrite: (body: SearchResponse) => unknown };

/** One request as the double received it. */
export interface UsajobsDoubleRequest {
  method: string;
  /** Path without query string. */
  path: string;
  /** Query parameters as sent (last value wins). */
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** `Page` as the double read it (1 when absent). */
  page: number;
  /** The fault served, if any. */
  fault?: UsajobsFault['kind'];
}

/** Chooses the requests a queued fault applies to. */
export type UsajobsRequestPredicate = (request: UsajobsDoubleRequest) => boolean;

/** Options of {@link startUsajobsDouble}. */
export interface UsajobsDoubleOptions {
  /** The postings the double searches, in relevance order. */
  items: SearchResultItem[];
  /** Accepted `Authorization-Key`; default {@link DOUBLE_API_KEY}. */
  apiKey?: string;
  /** Accepted `User-Agent` (the registered e-mail); default {@link DOUBLE_USER_AGENT}. */
  userAgent?: string;
  /** Largest page the server serves, whatever is asked (USAJOBS' own limit is 500). */
  maxPageSize?: number;
  /** Results reachable per query, and the clip of `SearchResultCountAll`; default 10,000. */
  resultCap?: number;
  /**
   * Code lists by name (`occupationalseries`, `agencysubelements`, …). Default: `occupationalseries` lists every
   * JobCategory code of the items and `agencysubelements` every OrganizationCodes part (`TD/TD03` gives TD and TD03).
   */
  codeLists?: Record<string, DoubleCodeListEntry[]>;
  /** The clock `DatePosted` counts back from; default the real one. */
  now?: () => Date;
}

/** One entry of a served code list. */
export interface DoubleCodeListEntry {
  Code: string;
  Value: string;
  IsDisabled?: 'Yes' | 'No';
}

/** A running double. */
export interface UsajobsDouble {
  /** Base URL, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** Every request received, in order (faulted ones included). */
  requests: UsajobsDoubleRequest[];
  /**
   * Serves `fault` to the next `count` requests that match `when` (all requests when omitted). Queued faults are
   * consumed in order; a request takes the first queued fault that matches it.
   */
  failNext(count: number, fault: UsajobsFault, when?: UsajobsRequestPredicate): void;
  /** Faults still queued. */
  pendingFaults(): number;
  /** Drops every queued fault. */
  clearFaults(): void;
  /** Replaces the postings (e.g. between two ETL runs). */
  setItems(items: SearchResultItem[]): void;
  /** Stops the server and cuts open connections. */
  close(): Promise<void>;
}

/** Predicate: the request asks for page `page`. */
export function onPage(page: number): UsajobsRequestPredicate {
  return (request) => request.page === page;
}

/** Predicate: the request is a remote search (`RemoteIndicator=True`). */
export const onRemoteSearch: UsajobsRequestPredicate = (request) =>
  /^true$/i.test(param(request.query, 'RemoteIndicator') ?? '');

/** Predicate: the request is a search (not a code list). */
export const onSearch: UsajobsRequestPredicate = (request) => request.path.toLowerCase() === '/api/search';

/** Predicate: the request is a location search (`LocationName` set). */
export const onLocationSearch: UsajobsRequestPredicate = (request) =>
  (param(request.query, 'LocationName') ?? '') !== '';

interface QueuedFault {
  remaining: number;
  fault: UsajobsFault;
  when?: UsajobsRequestPredicate;
}

/**
 * Starts the double on 127.0.0.1, on a free port.
 *
 * @param options - items, credentials, page-size limit and result cap
 * @returns the running double; call `close()` when done
 */
export async function startUsajobsDouble(options: UsajobsDoubleOptions): Promise<UsajobsDouble> {
  const apiKey = options.apiKey ?? DOUBLE_API_KEY;
  const userAgent = options.userAgent ?? DOUBLE_USER_AGENT;
  const maxPageSize = Math.min(500, options.maxPageSize ?? 500);
  const resultCap = options.resultCap ?? 10_000;
  const now = options.now ?? (() => new Date());
  let items = options.items;
  const requests: UsajobsDoubleRequest[] = [];
  const queue: QueuedFault[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const takeFault = (request: UsajobsDoubleRequest): UsajobsFault | undefined => {
    const index = queue.findIndex((entry) => entry.when === undefined || entry.when(request));
    if (index < 0) return undefined;
    const entry = queue[index] as QueuedFault;
    entry.remaining -= 1;
    if (entry.remaining <= 0) queue.splice(index, 1);
    return entry.fault;
  };

  const answer = (query: Record<string, string>): SearchResponse =>
    search(items, query, { maxPageSize, resultCap, now: now() });

  const server = http.createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://double.invalid');
    const query = Object.fromEntries(url.searchParams.entries());
    const request: UsajobsDoubleRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query,
      headers: req.headers,
      page: positiveInt(param(query, 'Page')) ?? 1,
    };
    requests.push(request);
    // Drain the request so keep-alive connections stay usable.
    req.resume();

    const codeList = /^\/api\/codelist\/([a-z]+)$/i.exec(url.pathname)?.[1]?.toLowerCase();
    if (request.method === 'GET' && codeList !== undefined) {
      const fault = takeFault(request);
      if (fault?.kind === 'status') {
        request.fault = fault.kind;
        sendProblem(res, fault.status, statusTitle(fault.status), fault.retryAfter);
        return;
      }
      const entries = options.codeLists?.[codeList] ?? derivedCodeList(items, codeList);
      if (entries === undefined) sendProblem(res, 404, 'Not Found');
      else sendJson(res, 200, JSON.stringify(codeListBody(codeList, entries)));
      return;
    }
    if (request.method !== 'GET' || url.pathname.toLowerCase() !== '/api/search') {
      sendProblem(res, 404, 'Not Found');
      return;
    }
    const fault = takeFault(request);
    if (fault) request.fault = fault.kind;
    const authorised = req.headers['authorization-key'] === apiKey && req.headers['user-agent'] === userAgent;

    const respond = (): void => {
      if (!authorised) {
        // USAJOBS validates the key (not just its presence) and answers with problem+json.
        sendProblem(res, 401, 'Unauthorized');
        return;
      }
      sendJson(res, 200, JSON.stringify(answer(query)));
    };

    switch (fault?.kind) {
      case undefined:
        respond();
        return;
      case 'status':
        sendProblem(res, fault.status, statusTitle(fault.status), fault.retryAfter);
        return;
      case 'delay': {
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!res.destroyed && !res.writableEnded) respond();
        }, fault.ms);
        timers.add(timer);
        return;
      }
      case 'malformed':
        sendJson(
          res,
          200,
          '{"LanguageCode":"EN","SearchResult":{"SearchResultCount":1,,"SearchResultItems":[}',
        );
        return;
      case 'truncated': {
        const body = JSON.stringify(answer(query));
        sendJson(res, 200, body.slice(0, Math.max(1, Math.floor(body.length / 2))));
        return;
      }
      case 'empty':
        sendJson(res, 200, '');
        return;
      case 'drop': {
        const body = Buffer.from(JSON.stringify(answer(query)));
        res.writeHead(200, { 'Content-Type': HR_JSON, 'Content-Length': body.length });
        res.write(body.subarray(0, Math.floor(body.length / 2)), () => {
          setImmediate(() => res.socket?.destroy());
        });
        return;
      }
      case 'rewrite': {
        const rewritten = fault.rewrite(answer(query));
        sendJson(res, 200, typeof rewritten === 'string' ? rewritten : JSON.stringify(rewritten));
        return;
      }
    }
  });
  server.keepAliveTimeout = 1_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failNext(count, fault, when) {
      if (count > 0) queue.push({ remaining: count, fault, when });
    },
    pendingFaults: () => queue.reduce((sum, entry) => sum + entry.remaining, 0),
    clearFaults() {
      queue.length = 0;
    },
    setItems(next) {
      items = next;
    },
    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}

const HR_JSON = 'application/hr+json; charset=utf-8';

/** Query parameter names are case-insensitive at USAJOBS. */
function param(query: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(query).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : query[key];
}

function positiveInt(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value.trim())) return undefined;
  const n = Number(value);
  return n >= 1 ? n : undefined;
}

/**
 * The search itself: filters, cap and paging. Exported for tests of the double's semantics.
 *
 * @param items - all postings, in relevance order
 * @param query - query parameters
 * @param limits - server page-size maximum and result cap
 * @returns the response body USAJOBS would send
 */
export function search(
  items: readonly SearchResultItem[],
  query: Record<string, string>,
  limits: { maxPageSize: number; resultCap: number; now?: Date },
): SearchResponse {
  const keywords = (param(query, 'Keyword') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const locationNames = (param(query, 'LocationName') ?? '')
    .split(';')
    .map((name) => name.trim())
    .filter(Boolean);
  const radius = Number(param(query, 'Radius') ?? '0');
  const remote = param(query, 'RemoteIndicator');
  const datePosted = param(query, 'DatePosted');
  const postedSince =
    datePosted !== undefined && /^\d+$/.test(datePosted.trim())
      ? (limits.now ?? new Date()).getTime() - Number(datePosted) * DAY_MS
      : undefined;
  const series = multiValue(query, 'JobCategoryCode');
  const organizations = multiValue(query, 'Organization');
  const payPlans = multiValue(query, 'JobGradeCode');

  const matched = items.filter(
    (item) =>
      matchesKeywords(item, keywords) &&
      (locationNames.length === 0 ||
        matchesLocation(item, locationNames, Number.isFinite(radius) ? radius : 0)) &&
      (remote === undefined || isRemote(item) === /^true$/i.test(remote)) &&
      (postedSince === undefined || postedAt(item) >= postedSince) &&
      anyOf(series, categoryCodes(item)) &&
      anyOf(organizations, organizationCodes(item)) &&
      anyOf(payPlans, payPlanCodes(item)),
  );
  const reachable = matched.slice(0, limits.resultCap);
  const pageSize = Math.min(
    positiveInt(param(query, 'ResultsPerPage')) ?? DOUBLE_DEFAULT_PAGE_SIZE,
    500,
    limits.maxPageSize,
  );
  const page = positiveInt(param(query, 'Page')) ?? 1;
  const pageItems = reachable.slice((page - 1) * pageSize, page * pageSize);
  const radial = locationNames.length > 0 && param(query, 'Radius') !== undefined;

  return {
    LanguageCode: 'EN',
    SearchParameters: {},
    SearchResult: {
      SearchResultCount: pageItems.length,
      SearchResultCountAll: reachable.length,
      SearchResultItems: pageItems,
      UserArea: {
        NumberOfPages: String(Math.ceil(reachable.length / pageSize)),
        IsRadialSearch: radial,
        ...(radial ? { ResolvedLocation: locationNames } : {}),
      },
    },
  };
}

const DAY_MS = 86_400_000;

/** A `;`-separated parameter's values, upper-cased; none when absent. */
function multiValue(query: Record<string, string>, name: string): string[] {
  return (param(query, name) ?? '')
    .split(';')
    .map((value) => value.trim().toUpperCase())
    .filter(Boolean);
}

/** No values asked for, or one of them present. */
function anyOf(wanted: string[], present: string[]): boolean {
  return wanted.length === 0 || present.some((value) => wanted.includes(value.toUpperCase()));
}

/** PublicationStartDate in ms, read as the ETL reads it; 0 when unreadable. */
function postedAt(item: SearchResultItem): number {
  return parseUsajobsDate(item.MatchedObjectDescriptor.PublicationStartDate)?.getTime() ?? 0;
}

function categoryCodes(item: SearchResultItem): string[] {
  return (item.MatchedObjectDescriptor.JobCategory ?? [])
    .map((c) => String(c.Code ?? '').trim())
    .filter(Boolean);
}

function organizationCodes(item: SearchResultItem): string[] {
  const raw = item.MatchedObjectDescriptor.UserArea?.Details?.OrganizationCodes;
  return String(raw ?? '')
    .split('/')
    .map((code) => code.trim())
    .filter(Boolean);
}

function payPlanCodes(item: SearchResultItem): string[] {
  return (item.MatchedObjectDescriptor.JobGrade ?? [])
    .map((g) => String(g.Code ?? '').trim())
    .filter(Boolean);
}

/** The default code lists, from the items themselves (see {@link UsajobsDoubleOptions.codeLists}). */
function derivedCodeList(
  items: readonly SearchResultItem[],
  name: string,
): DoubleCodeListEntry[] | undefined {
  const byCode = new Map<string, string>();
  if (name === 'occupationalseries') {
    for (const item of items) {
      for (const c of item.MatchedObjectDescriptor.JobCategory ?? []) {
        const code = String(c.Code ?? '').trim();
        if (code !== '') byCode.set(code, String(c.Name ?? code));
      }
    }
  } else if (name === 'agencysubelements') {
    for (const item of items) for (const code of organizationCodes(item)) byCode.set(code, code);
  } else {
    return undefined;
  }
  return [...byCode]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([Code, Value]) => ({ Code, Value, IsDisabled: 'No' }));
}

function codeListBody(name: string, entries: DoubleCodeListEntry[]): unknown {
  return {
    CodeList: [
      {
        ValidValue: entries.map((entry) => ({
          Code: entry.Code,
          Value: entry.Value,
          IsDisabled: entry.IsDisabled ?? 'No',
          LastModified: '2024-07-01T00:00:00',
        })),
        id: name,
      },
    ],
    DateGenerated: '2024-07-01T00:00:00Z',
  };
}

function matchesKeywords(item: SearchResultItem, keywords: string[]): boolean {
  if (keywords.length === 0) return true;
  const d = item.MatchedObjectDescriptor;
  const haystack = [d.PositionTitle, d.UserArea?.Details?.JobSummary, d.OrganizationName]
    .map((value) => (typeof value === 'string' ? value : ''))
    .join('\n')
    .toLowerCase();
  return keywords.every((word) => haystack.includes(word));
}

function matchesLocation(item: SearchResultItem, names: string[], radiusMiles: number): boolean {
  const centres = names.map(gazetteer).filter((place): place is KnownLocation => place !== undefined);
  if (centres.length === 0) return false;
  return (item.MatchedObjectDescriptor.PositionLocation ?? []).some((location) => {
    const name = String(location.LocationName ?? '')
      .trim()
      .toLowerCase();
    if (centres.some((centre) => centre.name.toLowerCase() === name)) return true;
    const latitude = Number(location.Latitude);
    const longitude = Number(location.Longitude);
    // 0/0 marks "negotiable" entries; they are nowhere.
    if (!Number.isFinite(latitude) || !Number.isFinite(longitude) || (latitude === 0 && longitude === 0))
      return false;
    return centres.some((centre) => distanceMiles(centre, { latitude, longitude }) <= radiusMiles);
  });
}

function gazetteer(name: string): KnownLocation | undefined {
  return KNOWN_LOCATIONS.find((place) => place.name.toLowerCase() === name.toLowerCase());
}

function isRemote(item: SearchResultItem): boolean {
  const value = item.MatchedObjectDescriptor.UserArea?.Details?.RemoteIndicator;
  return value === true || (typeof value === 'string' && /^true$/i.test(value));
}

function sendJson(res: ServerResponse, status: number, body: string): void {
  const bytes = Buffer.from(body);
  res.writeHead(status, { 'Content-Type': HR_JSON, 'Content-Length': bytes.length });
  res.end(bytes);
}

function sendProblem(res: ServerResponse, status: number, title: string, retryAfter?: string): void {
  const body = Buffer.from(
    JSON.stringify({ type: `https://httpstatuses.io/${status}`, title, status, traceId: randomUUID() }),
  );
  const headers: http.OutgoingHttpHeaders = {
    'Content-Type': 'application/problem+json',
    'Content-Length': body.length,
  };
  if (retryAfter !== undefined) headers['Retry-After'] = retryAfter;
  res.writeHead(status, headers);
  res.end(body);
}

function statusTitle(status: number): string {
  return http.STATUS_CODES[status] ?? 'Error';
}
