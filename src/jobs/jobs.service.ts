import { VersionedCache } from '../lib/versioned-cache';
import { bumpDataVersion, JOBS_DATA_SET, readDataVersion } from '../models/data-version.model';
import { type Job, JobModel } from '../models/job.model';
import type { JobCriteria } from './job-criteria';
import { decodeCursor, encodeCursor, sortValueOf } from './job-cursor';
import { buildJobFilter } from './job-filter';
import { planPageSegments } from './job-page';
import { DEFAULT_JOB_SORT, type JobSort } from './job-sort';
import { type JobStats, summarizeJobStats } from './job-stats';
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
}

/**
 * Reads one page of matching jobs by keyset (no skip): `first + 1` jobs to learn whether more follow, plus one
 * `countDocuments` for totalCount, in parallel. Lean reads.
 *
 * @returns the page, shaped as a Relay connection
 * @throws JobQueryError when `after` is not a valid cursor for this sort
 */
export async function findJobsPage(request: JobsPageRequest): Promise<JobPage> {
  // `now` stays out of the key: entries expire by age instead (see pageCache).
  const { now: _now, ...args } = request;
  const version = await readDataVersion(JOBS_DATA_SET);
  return pageCache.get(JSON.stringify(args), version, () => readJobsPage(request));
}

async function readJobsPage(request: JobsPageRequest): Promise<JobPage> {
  const sort = request.sort ?? DEFAULT_JOB_SORT;
  const after = request.after == null ? null : decodeCursor(request.after, sort);
  const filter = buildJobFilter(request.filter, request.now);

  const [rows, totalCount] = await Promise.all([
    readSegments(filter, planPageSegments(sort, after), request.first + 1),
    JobModel.countDocuments(filter),
  ]);
  const nodes = rows.slice(0, request.first);
  const edges = nodes.map((node) => ({
    node,
    cursor: encodeCursor(sort, { value: sortValueOf(node, sort.field), id: node._id }),
  }));
  return {
    edges,
    nodes,
    totalCount,
    pageInfo: {
      hasNextPage: rows.length > request.first,
      // Forward paging only: a page asked for with a cursor has the cursor's job (at least) before it.
      hasPreviousPage: after !== null,
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
      .lean<Job[]>();
    rows.push(...found);
  }
  return rows;
}

/**
 * @returns the job with this control number, or null
 */
export async function findJobById(id: string): Promise<Job | null> {
  return JobModel.findById(id).lean<Job>();
}

/**
 * Computes the statistics of the matching jobs.
 *
 * Aggregated in JS over a lean projection on purpose: FerretDB 1.x supports only $sum/$count in $group and miscounts
 * when one $group holds several $sum, so a pipeline would be exact on MongoDB but not on the embedded database.
 * The projection is three fields: the department, the salary range and the locations (up to 1,176 of them on a
 * posting, though only their state is read).
 *
 * @returns totals, salary figures and department/state buckets
 */
export async function computeJobStats(filter: JobCriteria | null | undefined, now: Date): Promise<JobStats> {
  const version = await readDataVersion(JOBS_DATA_SET);
  return statsCache.get(JSON.stringify(filter ?? null), version, () => readJobStats(filter, now));
}

async function readJobStats(filter: JobCriteria | null | undefined, now: Date): Promise<JobStats> {
  const rows = await JobModel.find(buildJobFilter(filter, now), {
    departmentName: 1,
    annualSalary: 1,
    positionLocation: 1,
  }).lean<Job[]>();
  return summarizeJobStats(rows);
}

/**
 * Deletes every stored job (not the ETL run history).
 *
 * @returns how many were deleted
 */
export async function deleteAllJobs(): Promise<number> {
  const result = await JobModel.deleteMany({});
  await bumpDataVersion(JOBS_DATA_SET);
  return result.deletedCount;
}
