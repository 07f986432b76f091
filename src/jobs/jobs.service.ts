import mongoose from 'mongoose';

import { VersionedCache } from '../lib/versioned-cache';
import { JOBS_DATA_SET, readDataVersion } from '../models/data-version.model';
import { type Job, JobModel } from '../models/job.model';
import { jobOfListing, publishJobChanges } from '../models/job-listing.model';
import type { JobCriteria } from './job-criteria';
import { decodeCursor, encodeCursor, sortValueOf } from './job-cursor';
import { buildJobFilter } from './job-filter';
import { planPageSegments } from './job-page';
import { DEFAULT_JOB_SORT, type JobSort } from './job-sort';
import { type JobStats, type JobStatsRow, summarizeJobStats } from './job-stats';
import { compileListingPredicate, countListings, forEachMatching, pageOfListings } from './listing-query';
import { ListingSnapshots } from './listing-snapshot';
import { allOf, type MongoFilter } from './mongo-filter';

/** One page of jobs in keyset order; the GraphQL `JobConnection` type has this shape. */
export interface JobPage {
  edges: { node: Job; cursor: string }[];
  nodes: Job[];
  totalCount: number;
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

/*
 * Jobs change only when the ETL loads or `wipe` runs, and both bump the jobs data version; reads are cached under
 * that version. Every read costs one tiny version lookup; a hit costs nothing more. This matters most on the
 * embedded FerretDB, which decodes every stored job for each find and count (no sort or index push-down), and it
 * holds across replicas because the version lives in the database. "Still open" depends on the clock, so an entry
 * also expires after 30 s.
 */
const pageCache = new VersionedCache<JobPage>(500, 30_000);
const statsCache = new VersionedCache<JobStats>(200, 30_000);

export interface JobsPageRequest {
  filter?: JobCriteria | null;
  sort?: JobSort | null;
  /** Page size, already validated (1..100). */
  first: number;
  after?: string | null;
  now: Date;
  /**
   * `card`: the caller reads only the fields of a {@link JobCard} (and those a listing filters by) of each job, so
   * where the listings are in memory the page is made from them without reading any document.
   */
  fields?: 'card' | 'all';
}

/**
 * Reads one page of matching jobs by keyset (no skip): `first + 1` jobs to learn whether more follow, and the
 * number of all matching jobs.
 *
 * @returns the page, shaped as a Relay connection
 * @throws JobQueryError when `after` is not a valid cursor for this sort
 */
export async function findJobsPage(request: JobsPageRequest): Promise<JobPage> {
  // `now` stays out of the key: entries expire by age instead (see pageCache).
  const { now: _now, ...args } = request;
  const version = await readDataVersion(JOBS_DATA_SET);
  return pageCache.get(JSON.stringify(args), version, async () => (await jobReads()).page(request, version));
}

/**
 * @returns the job with this control number, or null
 */
export async function findJobById(id: string): Promise<Job | null> {
  return JobModel.findById(id).maxTimeMS(READ_MAX_TIME_MS).lean<Job>();
}

/**
 * Computes the statistics of the matching jobs, exactly (plain counting and summing in JS: FerretDB 1.x supports
 * only $sum/$count in $group and miscounts when one $group holds several $sum, so a pipeline would be exact on
 * MongoDB but not on the embedded database).
 *
 * @returns totals, salary figures and department/state buckets
 */
export async function computeJobStats(filter: JobCriteria | null | undefined, now: Date): Promise<JobStats> {
  const version = await readDataVersion(JOBS_DATA_SET);
  return statsCache.get(JSON.stringify(filter ?? null), version, async () =>
    (await jobReads()).stats(filter, now, version),
  );
}

/**
 * Longest a read may run in the database: the API's request deadline (src/graphql/limits.ts). A request that gives
 * up stops its queries too, instead of leaving them to load the database.
 */
export const READ_MAX_TIME_MS = 15_000;

/** One way of answering the jobs reads; both give the same answers (test/integration/job-reads.test.ts). */
export interface JobReads {
  page(request: JobsPageRequest, version: number): Promise<JobPage>;
  stats(filter: JobCriteria | null | undefined, now: Date, version: number): Promise<JobStats>;
  /** Builds what these reads keep in memory at this version, if anything. */
  prepare?(version: number): Promise<void>;
}

/**
 * MongoDB queries: keyset reads and a count, served by the indexes declared on the Job model. What a real MongoDB
 * (Atlas, DocumentDB) runs.
 */
export const queryReads: JobReads = {
  async page(request) {
    const sort = request.sort ?? DEFAULT_JOB_SORT;
    const after = request.after == null ? null : decodeCursor(request.after, sort);
    const filter = buildJobFilter(request.filter, request.now);
    const [rows, totalCount] = await Promise.all([
      readSegments(filter, planPageSegments(sort, after), request.first + 1),
      JobModel.countDocuments(filter).maxTimeMS(READ_MAX_TIME_MS),
    ]);
    return toPage(rows, totalCount, sort, after !== null, request.first);
  },
  async stats(filter, now) {
    const rows = await JobModel.find(buildJobFilter(filter, now), {
      departmentName: 1,
      annualSalary: 1,
      'positionLocation.countrySubDivisionCode': 1,
    })
      .maxTimeMS(READ_MAX_TIME_MS)
      .lean<Job[]>();
    return summarizeJobStats(
      rows.map((job) => ({
        departmentName: job.departmentName ?? null,
        annualSalary: job.annualSalary ?? null,
        states: (job.positionLocation ?? []).map((l) => l.countrySubDivisionCode ?? null),
      })),
    );
  },
};

const snapshots = new ListingSnapshots();

/**
 * The listings of every job held in this process (src/jobs/listing-snapshot.ts), kept current from the changes
 * writers record; full documents are then read by `_id` only. For FerretDB, which pushes no filter, sort or limit
 * down to its storage and so decodes every stored job for each query.
 */
export const listingReads: JobReads = {
  async page(request, version) {
    const sort = request.sort ?? DEFAULT_JOB_SORT;
    const after = request.after == null ? null : decodeCursor(request.after, sort);
    const snapshot = await snapshots.at(version);
    const matches = compileListingPredicate(snapshot, request.filter, request.now);
    const slots = pageOfListings(snapshot, matches, sort, after, request.first + 1);
    const listed = slots.slice(0, request.first).map((slot) => snapshot.store.listings[slot]!);
    const cards = request.fields === 'card' ? listed.map(jobOfListing) : [];
    const rows =
      request.fields === 'card' && cards.every((job) => job !== null)
        ? (cards as Job[])
        : await readJobs(listed.map((listing) => listing._id));
    return toPage(rows, countListings(snapshot, matches), sort, after !== null, request.first, slots.length);
  },
  async stats(filter, now, version) {
    const snapshot = await snapshots.at(version);
    const matches = compileListingPredicate(snapshot, filter, now);
    const rows: JobStatsRow[] = [];
    forEachMatching(snapshot, matches, (slot) => {
      const listing = snapshot.store.listings[slot]!;
      rows.push({
        departmentName: listing.departmentName,
        annualSalary:
          listing.salaryMin === null || listing.salaryMax === null
            ? null
            : { min: listing.salaryMin, max: listing.salaryMax },
        states: listing.locationStates,
      });
    });
    return summarizeJobStats(rows);
  },
  async prepare(version) {
    await snapshots.at(version);
  },
};

let chosen: { connection: unknown; reads: Promise<JobReads> } | null = null;

/**
 * The reads for the connected server: listings on FerretDB (its `buildInfo` names a `ferretdbVersion`), queries on
 * anything else, so a real MongoDB keeps using its own indexes. Decided once per connection.
 */
export function jobReads(): Promise<JobReads> {
  const connection = mongoose.connection.db;
  if (!chosen || chosen.connection !== connection) {
    const reads = (async (): Promise<JobReads> => {
      const info = await mongoose.connection.db!.admin().command({ buildInfo: 1 });
      return 'ferretdbVersion' in info ? listingReads : queryReads;
    })();
    chosen = { connection, reads };
    // A failed probe (database down) is not remembered: the next read asks again.
    reads.catch(() => {
      if (chosen?.reads === reads) chosen = null;
    });
  }
  return chosen.reads;
}

/**
 * Builds what the reads keep in memory (the listings, on FerretDB) before a request needs it. The service calls it
 * once at start, in the background, so its first reader does not wait for the listings to be read (a rescan of
 * 20,000 jobs takes longer than the request deadline on the embedded database); a reader arriving meanwhile shares
 * the same work. Nothing to do on MongoDB.
 */
export async function prepareJobReads(): Promise<void> {
  const reads = await jobReads();
  await reads.prepare?.(await readDataVersion(JOBS_DATA_SET));
}

/**
 * Full documents by `_id` (the one lookup FerretDB serves from an index), in the order asked. A job deleted since
 * the listing was read (a wipe racing this read) is left out.
 */
async function readJobs(ids: readonly string[]): Promise<Job[]> {
  const found = await Promise.all(
    ids.map((id) => JobModel.findById(id).maxTimeMS(READ_MAX_TIME_MS).lean<Job>()),
  );
  return found.filter((job): job is Job => job !== null);
}

/**
 * @param rows - the page's jobs, and one more when it is known that more follow
 * @param seen - how many matching jobs were found from the cursor on, up to `first + 1` (default: `rows.length`)
 */
function toPage(
  rows: Job[],
  totalCount: number,
  sort: JobSort,
  afterCursor: boolean,
  first: number,
  seen = rows.length,
): JobPage {
  const nodes = rows.slice(0, first);
  const edges = nodes.map((node) => ({
    node,
    cursor: encodeCursor(sort, { value: sortValueOf(node, sort.field), id: node._id }),
  }));
  return {
    edges,
    nodes,
    totalCount,
    pageInfo: {
      hasNextPage: seen > first,
      // Forward paging only: a page asked for with a cursor has the cursor's job (at least) before it.
      hasPreviousPage: afterCursor,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

async function readSegments(
  filter: MongoFilter,
  segments: ReturnType<typeof planPageSegments>,
  limit: number,
): Promise<Job[]> {
  const rows: Job[] = [];
  for (const segment of segments) {
    if (rows.length >= limit) break;
    const found = await JobModel.find(allOf(filter, segment.filter))
      .sort(segment.sort)
      .limit(limit - rows.length)
      .maxTimeMS(READ_MAX_TIME_MS)
      .lean<Job[]>();
    rows.push(...found);
  }
  return rows;
}

/**
 * Deletes every stored job (not the ETL run history).
 *
 * @returns how many were deleted
 */
export async function deleteAllJobs(): Promise<number> {
  const result = await JobModel.deleteMany({});
  await publishJobChanges({ listings: [], reset: true });
  return result.deletedCount;
}
