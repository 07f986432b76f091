import fc from 'fast-check';

import { SearchBodyReader } from '../../src/usajobs/search-body';
import { loadSampleResponse, sampleFileNames } from '../support/usajobs-fixtures';

/** Reads `text` as UTF-8 in chunks cut at the given byte offsets. */
function readInChunks(text: string, cuts: number[]): ReturnType<SearchBodyReader['end']> {
  const bytes = Buffer.from(text, 'utf8');
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const reader = new SearchBodyReader();
  let from = 0;
  for (const point of [...points, bytes.length]) {
    if (point > from) reader.write(bytes.subarray(from, point));
    from = Math.max(from, point);
  }
  return reader.end();
}

/** Strings with what makes JSON scanning hard: quotes, backslashes, brackets, non-Latin-1 and astral characters. */
const trickyString = fc
  .array(
    fc.constantFrom('a', ' ', '"', '\\', '\\"', '{', '}', '[', ']', ':', ',', 'é', '’', '😀', '\n', '\u0000'),
    {
      maxLength: 12,
    },
  )
  .map((parts) => parts.join(''));

const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    trickyString,
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(trickyString, tie('value'), { maxKeys: 4 }),
  ),
})).value;

const searchBody = fc.record({
  LanguageCode: fc.constant('EN'),
  SearchParameters: fc.dictionary(trickyString, json, { maxKeys: 3 }),
  SearchResult: fc.record({
    SearchResultCount: fc.nat(),
    SearchResultCountAll: fc.nat(),
    // Postings are objects; any JSON value must still come back as it was.
    SearchResultItems: fc.array(fc.oneof(fc.dictionary(trickyString, json, { maxKeys: 5 }), json), {
      maxLength: 6,
    }),
    UserArea: fc.dictionary(trickyString, json, { maxKeys: 2 }),
  }),
});

describe('SearchBodyReader', () => {
  it('when a search body arrives in chunks cut anywhere (inside strings, escapes and multi-byte characters), then it reads as JSON.parse reads it', () => {
    fc.assert(
      fc.property(searchBody, fc.array(fc.nat(), { maxLength: 12 }), fc.boolean(), (body, cuts, pretty) => {
        const text = pretty ? JSON.stringify(body, null, 2) : JSON.stringify(body);
        expect(readInChunks(text, cuts)?.body).toEqual(JSON.parse(text));
      }),
      { numRuns: 300 },
    );
  });

  it('when the body is any other JSON, then it reads as JSON.parse reads it', () => {
    fc.assert(
      fc.property(json, fc.array(fc.nat(), { maxLength: 6 }), (value, cuts) => {
        const text = JSON.stringify(value);
        expect(readInChunks(text, cuts)?.body).toEqual(JSON.parse(text));
      }),
      { numRuns: 200 },
    );
  });

  it('when the real sample responses arrive one byte at a time or in 64 kB chunks, then every item comes back as it was', () => {
    for (const file of sampleFileNames()) {
      const text = JSON.stringify(loadSampleResponse(file));
      const bytes = Buffer.byteLength(text);
      const everyByte = Array.from({ length: Math.min(bytes, 20_000) }, (_, i) => i);
      expect(readInChunks(text, everyByte)?.body).toEqual(JSON.parse(text));
      expect(readInChunks(text, [65_536, 131_072, 196_608])?.body).toEqual(JSON.parse(text));
    }
  });

  it('when items are mapped, then each is mapped once, in order, and the body holds what the mapping returned', () => {
    const seen: unknown[] = [];
    const reader = new SearchBodyReader((item) => {
      seen.push(item);
      return { mapped: item };
    });
    const text = '{"SearchResult":{"SearchResultCountAll":2,"SearchResultItems":[{"a":1},"b"]},"x":[1]}';
    reader.write(Buffer.from(text.slice(0, 40)));
    reader.write(Buffer.from(text.slice(40)));
    expect(seen).toEqual([{ a: 1 }, 'b']);
    expect(reader.end()?.body).toEqual({
      SearchResult: { SearchResultCountAll: 2, SearchResultItems: [{ mapped: { a: 1 } }, { mapped: 'b' }] },
      x: [1],
    });
  });

  it('when a body starts with a byte order mark, then it is read without it', () => {
    const reader = new SearchBodyReader();
    reader.write(
      Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from('{"SearchResult":{"SearchResultItems":[{"a":1}]}}'),
      ]),
    );
    expect(reader.end()?.body).toEqual({ SearchResult: { SearchResultItems: [{ a: 1 }] } });
  });

  it('when the body is empty or only whitespace, then there is nothing to read', () => {
    expect(readInChunks('', [])).toBeNull();
    expect(readInChunks(' \n\t ', [2])).toBeNull();
  });

  it.each([
    ['cut inside an item', '{"SearchResult":{"SearchResultItems":[{"a":"b"},{"c":'],
    ['cut inside a string', '{"SearchResult":{"SearchResultItems":[{"a":"b'],
    ['cut after the items', '{"SearchResult":{"SearchResultItems":[{"a":1}],"SearchResultCountAll":'],
    ['an item that is not JSON', '{"SearchResult":{"SearchResultItems":[{"a":nope}]}}'],
    ['two items without a comma', '{"SearchResult":{"SearchResultItems":[{"a":1}{"b":2}]}}'],
    ['a comma before the first item', '{"SearchResult":{"SearchResultItems":[,{"a":1}]}}'],
    ['a comma after the last item', '{"SearchResult":{"SearchResultItems":[{"a":1},]}}'],
    ['two commas between items', '{"SearchResult":{"SearchResultItems":[1,,2]}}'],
    ['two numbers without a comma', '{"SearchResult":{"SearchResultItems":[1 2]}}'],
    ['garbage around the items', '{"SearchResult":{"SearchResultItems":[{"a":1}],}}'],
    ['not JSON at all', '<html>503</html>'],
  ])('when the body is %s, then reading it throws a SyntaxError', (_what, text) => {
    expect(() => readInChunks(text, [7, 30])).toThrow(SyntaxError);
  });
});
