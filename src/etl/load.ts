import { createHash, randomUUID } from 'node:crypto';

import type { AnyBulkWriteOperation, UpdateQuery } from 'mongoose';

import { isDuplicateKeyError } from '../db/db-errors';
import { JOBS_DATA_SET, readDataVersion } from '../models/data-version.model';
import { type Job, type JobChange, JobModel, JobStatus } from '../models/job.model';
import {
  type JobListing,
  LISTED_JOB_PROJECTION,
  type ListedJobFields,
  publishJobChanges,
  toJobListing,
} from '../models/job-listing.model';
import { clearJobLoadState, readJobLoadState, writeJobLoadState } from '../models/job-load-state.model';
import { readSightings, recordSightings, replaceSightings } from '../models/job-sighting.model';
import {
  appendChanges,
  diffTracked,
  statusChange,
  TRACKED_JOB_PROJECTION,
  type TrackedJobFields,
} from './job-changes';
import type { JournaledJobFields, RunJournal } from './run-journal';
import type { JobData } from './transform';

/*
 * Linear on FerretDB and on MongoDB. FerretDB 1.x serves only a filter that is exactly one `_id` equality from an
 * index (with the launcher's `_id` index); any other find decodes every stored document. So a run reads every
 * stored `{_id, contentHash}` once, in one streamed pass, and from then on every write filters on one `_id`.
 * (Classifying each page with `{_id: {$in: [...]}}`, as before, scanned the collection once per batch: quadratic.)
 *
 * Batch sizes: measured with bench/load-batches.bench.ts (FerretDB 1.24 SQLite with the launcher's `_id` index,
 * 1,000 jobs generated from the real samples per case, on the shared 2-core machine at load average ~3):
 *
 *   stored jobs                          2,000                 20,000
 *   insertMany by 100 / 500 / 1,000      1.50 / 1.15 / 1.05 s   1.40 / 1.22 / 1.06 s
 *   lastSeenAt, updateOne by 50 / 90     3.07 / 2.84 s          3.61 / 3.18 s
 *   lastSeenAt, updateMany $in by 90     14.9 s                 147 s (a scan per command)
 *   full upsert by 50 / 90               3.92 / 3.76 s          6.86 / 6.61 s
 *   streamed read of every hash          1.05 s                 10.9 s (0.5 ms a stored job, once per run)
 *   findById x 100                       0.27 s                 0.67 s
 *
 * Per-`_id` statements cost about the same at 2,000 and 20,000 stored jobs (linear); 90 a batch beats 50; updateMany
 * with `$in` is out (ten times slower at 2,000, growing with the collection). insertMany is ~1 ms a job at any size
 * and larger batches help a little: 500 keeps a command far below the 48 MB message limit with 1,176-location
 * postings. An `update` of 100 or more statements never answers on FerretDB 1.24 (README, database section).
 */

/** Statements per bulkWrite: below 100 on purpose (FerretDB 1.24 hangs on an `update` of >= 100 statements). */
export const LOAD_BATCH_SIZE = 90;
/** New jobs per insertMany. */
export const INSERT_BATCH_SIZE = 500;

export interface LoadResult {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Stored jobs for which a change was recorded (see Job.changes), status changes included. */
  changed: number;
  /** Jobs whose write failed (e.g. the database went away half-way), with why. */
  failed: { id: string; error: string }[];
}

/** What the loader knows of a stored job from its one read, kept current with its own writes. */
export interface StoredJob {
  hash: string;
  profiles: readonly string[];
  withdrawn: boolean;
  /** applicationCloseDate, epoch ms. */
  closeAt: number | null;
  /** lastSeenAt as stored in the document (sightings aside), epoch ms. */
  seenAt: number;
}

/** What a run wants a job's profile matches to be; undefined: leave them as stored. */
export type ProfilesOf = (id: string) => readonly string[] | undefined;

/**
 * The stored fields a rewrite reads by `_id`: what history compares, what the readers' listings hold, and what the
 * run's journal tells of a job.
 */
const REWRITE_PROJECTION = {
  ...LISTED_JOB_PROJECTION,
  ...TRACKED_JOB_PROJECTION,
  contentHash: 1,
  firstSeenAt: 1,
  positionUri: 1,
  positionLocationDisplay: 1,
  unpaid: 1,
  lastSeenAt: 1,
} as const;

type StoredForRewrite = ListedJobFields &
  TrackedJobFields &
  Pick<Job, 'changes' | 'contentHash' | 'positionUri' | 'positionLocationDisplay' | 'unpaid'> &
  Partial<Pick<Job, 'lastSeenAt'>>;

