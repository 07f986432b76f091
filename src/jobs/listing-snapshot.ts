import { countStoredJobs, JobModel } from '../models/job.model';
import {
  CHANGES_KEPT,
  type JobListing,
  LISTED_JOB_PROJECTION,
  type ListedJobFields,
  readJobChange,
  readListingSnapshot,
  storeListingSnapshot,
  toJobListing,
} from '../models/job-listing.model';
import { JobSortField } from './job-sort';

/** Listings in one ordering, as slots: those with a value in the sort field by (value, id), then those without by id. */
export interface Ordering {
  withValue: Int32Array;
  withoutValue: Int32Array;
}

/** Bits of a keyword text's trigram signature (512 bytes a job). */
export const SIGNATURE_BITS = 4096;
const SIGNATURE_WORDS = SIGNATURE_BITS / 32;

/**
 * The signature bit of each trigram (three UTF-16 code units) of a text, in order; rolling, one character read per
 * position (a signature is made for every job, about 20 MB of text at 20,000 jobs).
 *
 * @param visit - called with each bit (0 .. SIGNATURE_BITS - 1)
 */
export function forEachTrigramBit(text: string, visit: (bit: number) => void): void {
  if (text.length < 3) return;
  let a = Math.imul(text.charCodeAt(0), 0x9e3779b1);
  let b = Math.imul(text.charCodeAt(1), 0x85ebca6b);
  for (let i = 2; i < text.length; i++) {
    const c = text.charCodeAt(i);
    visit(Math.imul(a ^ b ^ c, 0x27d4eb2f) >>> 20);
    a = Math.imul(text.charCodeAt(i - 1), 0x9e3779b1);
    b = Math.imul(c, 0x85ebca6b);
  }
}

/** One bit per trigram of the text: a text can contain a term only if it has every bit of the term's trigrams. */
function signatureOf(text: string): Int32Array {
  const bits = new Int32Array(SIGNATURE_WORDS);
  forEachTrigramBit(text, (bit) => {
    bits[bit >>> 5]! |= 1 << (bit & 31);
  });
  return bits;
}

/** Distinct strings numbered in order of arrival. */
class Interned {
  readonly values: string[] = [];
  private readonly ids = new Map<string, number>();

  idOf(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.ids.set(value, id);
    }
    return id;
  }
}

/**
 * The listings of jobs in slots, append-only, with what queries read of them precomputed once per listing: numbers
 * in columns (NaN for none), texts lower-cased with a trigram signature of the keyword texts, location and
 * department names interned. Snapshots share a store: each sees the slots below its own size and knows which of them are alive, so
 * appending for a newer snapshot never disturbs an older one that a query is still reading.
 */
export class ListingStore {
  readonly listings: JobListing[] = [];
  readonly salaryMin: number[] = [];
  readonly salaryMax: number[] = [];
  readonly lowGrade: number[] = [];
  readonly highGrade: number[] = [];
  readonly published: number[] = [];
  readonly closes: number[] = [];
  readonly changed: number[] = [];
  readonly remote: boolean[] = [];
  readonly withdrawn: boolean[] = [];
  /** Title, organization, department and both summaries, lower-cased, joined by newlines (a term has no space). */
  readonly keywordText: string[] = [];
  readonly departmentId: number[] = [];
  readonly placeIds: number[][] = [];
  readonly departments = new Interned();
  readonly places = new Interned();
  /** The trigram signature of each keyword text (see keywordHits in listing-query.ts). */
  readonly signatures: Int32Array[] = [];
  /** Keyword hits per term, for the size they were computed at (see keywordHits in listing-query.ts). */
  readonly termHits = new Map<string, { size: number; hits: Uint8Array }>();

  get size(): number {
    return this.listings.length;
  }

  /** @returns the listing's slot */
  add(listing: JobListing): number {
    const slot = this.listings.length;
    this.listings.push(listing);
    this.salaryMin.push(numberOrNaN(listing.salaryMin));
    this.salaryMax.push(numberOrNaN(listing.salaryMax));
    this.lowGrade.push(numberOrNaN(listing.lowGrade));
    this.highGrade.push(numberOrNaN(listing.highGrade));
    this.published.push(numberOrNaN(listing.publicationStartDate));
    this.closes.push(numberOrNaN(listing.applicationCloseDate));
    this.changed.push(numberOrNaN(listing.changedAt));
    this.remote.push(listing.remote);
    this.withdrawn.push(listing.withdrawn);
    const { positionTitle, organizationName, departmentName, qualificationSummary, jobSummary } = listing;
    const keywordText = [positionTitle, organizationName, departmentName, qualificationSummary, jobSummary]
      .filter((t): t is string => t !== null && t !== undefined)
      .map((t) => t.toLowerCase())
      .join('\n');
    this.keywordText.push(keywordText);
    this.signatures.push(signatureOf(keywordText));
    this.departmentId.push(departmentName == null ? -1 : this.departments.idOf(departmentName.toLowerCase()));
    this.placeIds.push(listing.locationNames.map((name) => this.places.idOf(name.toLowerCase())));
    return slot;
  }
}

