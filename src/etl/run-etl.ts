import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

import { DEFAULTS } from '../config';
import { isDatabaseError } from '../db/db-errors';
import { codeOf, messageOf } from '../errors';
import type { Logger } from '../logger';
import { type EtlRun, EtlRunModel, EtlRunStatus, type EtlTrigger } from '../models/etl-run.model';
import { JobStatus } from '../models/job.model';
import type { SearchProfile } from '../models/search-profile.model';
import { plannedPageCount, type UsajobsClient } from '../usajobs/usajobs.client';
import { codesOf, type SplitCodeList } from './code-lists';
import { SearchCrawl, type SliceCodes } from './coverage';
import { EtlCancelledError, EtlConflictError, EtlLeaseLostError, EtlParamsError } from './etl.errors';
import { ETL_LEASE, PROFILE_CHANGES_HOLDER } from './etl-lease';
import { acquireLease, type HeldLease } from './lease';
import { JobLoader } from './load';
import { type EtlParams, validateParams, withDefaults } from './params';
import { applyProfileChanges, applyProfileChangesWhenFree, PROFILE_CHANGES_WAIT_MS } from './profile-matches';
import { RunJournal, type TouchedJob } from './run-journal';
import { MAX_MESSAGES, RunTally } from './run-tally';
import { watchRun } from './run-watch';
import { type PlannedSearch, planSearches } from './search-plan';
import { ensureDefaultProfile, listSearchProfiles } from './search-profiles';
import { adHocTarget, profileTarget, recordedParams, type SearchTarget } from './search-target';
import { TargetMatches } from './target-matches';
import { type JobData, parseItem } from './transform';

export { ETL_LEASE } from './etl-lease';

/**
 * What one run does: an ad-hoc search (any parameter set), one saved search profile (`profile`: its id or name), or,
 * with neither, every enabled profile (the default profile is created first when none is stored).
 */
export type EtlRequest = Partial<EtlParams> & { profile?: string | null };

/** What a caller can watch while a run goes on (the CLI draws its progress from it). */
export interface EtlProgress {
  /** `location`, `remote` or `anywhere`. */
  search: string;
  /** The slice of the search being read when it was split past the cap (empty otherwise); `page` and `pages` are
   * the slice's. */
  slice: string;
  page: number;
  /** Pages the search (or slice) has (within USAJOBS's 10,000-result cap), known after its first page. */
  pages: number | null;
  /** Set when `maxPages` stops the search before its last page: the page it stops after. */
  stopAfter: number | null;
  /** 1-based position of this search among the run's searches, and how many there are. */
  searchNumber: number;
  searches: number;
  /**
   * Pages this search will still read after this one, as far as is known: the rest of its slice, and at least one
   * for each slice split off and not begun yet (see SearchCrawl.pagesAhead). 0: this page was its last.
   */
  pagesAhead: number;
  /** Counts of the whole run so far. */
  pagesFetched: number;
  fetched: number;
  kept: number;
  skipped: number;
  inserted: number;
  updated: number;
  unchanged: number;
}

/** What a finished run did, for whatever follows it (the digests of what changed). */
export interface FinishedRun {
  /** The finished record, as stored. */
  run: EtlRun;
  /** Every job the run inserted, changed or withdrew (never empty when handed on). */
  jobs: readonly TouchedJob[];
}

/**
 * Runs after a run that inserted, changed or withdrew jobs, once its record is stored finished and its lease
 * released, in the process that ran it.
 *
 * @param finished - the record and the jobs
 * @param signal - aborted when the process is shutting down: stop starting new work
 * @returns warnings to add to the run record (e.g. a digest that could not be delivered); it should not throw
 */
export type AfterRun = (finished: FinishedRun, signal?: AbortSignal) => Promise<string[]>;

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
  /**
   * Called after a run that inserted, changed or withdrew jobs, whatever its status; the run resolves once it
   * settles, with its warnings added (the stored status is already final by then). It bounds its own time.
   */
  afterRun?: AfterRun;
  now?: () => Date;
}