/** A planned write of one job: its update, its listing, and the changes it records. */
interface PlannedWrite {
  update: UpdateQuery<Job>;
  listing: JobListing;
  changes: JobChange[];
  /** The job's fields once written (for the journal). */
  job: JournaledJobFields;
}

/** The stored fields the loader's one read takes of every job. */
const STORED_JOB_PROJECTION = {
  contentHash: 1,
  matchedProfileIds: 1,
  status: 1,
  applicationCloseDate: 1,
  lastSeenAt: 1,
} as const;

/** One job to write in full or in part, with what it is about to become. */
interface Rewrite {
  id: string;
  /** New content from USAJOBS; absent when only bookkeeping changes. */
  job?: JobData;
  hash?: string;
  /** Desired profile matches; undefined: as stored. */
  profiles?: readonly string[];
  /** Desired stored status; undefined: as stored. */
  status?: JobStatus.OPEN | JobStatus.WITHDRAWN;
  /** The run saw it in USAJOBS (moves lastSeenAt). */
  seen: boolean;
}

/**
 * Loads the jobs of one run into the database. Reads every stored job's content hash (and profile matches, status,
 * close date and lastSeenAt) once ({@link JobLoader.open}); each {@link JobLoader.load} then classifies against that
 * map and writes by `_id` only: `inserted` (new: insertMany by batch), `updated` (any field from USAJOBS changed: full
 * `$set`, after reading the old values by `_id` to record what changed) or `unchanged`. An unchanged job whose matches
 * and status stay is not written at all: the run records its control number in a sighting (one document per page,
 * see job-sighting.model.ts), which is what moves its `lastSeenAt`. Idempotent; `firstSeenAt` is set once.
 *
 * The map can only go stale through another writer, and the ETL lease admits one run at a time: the writes that
 * remain possible meanwhile are `wipe` (deleting jobs) and a caller outside the lease (inserting them). Every writer
 * of jobs publishes a new jobs data version (readers depend on it too), so the loader knows the version its map
 * matches and, after each page, whether anyone else wrote since: then it reads the map again, and the jobs of the
 * page it took for stored but are no longer are written in full. A job inserted meanwhile also fails our insert as a
 * duplicate key and is then classified by reading it by `_id`. A content change by another writer between the map
 * read and our write is not looked for.
 */
export class JobLoader {
  private wrote = false;
  /** A write failed: the database may hold part of it, which the map does not know. */
  private uncertain = false;
  /** Listings of the jobs written since the last publication. */
  private written: JobListing[] = [];
  /** Makes the documents this loader adds (sightings, saved state) unique: with a counter. */
  private readonly uniqueKey = `${Date.now()}-${randomUUID().slice(0, 8)}`;
  private keys = 0;

  private constructor(
    /** Control number → what is stored, for every stored job. */
    private stored: Map<string, StoredJob>,
    private readonly seenAt: Date,
    /** The jobs data version the map matches: the version before the read, then the one of each own write. */
    private version: number,
    private readonly journal: RunJournal | undefined,
  ) {}

  /**
   * Reads what the loader needs of every stored job in one streamed pass (a cursor, not one array).
   *
   * @param seenAt - the run's clock reading, stored as `lastSeenAt` (and `firstSeenAt` of new jobs)
   * @param journal - told of every acknowledged write that inserted a job or recorded a change (the run's digest)
   */
  static async open(seenAt: Date, journal?: RunJournal): Promise<JobLoader> {
    // Read before the jobs: a write during the read shows as a newer version at the first check.
    const version = await readDataVersion(JOBS_DATA_SET);
    const saved = await readSavedState(version);
    return new JobLoader(saved ?? (await readStoredJobs()), seenAt, version, journal);
  }

  /** How many jobs the loader knows as stored. */
  get size(): number {
    return this.stored.size;
  }

  /**
   * What is stored of a job, as far as the loader knows.
   *
   * @returns undefined when the job is not stored
   */
  get(id: string): Readonly<StoredJob> | undefined {
    return this.stored.get(id);
  }

  /** Every stored job the loader knows, with its control number. */
  entries(): IterableIterator<[string, Readonly<StoredJob>]> {
    return this.stored.entries();
  }