function numberOrNaN(value: number | null | undefined): number {
  return typeof value === 'number' ? value : Number.NaN;
}

/** A store holding this many slots per live listing is rebuilt (jobs changed many times over). */
const COMPACT_RATIO = 2;

/**
 * The listings of every stored job at one data version. Immutable: a newer version is a new snapshot (sharing the
 * store and whatever did not change), so a query that is reading this one is never disturbed. The five orderings
 * are kept sorted: a page reads one in order until it has enough matches.
 */
export class ListingSnapshot {
  private constructor(
    readonly version: number,
    readonly store: ListingStore,
    /** Slots at or above this are not part of this snapshot. */
    readonly size: number,
    /** 1 for the slots that hold the current listing of a stored job. */
    readonly alive: Uint8Array,
    readonly slotOf: ReadonlyMap<string, number>,
    private readonly orderings: Readonly<Record<JobSortField, Ordering>>,
  ) {}

  /** A snapshot of these listings (the last one of an id wins). */
  static of(version: number, listings: Iterable<JobListing>): ListingSnapshot {
    const store = new ListingStore();
    const slotOf = new Map<string, number>();
    for (const listing of listings) slotOf.set(listing._id, store.add(listing));
    const alive = new Uint8Array(store.size);
    for (const slot of slotOf.values()) alive[slot] = 1;
    const orderings = {} as Record<JobSortField, Ordering>;
    for (const field of Object.values(JobSortField)) {
      orderings[field] = sortSlots(store, field, [...slotOf.values()]);
    }
    return new ListingSnapshot(version, store, store.size, alive, slotOf, orderings);
  }

  /** How many jobs it lists. */
  get count(): number {
    return this.slotOf.size;
  }

  /** The current listings, in no particular order. */
  *listings(): IterableIterator<JobListing> {
    for (const slot of this.slotOf.values()) yield this.store.listings[slot]!;
  }

  /**
   * The listings in ascending order of a sort field (ties by id), those without a value apart.
   *
   * @returns arrays of slots shared by every query on this snapshot: never modify them
   */
  ordering(field: JobSortField): Readonly<Ordering> {
    return this.orderings[field];
  }

  /**
   * This snapshot with the changes that made `version` applied: listings replaced by id, or everything dropped
   * first on a reset. A change without listings shares everything; a few listings cost a pass over the orderings
   * (merge), not a sort.
   */
  apply(
    version: number,
    changes: readonly { reset: boolean; listings: readonly JobListing[] }[],
  ): ListingSnapshot {
    const lastReset = changes.map((c) => c.reset).lastIndexOf(true);
    if (lastReset >= 0) {
      return ListingSnapshot.of(
        version,
        changes.slice(lastReset).flatMap((c) => c.listings),
      );
    }
    const listings = changes.flatMap((c) => c.listings);
    if (listings.length === 0) {
      return new ListingSnapshot(version, this.store, this.size, this.alive, this.slotOf, this.orderings);
    }
    if (this.store.size + listings.length > COMPACT_RATIO * (this.count + listings.length) + 1_000) {
      const all = new Map<string, JobListing>();
      for (const listing of this.listings()) all.set(listing._id, listing);
      for (const listing of listings) all.set(listing._id, listing);
      return ListingSnapshot.of(version, all.values());
    }
    const { store } = this;
    if (store.size !== this.size) {
      // Another snapshot grew the store from this one (only one refresh runs at a time, so that one is gone).
      return ListingSnapshot.of(version, [...this.listings(), ...listings]);
    }
    const slotOf = new Map(this.slotOf);
    for (const listing of listings) slotOf.set(listing._id, store.add(listing));
    const alive = new Uint8Array(store.size);
    for (const slot of slotOf.values()) alive[slot] = 1;
    const added: number[] = [];
    for (let slot = this.size; slot < store.size; slot++) if (alive[slot]) added.push(slot);
    const orderings = {} as Record<JobSortField, Ordering>;
    for (const field of Object.values(JobSortField)) {
      const fresh = sortSlots(store, field, added);
      const old = this.orderings[field];
      orderings[field] = {
        withValue: merge(store, field, keep(old.withValue, alive), fresh.withValue),
        withoutValue: merge(store, field, keep(old.withoutValue, alive), fresh.withoutValue),
      };
    }
    return new ListingSnapshot(version, store, store.size, alive, slotOf, orderings);
  }
}