/**
 * Runs one ETL: USAJOBS → parse → fit to each job seeker → upsert, recorded as an `EtlRun`. Searches that several
 * profiles ask for identically run once; a posting found by several searches is loaded once and matched against
 * every profile whose searches found it. A search that reaches USAJOBS' 10,000-result cap is split until every
 * slice is below it (see coverage.ts). After a SUCCEEDED run, the jobs of a profile whose searches were all read
 * completely that none of them returned (and whose close date is ahead) are marked WITHDRAWN.
 *
 * Exclusive across processes (a lease in the database, renewed at every page): a run whose lease is taken over
 * stops before loading another page. Failures after the run is recorded, a lost lease included, do not throw: they
 * end the run FAILED or PARTIAL with the reasons in `errors`, and everything loaded before them stays stored.
 *
 * The loader journals every job the run inserts or records a change of; once the run is finished and its lease
 * released, `afterRun` is handed that journal (the digests), and the warnings it returns join the record.
 *
 * @param input - an ad-hoc run's parameters (missing ones take the defaults: a data engineer in Chicago with 5
 *   years), or `profile`, or nothing for every enabled profile
 * @param options - trigger, logger, client factory, progress callback
 * @returns the finished run record
 * @throws EtlParamsError for invalid parameters, an unknown profile or no enabled profile, what `createClient`
 *   throws (MissingCredentialsError), EtlConflictError when another run holds the lease; in each case no run was
 *   recorded and no job changed
 */
export async function runEtl(input: EtlRequest, options: RunEtlOptions): Promise<EtlRun> {
  // Checked before anything else, so that a bad request never takes the lease; read again under it below.
  if (runsEveryProfile(input)) await ensureDefaultProfile();
  await targetsOf(input, await listSearchProfiles());
  const client = options.createClient();
  const now = options.now ?? (() => new Date());
  const runId = randomUUID();
  const leaseTtlMs = options.leaseTtlMs ?? DEFAULTS.etlLeaseTtlMs;

  const lease = await acquireEtlLease(leaseTtlMs, runId, now);
  if ('heldBy' in lease) throw new EtlConflictError(lease.heldBy);

  const journal = new RunJournal();
  let finished: EtlRun;
  try {
    // Renewed first: a process that stalled past the TTL since acquiring must not mark the new holder's run.
    if (!(await lease.renew())) throw new EtlConflictError();
    // Profile changes made before the lease are applied to the jobs first, and the run goes with the profiles as
    // the pass that found none left read them; a change from now on is applied at the end (profile-matches.ts).
    const targets = await targetsOf(input, await applyProfileChanges());
    finished = await recordedRun(targets, client, lease, journal, runId, { ...options, now });
  } finally {
    await lease.release();
    // A profile change that found the lease taken after the run's last pass over them is applied now.
    await applyProfileChangesWhenFree(leaseTtlMs).catch((error: unknown) =>
      options.logger.error({ err: error }, 'could not apply the search profile changes made during the run'),
    );
  }
  return followUp(finished, journal, options, options.logger.child({ runId }));
}

/**
 * Hands a finished run that inserted, changed or withdrew jobs to `afterRun`, outside the lease (the next run need
 * not wait for a slow mail server), and adds the warnings it returns to the record.
 */
async function followUp(
  finished: EtlRun,
  journal: RunJournal,
  options: RunEtlOptions,
  logger: Logger,
): Promise<EtlRun> {
  if (!options.afterRun || journal.size === 0) return finished;
  let added: string[];
  try {
    added = await options.afterRun({ run: finished, jobs: journal.touched() }, options.signal);
  } catch (error) {
    // Whatever follows a run never fails it.
    logger.error({ err: error }, 'what follows the run failed');
    added = [`after the run: ${messageOf(error)}`];
  }
  if (added.length === 0) return finished;
  const warnings = [...finished.warnings, ...added].slice(0, MAX_MESSAGES);
  try {
    await EtlRunModel.updateOne({ _id: finished._id }, { $set: { warnings } });
  } catch (error) {
    logger.error({ err: error }, 'could not add the warnings after the run to its record');
  }
  return { ...finished, warnings };
}