  /**
   * Upserts jobs the run saw by `_id`, unordered, in batches; records the unchanged ones as seen. A seen job that
   * was WITHDRAWN is OPEN again. A batch that fails counts its jobs as failed and the next batch is still tried;
   * what was written before stays written.
   *
   * @param jobs - parsed jobs, distinct by `_id`
   * @param profilesOf - the profile matches each job should have; by default they stay as stored (none when new)
   * @returns the counts
   */
  async load(jobs: readonly JobData[], profilesOf: ProfilesOf = () => undefined): Promise<LoadResult> {
    const result: LoadResult = { inserted: 0, updated: 0, unchanged: 0, changed: 0, failed: [] };
    const fresh: Rewrite[] = [];
    let seen: Rewrite[] = [];
    const rewrite: Rewrite[] = [];
    for (const job of jobs) {
      const entry: Rewrite = {
        id: job._id,
        job,
        hash: contentHash(job),
        profiles: profilesOf(job._id),
        seen: true,
      };
      const kind = this.classify(entry);
      (kind === 'fresh' ? fresh : kind === 'seen' ? seen : rewrite).push(entry);
    }

    for (const batch of chunks(fresh, INSERT_BATCH_SIZE)) {
      await this.guard(batch, result, async () => {
        const late = await this.insert(batch);
        result.inserted += batch.length - late.length;
        // Stored meanwhile by someone else: written again in full, which reads and classifies it by `_id`.
        rewrite.push(...late);
      });
    }
    await this.rewriteAll(rewrite, result);
    // Checked again after its own catching up, a few times at most (another writer could keep writing).
    for (let check = 0; check < 3 && (await this.someoneElseWrote(await this.publish())); check++) {
      // Jobs deleted meanwhile (a wipe) that the page saw unchanged are written again in full.
      this.stored = await readStoredJobs();
      const gone = seen.filter((entry) => !this.stored.has(entry.id));
      seen = seen.filter((entry) => this.stored.has(entry.id));
      await this.rewriteAll(gone, result);
    }
    result.unchanged += seen.length;
    if (seen.length > 0) {
      const ids = seen.map((entry) => entry.id);
      try {
        await recordSightings(`${this.uniqueKey}:${this.keys++}`, this.seenAt, ids);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        result.unchanged -= ids.length;
        result.failed.push(...ids.map((id) => ({ id, error: message })));
      }
    }
    return result;
  }

  /**
   * Brings the profile matches and status of stored jobs to what the run decided, for jobs {@link load} did not
   * write that way: seen but fitting no profile (matches dropped, WITHDRAWN ones reopened), matched by a later
   * search of the run, or found WITHDRAWN. Only jobs whose matches or status differ are written.
   *
   * @param updates - per job: desired matches (undefined: as stored), desired status (undefined: as stored)
   * @returns the counts (`changed`: jobs whose status changed; `unchanged`: jobs written for their matches only)
   */
  async settle(
    updates: readonly {
      id: string;
      profiles?: readonly string[];
      status?: JobStatus.OPEN | JobStatus.WITHDRAWN;
    }[],
  ): Promise<LoadResult> {
    const result: LoadResult = { inserted: 0, updated: 0, unchanged: 0, changed: 0, failed: [] };
    const due = updates.filter(({ id, profiles, status }) => {
      const known = this.stored.get(id);
      if (!known) return false;
      const statusDiffers = status !== undefined && (status === JobStatus.WITHDRAWN) !== known.withdrawn;
      return statusDiffers || (profiles !== undefined && !sameSet(profiles, known.profiles));
    });
    for (const batch of chunks(
      due.map((update) => ({ ...update, seen: false })),
      LOAD_BATCH_SIZE,
    )) {
      await this.guard(batch, result, async () => {
        const counts = await this.rewrite(batch);
        result.unchanged += counts.unchanged;
        result.changed += counts.changed;
      });
    }
    if (await this.someoneElseWrote(await this.publish())) this.stored = await readStoredJobs();
    return result;
  }

  /**
   * Compacts the sightings once the run is over: one document per run time (in chunks) instead of one per page,
   * without the jobs whose stored `lastSeenAt` is as late (written since) or that are no longer stored. Sightings of
   * runs that ended without this (a crash) are compacted by the next run's.
   */
  async finish(): Promise<void> {
    const { latest, docIds } = await readSightings();
    if (docIds.length > 0) {
      for (const [id, at] of latest) {
        const known = this.stored.get(id);
        if (!known || known.seenAt >= at) latest.delete(id);
      }
      await replaceSightings(`${this.uniqueKey}:c${this.keys++}`, latest, docIds);
    }
    await this.save();
  }

