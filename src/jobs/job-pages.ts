import { JOBS_DATA_SET, readDataVersion } from '../models/data-version.model';
import type { Job } from '../models/job.model';
import { jobReads, type JobsPageRequest } from './jobs.service';

/**
 * Reads every matching job, one keyset page after another, in the order of `request.sort`: the pages the `jobs`
 * query would give for the same filter and sort, followed by their `endCursor`s.
 *
 * Unlike `findJobsPage` it bypasses the page cache, so reading 20,000 jobs neither keeps them in memory nor evicts
 * the pages interactive clients ask for: memory holds one page at a time. Jobs loaded while it reads are seen or
 * not depending on where they sort, as with any keyset paging; none is read twice.
 *
 * @param request - filter, sort, page size (1..100) and the clock for `openOnly`; `after` is where to start
 * @returns an async iterator of non-empty pages; stop iterating to stop reading
 * @throws JobQueryError when `request.after` is not a cursor for this sort
 */
export async function* eachJobPage(request: JobsPageRequest): AsyncGenerator<Job[], void, undefined> {
  const reads = await jobReads();
  let after = request.after ?? null;
  for (;;) {
    const version = await readDataVersion(JOBS_DATA_SET);
    const page = await reads.page({ ...request, after }, version);
    if (page.nodes.length > 0) yield page.nodes;
    if (!page.pageInfo.hasNextPage || page.pageInfo.endCursor === null) return;
    after = page.pageInfo.endCursor;
  }
}
