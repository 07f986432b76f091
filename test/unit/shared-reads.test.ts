import { SharedReads } from '../../src/lib/shared-reads';

/** A value source whose reads are answered by hand, with the value as it was when each read was sent. */
function source(): { reads: SharedReads<number>; sent: (() => void)[]; set(v: number): void } {
  let value = 0;
  const sent: (() => void)[] = [];
  const reads = new SharedReads(
    () =>
      new Promise<number>((resolve) => {
        const seen = value;
        sent.push(() => resolve(seen));
      }),
  );
  return { reads, sent, set: (v) => (value = v) };
}

describe('SharedReads', () => {
  it('when callers arrive while a read is under way, then they share the next read, which sees what changed before they came', async () => {
    const { reads, sent, set } = source();
    const early = reads.read();
    set(1); // a write the later callers know of, made after the first read was sent
    const late = [reads.read(), reads.read(), reads.read()];
    expect(sent).toHaveLength(1);
    sent[0]!();
    expect(await early).toBe(0);
    await Promise.resolve();
    expect(sent).toHaveLength(2);
    sent[1]!();
    expect(await Promise.all(late)).toEqual([1, 1, 1]);
  });

  it('when a read fails, then its callers get the error and those queued behind it read again', async () => {
    let attempt = 0;
    const reads = new SharedReads(async () => {
      attempt += 1;
      if (attempt === 1) throw new Error('down');
      return attempt;
    });
    const first = reads.read();
    const queued = reads.read();
    await expect(first).rejects.toThrow('down');
    expect(await queued).toBe(2);
    expect(await reads.read()).toBe(3);
  });
});
