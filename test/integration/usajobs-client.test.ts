import { inspect } from 'node:util';

import axios from 'axios';

import { loadConfig } from '../../src/config';
import { createLogger, type Logger } from '../../src/logger';
import {
  createUsajobsClient,
  type SearchPage,
  type SearchQuery,
  UsajobsClient,
  type UsajobsClientOptions,
} from '../../src/usajobs/usajobs.client';
import { MissingCredentialsError, UsajobsError } from '../../src/usajobs/usajobs.errors';
import {
  DOUBLE_API_KEY,
  DOUBLE_USER_AGENT,
  onPage,
  onRemoteSearch,
  startUsajobsDouble,
  type UsajobsDouble,
  type UsajobsFault,
} from '../support/usajobs-double';
import { buildChicagoFixture, generateItems } from '../support/usajobs-fixtures';

/** A logger whose lines land in an array, so tests can read what was logged (and nothing hits the console). */
function memoryLogger(): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const logger = createLogger('debug', { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger, lines };
}

interface Harness {
  client: UsajobsClient;
  sleeps: number[];
  lines: Array<Record<string, unknown>>;
}

function clientFor(double: UsajobsDouble, overrides: Partial<UsajobsClientOptions> = {}): Harness {
  const sleeps: number[] = [];
  const { logger, lines } = memoryLogger();
  const client = new UsajobsClient(axios.create({ baseURL: double.url, proxy: false }), {
    apiKey: DOUBLE_API_KEY,
    userAgent: DOUBLE_USER_AGENT,
    maxAttempts: 4,
    timeoutMs: 2_000,
    requestIntervalMs: 0,
    logger,
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0.5,
    ...overrides,
  });
  return { client, sleeps, lines };
}

async function readAll(pages: AsyncIterable<SearchPage>): Promise<SearchPage[]> {
  const result: SearchPage[] = [];
  for await (const page of pages) result.push(page);
  return result;
}

async function searchError(client: UsajobsClient, query: SearchQuery = DATA): Promise<UsajobsError> {
  try {
    await readAll(client.search(query));
  } catch (error) {
    if (error instanceof UsajobsError) return error;
    throw error;
  }
  throw new Error('the search did not fail');
}

const DATA: SearchQuery = { keyword: 'data' };
const allIds = (pages: SearchPage[]): string[] => pages.flatMap((p) => p.items.map((i) => i.MatchedObjectId));

