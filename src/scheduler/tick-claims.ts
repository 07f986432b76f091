import { isDuplicateKeyError } from '../db/db-errors';
import { ScheduleTickModel } from '../models/schedule-tick.model';

/** Claimed ticks older than this (behind the latest) are deleted: the latest one is all the catch-up needs. */
const KEEP_TICKS_MS = 24 * 60 * 60_000;

/** Where replicas agree which of them runs a tick. */
export interface TickClaims {
  /**
   * Claims a tick, atomically across every replica on the database.
   *
   * @returns true for the one caller that claimed it, false for every other
   */
  claim(tick: Date): Promise<boolean>;
  /** Records what became of a tick this replica claimed. Never throws. */
  settle(tick: Date, outcome: { runId?: string; skipped?: string }): Promise<void>;
  /** The latest tick any replica claimed, or null when none ever was. */
  latest(): Promise<Date | null>;
}

/**
 * Tick claims in the database (collection `schedule_ticks`): one document per tick whose `_id` names the tick, so
 * the unique `_id` makes one insert win on any MongoDB-compatible server. The lease alone would not do: a fast run can
 * end before a replica whose clock is a second behind fires the same tick, and that replica would run it again.
 *
 * @param schedule - the schedule's name, e.g. `etl`
 * @param claimedBy - this replica, e.g. `host:pid`
 * @param now - the clock of `claimedAt`
 */
export function databaseTickClaims(
  schedule: string,
  claimedBy: string,
  now: () => Date = () => new Date(),
): TickClaims {
  const idOf = (tick: Date): string => `${schedule}:${tick.toISOString()}`;
  return {
    async claim(tick) {
      try {
        await ScheduleTickModel.create({ _id: idOf(tick), schedule, tick, claimedBy, claimedAt: now() });
      } catch (error) {
        if (isDuplicateKeyError(error)) return false;
        throw error;
      }
      await ScheduleTickModel.deleteMany({
        schedule,
        tick: { $lt: new Date(tick.getTime() - KEEP_TICKS_MS) },
      }).catch(() => undefined);
      return true;
    },
    async settle(tick, outcome) {
      await ScheduleTickModel.updateOne({ _id: idOf(tick) }, { $set: outcome }).catch(() => undefined);
    },
    async latest() {
      const last = await ScheduleTickModel.findOne({ schedule }, { tick: 1 }).sort({ tick: -1 }).lean();
      return last ? new Date(last.tick) : null;
    },
  };
}
