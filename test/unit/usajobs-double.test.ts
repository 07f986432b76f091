import type { SearchResponse } from '../../src/usajobs/usajobs.types';
import {
  DOUBLE_API_KEY,
  DOUBLE_USER_AGENT,
  onPage,
  startUsajobsDouble,
  type UsajobsDouble,
} from '../support/usajobs-double';
import { buildChicagoFixture, generateItems, loadSampleItems } from '../support/usajobs-fixtures';

const CREDENTIALS = { 'Authorization-Key': DOUBLE_API_KEY, 'User-Agent': DOUBLE_USER_AGENT };

async function get(
  double: UsajobsDouble,
  query: Record<string, string>,
  headers = CREDENTIALS,
): Promise<Response> {
  return fetch(`${double.url}/api/Search?${new URLSearchParams(query).toString()}`, { headers });
}

async function search(double: UsajobsDouble, query: Record<string, string>): Promise<SearchResponse> {
  const response = await get(double, query);
  expect(response.status).toBe(200);
  return (await response.json()) as SearchResponse;
}

const ids = (body: SearchResponse): string[] =>
  body.SearchResult.SearchResultItems.map((i) => i.MatchedObjectId);

describe('USAJOBS test double', () => {
  const fixture = buildChicagoFixture({ today: '2025-09-03' });
  let double: UsajobsDouble;

  beforeEach(async () => {
    double = await startUsajobsDouble({ items: fixture.items });
  });
  afterEach(async () => {
    await double.close();
  });

  it('when the credentials are missing or wrong, then it answers 401 with a problem+json body', async () => {
    const missing = await get(double, { Keyword: 'data' }, {} as typeof CREDENTIALS);
    const wrongMail = await get(
      double,
      { Keyword: 'data' },
      { ...CREDENTIALS, 'User-Agent': 'x@example.gov' },
    );

    expect(missing.status).toBe(401);
    expect(missing.headers.get('content-type')).toBe('application/problem+json');
    expect(await missing.json()).toMatchObject({ status: 401, title: 'Unauthorized' });
    expect(wrongMail.status).toBe(401);
  });

  it('when asked, then it answers hr+json with numeric counts and NumberOfPages as a string', async () => {
    const response = await get(double, { Keyword: 'data', ResultsPerPage: '4' });
    const body = (await response.json()) as SearchResponse;

    expect(response.headers.get('content-type')).toBe('application/hr+json; charset=utf-8');
    expect(body.SearchResult).toMatchObject({
      SearchResultCount: 4,
      SearchResultCountAll: 11,
      UserArea: { NumberOfPages: '3', IsRadialSearch: false },
    });
  });

  it('when a keyword has several words, then every word must appear in title, summary or organization', async () => {
    const both = await search(double, { Keyword: 'DATA Engineering' });
    const absent = await search(double, { Keyword: 'data astronaut' });

    expect(ids(both).sort()).toEqual([...fixture.ids.keyword].sort());
    expect(ids(absent)).toEqual([]);
  });

  it('when a location and radius are given, then postings with any place within the radius match', async () => {
    const body = await search(double, { LocationName: 'Chicago, Illinois', Radius: '50' });

    expect(ids(body).sort()).toEqual([...fixture.ids.nearby].sort());
    expect(body.SearchResult.UserArea).toMatchObject({
      IsRadialSearch: true,
      ResolvedLocation: ['Chicago, Illinois'],
    });
  });

  it('when the radius grows to 100 miles, then Milwaukee is in reach', async () => {
    const body = await search(double, { LocationName: 'Chicago, Illinois', Radius: '100' });

    expect(ids(body)).toHaveLength(fixture.ids.nearby.length + 1);
  });

  it('when the location is unknown, then nothing matches', async () => {
    expect(ids(await search(double, { LocationName: 'Atlantis, Ocean', Radius: '50' }))).toEqual([]);
  });

  it('when RemoteIndicator=True, then only remote postings match', async () => {
    expect(ids(await search(double, { RemoteIndicator: 'True' })).sort()).toEqual(
      [...fixture.ids.remote].sort(),
    );
  });

  it('when a page size beyond the server maximum is asked, then pages hold the server maximum', async () => {
    const small = await startUsajobsDouble({ items: generateItems(20), maxPageSize: 7 });
    try {
      const page3 = await search(small, { ResultsPerPage: '500', Page: '3' });
      const page4 = await search(small, { ResultsPerPage: '500', Page: '4' });

      expect(page3.SearchResult).toMatchObject({ SearchResultCount: 6, SearchResultCountAll: 20 });
      expect(page3.SearchResult.UserArea?.NumberOfPages).toBe('3');
      expect(page4.SearchResult.SearchResultItems).toEqual([]);
    } finally {
      await small.close();
    }
  });

  it('when more postings match than the cap, then the count is clipped and later results are unreachable', async () => {
    const capped = await startUsajobsDouble({ items: generateItems(30), resultCap: 25 });
    try {
      const page2 = await search(capped, { ResultsPerPage: '20', Page: '2' });

      expect(page2.SearchResult).toMatchObject({ SearchResultCount: 5, SearchResultCountAll: 25 });
    } finally {
      await capped.close();
    }
  });

  it('when DatePosted, JobCategoryCode, Organization or JobGradeCode is given, then only postings that have one of the values match', async () => {
    const now = new Date('2025-09-03T12:00:00Z');
    const items = generateItems(6, {
      patch: (item, i) => {
        const d = item.MatchedObjectDescriptor;
        d.PublicationStartDate = i % 2 === 0 ? '2025-09-01T00:00:00.0000' : '2025-08-01T00:00:00.0000';
        d.JobCategory = [{ Name: 'Series', Code: ['2210', '1550', '0301'][i % 3] }];
        d.JobGrade = [{ Code: i < 3 ? 'GS' : 'GG' }];
        d.UserArea!.Details!.OrganizationCodes = i < 2 ? 'TR/TR93' : 'DD/ARCE';
      },
    });
    const filtered = await startUsajobsDouble({ items, now: () => now });
    try {
      const all = items.map((item) => item.MatchedObjectId);
      const query = (q: Record<string, string>) => search(filtered, { ResultsPerPage: '50', ...q }).then(ids);

      expect(await query({ DatePosted: '7' })).toEqual([all[0], all[2], all[4]]);
      expect(await query({ JobCategoryCode: '2210;0301' })).toEqual([all[0], all[2], all[3], all[5]]);
      expect(await query({ Organization: 'TR93' })).toEqual([all[0], all[1]]);
      expect(await query({ JobGradeCode: 'gg' })).toEqual([all[3], all[4], all[5]]);
      expect(await query({ DatePosted: '7', JobCategoryCode: '1550', Organization: 'DD' })).toEqual([all[4]]);
    } finally {
      await filtered.close();
    }
  });

  it('when a code list is asked for, then it lists the codes of the items (or the configured ones) without needing the key, and an unknown list is 404', async () => {
    const items = generateItems(3, {
      patch: (item, i) => {
        item.MatchedObjectDescriptor.JobCategory = [
          { Name: `Series ${i}`, Code: ['2210', '1550', '2210'][i] },
        ];
      },
    });
    const lists = await startUsajobsDouble({
      items,
      codeLists: { agencysubelements: [{ Code: 'TR', Value: 'Treasury', IsDisabled: 'Yes' }] },
    });
    try {
      const series = await fetch(`${lists.url}/api/codelist/occupationalseries`);
      expect(series.status).toBe(200);
      const body = (await series.json()) as { CodeList: { ValidValue: { Code: string }[] }[] };
      expect(body.CodeList[0]!.ValidValue.map((v) => v.Code)).toEqual(['1550', '2210']);
      const agencies = await (await fetch(`${lists.url}/api/codelist/agencysubelements`)).json();
      expect(agencies).toMatchObject({ CodeList: [{ ValidValue: [{ Code: 'TR', IsDisabled: 'Yes' }] }] });
      expect((await fetch(`${lists.url}/api/codelist/nosuchlist`)).status).toBe(404);
      expect(lists.requests.map((r) => r.path)).toEqual([
        '/api/codelist/occupationalseries',
        '/api/codelist/agencysubelements',
        '/api/codelist/nosuchlist',
      ]);
    } finally {
      await lists.close();
    }
  });

  it('when no ResultsPerPage is sent, then 25 a page are served as USAJOBS does', async () => {
    const many = await startUsajobsDouble({ items: loadSampleItems() });
    try {
      expect((await search(many, {})).SearchResult.SearchResultCount).toBe(25);
    } finally {
      await many.close();
    }
  });

  it('when faults are queued for page 2, then only page-2 requests get them, in order, until used up', async () => {
    double.failNext(1, { kind: 'status', status: 429, retryAfter: '1' }, onPage(2));
    double.failNext(1, { kind: 'empty' }, onPage(2));

    const page1 = await get(double, { Page: '1' });
    const first = await get(double, { Page: '2' });
    const second = await get(double, { Page: '2' });
    const third = await get(double, { Page: '2' });

    expect(page1.status).toBe(200);
    expect([first.status, first.headers.get('retry-after')]).toEqual([429, '1']);
    expect([second.status, await second.text()]).toEqual([200, '']);
    expect(third.status).toBe(200);
    expect(double.requests.map((r) => r.fault)).toEqual([undefined, 'status', 'empty', undefined]);
    expect(double.pendingFaults()).toBe(0);
  });

  it('when the body is truncated or malformed, then it is not valid JSON', async () => {
    double.failNext(1, { kind: 'truncated' });
    double.failNext(1, { kind: 'malformed' });

    for (const response of [await get(double, {}), await get(double, {})]) {
      const text = await response.text();
      expect(text.length).toBeGreaterThan(0);
      expect(() => JSON.parse(text)).toThrow(SyntaxError);
    }
  });

  it('when the connection is dropped, then the client sees an error instead of a body', async () => {
    double.failNext(1, { kind: 'drop' });

    await expect(get(double, {}).then((r) => r.text())).rejects.toThrow();
  });

  it('when items are replaced, then the next search sees the new ones and every request is logged', async () => {
    double.setItems([]);

    expect((await search(double, { Keyword: 'data' })).SearchResult.SearchResultCountAll).toBe(0);
    expect(double.requests[0]?.query).toEqual({ Keyword: 'data' });
    expect(double.requests[0]?.headers['authorization-key']).toBe(DOUBLE_API_KEY);
  });
});
