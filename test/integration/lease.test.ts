import 'reflect-metadata';

import { acquireLease } from '../../src/etl/lease';
import { LeaseModel } from '../../src/models/lease.model';
import { useTestDatabase } from '../support/db';

describe('acquireLease', () => {
  useTestDatabase();
  beforeEach(async () => {
    await LeaseModel.deleteMany({});
  });

  it('when the lease is free, then the first caller gets it and a second one is told who holds it', async () => {
    const held = await acquireLease('etl', 60_000, 'run-a');
    expect('owner' in held).toBe(true);
    expect(await acquireLease('etl', 60_000, 'run-b')).toEqual({ heldBy: 'run-a' });
    if ('release' in held) await held.release();
    const next = await acquireLease('etl', 60_000, 'run-c');
    expect('owner' in next).toBe(true);
    if ('release' in next) await next.release();
  });

  it('when ten callers race for it, then exactly one gets it', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => acquireLease('etl', 60_000, `run-${i}`)),
    );
    const winners = results.filter((r) => 'owner' in r);
    expect(winners).toHaveLength(1);
    for (const w of winners) if ('release' in w) await w.release();
  });

  it('when the holder stops renewing (died), then after the TTL the lease can be taken over', async () => {
    await LeaseModel.create({
      _id: 'etl',
      owner: 'dead-process',
      expiresAt: new Date(Date.now() - 1),
      runId: 'old',
    });
    const held = await acquireLease('etl', 60_000, 'run-new');
    expect('owner' in held).toBe(true);
    if ('release' in held) await held.release();
  });

  it('when the holder lives longer than the TTL, then renewal keeps the lease', async () => {
    const held = await acquireLease('etl', 300, 'run-long');
    await new Promise((resolve) => setTimeout(resolve, 900));
    expect(await acquireLease('etl', 300, 'run-other')).toEqual({ heldBy: 'run-long' });
    if ('release' in held) {
      expect(held.lost).toBe(false);
      await held.release();
    }
    expect(await LeaseModel.countDocuments()).toBe(0);
  });
});