describe('UsajobsClient against the USAJOBS double', () => {
  let double: UsajobsDouble;
  const twenty = generateItems(20, { seed: 7, titles: ['Data Engineer'] });

  beforeEach(async () => {
    double = await startUsajobsDouble({ items: twenty, maxPageSize: 7 });
  });
  afterEach(async () => {
    await double.close();
  });

  describe('paging', () => {
    it('when the server serves fewer items per page than asked, then every item arrives and no extra page is requested', async () => {
      const { client } = clientFor(double);

      const pages = await readAll(client.search(DATA));

      expect(pages.map((p) => p.items.length)).toEqual([7, 7, 6]);
      expect(allIds(pages)).toEqual(twenty.map((i) => i.MatchedObjectId));
      expect(double.requests.map((r) => [r.query.Page, r.query.ResultsPerPage])).toEqual([
        ['1', '500'],
        ['2', '500'],
        ['3', '500'],
      ]);
      expect(pages.every((p) => p.countAll === 20 && !p.capped)).toBe(true);
    });

    it('when a search maps its items, then every item is mapped once, in order, and paging is the same', async () => {
      const { client } = clientFor(double);
      const mapped: string[] = [];
      const pages: { items: string[] }[] = [];
      for await (const page of client.searchMapped(DATA, (item) => `id ${item.MatchedObjectId}`)) {
        pages.push(page);
        mapped.push(...page.items);
      }
      expect(pages.map((p) => p.items.length)).toEqual([7, 7, 6]);
      expect(mapped).toEqual(twenty.map((i) => `id ${i.MatchedObjectId}`));
    });

    it('when NumberOfPages understates the pages, then the client pages by the count instead', async () => {
      const lie: UsajobsFault = {
        kind: 'rewrite',
        rewrite: (body) => ({
          ...body,
          SearchResult: { ...body.SearchResult, UserArea: { NumberOfPages: '1' } },
        }),
      };
      double.failNext(3, lie);
      const { client } = clientFor(double);

      const pages = await readAll(client.search(DATA));

      expect(allIds(pages)).toHaveLength(20);
    });

    it('when a later page is shorter than the first although the count promises more, then paging stops there', async () => {
      const inflated: UsajobsFault = {
        kind: 'rewrite',
        rewrite: (body) => ({ ...body, SearchResult: { ...body.SearchResult, SearchResultCountAll: 100 } }),
      };
      double.failNext(10, inflated);
      const { client } = clientFor(double);

      const pages = await readAll(client.search(DATA));

      expect(pages.map((p) => p.items.length)).toEqual([7, 7, 6]);
      expect(double.requests).toHaveLength(3);
    });

    it('when a page comes back empty, then paging stops', async () => {
      double.setItems(twenty.slice(0, 14));
      double.failNext(10, {
        kind: 'rewrite',
        rewrite: (body) => ({ ...body, SearchResult: { ...body.SearchResult, SearchResultCountAll: 100 } }),
      });
      const { client } = clientFor(double);

      const pages = await readAll(client.search(DATA));

      expect(pages.map((p) => p.items.length)).toEqual([7, 7, 0]);
      expect(double.requests).toHaveLength(3);
    });

    it('when maxPages is set, then no more pages than that are requested', async () => {
      const { client } = clientFor(double);

      const pages = await readAll(client.search(DATA, { maxPages: 2 }));

      expect(pages.map((p) => p.page)).toEqual([1, 2]);
      expect(double.requests).toHaveLength(2);
    });

    it('when nothing matches, then one empty page with a zero count is yielded', async () => {
      const { client } = clientFor(double);

      const pages = await readAll(client.search({ keyword: 'astronaut' }));

      expect(pages).toEqual([{ page: 1, items: [], countAll: 0, capped: false }]);
      expect(double.requests).toHaveLength(1);
    });

    it('when the query reaches the 10,000-result cap, then pages are flagged capped and a warning is logged', async () => {
      double.setItems(generateItems(10_001, { seed: 3, titles: ['Data Scientist'] }));
      const { client, lines } = clientFor(double);

      const pages = await readAll(client.search(DATA, { maxPages: 1 }));

      expect(pages[0]).toMatchObject({ countAll: 10_000, capped: true });
      expect(lines.filter((l) => l.level === 40).map((l) => l.msg)).toEqual([
        expect.stringContaining('10,000-result cap'),
      ]);
    });
  });

  describe('requests', () => {
    it('when every filter is set, then the query parameters and credential headers are sent', async () => {
      const { client } = clientFor(double);

      await readAll(
        client.search({
          keyword: 'data engineering',
          locationName: 'Chicago, Illinois',
          radiusMiles: 50,
          remote: true,
          minSalary: 80_000,
          datePostedDays: 7,
          jobCategoryCodes: ['2210', '1550'],
          organizationCodes: ['TR'],
          payPlans: ['GS', 'GG'],
        }),
      );

      const [request] = double.requests;
      expect(request?.path).toBe('/api/Search');
      expect(request?.query).toEqual({
        Keyword: 'data engineering',
        LocationName: 'Chicago, Illinois',
        Radius: '50',
        RemoteIndicator: 'True',
        RemunerationMinimumAmount: '80000',
        DatePosted: '7',
        JobCategoryCode: '2210;1550',
        Organization: 'TR',
        JobGradeCode: 'GS;GG',
        ResultsPerPage: '500',
        Page: '1',
        Fields: 'Full',
      });
      expect(request?.headers['authorization-key']).toBe(DOUBLE_API_KEY);
      expect(request?.headers['user-agent']).toBe(DOUBLE_USER_AGENT);
      expect(request?.headers.accept).toContain('application/hr+json');
    });

    it('when the keyword holds runs of whitespace, then USAJOBS receives single spaces (data+engineering, not data+++engineering)', async () => {
      const { client } = clientFor(double);

      await readAll(client.search({ keyword: '  data   engineering ', locationName: 'Chicago,   Illinois' }));

      expect(double.requests[0]?.query).toMatchObject({
        Keyword: 'data engineering',
        LocationName: 'Chicago, Illinois',
      });
    });

    it('when searching around Chicago and then for remote jobs, then each search returns its part of the fixture', async () => {
      const fixture = buildChicagoFixture({ today: '2025-09-03' });
      double.setItems(fixture.items);
      const { client } = clientFor(double);

      const local = allIds(
        await readAll(
          client.search({ keyword: 'data engineering', locationName: 'Chicago, Illinois', radiusMiles: 50 }),
        ),
      );
      const remote = allIds(await readAll(client.search({ keyword: 'data engineering', remote: true })));

      const nearbyWithKeyword = fixture.ids.nearby.filter((id) => fixture.ids.keyword.includes(id));
      expect(local.sort()).toEqual(nearbyWithKeyword.sort());
      expect(remote.sort()).toEqual([...fixture.ids.remote].sort());
    });
  });

  describe('code lists', () => {
    it('when a code list is read, then its codes come back with retired ones marked, after retrying a 503', async () => {
      const lists = await startUsajobsDouble({
        items: [],
        codeLists: {
          occupationalseries: [
            { Code: '2210', Value: 'Information Technology Management' },
            { Code: '0334', Value: 'Computer Specialist', IsDisabled: 'Yes' },
          ],
        },
      });
      try {
        lists.failNext(1, { kind: 'status', status: 503 });
        const { client, sleeps } = clientFor(lists);
        expect(await client.codeList('occupationalseries')).toEqual([
          { code: '2210', value: 'Information Technology Management', disabled: false },
          { code: '0334', value: 'Computer Specialist', disabled: true },
        ]);
        expect(sleeps).toHaveLength(1);
        expect(lists.requests.map((r) => r.path)).toEqual([
          '/api/codelist/occupationalseries',
          '/api/codelist/occupationalseries',
        ]);
      } finally {
        await lists.close();
      }
    });

    it('when the code list does not exist, then USAJOBS_BAD_REQUEST names the endpoint', async () => {
      const { client } = clientFor(double);
      await expect(client.codeList('nosuchlist')).rejects.toMatchObject({
        code: 'USAJOBS_BAD_REQUEST',
        endpoint: 'GET /api/codelist/nosuchlist',
      });
    });
  });

  describe('faults that are retried', () => {
    it('when USAJOBS answers 429 with Retry-After in seconds, then the client waits that long and carries on', async () => {
      double.failNext(1, { kind: 'status', status: 429, retryAfter: '2' });
      const { client, sleeps } = clientFor(double);

      const pages = await readAll(client.search(DATA));

      expect(sleeps).toEqual([2_000]);
      expect(allIds(pages)).toHaveLength(20);
      expect(double.requests).toHaveLength(4);
    });

    it('when USAJOBS answers 429 with Retry-After as an HTTP date, then the client waits until then', async () => {
      const at = new Date(Date.now() + 5_000);
      double.failNext(1, { kind: 'status', status: 429, retryAfter: at.toUTCString() });
      const { client, sleeps } = clientFor(double);

      await readAll(client.search(DATA));

      expect(sleeps).toHaveLength(1);
      // HTTP dates have whole seconds: up to one second is lost in the rounding.
      expect(sleeps[0]).toBeGreaterThan(3_500);
      expect(sleeps[0]).toBeLessThanOrEqual(5_000);
    });

    it('when Retry-After asks for an hour, then the wait is capped at a minute', async () => {
      double.failNext(1, { kind: 'status', status: 503, retryAfter: '3600' });
      const { client, sleeps } = clientFor(double);

      await readAll(client.search(DATA));

      expect(sleeps).toEqual([60_000]);
    });

    it('when USAJOBS answers 503 twice, then the client backs off exponentially, logs each retry and recovers', async () => {
      double.failNext(2, { kind: 'status', status: 503 });
      const { client, sleeps, lines } = clientFor(double);

      const pages = await readAll(client.search(DATA));

      expect(allIds(pages)).toHaveLength(20);
      // random() = 0.5: three quarters of 500 ms, then of 1,000 ms.
      expect(sleeps).toEqual([375, 750]);
      const warnings = lines.filter((l) => l.level === 40);
      expect(warnings.map((w) => [w.page, w.attempt, w.status])).toEqual([
        [1, 1, 503],
        [1, 2, 503],
      ]);
      expect(JSON.stringify(lines)).not.toContain(DOUBLE_API_KEY);
    });

    it('when a response is slower than the timeout, then the attempt is abandoned and retried', async () => {
      double.failNext(1, { kind: 'delay', ms: 1_000 });
      const { client, lines } = clientFor(double, { timeoutMs: 200 });

      const pages = await readAll(client.search(DATA));

      expect(allIds(pages)).toHaveLength(20);
      expect(lines.find((l) => l.level === 40)?.reason).toBe('timed out after 200 ms');
    });

    it.each<[string, UsajobsFault]>([
      ['malformed JSON', { kind: 'malformed' }],
      ['a truncated body', { kind: 'truncated' }],
      ['an empty 200 body', { kind: 'empty' }],
      ['a connection dropped mid-body', { kind: 'drop' }],
      ['HTTP 500', { kind: 'status', status: 500 }],
      ['HTTP 502', { kind: 'status', status: 502 }],
    ])(
      'when page 2 first comes back as %s, then it is retried and every item still arrives',
      async (_, fault) => {
        double.failNext(1, fault, onPage(2));
        const { client, sleeps } = clientFor(double);

        const pages = await readAll(client.search(DATA));

        expect(allIds(pages)).toEqual(twenty.map((i) => i.MatchedObjectId));
        expect(double.requests.map((r) => r.page)).toEqual([1, 2, 2, 3]);
        expect(sleeps).toHaveLength(1);
      },
    );

    it('when a fault targets the remote search only, then the location search is untouched', async () => {
      double.setItems(buildChicagoFixture().items);
      double.failNext(1, { kind: 'status', status: 503 }, onRemoteSearch);
      const { client, sleeps } = clientFor(double);

      await readAll(client.search({ keyword: 'data', locationName: 'Chicago, Illinois', radiusMiles: 50 }));
      expect(sleeps).toEqual([]);
      await readAll(client.search({ keyword: 'data', remote: true }));
      expect(sleeps).toHaveLength(1);
    });
  });

  describe('failures', () => {
    it('when USAJOBS keeps answering 503, then the search fails with UPSTREAM_UNAVAILABLE after maxAttempts', async () => {
      double.failNext(100, { kind: 'status', status: 503 }, onPage(2));
      const { client } = clientFor(double, { maxAttempts: 3 });

      const error = await searchError(client);

      expect(error).toMatchObject({
        code: 'UPSTREAM_UNAVAILABLE',
        endpoint: 'GET /api/Search',
        page: 2,
        attempt: 3,
        status: 503,
      });
      expect(error.message).toContain('page 2 failed after 3 attempt(s)');
      expect(error.cause).toBeInstanceOf(Error);
      expect(double.requests.map((r) => r.page)).toEqual([1, 2, 2, 2]);
    });

    it('when every attempt times out, then the error says so and keeps the cause', async () => {
      double.failNext(100, { kind: 'delay', ms: 1_000 });
      const { client } = clientFor(double, { maxAttempts: 2, timeoutMs: 100 });

      const error = await searchError(client);

      expect(error).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', page: 1, attempt: 2 });
      expect(error.status).toBeUndefined();
      expect(error.message).toContain('timed out after 100 ms');
      expect(error.cause).toBeDefined();
    });

    it('when nothing listens on the port, then connection errors are retried and reported as UPSTREAM_UNAVAILABLE', async () => {
      const gone = await startUsajobsDouble({ items: [] });
      await gone.close();
      const { client, sleeps } = clientFor(gone, { maxAttempts: 2 });

      const error = await searchError(client);

      expect(error).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', attempt: 2 });
      expect(error.message).toContain('ECONNREFUSED');
      expect(sleeps).toHaveLength(1);
    });

    it('when the API key is wrong, then the search fails with USAJOBS_AUTH_FAILED at once and the key is not shown', async () => {
      const wrongKey = 'wrong-key-that-must-stay-secret';
      const { client, sleeps } = clientFor(double, { apiKey: wrongKey });

      const error = await searchError(client);

      expect(error).toMatchObject({ code: 'USAJOBS_AUTH_FAILED', status: 401, page: 1, attempt: 1 });
      expect(error.message).toMatch(/credentials.*USAJOBS_API_KEY.*USAJOBS_USER_AGENT/);
      expect(inspect(error, { depth: 10 })).not.toContain(wrongKey);
      expect(double.requests).toHaveLength(1);
      expect(sleeps).toEqual([]);
    });

    it('when the e-mail is not the registered one, then the search fails with USAJOBS_AUTH_FAILED', async () => {
      const { client } = clientFor(double, { userAgent: 'someone-else@example.gov' });

      await expect(searchError(client)).resolves.toMatchObject({ code: 'USAJOBS_AUTH_FAILED' });
    });

    it('when USAJOBS answers 403, then it is an authentication failure and not retried', async () => {
      double.failNext(1, { kind: 'status', status: 403 });
      const { client } = clientFor(double);

      await expect(searchError(client)).resolves.toMatchObject({ code: 'USAJOBS_AUTH_FAILED', status: 403 });
      expect(double.requests).toHaveLength(1);
    });

    it('when USAJOBS answers 400, then the search fails with USAJOBS_BAD_REQUEST without retrying', async () => {
      double.failNext(1, { kind: 'status', status: 400 });
      const { client, sleeps } = clientFor(double);

      await expect(searchError(client)).resolves.toMatchObject({ code: 'USAJOBS_BAD_REQUEST', status: 400 });
      expect(double.requests).toHaveLength(1);
      expect(sleeps).toEqual([]);
    });

    it('when the body is JSON but not a search response, then the search fails with USAJOBS_BAD_RESPONSE', async () => {
      double.failNext(1, { kind: 'rewrite', rewrite: () => ({ Message: 'An error has occurred.' }) });
      const { client } = clientFor(double);

      await expect(searchError(client)).resolves.toMatchObject({ code: 'USAJOBS_BAD_RESPONSE', status: 200 });
      expect(double.requests).toHaveLength(1);
    });

    it('when any request fails for good, then neither the message nor the logged retries contain the key', async () => {
      double.failNext(100, { kind: 'drop' });
      const { client, lines } = clientFor(double, { maxAttempts: 2 });

      const error = await searchError(client);

      expect(inspect(error, { depth: 10 })).not.toContain(DOUBLE_API_KEY);
      expect(JSON.stringify(lines)).not.toContain(DOUBLE_API_KEY);
    });
  });

  describe('pacing', () => {
    it('when requestIntervalMs is set, then request starts are spaced by at least that much', async () => {
      let clock = 0;
      const sleeps: number[] = [];
      const { client } = clientFor(double, {
        requestIntervalMs: 1_000,
        now: () => clock,
        sleep: async (ms) => {
          sleeps.push(ms);
          clock += ms;
        },
      });

      await readAll(client.search(DATA));

      expect(double.requests).toHaveLength(3);
      expect(sleeps).toEqual([1_000, 1_000]);
    });

    it('when a retry has already waited, then pacing only adds what is missing to the interval', async () => {
      let clock = 0;
      const sleeps: number[] = [];
      double.failNext(1, { kind: 'status', status: 503 });
      const { client } = clientFor(double, {
        requestIntervalMs: 1_000,
        now: () => clock,
        sleep: async (ms) => {
          sleeps.push(ms);
          clock += ms;
        },
      });

      await readAll(client.search(DATA, { maxPages: 1 }));

      // 375 ms of backoff, then 625 ms more to complete the second of spacing.
      expect(sleeps).toEqual([375, 625]);
    });
  });

  describe('createUsajobsClient', () => {
    it('when built from the configuration (aliases API_KEY/API_USER), then it authenticates and reads hr+json pages', async () => {
      const config = loadConfig({
        USAJOBS_BASE_URL: double.url,
        API_KEY: DOUBLE_API_KEY,
        API_USER: DOUBLE_USER_AGENT,
        USAJOBS_REQUEST_INTERVAL_MS: '0',
      });
      const client = createUsajobsClient(config, createLogger('silent'));

      const pages = await readAll(client.search(DATA));

      expect(allIds(pages)).toHaveLength(20);
      expect(double.requests[0]?.headers.accept).toBe('application/hr+json, application/json');
    });

    it('when the key or the e-mail is missing, then MissingCredentialsError names what to set', () => {
      const config = loadConfig({ USAJOBS_BASE_URL: double.url, USAJOBS_USER_AGENT: DOUBLE_USER_AGENT });

      const build = (): UsajobsClient => createUsajobsClient(config, createLogger('silent'));

      expect(build).toThrow(MissingCredentialsError);
      expect(build).toThrow(/USAJOBS_API_KEY.*https:\/\/developer\.usajobs\.gov\/apirequest\//);
      expect(double.requests).toHaveLength(0);
    });
  });
});