  /**
   * Saves the map for the next run (job-load-state.model.ts) when it is known to be exact: no write of this loader
   * failed (a failed batch may have written part of itself) and nobody else wrote since its last check. Otherwise
   * the saved state is dropped and the next run reads the jobs.
   */
  private async save(): Promise<void> {
    const current = await readDataVersion(JOBS_DATA_SET);
    if (this.uncertain || current !== this.version) {
      await clearJobLoadState();
      return;
    }
    const rows = [...this.stored].map(([id, job]) => [
      id,
      job.hash,
      job.profiles,
      job.withdrawn ? 1 : 0,
      job.closeAt,
      Number.isFinite(job.seenAt) ? job.seenAt : null,
    ]);
    await writeJobLoadState(this.version, rows, `${this.uniqueKey}:${this.keys++}`);
  }

  /** Sorts a job the run saw into insert, seen (no write), or rewrite. */
  private classify(entry: Rewrite): 'fresh' | 'seen' | 'rewrite' {
    const known = this.stored.get(entry.id);
    if (!known) return 'fresh';
    const profilesDiffer = entry.profiles !== undefined && !sameSet(entry.profiles, known.profiles);
    if (known.hash === entry.hash && !known.withdrawn && !profilesDiffer) return 'seen';
    return 'rewrite';
  }

  private async rewriteAll(entries: Rewrite[], result: LoadResult): Promise<void> {
    for (const batch of chunks(entries, LOAD_BATCH_SIZE)) {
      await this.guard(batch, result, async () => {
        const counts = await this.rewrite(batch);
        result.inserted += counts.inserted;
        result.updated += counts.updated;
        result.unchanged += counts.unchanged;
        result.changed += counts.changed;
      });
    }
  }

  /**
   * Whether a writer other than this loader changed the jobs since the version the map matches; moves that version
   * on. `published`: the version this loader's own latest write made, when it made one.
   */
  private async someoneElseWrote(published: number | undefined): Promise<boolean> {
    let now: number;
    try {
      now = published ?? (await readDataVersion(JOBS_DATA_SET));
    } catch {
      // The database is gone: the next write fails anyway, and the run with it.
      return false;
    }
    // Our own write moves the version by exactly one.
    const expected = published === undefined ? this.version : this.version + 1;
    this.version = now;
    return now !== expected;
  }

  private async guard(batch: Rewrite[], result: LoadResult, write: () => Promise<void>): Promise<void> {
    try {
      await write();
      this.wrote = true;
    } catch (error) {
      this.uncertain = true;
      const message = error instanceof Error ? error.message : String(error);
      result.failed.push(...batch.map((entry) => ({ id: entry.id, error: message })));
    }
  }

  /**
   * Reads each job by `_id`, records what changed, and writes it whole (or its bookkeeping only). A job found
   * missing is inserted.
   */
  private async rewrite(
    batch: Rewrite[],
  ): Promise<{ inserted: number; updated: number; unchanged: number; changed: number }> {
    const counts = { inserted: 0, updated: 0, unchanged: 0, changed: 0 };
    const olds = await Promise.all(
      batch.map((entry) => JobModel.findById(entry.id, REWRITE_PROJECTION).lean<StoredForRewrite>()),
    );
    const operations: AnyBulkWriteOperation<Job>[] = [];
    const listings: JobListing[] = [];
    const journaled: Parameters<RunJournal['wrote']>[0][] = [];
    batch.forEach((entry, i) => {
      const old = olds[i];
      const planned = old ? this.planUpdate(entry, old) : this.planInsert(entry);
      if (!planned) return;
      operations.push({
        updateOne: { filter: { _id: entry.id }, update: planned.update, upsert: old == null },
      });
      listings.push(planned.listing);
      journaled.push({
        id: entry.id,
        inserted: !old,
        changes: planned.changes,
        profiles: planned.listing.matchedProfileIds,
        job: planned.job,
      });
      if (!old) counts.inserted += 1;
      else if (entry.hash !== undefined && entry.hash !== old.contentHash) counts.updated += 1;
      else counts.unchanged += 1;
      if (planned.changes.length > 0) counts.changed += 1;
    });
    if (operations.length > 0) await JobModel.bulkWrite(operations, { ordered: false });
    batch.forEach((entry, i) => this.remember(entry, olds[i] ?? null));
    this.written.push(...listings);
    for (const write of journaled) this.journal?.wrote(write);
    return counts;
  }

