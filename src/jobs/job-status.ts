import { type Job, JobStatus } from '../models/job.model';

/**
 * Where a stored job is in its life at `now` (GraphQL `Job.status`, the CSV export's `status` column): WITHDRAWN when
 * a run found it withdrawn; otherwise OPEN while its close date is ahead (as `isOpen`), CLOSED after or without one.
 * Pure.
 */
export function jobStatusAt(job: Pick<Job, 'status' | 'applicationCloseDate'>, now: Date): JobStatus {
  if (job.status === JobStatus.WITHDRAWN) return JobStatus.WITHDRAWN;
  return isOpenAt(job, now) ? JobStatus.OPEN : JobStatus.CLOSED;
}

/** True while the close date is after `now` (GraphQL `Job.isOpen`); false once passed or without one. Pure. */
export function isOpenAt(job: Pick<Job, 'applicationCloseDate'>, now: Date): boolean {
  return job.applicationCloseDate != null && job.applicationCloseDate.getTime() > now.getTime();
}
