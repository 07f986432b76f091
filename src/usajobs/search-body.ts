/*
 * Reads a search response body as it arrives, parsing each item of `SearchResult.SearchResultItems` on its own.
 *
 * A 500-item page is about 10 MB of JSON; read whole it becomes the received chunks, their concatenation, one string
 * of up to twice that (UTF-16 as soon as one character is outside Latin-1, which most pages have) and the parsed
 * tree, all at once, and the large pieces are only reclaimed by the collector's rarer full passes: most of the ETL's
 * peak memory. Here each chunk is scanned once (string contents are skipped with a native search for the next
 * quote), every item is parsed from its own bytes as soon as they are complete, and the rest of the body (a few
 * hundred bytes around the items) is parsed at the end with the items put back in place. What comes out is what
 * `JSON.parse` of the whole body gives; a body that is not valid JSON still fails, with a `SyntaxError`.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COLON = 0x3a;
const COMMA = 0x2c;
const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;

/** Depth of the items array's contents: inside the body object (1) and `SearchResult` (2), then the array (3). */
const ITEMS_DEPTH = 3;
/** Longest string kept as a possible key (the keys looked for are short). */
const MAX_KEY_BYTES = 64;

type ItemKind = 'container' | 'string' | 'scalar';

/** Incremental reader of one search response body: {@link write} each chunk, then {@link end}. */
export class SearchBodyReader {
  private depth = 0;
  private inString = false;
  /** The next byte of the string is escaped (a chunk ended after an odd run of backslashes). */
  private escaped = false;
  /** The key whose value is being read, per depth (set at the colon). */
  private readonly keys: (string | null)[] = [];
  /** The last string read at depth 1 or 2 (a key once a colon follows). */
  private lastString: string | null = null;
  /** Bytes of the string being read when it may be a key (depth 1 or 2), and where it starts in this chunk. */
  private keyParts: Buffer[] | null = null;
  private keyLength = 0;
  private keyFrom = 0;
  /** The object at depth 2 is the body's `SearchResult`. */
  private inSearchResult = false;
  /** Inside `SearchResult.SearchResultItems`. */
  private inItems = false;
  private sawItems = false;
  /** Bytes of everything but the items, and where they start in this chunk. */
  private readonly skeleton: Buffer[] = [];
  private skeletonFrom = 0;
  /** The item being read: its kind, its bytes from earlier chunks, and where it starts in this chunk. */
  private itemKind: ItemKind | null = null;
  private itemParts: Buffer[] = [];
  private itemFrom = 0;
  /** What came last between items: the opening bracket, an item, or a comma (JSON allows no other order). */
  private separator: 'start' | 'item' | 'comma' = 'start';
  private readonly items: unknown[] = [];
  private started = false;

  /**
   * @param mapItem - applied to each item as soon as it is parsed (the items of the result are what it returns);
   *   must not throw
   */
  constructor(private readonly mapItem: (item: unknown) => unknown = (item) => item) {}

  /**
   * Scans one chunk of the body; parses the items it completes.
   *
   * @throws SyntaxError when an item is not valid JSON
   */
  write(input: Buffer): void {
    let chunk = input;
    if (!this.started) {
      this.started = true;
      // A UTF-8 byte order mark, which axios' text decoding dropped too.
      if (chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) {
        chunk = chunk.subarray(3);
      }
    }
    this.skeletonFrom = 0;
    this.itemFrom = 0;
    this.keyFrom = 0;
    const n = chunk.length;
    let i = 0;
    while (i < n) {
      if (this.inString) {
        i = this.skipString(chunk, i);
        continue;
      }
      const c = chunk[i]!;
      switch (c) {
        case QUOTE:
          this.openString(i);
          break;
        case OPEN_BRACE:
        case OPEN_BRACKET:
          this.open(chunk, i, c);
          break;
        case CLOSE_BRACE:
        case CLOSE_BRACKET:
          this.close(chunk, i);
          break;
        case COLON:
          if (!this.inItems && this.depth <= 2) this.keys[this.depth] = this.lastString;
          break;
        case COMMA:
          if (this.inItems && this.depth === ITEMS_DEPTH) {
            if (this.itemKind === 'scalar') this.finishItem(chunk, i);
            if (this.separator !== 'item') throw new SyntaxError('Unexpected comma in the search items');
            this.separator = 'comma';
          }
          break;
        case SPACE:
        case TAB:
        case LF:
        case CR:
          if (this.inItems && this.depth === ITEMS_DEPTH && this.itemKind === 'scalar') {
            this.finishItem(chunk, i);
          }
          break;
        default:
          if (this.inItems && this.depth === ITEMS_DEPTH && this.itemKind === null)
            this.startItem('scalar', i);
      }
      i += 1;
    }
    // What continues in the next chunk.
    if (this.inItems) {
      if (this.itemKind !== null) this.itemParts.push(chunk.subarray(this.itemFrom));
    } else {
      this.skeleton.push(Buffer.from(chunk.subarray(this.skeletonFrom)));
    }
    if (this.inString && this.keyParts !== null) this.addKeyBytes(chunk.subarray(this.keyFrom));
  }

