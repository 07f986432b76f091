import { JobStatus } from '../models/job.model';
import { computeJobStats } from './jobs.service';

/**
 * How many jobs are stored, by status as `JobFilter.status` reads it: `open` while the application close date is
 * ahead, `closed` after, `withdrawn` when USAJOBS dropped it before that date (whatever the date). Read from the jobs
 * read model (cached under the jobs data version; on FerretDB the in-process listings, not a count of the stored
 * documents per status, which would decode every job each time).
 *
 * @param now - the clock that decides open and closed
 */
export async function countJobsByStatus(now: Date): Promise<Record<'open' | 'closed' | 'withdrawn', number>> {
  const [open, closed, withdrawn] = await Promise.all(
    [JobStatus.OPEN, JobStatus.CLOSED, JobStatus.WITHDRAWN].map((status) => computeJobStats({ status }, now)),
  );
  return { open: open!.totalCount, closed: closed!.totalCount, withdrawn: withdrawn!.totalCount };
}
