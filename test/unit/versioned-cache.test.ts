import { VersionedCache } from '../../src/lib/versioned-cache';

describe('VersionedCache', () => {
  it('when the version is unchanged, then the value is computed once', async () => {
    const cache = new VersionedCache<number>();
    const compute = jest.fn(async () => 42);
    expect(await cache.get('k', 1, compute)).toBe(42);
    expect(await cache.get('k', 1, compute)).toBe(42);
    expect(compute).toHaveBeenCalledTimes(1);
  });

  it('when the data set has a new version, then the value is computed again', async () => {
    const cache = new VersionedCache<number>();
    let n = 0;
    const compute = async () => ++n;
    expect(await cache.get('k', 1, compute)).toBe(1);
    expect(await cache.get('k', 2, compute)).toBe(2);
    expect(await cache.get('k', 2, compute)).toBe(2);
  });

  it('when many ask the same key at once, then they share one computation', async () => {
    const cache = new VersionedCache<number>();
    let release!: (v: number) => void;
    const compute = jest.fn(() => new Promise<number>((resolve) => (release = resolve)));
    const all = Promise.all(Array.from({ length: 10 }, () => cache.get('k', 1, compute)));
    release(7);
    expect(await all).toEqual(Array(10).fill(7));
    expect(compute).toHaveBeenCalledTimes(1);
  });

  it('when a computation fails, then the failure is not cached', async () => {
    const cache = new VersionedCache<number>();
    await expect(cache.get('k', 1, async () => Promise.reject(new Error('db down')))).rejects.toThrow(
      'db down',
    );
    expect(await cache.get('k', 1, async () => 5)).toBe(5);
  });

  it('when an entry is older than maxAgeMs, then it is computed again', async () => {
    let clock = 0;
    const cache = new VersionedCache<number>(10, 1_000, () => clock);
    let n = 0;
    await cache.get('k', 1, async () => ++n);
    clock = 999;
    expect(await cache.get('k', 1, async () => ++n)).toBe(1);
    clock = 2_000;
    expect(await cache.get('k', 1, async () => ++n)).toBe(2);
  });

  it('when more keys than maxEntries are cached, then the least recently used go first', async () => {
    const cache = new VersionedCache<string>(2);
    await cache.get('a', 1, async () => 'a');
    await cache.get('b', 1, async () => 'b');
    await cache.get('a', 1, async () => 'a2');
    await cache.get('c', 1, async () => 'c');
    expect(cache.size).toBe(2);
    expect(await cache.get('a', 1, async () => 'a3')).toBe('a');
    expect(await cache.get('b', 1, async () => 'b2')).toBe('b2');
  });
});
