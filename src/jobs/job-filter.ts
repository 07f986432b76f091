import { JobStatus } from '../models/job.model';
import type { JobCriteria } from './job-criteria';
import { allOf, type MongoFilter } from './mongo-filter';

/** Where a keyword term may occur. Summary = qualificationSummary or jobSummary. */
export const KEYWORD_PATHS = [
  'positionTitle',
  'organizationName',
  'departmentName',
  'qualificationSummary',
  'jobSummary',
] as const;

/**
 * Escapes every regular-expression metacharacter, so the text matches literally under both PCRE (MongoDB) and
 * RE2 (FerretDB): `C++` stays `C\+\+`, `(a+)+$` cannot backtrack.
 */
export function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}

/** The whitespace-separated terms of a keyword; none for null or blank. */
export function keywordTerms(keyword: string | null | undefined): string[] {
  return (keyword ?? '').split(/\s+/).filter((term) => term.length > 0);
}

/**
 * Translates job criteria into a MongoDB filter that runs on MongoDB and FerretDB 1.x alike (no $text, no
 * $elemMatch, no $expr): substring matches are anchored-free `$regex` with escaped input and the `i` option.
 *
 * @param criteria - what to match; null means "defaults" (open jobs only)
 * @param now - the request's clock, for `openOnly`
 * @returns a plain filter document
 */
export function buildJobFilter(criteria: JobCriteria | null | undefined, now: Date): MongoFilter {
  const c: JobCriteria = criteria ?? {};
  const clauses: MongoFilter[] = [];

  for (const term of keywordTerms(c.keyword)) {
    clauses.push({ $or: KEYWORD_PATHS.map((path) => ({ [path]: containsIgnoringCase(term) })) });
  }
  const location = c.location?.trim();
  if (location) clauses.push({ 'positionLocation.locationName': containsIgnoringCase(location) });
  const department = c.department?.trim();
  if (department) clauses.push({ departmentName: containsIgnoringCase(department) });

  if (c.minSalary != null) clauses.push({ 'annualSalary.max': { $gte: c.minSalary } });
  if (c.maxSalary != null) clauses.push({ 'annualSalary.min': { $lte: c.maxSalary } });
  if (c.minGrade != null) clauses.push({ highGrade: { $gte: c.minGrade } });
  if (c.maxGrade != null) clauses.push({ lowGrade: { $lte: c.maxGrade } });
  if (c.remote != null) clauses.push({ remote: c.remote });
  const profile = c.profile?.trim();
  if (profile) clauses.push({ matchedProfileIds: profile });
  // A status says exactly which jobs; otherwise openOnly defaults to true (an explicit null counts as "not set").
  if (c.status != null) clauses.push(statusFilter(c.status, now));
  else if (c.openOnly !== false) clauses.push({ applicationCloseDate: { $gt: now } });
  if (c.changedSince != null) {
    // Jobs stored before changes were recorded have no changedAt: their insertion counts.
    clauses.push({
      $or: [
        { changedAt: { $gte: c.changedSince } },
        { changedAt: null, firstSeenAt: { $gte: c.changedSince } },
      ],
    });
  }
  if (c.postedAfter != null) clauses.push({ publicationStartDate: { $gt: c.postedAfter } });

  return allOf(...clauses);
}

/** The stored status is OPEN or WITHDRAWN (absent: OPEN); CLOSED is an OPEN one whose close date is not ahead. */
function statusFilter(status: JobStatus, now: Date): MongoFilter {
  switch (status) {
    case JobStatus.WITHDRAWN:
      return { status: JobStatus.WITHDRAWN };
    case JobStatus.OPEN:
      return { status: { $ne: JobStatus.WITHDRAWN }, applicationCloseDate: { $gt: now } };
    case JobStatus.CLOSED:
      return {
        status: { $ne: JobStatus.WITHDRAWN },
        $or: [{ applicationCloseDate: { $lte: now } }, { applicationCloseDate: null }],
      };
  }
}

function containsIgnoringCase(text: string): MongoFilter {
  return { $regex: escapeRegex(text), $options: 'i' };
}
