import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

import { DEFAULTS } from '../config';
import { isDatabaseError } from '../db/db-errors';
import { codeOf } from '../errors';
import type { Logger } from '../logger';
import { type EtlRun, EtlRunModel, EtlRunStatus, type EtlTrigger } from '../models/etl-run.model';
import { plannedPageCount, type UsajobsClient } from '../usajobs/usajobs.client';
import { EtlCancelledError, EtlConflictError, EtlLeaseLostError } from './etl.errors';
import { fitsProfile } from './fit';
import { acquireLease, type HeldLease } from './lease';
import { JobLoader } from './load';
import { type EtlParams, validateParams, withDefaults } from './params';
import { RunTally } from './run-tally';
import { watchRun } from './run-watch';
import { planSearches } from './search-plan';
import { type JobData, parseItem } from './transform';

/** The lease that makes runs exclusive across processes sharing one database. */
export const ETL_LEASE = 'etl';

/** What a caller can watch while a run goes on (the CLI draws its progress from it). */
export interface EtlProgress {
  search: 'location' | 'remote';
  page: number;
  /** Pages the search has (within USAJOBS's 10,000-result cap), known after its first page. */
  pages: number | null;
  /** Set when `maxPages` stops the search before its last page: the page it stops after. */
  stopAfter: number | null;
  /** 1-based position of this search among the run's searches, and how many there are. */
  searchNumber: number;
  searches: number;
  /** Counts of the whole run so far. */
  pagesFetched: number;
  fetched: number;
  kept: number;
  skipped: number;
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface RunEtlOptions {
  trigger: EtlTrigger;
  logger: Logger;
  /** Builds the USAJOBS client; called before anything is recorded, so what it throws means the run never started. */
  createClient: () => UsajobsClient;
  /** Called after every page is loaded; the run waits for it. */
  onProgress?: (progress: EtlProgress) => void | Promise<void>;
  /** Called once the run is recorded (RUNNING), before its first request: lets a caller return at once. */
  onStarted?: (run: EtlRun) => void;
  /** Aborting ends the run at its next page boundary, CANCELLED (shutdown); the record's `cancelRequestedAt` does
   * the same from any process. */
  signal?: AbortSignal;
  /** The schedule tick this run belongs to (trigger SCHEDULE), recorded on the run. */
  scheduledFor?: Date;
  /** Lease lifetime without renewal; a crashed run blocks the next one at most this long. */
  leaseTtlMs?: number;
  now?: () => Date;
}

/**
 * Runs one ETL: USAJOBS → parse → fit to the job seeker → upsert, recorded as an `EtlRun`.
 *
 * Exclusive across processes (a lease in the database, renewed at every page): a run whose lease is taken over
 * stops before loading another page. Failures after the run is recorded, a lost lease included, do not throw: they
 * end the run FAILED or PARTIAL with the reasons in `errors`, and everything loaded before them stays stored.
 *
 * @param input - parameters; missing ones take the defaults (a data engineer in Chicago with 5 years)
 * @param options - trigger, logger, client factory, progress callback
 * @returns the finished run record
 * @throws EtlParamsError for invalid parameters, what `createClient` throws (MissingCredentialsError), EtlConflictError
 *   when another run holds the lease; in each case nothing was recorded or changed
 */
export async function runEtl(input: Partial<EtlParams>, options: RunEtlOptions): Promise<EtlRun> {
  const params = validateParams(withDefaults(input));
  const client = options.createClient();
  const now = options.now ?? (() => new Date());
  const runId = randomUUID();

  const lease = await acquireLease(ETL_LEASE, options.leaseTtlMs ?? DEFAULTS.etlLeaseTtlMs, runId, { now });
  if ('heldBy' in lease) throw new EtlConflictError(lease.heldBy);

  const startedAt = now();
  const logger = options.logger.child({ runId });
  const tally = new RunTally();
  const watch = watchRun(runId, planSearches(params).length, { ...options, now });
  try {
    // Renewed first: a process that stalled past the TTL since acquiring must not mark the new holder's run.
    if (!(await lease.renew())) throw new EtlConflictError();
    await markAbandonedRuns(startedAt);
    const created = (
      await EtlRunModel.create({
        _id: runId,
        status: EtlRunStatus.RUNNING,
        trigger: options.trigger,
        params,
        startedAt,
        scheduledFor: options.scheduledFor,
        progress: watch.initial(startedAt),
        owner: `${hostname()}:${process.pid}`,
      })
    ).toObject<EtlRun>();
    logger.info({ params, trigger: options.trigger }, 'ETL run started');
    options.onStarted?.(created);

    let completed = false;
    try {
      await extractTransformLoad(
        params,
        client,
        { ...options, onProgress: watch.checkpoint },
        tally,
        startedAt,
        lease,
      );
      completed = true;
    } catch (error) {
      // Whatever stops the run (credentials refused, database gone, lease lost, a cancel): recorded, not thrown.
      if (error instanceof EtlCancelledError) {
        tally.cancel(error.reason);
        logger.info({ reason: error.reason }, 'ETL run cancelled');
      } else {
        tally.fatal(error);
        logger.error({ err: error }, 'ETL run stopped');
      }
    }
    const finishedAt = now();
    const record = {
      ...tally.toRecord(finishedAt.getTime() - startedAt.getTime()),
      progress: watch.final(completed, tally.progress(), finishedAt),
    };
    const { errors: _errors, warnings: _warnings, skippedByReason: _reasons, ...summary } = record;
    logger.info(summary, 'ETL run finished');
    const finished: EtlRun = { ...created, ...record, finishedAt };
    try {
      await EtlRunModel.updateOne({ _id: runId }, { $set: { ...record, finishedAt } });
    } catch (error) {
      // The database went away: the caller still learns how the run ended; the stored record stays RUNNING until
      // the next run marks it abandoned.
      logger.error({ err: error }, 'could not store the finished run record');
    }
    return finished;
  } finally {
    await lease.release();
  }
}

async function extractTransformLoad(
  params: EtlParams,
  client: UsajobsClient,
  options: RunEtlOptions,
  tally: RunTally,
  seenAt: Date,
  lease: HeldLease,
): Promise<void> {
  // One streamed read of the stored hashes per run keeps the load linear (see load.ts).
  const loader = await JobLoader.open(seenAt);
  const searches = planSearches(params);
  for (const [index, search] of searches.entries()) {
    let pages: number | null = null;
    let countAll = 0;
    let lastPage = 0;
    try {
      for await (const page of client.search(search.query, { maxPages: params.maxPages })) {
        // Renewed at every page, so a run whose lease was taken over stops before it writes again.
        if (!(await lease.renew())) {
          throw new EtlLeaseLostError(
            lease.lostReason ?? 'the lease was lost',
            `before loading page ${page.page} of the ${search.name} search`,
          );
        }
        if (pages === null && page.items.length > 0) {
          pages = plannedPageCount(page.countAll, page.items.length);
          countAll = page.countAll;
        }
        lastPage = page.page;
        tally.page(page.items.length);
        if (page.capped) {
          tally.warn(
            `${search.name} search matched ${page.countAll}+ announcements: USAJOBS caps a query at 10,000; ` +
              'narrow it (e.g. datePostedDays) to see them all',
          );
        }
        const fresh: JobData[] = [];
        for (const item of page.items) {
          const parsed = parseItem(item);
          if (!parsed.ok) {
            tally.skip(parsed.id, parsed.reason);
            continue;
          }
          if (tally.hasSeen(parsed.job._id)) continue;
          const fit = fitsProfile(parsed.job, { fromLocationSearch: search.name === 'location', params });
          if (!fit.fit) {
            tally.skip(parsed.job._id, fit.reason);
            continue;
          }
          tally.keep(parsed.job._id);
          fresh.push(parsed.job);
        }
        // Loaded page by page: a failure later in the run loses nothing loaded so far.
        tally.loaded(await loader.load(fresh));
        await options.onProgress?.({
          search: search.name,
          page: page.page,
          pages,
          stopAfter: params.maxPages && pages !== null && pages > params.maxPages ? params.maxPages : null,
          searchNumber: index + 1,
          searches: searches.length,
          ...tally.progress(),
        });
      }
      if (params.maxPages && pages !== null && pages > params.maxPages && lastPage >= params.maxPages) {
        tally.warn(
          `${search.name} search stopped early at maxPages ${params.maxPages}: read ${lastPage} of its ${pages} ` +
            `pages (${countAll} results matched)`,
        );
      }
    } catch (error) {
      if (isFatalForRun(error)) throw error;
      tally.searchFailed(search.name, error);
    }
  }
}

/** Credentials, database failures and a lost lease stop the whole run; an upstream outage only ends its search. */
function isFatalForRun(error: unknown): boolean {
  if (error instanceof EtlLeaseLostError || error instanceof EtlCancelledError) return true;
  return codeOf(error) === 'USAJOBS_AUTH_FAILED' || isDatabaseError(error);
}

/** We hold the lease, so any run still RUNNING belongs to a process that died without finishing it. */
async function markAbandonedRuns(now: Date): Promise<void> {
  const stale = await EtlRunModel.find({ status: EtlRunStatus.RUNNING }, { _id: 1, startedAt: 1 }).lean();
  for (const run of stale) {
    await EtlRunModel.updateOne(
      { _id: run._id },
      {
        $set: {
          status: EtlRunStatus.FAILED,
          finishedAt: now,
          durationMs: now.getTime() - new Date(run.startedAt).getTime(),
        },
        $push: { errors: 'abandoned: the process running it stopped before it finished' },
      },
    );
  }
}
