/**
 * Reads of one value that callers share without ever getting one older than their call: a caller that arrives
 * while a read is under way (sent before the caller came, so it may miss a write the caller knows of) waits for the
 * next read, which every caller that arrived meanwhile shares. Under load: one read per round trip, not per caller.
 */
export class SharedReads<T> {
  private running: Promise<T> | null = null;
  private queued: Promise<T> | null = null;

  /** @param fetch - reads the current value; a rejection is passed to the callers sharing that read */
  constructor(private readonly fetch: () => Promise<T>) {}

  /** @returns a value read after this call */
  read(): Promise<T> {
    if (!this.running) return this.start();
    this.queued ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return this.start();
      });
    return this.queued;
  }

  private start(): Promise<T> {
    const read = this.fetch();
    this.running = read;
    const done = (): void => {
      if (this.running === read) this.running = null;
    };
    read.then(done, done);
    return read;
  }
}