  /** The update of a stored job: new content (with what changed), lastSeenAt, matches, status. */
  private planUpdate(entry: Rewrite, old: StoredForRewrite): PlannedWrite {
    const wasWithdrawn = old.status === JobStatus.WITHDRAWN;
    const status = entry.status ?? (entry.seen ? JobStatus.OPEN : (old.status ?? JobStatus.OPEN));
    const content = entry.job && entry.hash !== old.contentHash ? entry.job : undefined;
    const changes = [
      ...(content ? diffTracked(old, content, this.seenAt) : []),
      ...((status === JobStatus.WITHDRAWN) !== wasWithdrawn
        ? [statusChange(wasWithdrawn ? JobStatus.WITHDRAWN : JobStatus.OPEN, status, this.seenAt)]
        : []),
    ];
    const set: Record<string, unknown> = {};
    if (content) Object.assign(set, withoutId(content), { contentHash: entry.hash });
    if (entry.seen) set.lastSeenAt = this.seenAt;
    const profiles = entry.profiles ?? old.matchedProfileIds ?? [];
    if (entry.profiles !== undefined) set.matchedProfileIds = [...entry.profiles];
    if ((status === JobStatus.WITHDRAWN) !== wasWithdrawn) {
      set.status = status;
      set.withdrawnAt = status === JobStatus.WITHDRAWN ? this.seenAt : null;
    }
    if (changes.length > 0) {
      set.changes = appendChanges(old.changes, changes);
      set.changedAt = this.seenAt;
    }
    const listed = content ?? old;
    const listing = toJobListing({
      ...listed,
      _id: entry.id,
      matchedProfileIds: [...profiles],
      status,
      changedAt: changes.length > 0 ? this.seenAt : (old.changedAt ?? old.firstSeenAt),
      // New content has no firstSeenAt of its own; the listing's card shows the stored one.
      firstSeenAt: old.firstSeenAt,
    });
    return { update: { $set: set }, listing, changes, job: listed };
  }

  /** A job to insert by upsert (deleted since the map was read, or never stored); null when not seen. */
  private planInsert(entry: Rewrite): PlannedWrite | null {
    if (!entry.job || !entry.hash) return null;
    const doc = this.newDoc(entry.job, entry.hash, entry.profiles);
    const { firstSeenAt, ...rest } = withoutId(doc);
    return {
      update: { $set: rest, $setOnInsert: { firstSeenAt } },
      listing: toJobListing(doc),
      changes: [],
      job: doc,
    };
  }

  /** Updates the map after a write. */
  private remember(entry: Rewrite, old: StoredForRewrite | null): void {
    const known = this.stored.get(entry.id);
    if (!old && !entry.job) return;
    const status = entry.status ?? (entry.seen ? JobStatus.OPEN : (old?.status ?? JobStatus.OPEN));
    const job = entry.job ?? old!;
    this.stored.set(entry.id, {
      hash: entry.hash ?? old?.contentHash ?? known?.hash ?? '',
      profiles: [...(entry.profiles ?? old?.matchedProfileIds ?? known?.profiles ?? [])],
      withdrawn: status === JobStatus.WITHDRAWN,
      closeAt: job.applicationCloseDate ? new Date(job.applicationCloseDate).getTime() : null,
      seenAt:
        entry.seen || !old
          ? this.seenAt.getTime()
          : epochOr(old.lastSeenAt, known?.seenAt ?? Number.NEGATIVE_INFINITY),
    });
  }

  private newDoc(job: JobData, hash: string, profiles: readonly string[] | undefined): Job {
    return {
      ...job,
      contentHash: hash,
      firstSeenAt: this.seenAt,
      lastSeenAt: this.seenAt,
      matchedProfileIds: [...(profiles ?? [])],
      status: JobStatus.OPEN,
      withdrawnAt: null,
      changes: [],
      changedAt: this.seenAt,
    };
  }

  /** Inserts unordered; returns the jobs rejected as duplicates. Any other failure is thrown. */
  private async insert(batch: Rewrite[]): Promise<Rewrite[]> {
    const docs = batch.map((entry) => this.newDoc(entry.job!, entry.hash!, entry.profiles));
    let late: Rewrite[] = [];
    try {
      // lean: the documents are built whole here from parsed data (every key present, the types the schema
      // declares), so mongoose's casting, validation and defaults would only cost time (a third of a first run's
      // CPU). test/integration/load.test.ts checks that what is stored equals what mongoose would have stored.
      await JobModel.insertMany(docs, { ordered: false, lean: true });
    } catch (error) {
      const writeErrors = (error as { writeErrors?: { index: number }[] }).writeErrors;
      if (!writeErrors?.length || !writeErrors.every(isDuplicateKeyError)) throw error;
      late = writeErrors.map((e) => batch[e.index] as Rewrite);
    }
    const lateIds = new Set(late.map((entry) => entry.id));
    docs.forEach((doc, i) => {
      if (lateIds.has(doc._id)) return;
      this.written.push(toJobListing(doc));
      this.remember(batch[i]!, null);
      this.journal?.wrote({
        id: doc._id,
        inserted: true,
        changes: [],
        profiles: doc.matchedProfileIds,
        job: doc,
      });
    });
    return late;
  }

