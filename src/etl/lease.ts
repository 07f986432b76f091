import { randomUUID } from 'node:crypto';

import { LeaseModel } from '../models/lease.model';

const DUPLICATE_KEY = 11000;

/** A lease this process holds; renewed in the background until released. */
export interface HeldLease {
  readonly owner: string;
  /** Stops renewing and deletes the lease if still ours. Never throws (an unreachable database lets it expire). */
  release(): Promise<void>;
  /** True once a renewal found the lease taken over or gone. */
  readonly lost: boolean;
}

/**
 * Takes the named lease if it is free or expired. Atomic on any MongoDB-compatible server: creation relies on the
 * unique `_id`, take-over on a single-document conditional update.
 *
 * @param name - lease name
 * @param ttlMs - how long the lease lives without renewal; renewed every ttl/3
 * @param runId - recorded on the lease so a conflicting caller can be told which run holds it
 * @returns the held lease, or `{ heldBy }` naming the current holder's run
 */
export async function acquireLease(
  name: string,
  ttlMs: number,
  runId: string,
): Promise<HeldLease | { heldBy: string | undefined }> {
  const owner = randomUUID();
  const expiresAt = (): Date => new Date(Date.now() + ttlMs);
  try {
    await LeaseModel.create({ _id: name, owner, expiresAt: expiresAt(), runId });
  } catch (error) {
    if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
    const taken = await LeaseModel.updateOne(
      { _id: name, expiresAt: { $lt: new Date() } },
      { $set: { owner, expiresAt: expiresAt(), runId } },
    );
    if (taken.modifiedCount !== 1) {
      const current = await LeaseModel.findById(name).lean();
      return { heldBy: current?.runId };
    }
  }

  let lost = false;
  const renew = async (): Promise<void> => {
    try {
      const result = await LeaseModel.updateOne({ _id: name, owner }, { $set: { expiresAt: expiresAt() } });
      if (result.matchedCount === 0) lost = true;
    } catch {
      // Database unreachable: keep trying; the lease simply expires if it stays down.
    }
  };
  const timer = setInterval(() => void renew(), Math.max(50, Math.floor(ttlMs / 3)));
  timer.unref();
  return {
    owner,
    get lost() {
      return lost;
    },
    async release() {
      clearInterval(timer);
      await LeaseModel.deleteOne({ _id: name, owner }).catch(() => undefined);
    },
  };
}