function keep(slots: Int32Array, alive: Uint8Array): Int32Array {
  let n = 0;
  const kept = new Int32Array(slots.length);
  for (const slot of slots) if (alive[slot]) kept[n++] = slot;
  return kept.subarray(0, n);
}

/** Merges two ascending slot lists of one field (both with values, or both without). */
function merge(store: ListingStore, field: JobSortField, a: Int32Array, b: Int32Array): Int32Array {
  if (b.length === 0) return a;
  const out = new Int32Array(a.length + b.length);
  const compare = slotComparator(store, field);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = compare(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

function sortSlots(store: ListingStore, field: JobSortField, slots: readonly number[]): Ordering {
  const withValue: number[] = [];
  const withoutValue: number[] = [];
  for (const slot of slots)
    (slotSortValue(store, field, slot) === null ? withoutValue : withValue).push(slot);
  const compare = slotComparator(store, field);
  return {
    withValue: Int32Array.from(withValue.sort(compare)),
    withoutValue: Int32Array.from(withoutValue.sort(compare)),
  };
}

/** Orders two slots of one group by (value, id); slots without a value compare by id alone. */
function slotComparator(store: ListingStore, field: JobSortField): (a: number, b: number) => number {
  const id = (slot: number): string => store.listings[slot]!._id;
  if (field === JobSortField.POSITION_TITLE) {
    return (a, b) =>
      compareText(store.listings[a]!.positionTitle, store.listings[b]!.positionTitle) ||
      compareText(id(a), id(b));
  }
  const column = numberColumn(store, field);
  return (a, b) => {
    const x = column[a]!;
    const y = column[b]!;
    // Both without a value (NaN): by id. One with and one without never meet (separate groups).
    return (x !== y && !(x !== x && y !== y) ? x - y : 0) || compareText(id(a), id(b));
  };
}

function numberColumn(
  store: ListingStore,
  field: Exclude<JobSortField, JobSortField.POSITION_TITLE>,
): number[] {
  switch (field) {
    case JobSortField.PUBLICATION_START_DATE:
      return store.published;
    case JobSortField.APPLICATION_CLOSE_DATE:
      return store.closes;
    case JobSortField.ANNUAL_SALARY_MIN:
      return store.salaryMin;
    case JobSortField.ANNUAL_SALARY_MAX:
      return store.salaryMax;
  }
}

/** The value a slot sorts by (dates as epoch ms); null when the job has none (such jobs sort last). */
export function slotSortValue(
  store: ListingStore,
  field: JobSortField,
  slot: number,
): number | string | null {
  if (field === JobSortField.POSITION_TITLE) return store.listings[slot]!.positionTitle;
  const value = numberColumn(store, field)[slot]!;
  return Number.isNaN(value) ? null : value;
}

/**
 * Orders two sort values of one field the way MongoDB does: numbers (and dates, as epoch ms) numerically, text by
 * code point - the byte order of UTF-8, MongoDB's simple collation.
 */
export function compareValues(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return compareText(String(a), String(b));
}

/** Code point order; UTF-16 order agrees with it except around surrogates, which are rare and compared apart. */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  if (!HAS_SURROGATE.test(a) && !HAS_SURROGATE.test(b)) return a < b ? -1 : 1;
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

const HAS_SURROGATE = /[\uD800-\uDFFF]/;

/**
 * Keeps an up-to-date {@link ListingSnapshot} in this process: on a new data version it reads the changes that made
 * it, by `_id`, and applies them; when a change is missing (pruned, or a writer that recorded none) it rescans the
 * jobs collection once. Concurrent callers share one refresh, so a burst of first requests after a change costs one
 * catch-up, not one each.
 *
 * A process starts from the stored snapshot (`storeListingSnapshot`) and catches up from there, instead of reading
 * every job (minutes on FerretDB at 20,000 jobs). It stores one itself, in the background, after a rescan and once
 * it has caught up {@link STORE_EVERY} versions past the stored one, so the next process has little to catch up.
 */
export class ListingSnapshots {
  private current: ListingSnapshot | null = null;
  private refreshing: Promise<ListingSnapshot> | null = null;
  private storing: Promise<void> | null = null;
  /** The version of the stored snapshot as far as this process knows; null: none known. */
  private storedVersion: number | null = null;

  /**
   * @param version - the data version the caller read for its request
   * @returns a snapshot at that version or newer
   */
  async at(version: number): Promise<ListingSnapshot> {
    for (;;) {
      const current = this.current;
      if (current && current.version >= version) return current;
      if (!this.refreshing) {
        this.refreshing = this.refresh(current, version).finally(() => {
          this.refreshing = null;
        });
      }
      const refreshed = await this.refreshing;
      if (refreshed.version >= version) return refreshed;
    }
  }

  /** Forgets the snapshot (tests; or after the database was replaced). */
  reset(): void {
    this.current = null;
    this.storedVersion = null;
  }

  /** Resolves once the snapshot being stored in the background, if any, is stored (or failed to be). */
  async stored(): Promise<void> {
    await this.storing;
  }

  private async refresh(from: ListingSnapshot | null, version: number): Promise<ListingSnapshot> {
    let next = from ? await catchUp(from, version) : await this.fromStored(version);
    if (!next) {
      next = await rescan(version);
      this.storeSoon(next);
    } else if (this.storedVersion === null || next.version - this.storedVersion >= STORE_EVERY) {
      this.storeSoon(next);
    }
    this.current = next;
    return next;
  }

  /**
   * The stored snapshot caught up to `version` (with none stored, the listings as every recorded change built them);
   * null when catching up is not possible.
   */
  private async fromStored(version: number): Promise<ListingSnapshot | null> {
    const stored = await readListingSnapshot();
    if (!stored) return replayFromStart(version);
    this.storedVersion = stored.version;
    const snapshot = ListingSnapshot.of(stored.version, stored.listings);
    return snapshot.version >= version ? snapshot : catchUp(snapshot, version);
  }

  private storeSoon(snapshot: ListingSnapshot): void {
    if (this.storing) return;
    this.storing = storeListingSnapshot(snapshot.version, [...snapshot.listings()])
      .then(
        () => {
          this.storedVersion = Math.max(this.storedVersion ?? 0, snapshot.version);
        },
        // Not stored: a process that starts later catches up from an older one, or rescans. Nothing is wrong.
        () => undefined,
      )
      .finally(() => {
        this.storing = null;
      });
  }
}

/** How far past the stored snapshot a process catches up before it stores a newer one. */
export const STORE_EVERY = 100;

/** Applies the changes from `from.version + 1` to `version`; null when one of them cannot be read. */
async function catchUp(from: ListingSnapshot, version: number): Promise<ListingSnapshot | null> {
  if (version - from.version > CHANGES_KEPT) return null;
  const changes = await Promise.all(
    Array.from({ length: version - from.version }, (_, i) => readChangeSoon(from.version + 1 + i)),
  );
  if (changes.some((change) => change === null)) return null;
  return from.apply(version, changes as NonNullable<(typeof changes)[number]>[]);
}

/**
 * The listings as the recorded changes since the first version built them, for a young database with no stored
 * snapshot (the first start of the service after the first ETL run): reading the changes of up to
 * {@link CHANGES_KEPT} versions costs what reading a stored snapshot does, far less than reading every job. Trusted
 * only when every change since the first is recorded and the result lists as many jobs as the collection holds (a job
 * written without any recorded change, by a process that bumped no version, makes the counts differ); null otherwise,
 * and the caller reads every job.
 */
async function replayFromStart(version: number): Promise<ListingSnapshot | null> {
  if (version === 0) return null;
  const replayed = await catchUp(ListingSnapshot.of(0, []), version);
  if (!replayed) return null;
  return replayed.count === (await countStoredJobs()) ? replayed : null;
}

/**
 * A writer bumps the version, then stores its change: a reader can see the version a moment before its change.
 * Waiting that moment out is far cheaper than a rescan.
 */
async function readChangeSoon(version: number): ReturnType<typeof readJobChange> {
  for (let attempt = 0; ; attempt++) {
    const change = await readJobChange(version);
    if (change || attempt === CHANGE_WAIT_ATTEMPTS) return change;
    await new Promise((resolve) => setTimeout(resolve, CHANGE_WAIT_MS));
  }
}

const CHANGE_WAIT_ATTEMPTS = 4;
const CHANGE_WAIT_MS = 25;

/**
 * Reads the listing of every stored job: one pass over the collection (streamed). The snapshot is labelled with the
 * version read before the pass, so a change made during it is applied again afterwards (applying is idempotent).
 */
async function rescan(version: number): Promise<ListingSnapshot> {
  const listings: JobListing[] = [];
  const cursor = JobModel.find({}, LISTED_JOB_PROJECTION)
    .lean<ListedJobFields[]>()
    .cursor({ batchSize: 500 });
  for await (const job of cursor) listings.push(toJobListing(job as ListedJobFields));
  return ListingSnapshot.of(version, listings);
}