/** A request with neither a profile nor parameters: every enabled profile. */
function runsEveryProfile(input: EtlRequest): boolean {
  const { profile, ...params } = input;
  return (
    (profile == null || profile.trim() === '') &&
    Object.values(params).every((value) => value === undefined || value === null)
  );
}

/**
 * Takes the ETL lease; while search profile changes hold it (seconds), waits for them rather than refusing.
 *
 * @returns the lease, or who holds it
 */
async function acquireEtlLease(
  ttlMs: number,
  runId: string,
  now: () => Date,
): Promise<Awaited<ReturnType<typeof acquireLease>>> {
  const waitUntil = Date.now() + PROFILE_CHANGES_WAIT_MS;
  for (;;) {
    const lease = await acquireLease(ETL_LEASE, ttlMs, runId, { now });
    if (!('heldBy' in lease) || lease.heldBy !== PROFILE_CHANGES_HOLDER || Date.now() > waitUntil) {
      return lease;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The run itself, once it holds the lease and knows its targets: recorded RUNNING, then finished. */
async function recordedRun(
  targets: readonly SearchTarget[],
  client: UsajobsClient,
  lease: HeldLease,
  journal: RunJournal,
  runId: string,
  options: RunEtlOptions & { now: () => Date },
): Promise<EtlRun> {
  const { now } = options;
  const params = recordedParams(targets[0]!.spec);
  const startedAt = now();
  const logger = options.logger.child({ runId });
  const tally = new RunTally();
  const watch = watchRun(runId, planSearches(targets).length, options);
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
  logger.info({ params, profiles: targets.map((t) => t.name), trigger: options.trigger }, 'ETL run started');
  options.onStarted?.(created);

  let completed = false;
  try {
    await extractTransformLoad(
      targets,
      client,
      { ...options, onProgress: watch.checkpoint },
      tally,
      journal,
      startedAt,
      lease,
      logger,
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
  await applyChangesMadeDuringRun(lease, tally, logger);
  const finishedAt = now();
  const record = {
    ...tally.toRecord(finishedAt.getTime() - startedAt.getTime()),
    progress: watch.final(completed, tally.progress(), finishedAt),
  };
  const {
    errors: _errors,
    warnings: _warnings,
    skippedByReason: _reasons,
    searches: _searches,
    profiles: _profiles,
    ...summary
  } = record;
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
}

/**
 * The run's job seekers.
 *
 * @param profiles - every stored profile
 * @throws EtlParamsError for bad parameters, parameters and a profile together, an unknown profile or no enabled one
 */
async function targetsOf(input: EtlRequest, profiles: readonly SearchProfile[]): Promise<SearchTarget[]> {
  const { profile, ...params } = input;
  const adHoc = Object.values(params).some((value) => value !== undefined && value !== null);
  if (profile != null && profile.trim() !== '') {
    if (adHoc) throw new EtlParamsError('Pass either a search profile or parameters, not both', 'profile');
    const found = profiles.find((p) => p._id === profile) ?? profiles.find((p) => p.name === profile.trim());
    if (!found) {
      throw new EtlParamsError(`No search profile has the id or name ${JSON.stringify(profile)}`, 'profile');
    }
    return [profileTarget(found)];
  }
  if (adHoc) return [adHocTarget(validateParams(withDefaults(params)))];
  const enabled = profiles.filter((p) => p.enabled);
  if (enabled.length === 0) {
    throw new EtlParamsError('No search profile is enabled: enable one, or pass a profile or parameters');
  }
  return enabled.map(profileTarget);
}

/**
 * Profiles changed or deleted while the run went on: their jobs are unmatched before the run lets the lease go,
 * the matches this run gave them by what they asked before included (see profile-matches.ts). Never throws: when
 * it cannot (lease lost, database gone), the next holder of the lease does it, and the run says so.
 */
async function applyChangesMadeDuringRun(lease: HeldLease, tally: RunTally, logger: Logger): Promise<void> {
  try {
    if (!(await lease.renew())) return;
    await applyProfileChanges();
  } catch (error) {
    logger.warn({ err: error }, 'could not apply the search profile changes made during the run');
    tally.warn(
      'search profile changes made during the run are applied by the next run (the jobs they unmatch still show ' +
        'the old matches meanwhile)',
    );
  }
}

async function extractTransformLoad(
  targets: readonly SearchTarget[],
  client: UsajobsClient,
  options: RunEtlOptions,
  tally: RunTally,
  journal: RunJournal,
  seenAt: Date,
  lease: HeldLease,
  logger: Logger,
): Promise<void> {
  // One streamed read of the stored hashes per run keeps the load linear (see load.ts).
  const loader = await JobLoader.open(seenAt, journal);
  const matches = new TargetMatches(targets);
  const lists = new Map<SplitCodeList, Promise<string[] | null>>();
  const sliceCodes: SliceCodes = {
    codes(list: SplitCodeList): Promise<string[] | null> {
      if (!lists.has(list)) lists.set(list, codesOf(list, client, logger, seenAt));
      return lists.get(list)!;
    },
  };

  try {
    await crawlAll(targets, client, loader, matches, sliceCodes, options, tally, lease);
    await settle(loader, matches, tally, seenAt);
  } finally {
    tally.profileCounts(matches.profileCounts());
    // However the run ended: what it saw stays recorded either way (page by page), this only tidies it up.
    await loader.finish().catch((error: unknown) => {
      logger.warn({ err: error }, 'could not compact the sightings of the run; the next run does');
    });
  }
}

async function crawlAll(
  targets: readonly SearchTarget[],
  client: UsajobsClient,
  loader: JobLoader,
  matches: TargetMatches,
  sliceCodes: SliceCodes,
  options: RunEtlOptions,
  tally: RunTally,
  lease: HeldLease,
): Promise<void> {
  const profilesFor = (id: string): readonly string[] | undefined =>
    matches.profilesOf(id, loader.get(id)?.profiles ?? []);
  const written = new Set<string>();
  const searches = planSearches(targets);
  // The query is named in messages only when several searches share a kind (a run over several profiles).
  const named = (search: PlannedSearch): string | undefined =>
    searches.filter((other) => other.kind === search.kind).length > 1 ? search.label : undefined;
  for (const [index, search] of searches.entries()) {
    // Each posting is parsed as soon as it arrives: its raw JSON, several times what is kept, is garbage at once.
    const crawl = new SearchCrawl(client, search, sliceCodes, parseItem);
    let pages: number | null = null;
    let countAll = 0;
    let lastPage = 0;
    let stoppedEarly = false;
    try {
      for await (const page of crawl.pages()) {
        // Renewed at every page, so a run whose lease was taken over stops before it writes again.
        if (!(await lease.renew())) {
          throw new EtlLeaseLostError(
            lease.lostReason ?? 'the lease was lost',
            `before loading page ${page.page} of the ${search.kind} search`,
          );
        }
        if (page.page === 1) pages = null;
        if (pages === null && page.items.length > 0) {
          pages = plannedPageCount(page.countAll, page.items.length);
          countAll = page.countAll;
        }
        lastPage = page.page;
        tally.page(page.items.length);
        const fresh: JobData[] = [];
        for (const parsed of page.items) {
          if (!parsed.ok) {
            tally.skip(parsed.id, parsed.reason);
            continue;
          }
          const id = parsed.job._id;
          const verdict = matches.see(parsed.job, search.roles);
          if (verdict.fit) tally.keep(id);
          else tally.skip(id, verdict.reason);
          // Written once a run: profiles that match it only on a later page are settled at the end.
          if (written.has(id)) continue;
          // A stored job is written even when it fits no job seeker any more: its changes are recorded, and it
          // stays stored, unmatched.
          if (verdict.fit || loader.get(id)) {
            written.add(id);
            fresh.push(parsed.job);
          }
        }
        // Loaded page by page: a failure later in the run loses nothing loaded so far.
        const loaded = await loader.load(fresh, profilesFor);
        for (const failure of loaded.failed) written.delete(failure.id);
        tally.loaded(loaded);
        await options.onProgress?.({
          search: search.kind,
          slice: page.slice,
          page: page.page,
          pages,
          stopAfter: search.maxPages && pages !== null && pages > search.maxPages ? search.maxPages : null,
          searchNumber: index + 1,
          searches: searches.length,
          pagesAhead: crawl.pagesAhead(),
          ...tally.progress(),
        });
      }
      // With maxPages the search is not split: one query, read up to that page.
      stoppedEarly =
        search.maxPages !== null && pages !== null && pages > search.maxPages && lastPage >= search.maxPages;
    } catch (error) {
      if (isFatalForRun(error)) throw error;
      tally.searchFailed(search.kind, error, named(search));
    } finally {
      recordCoverage(search, crawl, matches, tally);
      if (stoppedEarly) {
        tally.warn(
          `${search.kind} search stopped early at maxPages ${search.maxPages}: read ${lastPage} of its ${pages} ` +
            `pages (${countAll} results matched)`,
        );
      }
    }
  }
}

/** The search's coverage on the run record, and a warning for what is still capped. */
function recordCoverage(
  search: PlannedSearch,
  crawl: SearchCrawl<unknown>,
  matches: TargetMatches,
  tally: RunTally,
): void {
  const coverage = crawl.coverage();
  matches.searchEnded(search.roles, coverage.complete);
  tally.search({
    query: search.label,
    profiles: search.roles.flatMap(({ target }) => {
      const t = matches.targets[target]!;
      return t.profileId === null ? [] : [t.name];
    }),
    ...coverage,
  });
  for (const slice of coverage.slices.filter((s) => s.capped)) {
    const where =
      slice.label === '' ? `${search.kind} search` : `${search.kind} search, slice ${slice.label},`;
    tally.warn(
      `${where} matched ${slice.countAll}+ announcements: USAJOBS caps a query at 10,000` +
        (search.maxPages === null
          ? ' and it could not be split further; some are missing'
          : '; with maxPages set it is not split: narrow it (e.g. datePostedDays) to see them all'),
    );
  }
}

/**
 * The end of a run: every stored job gets the profile matches and status the run decided. Seen jobs are OPEN (a
 * WITHDRAWN one came back). When the run has no error, a stored OPEN job whose close date is ahead, matched by a
 * profile whose searches were all read completely, and returned by no search of the run, is WITHDRAWN; and a job
 * the run saw that such a profile's searches no longer return loses that match.
 */
async function settle(
  loader: JobLoader,
  matches: TargetMatches,
  tally: RunTally,
  seenAt: Date,
): Promise<void> {
  const withdraws = !tally.hasErrors();
  const updates: { id: string; profiles?: string[]; status?: JobStatus.OPEN | JobStatus.WITHDRAWN }[] = [];
  const withdrawnBy = new Map<string, number[]>();
  for (const [id, stored] of loader.entries()) {
    const seen = tally.wasPresent(id);
    const profiles = seen ? matches.profilesOf(id, stored.profiles, withdraws) : undefined;
    if (seen) {
      updates.push({ id, profiles, status: JobStatus.OPEN });
      continue;
    }
    if (!withdraws || stored.withdrawn || stored.closeAt === null || stored.closeAt <= seenAt.getTime())
      continue;
    const by = matches.completeTargetsOf(stored.profiles);
    if (by.length === 0) continue;
    withdrawnBy.set(id, by);
    updates.push({ id, status: JobStatus.WITHDRAWN });
  }
  const result = await loader.settle(updates);
  const failed = new Set(result.failed.map((failure) => failure.id));
  let withdrawn = 0;
  for (const [id, by] of withdrawnBy) {
    if (failed.has(id)) continue;
    withdrawn += 1;
    matches.countWithdrawal(by);
  }
  tally.settled(result, withdrawn);
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
