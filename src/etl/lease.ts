import { randomUUID } from 'node:crypto';

import { isDuplicateKeyError } from '../db/db-errors';
import { messageOf } from '../errors';
import { LeaseModel } from '../models/lease.model';

/** Renewals never run more often than this, whatever the TTL. */
const MIN_RENEW_EVERY_MS = 50;

/** A lease this process holds; renewed in the background until released or lost. */
export interface HeldLease {
  readonly owner: string;
  /**
   * Renews the lease now. Once it returns false the lease is lost for good: stop writing what it protects.
   *
   * @returns true while the lease is ours: the renewal was stored, or the database did not answer but the
   *   expiry last stored has not passed yet; false once another holder took it over, it was deleted, or it
   *   expired without a renewal reaching the database
   */
  renew(): Promise<boolean>;
  /** Stops renewing and deletes the lease if still ours. Never throws (an unreachable database lets it expire). */
  release(): Promise<void>;
  /** True once a renewal found the lease lost (see {@link HeldLease.renew}). */
  readonly lost: boolean;
  /** Why the lease was lost, in words for a run record; undefined while it is held. */
  readonly lostReason: string | undefined;
}

/** Options of {@link acquireLease}. */
export interface AcquireLeaseOptions {
  /** The clock that dates expiries and decides whether one has passed; default the system clock. */
  now?: () => Date;
  /**
   * Background renewal period; default a third of the TTL (at least 50 ms). 0 turns background renewal off:
   * the holder calls {@link HeldLease.renew} itself (tests do, with a fake clock).
   */
  renewEveryMs?: number;
}

/**
 * Takes the named lease if it is free or expired. Atomic on any MongoDB-compatible server: creation relies on the
 * unique `_id`, take-over on a single-document conditional update. Holders' clocks are assumed to agree to well
 * within the TTL.
 *
 * @param name - lease name
 * @param ttlMs - how long the lease lives without renewal
 * @param runId - recorded on the lease so a conflicting caller can be told which run holds it
 * @param options - the clock and the renewal period
 * @returns the held lease, or `{ heldBy }` naming the current holder's run
 */
export async function acquireLease(
  name: string,
  ttlMs: number,
  runId: string,
  options: AcquireLeaseOptions = {},
): Promise<HeldLease | { heldBy: string | undefined }> {
  const now = options.now ?? (() => new Date());
  const owner = randomUUID();
  let expiresAt = new Date(now().getTime() + ttlMs);
  try {
    await LeaseModel.create({ _id: name, owner, expiresAt, runId });
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    const taken = await LeaseModel.updateOne(
      { _id: name, expiresAt: { $lt: now() } },
      { $set: { owner, expiresAt, runId } },
    );
    if (taken.modifiedCount !== 1) {
      const current = await LeaseModel.findById(name).lean();
      return { heldBy: current?.runId };
    }
  }

  let lostReason: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  const lose = (reason: string): false => {
    lostReason ??= reason;
    clearInterval(timer);
    return false;
  };
  let renewing: Promise<boolean> | undefined;
  // One renewal at a time: against a database that does not answer, timer ticks would otherwise pile up.
  const renew = (): Promise<boolean> => (renewing ??= renewOnce().finally(() => (renewing = undefined)));
  const renewOnce = async (): Promise<boolean> => {
    if (lostReason !== undefined) return false;
    const renewed = new Date(now().getTime() + ttlMs);
    try {
      const result = await LeaseModel.updateOne({ _id: name, owner }, { $set: { expiresAt: renewed } });
      if (result.matchedCount === 1) {
        expiresAt = renewed;
        return true;
      }
      const current = await LeaseModel.findById(name)
        .lean()
        .catch(() => null);
      return lose(
        current?.runId === undefined
          ? `the ${name} lease was lost: it was deleted by another process`
          : `the ${name} lease was lost: run ${current.runId} took it over`,
      );
    } catch (error) {
      // Database unreachable: still ours until the expiry we stored last; after that anyone may have taken it.
      if (now() < expiresAt) return true;
      const cause = messageOf(error);
      return lose(
        `the ${name} lease was lost: it expired at ${expiresAt.toISOString()} while renewals failed (${cause})`,
      );
    }
  };

  const every = options.renewEveryMs ?? Math.max(MIN_RENEW_EVERY_MS, Math.floor(ttlMs / 3));
  if (every > 0) {
    timer = setInterval(() => void renew(), Math.max(MIN_RENEW_EVERY_MS, every));
    timer.unref();
  }
  return {
    owner,
    renew,
    get lost() {
      return lostReason !== undefined;
    },
    get lostReason() {
      return lostReason;
    },
    async release() {
      clearInterval(timer);
      await LeaseModel.deleteOne({ _id: name, owner }).catch(() => undefined);
    },
  };
}
