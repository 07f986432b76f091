import 'reflect-metadata';

import { acquireLease, type HeldLease } from '../../src/etl/lease';
import { LeaseModel } from '../../src/models/lease.model';
import { useTestDatabase } from '../support/db';

/** A fake clock every holder shares: tests move it instead of sleeping. */
function fakeClock(start = '2026-03-02T12:00:00Z') {
  let at = Date.parse(start);
  return {
    now: (): Date => new Date(at),
    advance(ms: number): void {
      at += ms;
    },
  };
}

/** The lease, or a failure naming who holds it (a test that expects to hold it must not skip its assertions). */
function expectHeld(result: HeldLease | { heldBy: string | undefined }): HeldLease {
  if ('heldBy' in result) throw new Error(`expected to hold the lease; run ${result.heldBy} holds it`);
  return result;
}

describe('acquireLease', () => {
  useTestDatabase();
  let clock: ReturnType<typeof fakeClock>;
  // Background renewal off: each test renews by hand, at the fake time it chooses.
  const acquire = (runId: string, ttlMs = 60_000) =>
    acquireLease('etl', ttlMs, runId, { now: clock.now, renewEveryMs: 0 });

  beforeEach(async () => {
    clock = fakeClock();
    await LeaseModel.deleteMany({});
  });

  it('when the lease is free, then the first caller gets it and a second one is told who holds it', async () => {
    const held = expectHeld(await acquire('run-a'));
    expect(await acquire('run-b')).toEqual({ heldBy: 'run-a' });
    await held.release();
    expectHeld(await acquire('run-c'));
  });

  it('when ten callers race for it, then exactly one gets it', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => acquire(`run-${i}`)));
    expect(results.filter((r) => 'owner' in r)).toHaveLength(1);
    expect(results.filter((r) => 'heldBy' in r)).toHaveLength(9);
  });

  it('when the holder stops renewing (died), then after the TTL the lease can be taken over, not before', async () => {
    await LeaseModel.create({
      _id: 'etl',
      owner: 'dead-process',
      expiresAt: new Date(clock.now().getTime() + 1_000),
      runId: 'old',
    });
    expect(await acquire('run-new')).toEqual({ heldBy: 'old' });
    clock.advance(1_001);
    expectHeld(await acquire('run-new'));
    expect(await LeaseModel.findById('etl').lean()).toMatchObject({ runId: 'run-new' });
  });

  it('when the holder renews within the TTL, then it keeps the lease past the first expiry and releases it at the end', async () => {
    const held = expectHeld(await acquire('run-long', 300));
    for (let i = 0; i < 3; i++) {
      clock.advance(200);
      expect(await held.renew()).toBe(true);
    }
    // 600 ms after acquiring, twice the TTL: still held, because the last renewal was 0 ms ago.
    expect(await acquire('run-other', 300)).toEqual({ heldBy: 'run-long' });
    expect(held.lost).toBe(false);
    await held.release();
    expect(await LeaseModel.countDocuments()).toBe(0);
  });

  it('when the TTL passes without renewal and another caller takes it, then the first holder is told it lost it, to whom, and its release leaves the new lease', async () => {
    const first = expectHeld(await acquire('run-first', 300));
    clock.advance(301);
    const second = expectHeld(await acquire('run-second', 300));

    expect(await first.renew()).toBe(false);
    expect(first.lost).toBe(true);
    expect(first.lostReason).toBe('the etl lease was lost: run run-second took it over');
    // Lost for good: even if the new holder lets go, the old one does not come back.
    await first.release();
    expect(await LeaseModel.findById('etl').lean()).toMatchObject({ owner: second.owner });
    await second.release();
    expect(await first.renew()).toBe(false);
    expect(second.lost).toBe(false);
  });

  it('when the lease document is deleted under the holder, then its next renewal reports it lost', async () => {
    const held = expectHeld(await acquire('run-a'));
    await LeaseModel.deleteMany({});
    expect(await held.renew()).toBe(false);
    expect(held.lostReason).toBe('the etl lease was lost: it was deleted by another process');
  });
});
