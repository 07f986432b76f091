/**
 * A bounded in-memory cache of values computed from a versioned data set. An entry is served only while the data
 * set still has the version it was computed under and it is younger than `maxAgeMs`; concurrent misses on one key
 * share a single computation (no stampede when many clients ask the same thing right after a change).
 */
export class VersionedCache<T> {
  private readonly entries = new Map<string, { version: number; at: number; value: Promise<T> }>();

  /**
   * @param maxEntries - least recently used entries are dropped beyond this
   * @param maxAgeMs - bound on staleness for anything that depends on the clock (e.g. "still open")
   */
  constructor(
    private readonly maxEntries = 500,
    private readonly maxAgeMs = 30_000,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * @param key - identifies the computation (its arguments)
   * @param version - the data set's version read for this request
   * @param compute - computes the value from the data set; a rejection is not cached
   * @returns the cached or freshly computed value
   */
  get(key: string, version: number, compute: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    const now = this.now();
    if (hit && hit.version === version && now - hit.at < this.maxAgeMs) {
      // Refresh recency: Map keeps insertion order, so re-inserting moves it to the back.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value;
    }
    const value = compute();
    const entry = { version, at: now, value };
    this.entries.delete(key);
    this.entries.set(key, entry);
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return value;
  }

  /** Number of entries held (for tests and metrics). */
  get size(): number {
    return this.entries.size;
  }
}