  /**
   * Readers (any process) see the new data from the next request on: their caches drop what they computed, and
   * their listings take in those of the jobs written. If this write fails the database is gone anyway: readers
   * rescan once it is back, and caches expire by age.
   */
  private async publish(): Promise<number | undefined> {
    if (!this.wrote) return undefined;
    const listings = this.written;
    this.written = [];
    this.wrote = false;
    return publishJobChanges({ listings }).catch(() => undefined);
  }
}

/**
 * The map as the last run saved it, when it matches the jobs as they are: saved at `version` (every writer of jobs
 * publishes a new one) and with as many jobs as the collection holds now (collStats: a writer that deleted or
 * inserted without publishing). Null otherwise, or when either cannot be read.
 */
async function readSavedState(version: number): Promise<Map<string, StoredJob> | null> {
  try {
    const rows = await readJobLoadState(version);
    if (!rows) return null;
    const stats = await JobModel.db.db!.command({ collStats: JobModel.collection.collectionName });
    if (Number(stats.count) !== rows.length) return null;
    const stored = new Map<string, StoredJob>();
    for (const [id, hash, profiles, withdrawn, closeAt, seenAt] of rows) {
      stored.set(String(id), {
        hash: String(hash),
        profiles: profiles as string[],
        withdrawn: withdrawn === 1,
        closeAt: typeof closeAt === 'number' ? closeAt : null,
        seenAt: typeof seenAt === 'number' ? seenAt : Number.NEGATIVE_INFINITY,
      });
    }
    return stored;
  } catch {
    // No collection yet, or a server without collStats: the jobs are read instead.
    return null;
  }
}

/** What the loader needs of every stored job, in one streamed pass (a cursor, not one array). */
async function readStoredJobs(): Promise<Map<string, StoredJob>> {
  const stored = new Map<string, StoredJob>();
  type Row = Pick<
    Job,
    '_id' | 'contentHash' | 'matchedProfileIds' | 'status' | 'applicationCloseDate' | 'lastSeenAt'
  >;
  const cursor = JobModel.find({}, STORED_JOB_PROJECTION).lean<Row[]>().cursor({ batchSize: 500 });
  for await (const row of cursor) {
    stored.set(row._id, {
      hash: row.contentHash,
      profiles: row.matchedProfileIds ?? [],
      withdrawn: row.status === JobStatus.WITHDRAWN,
      closeAt: row.applicationCloseDate ? new Date(row.applicationCloseDate).getTime() : null,
      seenAt: epochOr(row.lastSeenAt, Number.NEGATIVE_INFINITY),
    });
  }
  return stored;
}

function epochOr(value: Date | string | null | undefined, fallback: number): number {
  if (value === null || value === undefined) return fallback;
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? fallback : ms;
}

function withoutId<T extends { _id: string }>(doc: T): Omit<T, '_id'> {
  const { _id: _ignored, ...rest } = doc;
  return rest;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((value) => set.has(value));
}

/**
 * Loads one set of jobs on its own: opens a {@link JobLoader} (one read of the stored hashes) and loads them.
 * A run loads many pages through one loader instead.
 *
 * @param jobs - parsed jobs, distinct by `_id`
 * @param seenAt - stored as `lastSeenAt` (and `firstSeenAt` of new jobs)
 * @returns the counts
 */
export async function loadJobs(jobs: readonly JobData[], seenAt: Date): Promise<LoadResult> {
  const loader = await JobLoader.open(seenAt);
  const result = await loader.load(jobs);
  await loader.finish();
  return result;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

/**
 * A stable digest of a job's USAJOBS-derived fields: key order, `undefined` vs absent and Date objects do not change
 * it, any value change does.
 *
 * @param job - a parsed job
 * @returns hex SHA-256
 */
export function contentHash(job: JobData): string {
  return createHash('sha256').update(stableStringify(job)).digest('hex');
}

function stableStringify(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
