import { computeJobStats } from './jobs.service';

/**
 * How many jobs are stored, by status: `open` while the application close date is ahead, `closed` after. Read from
 * the jobs read model (cached under the jobs data version; on FerretDB the in-process listings, not a count of the
 * stored documents per status, which would decode every job each time).
 *
 * @param now - the clock that decides open and closed
 */
export async function countJobsByStatus(now: Date): Promise<Record<string, number>> {
  const [all, open] = await Promise.all([
    computeJobStats({ openOnly: false }, now),
    computeJobStats({ openOnly: true }, now),
  ]);
  return { open: open.totalCount, closed: all.totalCount - open.totalCount };
}
