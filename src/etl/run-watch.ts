import type { Logger } from '../logger';
import { EtlRunModel, type EtlRunProgress } from '../models/etl-run.model';
import { EtlCancelledError } from './etl.errors';
import type { EtlProgress } from './run-etl';
import { progressOf } from './run-progress';

/** Why a run stopped when its AbortSignal carries no reason of its own. */
export const SHUTDOWN_REASON = 'cancelled: the process running it is shutting down';

/** Counts of a run so far, as the tally gives them. */
export type RunCounts = Pick<
  EtlProgress,
  'pagesFetched' | 'fetched' | 'kept' | 'skipped' | 'inserted' | 'updated' | 'unchanged'
>;

export interface RunWatch {
  /** The progress of a run that has not read a page yet. */
  initial(at: Date): EtlRunProgress;
  /**
   * Called after every loaded page: passes the event on to the caller's `onProgress`, writes the progress and the
   * counts so far to the run record, and reads whether someone asked the run to stop.
   *
   * @throws EtlCancelledError when `signal` was aborted or the record's `cancelRequestedAt` is set: the run stops
   *   here, at a page boundary
   */
  checkpoint(event: EtlProgress): Promise<void>;
  /** The progress the finished record keeps: every search done when the run went through, else as far as it got. */
  final(completed: boolean, counts: RunCounts, at: Date): EtlRunProgress;
}

/**
 * Follows one run for its record: progress at every page, and the cancel requests of this process (`signal`) and of
 * any other (`cancelRequestedAt` on the record, set by cancelEtlRun), read in the same round trip as the write.
 *
 * A failed progress write is logged and does not stop the run: the progress is for people watching, and the load
 * that just succeeded on the same database is what matters.
 *
 * @param runId - the run's record
 * @param searchesTotal - how many searches the run makes
 */
export function watchRun(
  runId: string,
  searchesTotal: number,
  options: {
    logger: Logger;
    signal?: AbortSignal;
    onProgress?: (progress: EtlProgress) => void | Promise<void>;
    now: () => Date;
  },
): RunWatch {
  let last: EtlRunProgress | undefined;
  return {
    initial(at) {
      return { ...zeroCounts(), searchesDone: 0, searchesTotal, pagesExpected: null, updatedAt: at };
    },

    async checkpoint(event) {
      await options.onProgress?.(event);
      last = progressOf(event, options.now());
      const { updatedAt: _at, searchesDone: _d, searchesTotal: _t, pagesExpected: _e, ...counts } = last;
      let cancelRequested = false;
      try {
        // The whole record comes back: FerretDB does not implement a projection on findAndModify.
        const stored = await EtlRunModel.findOneAndUpdate(
          { _id: runId },
          { $set: { progress: last, ...counts } },
        ).lean();
        cancelRequested = stored?.cancelRequestedAt != null;
      } catch (error) {
        options.logger.warn({ err: error, runId }, 'could not store the progress of the ETL run');
      }
      if (options.signal?.aborted) {
        const reason: unknown = options.signal.reason;
        throw new EtlCancelledError(typeof reason === 'string' ? reason : SHUTDOWN_REASON);
      }
      if (cancelRequested) throw new EtlCancelledError('cancelled on request (cancelEtlRun)');
    },

    final(completed, counts, at) {
      const searchesDone = completed ? searchesTotal : (last?.searchesDone ?? 0);
      const pagesExpected = completed ? counts.pagesFetched : (last?.pagesExpected ?? null);
      return { ...counts, searchesDone, searchesTotal, pagesExpected, updatedAt: at };
    },
  };
}

function zeroCounts(): RunCounts {
  return { pagesFetched: 0, fetched: 0, kept: 0, skipped: 0, inserted: 0, updated: 0, unchanged: 0 };
}
