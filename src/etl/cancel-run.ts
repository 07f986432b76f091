import { type EtlRun, EtlRunModel, EtlRunStatus } from '../models/etl-run.model';
import { LeaseModel } from '../models/lease.model';
import { ETL_LEASE } from './etl-lease';

/** The warning a run gets when it is cancelled after the process running it was gone. */
export const CANCELLED_ORPHAN =
  'cancelled on request (cancelEtlRun); the process running it was gone (its lease had lapsed)';

/**
 * Asks a run to stop, from any process on the database: sets `cancelRequestedAt` on its record, which the process
 * running it reads at its next page and then ends the run CANCELLED (what it loaded stays). A RUNNING record whose
 * process is gone (no live lease names it) would never get there: it is ended CANCELLED here.
 *
 * Idempotent: a second request keeps the first time; a finished run is returned unchanged.
 *
 * @param runId - the run's id
 * @param now - the clock, for tests
 * @returns the run record after the request, or null when there is no such run
 */
export async function requestEtlRunCancel(runId: string, now: Date = new Date()): Promise<EtlRun | null> {
  const run = await EtlRunModel.findById(runId).lean<EtlRun>();
  if (!run || run.status !== EtlRunStatus.RUNNING) return run;
  if (run.cancelRequestedAt == null) {
    await EtlRunModel.updateOne(
      { _id: runId, status: EtlRunStatus.RUNNING },
      { $set: { cancelRequestedAt: now } },
    );
  }
  const lease = await LeaseModel.findById(ETL_LEASE).lean();
  const alive = lease !== null && lease.runId === runId && lease.expiresAt > now;
  if (!alive) {
    await EtlRunModel.updateOne(
      { _id: runId, status: EtlRunStatus.RUNNING },
      {
        $set: {
          status: EtlRunStatus.CANCELLED,
          finishedAt: now,
          durationMs: now.getTime() - new Date(run.startedAt).getTime(),
        },
        $push: { warnings: CANCELLED_ORPHAN },
      },
    );
  }
  return EtlRunModel.findById(runId).lean<EtlRun>();
}

/**
 * Ends runs of this process that did not stop in time (e.g. a USAJOBS request still retrying at shutdown): their
 * records become CANCELLED with the counts of their last page, and the lease they hold is freed, so that the next
 * run does not wait for it to lapse. Only for a process about to exit: the runs themselves must not go on writing.
 * Never throws (an unreachable database leaves them to be marked abandoned by the next run).
 *
 * @param runIds - the runs
 * @param reason - recorded among their warnings
 */
export async function endRunsNow(
  runIds: readonly string[],
  reason: string,
  now: Date = new Date(),
): Promise<void> {
  for (const runId of runIds) {
    try {
      const run = await EtlRunModel.findById(runId, { startedAt: 1 }).lean<EtlRun>();
      await EtlRunModel.updateOne(
        { _id: runId, status: EtlRunStatus.RUNNING },
        {
          $set: {
            status: EtlRunStatus.CANCELLED,
            finishedAt: now,
            durationMs: run ? now.getTime() - new Date(run.startedAt).getTime() : null,
          },
          $push: { warnings: reason },
        },
      );
      await LeaseModel.deleteOne({ _id: ETL_LEASE, runId });
    } catch {
      // Nothing more to do on the way out.
    }
  }
}
