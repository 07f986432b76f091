import type { JobStatus } from '../models/job.model';

/**
 * Which jobs to list or count: the read side's own criteria, independent of GraphQL (the `JobFilter` input
 * implements it). Every set criterion must hold; null and undefined both mean "not set".
 */
export interface JobCriteria {
  /** Every whitespace-separated term occurs (case-insensitive, literally) in the title, organization, department or a summary. */
  keyword?: string | null;
  /** Case-insensitive substring of any location name. */
  location?: string | null;
  /** annualSalary.max >= minSalary. */
  minSalary?: number | null;
  /** annualSalary.min <= maxSalary. */
  maxSalary?: number | null;
  /** highGrade >= minGrade. */
  minGrade?: number | null;
  /** lowGrade <= maxGrade. */
  maxGrade?: number | null;
  /** Case-insensitive substring of departmentName. */
  department?: string | null;
  remote?: boolean | null;
  /** Default true: only jobs whose close date is still ahead. Not applied when `status` is set. */
  openOnly?: boolean | null;
  /** Matched by this search profile (its id). */
  profile?: string | null;
  /** OPEN (close date ahead, not withdrawn), CLOSED (close date passed or none, not withdrawn) or WITHDRAWN. */
  status?: JobStatus | null;
  /** Inserted or with a recorded change at or after this instant. */
  changedSince?: Date | null;
  /** Published after this instant. */
  postedAfter?: Date | null;
}