  /**
   * The whole body, parsed.
   *
   * @returns the parsed body and the text of all but the items (for messages); null for a body that is empty or
   *   only whitespace
   * @throws SyntaxError when the body is not valid JSON (truncated included)
   */
  end(): { body: unknown; text: string } | null {
    const text = Buffer.concat(this.skeleton).toString('utf8');
    if (text.trim() === '' && !this.sawItems) return null;
    if (this.depth !== 0 || this.inString || this.itemKind !== null) {
      throw new SyntaxError('Unexpected end of JSON input');
    }
    const body: unknown = JSON.parse(text);
    const result =
      typeof body === 'object' && body !== null
        ? (body as { SearchResult?: unknown }).SearchResult
        : undefined;
    if (this.sawItems && typeof result === 'object' && result !== null) {
      (result as { SearchResultItems?: unknown }).SearchResultItems = this.items;
    }
    return { body, text };
  }

  private open(chunk: Buffer, i: number, c: number): void {
    if (this.inItems) {
      if (this.depth === ITEMS_DEPTH) {
        if (this.itemKind !== null) throw new SyntaxError('Unexpected token in the search items');
        this.startItem('container', i);
      }
      this.depth += 1;
      return;
    }
    this.depth += 1;
    if (this.depth === 2) this.inSearchResult = c === OPEN_BRACE && this.keys[1] === 'SearchResult';
    if (
      this.depth === ITEMS_DEPTH &&
      c === OPEN_BRACKET &&
      this.inSearchResult &&
      this.keys[2] === 'SearchResultItems'
    ) {
      // The skeleton keeps the brackets; the items go apart.
      this.skeleton.push(Buffer.from(chunk.subarray(this.skeletonFrom, i + 1)));
      this.inItems = true;
      this.sawItems = true;
      this.separator = 'start';
    }
  }

  private close(chunk: Buffer, i: number): void {
    if (!this.inItems) {
      if (this.depth === 2) this.inSearchResult = false;
      this.depth -= 1;
      return;
    }
    if (this.depth === ITEMS_DEPTH) {
      // The end of the items array: back to the skeleton, from this bracket on.
      if (this.itemKind === 'scalar') this.finishItem(chunk, i);
      if (this.itemKind !== null || this.separator === 'comma') {
        throw new SyntaxError('Unexpected end of the search items');
      }
      this.inItems = false;
      this.skeletonFrom = i;
      this.depth -= 1;
      return;
    }
    this.depth -= 1;
    if (this.depth === ITEMS_DEPTH && this.itemKind === 'container') this.finishItem(chunk, i + 1);
  }

  private openString(i: number): void {
    this.inString = true;
    if (this.inItems) {
      if (this.depth === ITEMS_DEPTH) {
        if (this.itemKind !== null) throw new SyntaxError('Unexpected string in the search items');
        this.startItem('string', i);
      }
    } else if (this.depth <= 2) {
      this.keyParts = [];
      this.keyLength = 0;
      this.keyFrom = i + 1;
    }
  }

  /**
   * Skips string contents from `from` up to and including the closing quote, or to the end of the chunk.
   *
   * @returns where scanning goes on
   */
  private skipString(chunk: Buffer, from: number): number {
    let i = from;
    if (this.escaped) {
      this.escaped = false;
      i += 1;
    }
    for (;;) {
      const quote = chunk.indexOf(QUOTE, i);
      if (quote === -1) {
        // The string goes on in the next chunk: is its last byte an unpaired backslash?
        this.escaped = backslashesBefore(chunk, chunk.length, i) % 2 === 1;
        return chunk.length;
      }
      if (backslashesBefore(chunk, quote, i) % 2 === 1) {
        i = quote + 1;
        continue;
      }
      this.closeString(chunk, quote);
      return quote + 1;
    }
  }

  private closeString(chunk: Buffer, quote: number): void {
    this.inString = false;
    if (this.keyParts !== null) {
      this.addKeyBytes(chunk.subarray(this.keyFrom, quote));
      this.lastString =
        this.keyLength <= MAX_KEY_BYTES ? Buffer.concat(this.keyParts).toString('utf8') : null;
      this.keyParts = null;
    }
    if (this.inItems && this.depth === ITEMS_DEPTH && this.itemKind === 'string')
      this.finishItem(chunk, quote + 1);
  }

  private addKeyBytes(bytes: Buffer): void {
    if (this.keyParts === null) return;
    this.keyLength += bytes.length;
    if (this.keyLength <= MAX_KEY_BYTES) this.keyParts.push(Buffer.from(bytes));
  }

  private startItem(kind: ItemKind, at: number): void {
    if (this.separator === 'item') throw new SyntaxError('Missing comma between search items');
    this.itemKind = kind;
    this.itemFrom = at;
  }

  /** Parses the item that ends before `to` in this chunk. */
  private finishItem(chunk: Buffer, to: number): void {
    const parts = this.itemParts;
    parts.push(chunk.subarray(this.itemFrom, to));
    const bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
    this.items.push(this.mapItem(JSON.parse(bytes.toString('utf8'))));
    this.itemParts = [];
    this.itemKind = null;
    this.separator = 'item';
  }
}

/** How many backslashes directly precede `end`, not counting any before `from`. */
function backslashesBefore(chunk: Buffer, end: number, from: number): number {
  let count = 0;
  for (let k = end - 1; k >= from && chunk[k] === BACKSLASH; k--) count += 1;
  return count;
}
