import { Writable } from 'node:stream';

import { writeWithBackpressure } from '../../src/http/export-csv';

/** A stream that takes one chunk at a time, each only when the test releases it: a client that reads slowly. */
function slowClient(): { stream: Writable; taken: string[]; release: () => void } {
  const taken: string[] = [];
  const pending: (() => void)[] = [];
  const stream = new Writable({
    highWaterMark: 16,
    decodeStrings: false,
    write(chunk: string, _encoding, done) {
      taken.push(chunk);
      pending.push(done);
    },
  });
  return { stream, taken, release: () => pending.shift()?.() };
}

describe('CSV export backpressure', () => {
  it('when the client is behind, then the next write waits until it has taken what was written', async () => {
    const client = slowClient();
    let settled = false;
    const first = writeWithBackpressure(client.stream, 'x'.repeat(100)).then((more) => {
      settled = true;
      return more;
    });
    // Let every pending callback and microtask run: the write must still be waiting for the client.
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    expect(client.taken).toHaveLength(1);

    client.release();
    await expect(first).resolves.toBe(true);
  });

  it('when the buffer has room, then a write returns at once', async () => {
    const client = slowClient();
    await expect(writeWithBackpressure(client.stream, 'x')).resolves.toBe(true);
  });

  it('when the client goes away while a write waits, then it answers false (stop writing)', async () => {
    const client = slowClient();
    const waiting = writeWithBackpressure(client.stream, 'x'.repeat(100));
    client.stream.destroy();
    await expect(waiting).resolves.toBe(false);
    await expect(writeWithBackpressure(client.stream, 'more')).resolves.toBe(false);
  });
});
