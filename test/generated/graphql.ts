/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** A new saved search. Set at least one of keyword, locationName, jobCategoryCodes, organizationCodes. */
export type CreateSearchProfileInput = {
  /** Who gets its digest of what changed by e-mail, instead of DIGEST_TO; at most 10 addresses; empty: DIGEST_TO. */
  digestTo?: Array<string>;
  /** Runs over every profile skip disabled ones. */
  enabled?: boolean;
  /** Remote postings fit wherever they are. */
  includeRemote?: boolean;
  /** Occupational series, e.g. 2210. */
  jobCategoryCodes?: Array<string>;
  /** USAJOBS Keyword: every word (or a synonym) must occur in the announcement. At most 200 characters. */
  keyword?: string | null | undefined;
  /** e.g. Chicago, Illinois; null: anywhere. */
  locationName?: string | null | undefined;
  /** USD a year. */
  minSalary?: number | null | undefined;
  /** Unique. */
  name: string;
  /** Agency sub-element codes, e.g. TR. */
  organizationCodes?: Array<string>;
  /** Pay plan codes, e.g. GS; empty: every pay plan. */
  payPlans?: Array<string>;
  /** Miles around locationName. */
  radiusMiles?: number;
  /** Whole years of professional experience, 0..60, mapped to a GS grade band. */
  yearsOfExperience?: number;
};

/** The job seeker's profile for one ETL run: what to search USAJOBS for and which results to keep. A field left out or given as null takes its default. */
export type EtlParams = {
  /** Only announcements published in the last this many days (USAJOBS DatePosted), 0..60. Unset: any age. */
  datePostedDays?: number | null | undefined;
  /** Also search for remote jobs anywhere (USAJOBS RemoteIndicator) and keep those that are remote; false keeps only jobs found around locationName. */
  includeRemote?: boolean | null | undefined;
  /** What to search for (USAJOBS Keyword): announcements must contain every word (or a synonym). At most 200 characters; runs of whitespace count as one space. */
  keyword?: string | null | undefined;
  /** The place to search around (USAJOBS LocationName), e.g. "Chicago, Illinois"; jobs found there are kept whatever else their locations say. At most 200 characters. */
  locationName?: string | null | undefined;
  /** Read at most this many result pages per search (up to 500 announcements a page), 1..20. Unset: every page (USAJOBS serves at most 10,000 results a search). */
  maxPages?: number | null | undefined;
  /** Keep only jobs whose annualSalary.max reaches this, US dollars a year, 0..10,000,000 (also sent to USAJOBS as RemunerationMinimumAmount). Unset: no minimum. */
  minSalary?: number | null | undefined;
  /** The search radius around locationName, in miles (USAJOBS Radius), 0..500. */
  radiusMiles?: number | null | undefined;
  /** The job seeker's whole years of professional experience, 0..60. Jobs of GS-family pay plans (GS, GL, GG, GM, FG) are kept only when their grades overlap the grades this qualifies for (0 years: GS-5; 5: GS-11 to GS-13; 8 or more: GS-14 to GS-15); jobs of other pay plans, or without a numeric grade, are kept. */
  yearsOfExperience?: number | null | undefined;
};

/** Where an ETL run stands, or how it ended. */
export type EtlRunStatus =
  /** Stopped on request (cancelEtlRun, or the service shutting down) at a page boundary; what it loaded is stored. */
  | 'CANCELLED'
  /** Stopped with errors before storing anything (e.g. credentials refused, USAJOBS or the database unreachable), or abandoned; see errors. */
  | 'FAILED'
  /** Some pages or records failed; what succeeded is stored. */
  | 'PARTIAL'
  /** Started and not finished yet. A run whose process stopped before finishing is marked FAILED by the next run. */
  | 'RUNNING'
  /** Every search was read to its end and every kept announcement stored; errors is empty. */
  | 'SUCCEEDED';

/** What started an ETL run. */
export type EtlTrigger =
  /** The runEtl mutation. */
  | 'API'
  /** The command line: npm run etl. */
  | 'CLI'
  /** The ETL_CRON schedule (reserved: scheduled runs are not built yet). */
  | 'SCHEDULE';

/** What a recorded change of a job is about (JobChange.field). */
export type JobChangeField =
  /** applicationCloseDate, ISO 8601. */
  | 'CLOSE_DATE'
  /** payPlan-lowGrade/highGrade, e.g. GS-12/13. */
  | 'GRADES'
  /** How many positionLocation entries. */
  | 'LOCATION_COUNT'
  /** annualSalary, as "min-max" US dollars a year. */
  | 'PAY'
  /** OPEN or WITHDRAWN. */
  | 'STATUS'
  /** positionTitle. */
  | 'TITLE';

/** Which stored jobs to list or count. Every criterion that is set must hold; unset (or null) criteria are ignored. */
export type JobFilter = {
  /** Keeps jobs inserted, or with a change recorded (see Job.changes), at or after this instant. A plain date such as 2026-11-01 means midnight UTC that day. */
  changedSince?: string | null | undefined;
  /**
   * Case-insensitive substring of departmentName.
   * @deprecated Use departmentName, the name of the stored field it matches. Both work; giving both with different values is BAD_USER_INPUT.
   */
  department?: string | null | undefined;
  /** Keeps jobs whose departmentName contains this text (case-insensitive), e.g. "treasury". At most 200 characters. */
  departmentName?: string | null | undefined;
  /** Every whitespace-separated term must occur (case-insensitive, literally) in the title, organization, department or summary. */
  keyword?: string | null | undefined;
  /**
   * Case-insensitive substring of any positionLocation.locationName.
   * @deprecated Use locationName, the name of the stored field it matches (and of EtlParams.locationName). Both work; giving both with different values is BAD_USER_INPUT.
   */
  location?: string | null | undefined;
  /** Keeps jobs where any positionLocation.locationName contains this text (case-insensitive), e.g. "chicago" or "remote job". At most 200 characters. */
  locationName?: string | null | undefined;
  /** Keeps jobs whose lowGrade <= maxGrade (grade numbers within any pay plan); jobs without a grade are left out. 1..99. */
  maxGrade?: number | null | undefined;
  /** Keeps jobs whose annualSalary.min <= maxSalary, in US dollars a year; jobs without an annualSalary are left out. 0..10,000,000. */
  maxSalary?: number | null | undefined;
  /** Keeps jobs whose highGrade >= minGrade (grade numbers within any pay plan, e.g. 12 for GS-12); jobs without a grade are left out. 1..99, at most maxGrade. */
  minGrade?: number | null | undefined;
  /** Keeps jobs whose annualSalary.max >= minSalary, in US dollars a year; jobs without an annualSalary are left out. 0..10,000,000, at most maxSalary. */
  minSalary?: number | null | undefined;
  /** Default true: only jobs that are still open (applicationCloseDate after the time of the request). false includes closed ones and jobs without a close date. */
  openOnly?: boolean | null | undefined;
  /** Keeps jobs whose publicationStartDate is after this instant. A plain date such as 2026-11-01 means midnight UTC that day. */
  postedAfter?: string | null | undefined;
  /** Keeps jobs matched by this saved search (its id). */
  profile?: string | number | null | undefined;
  /** true: only jobs that can be done fully remotely (Job.remote); false: only the others. Not the same as teleworkEligible (some days from home). */
  remote?: boolean | null | undefined;
  /** Keeps jobs with this status (see Job.status). When set, openOnly does not apply. */
  status?: JobStatus | null | undefined;
};

/** Order of a job listing. Jobs without a value in the field come last in both directions; ties by id. */
export type JobSort = {
  /** Which way. */
  direction: SortDirection;
  /** What to order by. */
  field: JobSortField;
};

/** What a job listing can be ordered by. */
export type JobSortField =
  /** Highest pay a year (annualSalary.max). */
  | 'ANNUAL_SALARY_MAX'
  /** Lowest pay a year (annualSalary.min). */
  | 'ANNUAL_SALARY_MIN'
  /** When applications close (applicationCloseDate). */
  | 'APPLICATION_CLOSE_DATE'
  /** Title (positionTitle), compared character by character (upper case before lower case). */
  | 'POSITION_TITLE'
  /** When the announcement opened (publicationStartDate). */
  | 'PUBLICATION_START_DATE';

/** Where a posting is in its life (Job.status). */
export type JobStatus =
  /** Its close date has passed (or it has none). */
  | 'CLOSED'
  /** Its close date is ahead and USAJOBS still lists it. */
  | 'OPEN'
  /** Absent from a complete, successful run of a profile it fitted while its close date was still ahead: cancelled or filled early. */
  | 'WITHDRAWN';

/** Which way to order. */
export type SortDirection =
  /** Ascending: earliest, lowest or first in order first. */
  | 'ASC'
  /** Descending: latest, highest or last in order first. */
  | 'DESC';

/** Changes to a saved search: absent fields stay as they are; null clears keyword, locationName and minSalary (and leaves the others as they are). */
export type UpdateSearchProfileInput = {
  /** Who gets its digest of what changed by e-mail, instead of DIGEST_TO; at most 10 addresses; empty: DIGEST_TO. [] clears it. */
  digestTo?: Array<string> | null | undefined;
  /** Runs over every profile skip disabled ones. */
  enabled?: boolean | null | undefined;
  /** Remote postings fit wherever they are. */
  includeRemote?: boolean | null | undefined;
  /** Occupational series, e.g. 2210; empty: any. */
  jobCategoryCodes?: Array<string> | null | undefined;
  /** null clears it. */
  keyword?: string | null | undefined;
  /** null clears it (anywhere). */
  locationName?: string | null | undefined;
  /** null clears it. */
  minSalary?: number | null | undefined;
  /** Unique, at most 100 characters. */
  name?: string | null | undefined;
  /** Agency sub-element codes, e.g. TR; empty: any. */
  organizationCodes?: Array<string> | null | undefined;
  /** Pay plan codes, e.g. GS; empty: every pay plan. */
  payPlans?: Array<string> | null | undefined;
  /** Miles around locationName, 0..500. */
  radiusMiles?: number | null | undefined;
  /** Whole years of professional experience, 0..60, mapped to a GS grade band. */
  yearsOfExperience?: number | null | undefined;
};

export type EtlRunFieldsFragment = { id: string, status: EtlRunStatus, trigger: EtlTrigger, startedAt: string, finishedAt: string | null, durationMs: number | null, pagesFetched: number, fetched: number, kept: number, skipped: number, inserted: number, updated: number, unchanged: number, errors: Array<string>, params: { keyword: string, locationName: string, radiusMiles: number, yearsOfExperience: number, includeRemote: boolean, minSalary: number | null, datePostedDays: number | null, maxPages: number | null } };

export type EtlRunsQueryVariables = Exact<{
  first?: number | null | undefined;
}>;


export type EtlRunsQuery = { etlRuns: Array<{ id: string, status: EtlRunStatus, trigger: EtlTrigger, startedAt: string, finishedAt: string | null, durationMs: number | null, pagesFetched: number, fetched: number, kept: number, skipped: number, inserted: number, updated: number, unchanged: number, errors: Array<string>, params: { keyword: string, locationName: string, radiusMiles: number, yearsOfExperience: number, includeRemote: boolean, minSalary: number | null, datePostedDays: number | null, maxPages: number | null } }> };

export type RunEtlMutationVariables = Exact<{
  params?: EtlParams | null | undefined;
}>;


export type RunEtlMutation = { runEtl: { id: string, status: EtlRunStatus, trigger: EtlTrigger, startedAt: string, finishedAt: string | null, durationMs: number | null, pagesFetched: number, fetched: number, kept: number, skipped: number, inserted: number, updated: number, unchanged: number, errors: Array<string>, params: { keyword: string, locationName: string, radiusMiles: number, yearsOfExperience: number, includeRemote: boolean, minSalary: number | null, datePostedDays: number | null, maxPages: number | null } } };

export type WipeMutationVariables = Exact<{
  confirm: boolean;
}>;


export type WipeMutation = { wipe: { deletedCount: number } };

export type EtlRunProgressFieldsFragment = { id: string, status: EtlRunStatus, trigger: EtlTrigger, startedAt: string, finishedAt: string | null, scheduledFor: string | null, cancelRequestedAt: string | null, pagesFetched: number, fetched: number, kept: number, skipped: number, inserted: number, updated: number, unchanged: number, errors: Array<string>, warnings: Array<string>, progress: { searchesDone: number, searchesTotal: number, pagesFetched: number, pagesExpected: number | null, fetched: number, kept: number, skipped: number, inserted: number, updated: number, unchanged: number, updatedAt: string } | null };

export type StartEtlMutationVariables = Exact<{
  params?: EtlParams | null | undefined;
  wait?: boolean | null | undefined;
}>;


export type StartEtlMutation = { runEtl: { id: string, status: EtlRunStatus, trigger: EtlTrigger, startedAt: string, finishedAt: string | null, scheduledFor: string | null, cancelRequestedAt: string | null, pagesFetched: number, fetched: number, kept: number, skipped: number, inserted: number, updated: number, unchanged: number, errors: Array<string>, warnings: Array<string>, progress: { searchesDone: number, searchesTotal: number, pagesFetched: number, pagesExpected: number | null, fetched: number, kept: number, skipped: number, inserted: number, updated: number, unchanged: number, updatedAt: string } | null } };

export type EtlRunQueryVariables = Exact<{
  id: string | number;
}>;


export type EtlRunQuery = { etlRun: { id: string, status: EtlRunStatus, trigger: EtlTrigger, startedAt: string, finishedAt: string | null, scheduledFor: string | null, cancelRequestedAt: string | null, pagesFetched: number, fetched: number, kept: number, skipped: number, inserted: number, updated: number, unchanged: number, errors: Array<string>, warnings: Array<string>, progress: { searchesDone: number, searchesTotal: number, pagesFetched: number, pagesExpected: number | null, fetched: number, kept: number, skipped: number, inserted: number, updated: number, unchanged: number, updatedAt: string } | null } | null };

export type CancelEtlRunMutationVariables = Exact<{
  id: string | number;
}>;


export type CancelEtlRunMutation = { cancelEtlRun: { id: string, status: EtlRunStatus, trigger: EtlTrigger, startedAt: string, finishedAt: string | null, scheduledFor: string | null, cancelRequestedAt: string | null, pagesFetched: number, fetched: number, kept: number, skipped: number, inserted: number, updated: number, unchanged: number, errors: Array<string>, warnings: Array<string>, progress: { searchesDone: number, searchesTotal: number, pagesFetched: number, pagesExpected: number | null, fetched: number, kept: number, skipped: number, inserted: number, updated: number, unchanged: number, updatedAt: string } | null } };

export type EtlScheduleQueryVariables = Exact<{ [key: string]: never; }>;


export type EtlScheduleQuery = { etlSchedule: { cron: string | null, timezone: string, nextRunAt: string | null, lastScheduledRun: { id: string, status: EtlRunStatus, trigger: EtlTrigger, startedAt: string, finishedAt: string | null, scheduledFor: string | null, cancelRequestedAt: string | null, pagesFetched: number, fetched: number, kept: number, skipped: number, inserted: number, updated: number, unchanged: number, errors: Array<string>, warnings: Array<string>, progress: { searchesDone: number, searchesTotal: number, pagesFetched: number, pagesExpected: number | null, fetched: number, kept: number, skipped: number, inserted: number, updated: number, unchanged: number, updatedAt: string } | null } | null } };

export type JobListFieldsFragment = { id: string, positionTitle: string, organizationName: string | null, departmentName: string | null, publicationStartDate: string | null, applicationCloseDate: string | null, lowGrade: number | null, highGrade: number | null, remote: boolean, isOpen: boolean, annualSalary: { min: number, max: number } | null, positionLocation: Array<{ locationName: string, countrySubDivisionCode: string | null }> };

export type JobsQueryVariables = Exact<{
  filter?: JobFilter | null | undefined;
  sort?: JobSort | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type JobsQuery = { jobs: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, positionTitle: string, organizationName: string | null, departmentName: string | null, publicationStartDate: string | null, applicationCloseDate: string | null, lowGrade: number | null, highGrade: number | null, remote: boolean, isOpen: boolean, annualSalary: { min: number, max: number } | null, positionLocation: Array<{ locationName: string, countrySubDivisionCode: string | null }> } }>, nodes: Array<{ id: string }> } };

export type JobQueryVariables = Exact<{
  id: string | number;
}>;


export type JobQuery = { job: { positionId: string, positionUri: string, applyUris: Array<string>, positionLocationDisplay: string | null, payPlan: string | null, teleworkEligible: boolean, qualificationSummary: string | null, jobSummary: string | null, firstSeenAt: string, lastSeenAt: string, id: string, positionTitle: string, organizationName: string | null, departmentName: string | null, publicationStartDate: string | null, applicationCloseDate: string | null, lowGrade: number | null, highGrade: number | null, remote: boolean, isOpen: boolean, positionLocation: Array<{ locationName: string, cityName: string | null, countrySubDivisionCode: string | null, countryCode: string | null, latitude: number | null, longitude: number | null }>, positionRemuneration: Array<{ minimumRange: number, maximumRange: number, rateIntervalCode: string, description: string | null }>, annualSalary: { min: number, max: number } | null } | null };

export type JobStatsQueryVariables = Exact<{
  filter?: JobFilter | null | undefined;
}>;


export type JobStatsQuery = { jobStats: { totalCount: number, annualSalary: { lowest: number | null, highest: number | null, averageMin: number | null, averageMax: number | null }, byDepartment: Array<{ key: string, count: number }>, byState: Array<{ key: string, count: number }> } };

export type SearchProfileFieldsFragment = { id: string, name: string, keyword: string | null, locationName: string | null, radiusMiles: number, includeRemote: boolean, yearsOfExperience: number, payPlans: Array<string>, minSalary: number | null, jobCategoryCodes: Array<string>, organizationCodes: Array<string>, enabled: boolean, digestTo: Array<string> | null, createdAt: string, updatedAt: string };

export type SearchProfilesQueryVariables = Exact<{ [key: string]: never; }>;


export type SearchProfilesQuery = { searchProfiles: Array<{ id: string, name: string, keyword: string | null, locationName: string | null, radiusMiles: number, includeRemote: boolean, yearsOfExperience: number, payPlans: Array<string>, minSalary: number | null, jobCategoryCodes: Array<string>, organizationCodes: Array<string>, enabled: boolean, digestTo: Array<string> | null, createdAt: string, updatedAt: string }> };

export type SearchProfileQueryVariables = Exact<{
  id: string | number;
}>;


export type SearchProfileQuery = { searchProfile: { id: string, name: string, keyword: string | null, locationName: string | null, radiusMiles: number, includeRemote: boolean, yearsOfExperience: number, payPlans: Array<string>, minSalary: number | null, jobCategoryCodes: Array<string>, organizationCodes: Array<string>, enabled: boolean, digestTo: Array<string> | null, createdAt: string, updatedAt: string } | null };

export type CreateSearchProfileMutationVariables = Exact<{
  input: CreateSearchProfileInput;
}>;


export type CreateSearchProfileMutation = { createSearchProfile: { id: string, name: string, keyword: string | null, locationName: string | null, radiusMiles: number, includeRemote: boolean, yearsOfExperience: number, payPlans: Array<string>, minSalary: number | null, jobCategoryCodes: Array<string>, organizationCodes: Array<string>, enabled: boolean, digestTo: Array<string> | null, createdAt: string, updatedAt: string } };

export type UpdateSearchProfileMutationVariables = Exact<{
  id: string | number;
  input: UpdateSearchProfileInput;
}>;


export type UpdateSearchProfileMutation = { updateSearchProfile: { id: string, name: string, keyword: string | null, locationName: string | null, radiusMiles: number, includeRemote: boolean, yearsOfExperience: number, payPlans: Array<string>, minSalary: number | null, jobCategoryCodes: Array<string>, organizationCodes: Array<string>, enabled: boolean, digestTo: Array<string> | null, createdAt: string, updatedAt: string } };

export type DeleteSearchProfileMutationVariables = Exact<{
  id: string | number;
}>;


export type DeleteSearchProfileMutation = { deleteSearchProfile: boolean };

export type RunEtlProfileMutationVariables = Exact<{
  profile?: string | number | null | undefined;
}>;


export type RunEtlProfileMutation = { runEtl: { id: string, status: EtlRunStatus, kept: number, skipped: number, inserted: number, updated: number, unchanged: number, withdrawn: number, changed: number, errors: Array<string>, warnings: Array<string>, profiles: Array<{ profileId: string, name: string, found: number, matched: number, withdrawn: number, complete: boolean }>, searches: Array<{ query: string, profiles: Array<string>, complete: boolean, cappedSlices: Array<string>, slices: Array<{ label: string, countAll: number, pagesFetched: number, capped: boolean, split: boolean }> }> } };

export type JobLivesQueryVariables = Exact<{
  filter?: JobFilter | null | undefined;
  first?: number | null | undefined;
}>;


export type JobLivesQuery = { jobs: { totalCount: number, nodes: Array<{ id: string, status: JobStatus, isOpen: boolean, withdrawnAt: string | null, matchedProfiles: Array<{ id: string, name: string }>, changes: Array<{ at: string, field: JobChangeField, from: string | null, to: string | null }> }> }, jobStats: { totalCount: number } };

export const EtlRunFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"EtlRunFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"EtlRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"trigger"}},{"kind":"Field","name":{"kind":"Name","value":"params"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"keyword"}},{"kind":"Field","name":{"kind":"Name","value":"locationName"}},{"kind":"Field","name":{"kind":"Name","value":"radiusMiles"}},{"kind":"Field","name":{"kind":"Name","value":"yearsOfExperience"}},{"kind":"Field","name":{"kind":"Name","value":"includeRemote"}},{"kind":"Field","name":{"kind":"Name","value":"minSalary"}},{"kind":"Field","name":{"kind":"Name","value":"datePostedDays"}},{"kind":"Field","name":{"kind":"Name","value":"maxPages"}}]}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}},{"kind":"Field","name":{"kind":"Name","value":"pagesFetched"}},{"kind":"Field","name":{"kind":"Name","value":"fetched"}},{"kind":"Field","name":{"kind":"Name","value":"kept"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"}},{"kind":"Field","name":{"kind":"Name","value":"inserted"}},{"kind":"Field","name":{"kind":"Name","value":"updated"}},{"kind":"Field","name":{"kind":"Name","value":"unchanged"}},{"kind":"Field","name":{"kind":"Name","value":"errors"}}]}}]} as unknown as DocumentNode<EtlRunFieldsFragment, unknown>;
export const EtlRunProgressFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"EtlRunProgressFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"EtlRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"trigger"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"scheduledFor"}},{"kind":"Field","name":{"kind":"Name","value":"cancelRequestedAt"}},{"kind":"Field","name":{"kind":"Name","value":"pagesFetched"}},{"kind":"Field","name":{"kind":"Name","value":"fetched"}},{"kind":"Field","name":{"kind":"Name","value":"kept"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"}},{"kind":"Field","name":{"kind":"Name","value":"inserted"}},{"kind":"Field","name":{"kind":"Name","value":"updated"}},{"kind":"Field","name":{"kind":"Name","value":"unchanged"}},{"kind":"Field","name":{"kind":"Name","value":"errors"}},{"kind":"Field","name":{"kind":"Name","value":"warnings"}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"searchesDone"}},{"kind":"Field","name":{"kind":"Name","value":"searchesTotal"}},{"kind":"Field","name":{"kind":"Name","value":"pagesFetched"}},{"kind":"Field","name":{"kind":"Name","value":"pagesExpected"}},{"kind":"Field","name":{"kind":"Name","value":"fetched"}},{"kind":"Field","name":{"kind":"Name","value":"kept"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"}},{"kind":"Field","name":{"kind":"Name","value":"inserted"}},{"kind":"Field","name":{"kind":"Name","value":"updated"}},{"kind":"Field","name":{"kind":"Name","value":"unchanged"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]} as unknown as DocumentNode<EtlRunProgressFieldsFragment, unknown>;
export const JobListFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"JobListFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Job"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"positionTitle"}},{"kind":"Field","name":{"kind":"Name","value":"organizationName"}},{"kind":"Field","name":{"kind":"Name","value":"departmentName"}},{"kind":"Field","name":{"kind":"Name","value":"publicationStartDate"}},{"kind":"Field","name":{"kind":"Name","value":"applicationCloseDate"}},{"kind":"Field","name":{"kind":"Name","value":"annualSalary"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"min"}},{"kind":"Field","name":{"kind":"Name","value":"max"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lowGrade"}},{"kind":"Field","name":{"kind":"Name","value":"highGrade"}},{"kind":"Field","name":{"kind":"Name","value":"remote"}},{"kind":"Field","name":{"kind":"Name","value":"isOpen"}},{"kind":"Field","name":{"kind":"Name","value":"positionLocation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"locationName"}},{"kind":"Field","name":{"kind":"Name","value":"countrySubDivisionCode"}}]}}]}}]} as unknown as DocumentNode<JobListFieldsFragment, unknown>;
export const SearchProfileFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SearchProfileFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SearchProfile"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"keyword"}},{"kind":"Field","name":{"kind":"Name","value":"locationName"}},{"kind":"Field","name":{"kind":"Name","value":"radiusMiles"}},{"kind":"Field","name":{"kind":"Name","value":"includeRemote"}},{"kind":"Field","name":{"kind":"Name","value":"yearsOfExperience"}},{"kind":"Field","name":{"kind":"Name","value":"payPlans"}},{"kind":"Field","name":{"kind":"Name","value":"minSalary"}},{"kind":"Field","name":{"kind":"Name","value":"jobCategoryCodes"}},{"kind":"Field","name":{"kind":"Name","value":"organizationCodes"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"digestTo"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<SearchProfileFieldsFragment, unknown>;
export const EtlRunsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EtlRuns"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"etlRuns"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"EtlRunFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"EtlRunFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"EtlRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"trigger"}},{"kind":"Field","name":{"kind":"Name","value":"params"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"keyword"}},{"kind":"Field","name":{"kind":"Name","value":"locationName"}},{"kind":"Field","name":{"kind":"Name","value":"radiusMiles"}},{"kind":"Field","name":{"kind":"Name","value":"yearsOfExperience"}},{"kind":"Field","name":{"kind":"Name","value":"includeRemote"}},{"kind":"Field","name":{"kind":"Name","value":"minSalary"}},{"kind":"Field","name":{"kind":"Name","value":"datePostedDays"}},{"kind":"Field","name":{"kind":"Name","value":"maxPages"}}]}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}},{"kind":"Field","name":{"kind":"Name","value":"pagesFetched"}},{"kind":"Field","name":{"kind":"Name","value":"fetched"}},{"kind":"Field","name":{"kind":"Name","value":"kept"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"}},{"kind":"Field","name":{"kind":"Name","value":"inserted"}},{"kind":"Field","name":{"kind":"Name","value":"updated"}},{"kind":"Field","name":{"kind":"Name","value":"unchanged"}},{"kind":"Field","name":{"kind":"Name","value":"errors"}}]}}]} as unknown as DocumentNode<EtlRunsQuery, EtlRunsQueryVariables>;
export const RunEtlDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RunEtl"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"params"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"EtlParams"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runEtl"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"params"},"value":{"kind":"Variable","name":{"kind":"Name","value":"params"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"EtlRunFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"EtlRunFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"EtlRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"trigger"}},{"kind":"Field","name":{"kind":"Name","value":"params"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"keyword"}},{"kind":"Field","name":{"kind":"Name","value":"locationName"}},{"kind":"Field","name":{"kind":"Name","value":"radiusMiles"}},{"kind":"Field","name":{"kind":"Name","value":"yearsOfExperience"}},{"kind":"Field","name":{"kind":"Name","value":"includeRemote"}},{"kind":"Field","name":{"kind":"Name","value":"minSalary"}},{"kind":"Field","name":{"kind":"Name","value":"datePostedDays"}},{"kind":"Field","name":{"kind":"Name","value":"maxPages"}}]}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}},{"kind":"Field","name":{"kind":"Name","value":"pagesFetched"}},{"kind":"Field","name":{"kind":"Name","value":"fetched"}},{"kind":"Field","name":{"kind":"Name","value":"kept"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"}},{"kind":"Field","name":{"kind":"Name","value":"inserted"}},{"kind":"Field","name":{"kind":"Name","value":"updated"}},{"kind":"Field","name":{"kind":"Name","value":"unchanged"}},{"kind":"Field","name":{"kind":"Name","value":"errors"}}]}}]} as unknown as DocumentNode<RunEtlMutation, RunEtlMutationVariables>;
export const WipeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Wipe"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"confirm"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"wipe"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"confirm"},"value":{"kind":"Variable","name":{"kind":"Name","value":"confirm"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deletedCount"}}]}}]}}]} as unknown as DocumentNode<WipeMutation, WipeMutationVariables>;
export const StartEtlDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StartEtl"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"params"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"EtlParams"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"wait"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runEtl"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"params"},"value":{"kind":"Variable","name":{"kind":"Name","value":"params"}}},{"kind":"Argument","name":{"kind":"Name","value":"wait"},"value":{"kind":"Variable","name":{"kind":"Name","value":"wait"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"EtlRunProgressFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"EtlRunProgressFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"EtlRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"trigger"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"scheduledFor"}},{"kind":"Field","name":{"kind":"Name","value":"cancelRequestedAt"}},{"kind":"Field","name":{"kind":"Name","value":"pagesFetched"}},{"kind":"Field","name":{"kind":"Name","value":"fetched"}},{"kind":"Field","name":{"kind":"Name","value":"kept"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"}},{"kind":"Field","name":{"kind":"Name","value":"inserted"}},{"kind":"Field","name":{"kind":"Name","value":"updated"}},{"kind":"Field","name":{"kind":"Name","value":"unchanged"}},{"kind":"Field","name":{"kind":"Name","value":"errors"}},{"kind":"Field","name":{"kind":"Name","value":"warnings"}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"searchesDone"}},{"kind":"Field","name":{"kind":"Name","value":"searchesTotal"}},{"kind":"Field","name":{"kind":"Name","value":"pagesFetched"}},{"kind":"Field","name":{"kind":"Name","value":"pagesExpected"}},{"kind":"Field","name":{"kind":"Name","value":"fetched"}},{"kind":"Field","name":{"kind":"Name","value":"kept"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"}},{"kind":"Field","name":{"kind":"Name","value":"inserted"}},{"kind":"Field","name":{"kind":"Name","value":"updated"}},{"kind":"Field","name":{"kind":"Name","value":"unchanged"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]} as unknown as DocumentNode<StartEtlMutation, StartEtlMutationVariables>;
export const EtlRunDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EtlRun"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"etlRun"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"EtlRunProgressFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"EtlRunProgressFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"EtlRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"trigger"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"scheduledFor"}},{"kind":"Field","name":{"kind":"Name","value":"cancelRequestedAt"}},{"kind":"Field","name":{"kind":"Name","value":"pagesFetched"}},{"kind":"Field","name":{"kind":"Name","value":"fetched"}},{"kind":"Field","name":{"kind":"Name","value":"kept"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"}},{"kind":"Field","name":{"kind":"Name","value":"inserted"}},{"kind":"Field","name":{"kind":"Name","value":"updated"}},{"kind":"Field","name":{"kind":"Name","value":"unchanged"}},{"kind":"Field","name":{"kind":"Name","value":"errors"}},{"kind":"Field","name":{"kind":"Name","value":"warnings"}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"searchesDone"}},{"kind":"Field","name":{"kind":"Name","value":"searchesTotal"}},{"kind":"Field","name":{"kind":"Name","value":"pagesFetched"}},{"kind":"Field","name":{"kind":"Name","value":"pagesExpected"}},{"kind":"Field","name":{"kind":"Name","value":"fetched"}},{"kind":"Field","name":{"kind":"Name","value":"kept"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"}},{"kind":"Field","name":{"kind":"Name","value":"inserted"}},{"kind":"Field","name":{"kind":"Name","value":"updated"}},{"kind":"Field","name":{"kind":"Name","value":"unchanged"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]} as unknown as DocumentNode<EtlRunQuery, EtlRunQueryVariables>;
export const CancelEtlRunDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CancelEtlRun"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancelEtlRun"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"EtlRunProgressFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"EtlRunProgressFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"EtlRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"trigger"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"scheduledFor"}},{"kind":"Field","name":{"kind":"Name","value":"cancelRequestedAt"}},{"kind":"Field","name":{"kind":"Name","value":"pagesFetched"}},{"kind":"Field","name":{"kind":"Name","value":"fetched"}},{"kind":"Field","name":{"kind":"Name","value":"kept"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"}},{"kind":"Field","name":{"kind":"Name","value":"inserted"}},{"kind":"Field","name":{"kind":"Name","value":"updated"}},{"kind":"Field","name":{"kind":"Name","value":"unchanged"}},{"kind":"Field","name":{"kind":"Name","value":"errors"}},{"kind":"Field","name":{"kind":"Name","value":"warnings"}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"searchesDone"}},{"kind":"Field","name":{"kind":"Name","value":"searchesTotal"}},{"kind":"Field","name":{"kind":"Name","value":"pagesFetched"}},{"kind":"Field","name":{"kind":"Name","value":"pagesExpected"}},{"kind":"Field","name":{"kind":"Name","value":"fetched"}},{"kind":"Field","name":{"kind":"Name","value":"kept"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"}},{"kind":"Field","name":{"kind":"Name","value":"inserted"}},{"kind":"Field","name":{"kind":"Name","value":"updated"}},{"kind":"Field","name":{"kind":"Name","value":"unchanged"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]} as unknown as DocumentNode<CancelEtlRunMutation, CancelEtlRunMutationVariables>;
export const EtlScheduleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EtlSchedule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"etlSchedule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cron"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}},{"kind":"Field","name":{"kind":"Name","value":"nextRunAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastScheduledRun"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"EtlRunProgressFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"EtlRunProgressFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"EtlRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"trigger"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"scheduledFor"}},{"kind":"Field","name":{"kind":"Name","value":"cancelRequestedAt"}},{"kind":"Field","name":{"kind":"Name","value":"pagesFetched"}},{"kind":"Field","name":{"kind":"Name","value":"fetched"}},{"kind":"Field","name":{"kind":"Name","value":"kept"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"}},{"kind":"Field","name":{"kind":"Name","value":"inserted"}},{"kind":"Field","name":{"kind":"Name","value":"updated"}},{"kind":"Field","name":{"kind":"Name","value":"unchanged"}},{"kind":"Field","name":{"kind":"Name","value":"errors"}},{"kind":"Field","name":{"kind":"Name","value":"warnings"}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"searchesDone"}},{"kind":"Field","name":{"kind":"Name","value":"searchesTotal"}},{"kind":"Field","name":{"kind":"Name","value":"pagesFetched"}},{"kind":"Field","name":{"kind":"Name","value":"pagesExpected"}},{"kind":"Field","name":{"kind":"Name","value":"fetched"}},{"kind":"Field","name":{"kind":"Name","value":"kept"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"}},{"kind":"Field","name":{"kind":"Name","value":"inserted"}},{"kind":"Field","name":{"kind":"Name","value":"updated"}},{"kind":"Field","name":{"kind":"Name","value":"unchanged"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]} as unknown as DocumentNode<EtlScheduleQuery, EtlScheduleQueryVariables>;
export const JobsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Jobs"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"JobFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sort"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"JobSort"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"jobs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"sort"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sort"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"JobListFields"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"JobListFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Job"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"positionTitle"}},{"kind":"Field","name":{"kind":"Name","value":"organizationName"}},{"kind":"Field","name":{"kind":"Name","value":"departmentName"}},{"kind":"Field","name":{"kind":"Name","value":"publicationStartDate"}},{"kind":"Field","name":{"kind":"Name","value":"applicationCloseDate"}},{"kind":"Field","name":{"kind":"Name","value":"annualSalary"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"min"}},{"kind":"Field","name":{"kind":"Name","value":"max"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lowGrade"}},{"kind":"Field","name":{"kind":"Name","value":"highGrade"}},{"kind":"Field","name":{"kind":"Name","value":"remote"}},{"kind":"Field","name":{"kind":"Name","value":"isOpen"}},{"kind":"Field","name":{"kind":"Name","value":"positionLocation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"locationName"}},{"kind":"Field","name":{"kind":"Name","value":"countrySubDivisionCode"}}]}}]}}]} as unknown as DocumentNode<JobsQuery, JobsQueryVariables>;
export const JobDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Job"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"job"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"JobListFields"}},{"kind":"Field","name":{"kind":"Name","value":"positionId"}},{"kind":"Field","name":{"kind":"Name","value":"positionUri"}},{"kind":"Field","name":{"kind":"Name","value":"applyUris"}},{"kind":"Field","name":{"kind":"Name","value":"positionLocationDisplay"}},{"kind":"Field","name":{"kind":"Name","value":"positionLocation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"locationName"}},{"kind":"Field","name":{"kind":"Name","value":"cityName"}},{"kind":"Field","name":{"kind":"Name","value":"countrySubDivisionCode"}},{"kind":"Field","name":{"kind":"Name","value":"countryCode"}},{"kind":"Field","name":{"kind":"Name","value":"latitude"}},{"kind":"Field","name":{"kind":"Name","value":"longitude"}}]}},{"kind":"Field","name":{"kind":"Name","value":"positionRemuneration"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"minimumRange"}},{"kind":"Field","name":{"kind":"Name","value":"maximumRange"}},{"kind":"Field","name":{"kind":"Name","value":"rateIntervalCode"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}},{"kind":"Field","name":{"kind":"Name","value":"payPlan"}},{"kind":"Field","name":{"kind":"Name","value":"teleworkEligible"}},{"kind":"Field","name":{"kind":"Name","value":"qualificationSummary"}},{"kind":"Field","name":{"kind":"Name","value":"jobSummary"}},{"kind":"Field","name":{"kind":"Name","value":"firstSeenAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastSeenAt"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"JobListFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Job"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"positionTitle"}},{"kind":"Field","name":{"kind":"Name","value":"organizationName"}},{"kind":"Field","name":{"kind":"Name","value":"departmentName"}},{"kind":"Field","name":{"kind":"Name","value":"publicationStartDate"}},{"kind":"Field","name":{"kind":"Name","value":"applicationCloseDate"}},{"kind":"Field","name":{"kind":"Name","value":"annualSalary"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"min"}},{"kind":"Field","name":{"kind":"Name","value":"max"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lowGrade"}},{"kind":"Field","name":{"kind":"Name","value":"highGrade"}},{"kind":"Field","name":{"kind":"Name","value":"remote"}},{"kind":"Field","name":{"kind":"Name","value":"isOpen"}},{"kind":"Field","name":{"kind":"Name","value":"positionLocation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"locationName"}},{"kind":"Field","name":{"kind":"Name","value":"countrySubDivisionCode"}}]}}]}}]} as unknown as DocumentNode<JobQuery, JobQueryVariables>;
export const JobStatsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"JobStats"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"JobFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"jobStats"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"annualSalary"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"lowest"}},{"kind":"Field","name":{"kind":"Name","value":"highest"}},{"kind":"Field","name":{"kind":"Name","value":"averageMin"}},{"kind":"Field","name":{"kind":"Name","value":"averageMax"}}]}},{"kind":"Field","name":{"kind":"Name","value":"byDepartment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"byState"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]}}]} as unknown as DocumentNode<JobStatsQuery, JobStatsQueryVariables>;
export const SearchProfilesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SearchProfiles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"searchProfiles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SearchProfileFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SearchProfileFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SearchProfile"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"keyword"}},{"kind":"Field","name":{"kind":"Name","value":"locationName"}},{"kind":"Field","name":{"kind":"Name","value":"radiusMiles"}},{"kind":"Field","name":{"kind":"Name","value":"includeRemote"}},{"kind":"Field","name":{"kind":"Name","value":"yearsOfExperience"}},{"kind":"Field","name":{"kind":"Name","value":"payPlans"}},{"kind":"Field","name":{"kind":"Name","value":"minSalary"}},{"kind":"Field","name":{"kind":"Name","value":"jobCategoryCodes"}},{"kind":"Field","name":{"kind":"Name","value":"organizationCodes"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"digestTo"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<SearchProfilesQuery, SearchProfilesQueryVariables>;
export const SearchProfileDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SearchProfile"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"searchProfile"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SearchProfileFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SearchProfileFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SearchProfile"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"keyword"}},{"kind":"Field","name":{"kind":"Name","value":"locationName"}},{"kind":"Field","name":{"kind":"Name","value":"radiusMiles"}},{"kind":"Field","name":{"kind":"Name","value":"includeRemote"}},{"kind":"Field","name":{"kind":"Name","value":"yearsOfExperience"}},{"kind":"Field","name":{"kind":"Name","value":"payPlans"}},{"kind":"Field","name":{"kind":"Name","value":"minSalary"}},{"kind":"Field","name":{"kind":"Name","value":"jobCategoryCodes"}},{"kind":"Field","name":{"kind":"Name","value":"organizationCodes"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"digestTo"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<SearchProfileQuery, SearchProfileQueryVariables>;
export const CreateSearchProfileDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateSearchProfile"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateSearchProfileInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createSearchProfile"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SearchProfileFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SearchProfileFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SearchProfile"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"keyword"}},{"kind":"Field","name":{"kind":"Name","value":"locationName"}},{"kind":"Field","name":{"kind":"Name","value":"radiusMiles"}},{"kind":"Field","name":{"kind":"Name","value":"includeRemote"}},{"kind":"Field","name":{"kind":"Name","value":"yearsOfExperience"}},{"kind":"Field","name":{"kind":"Name","value":"payPlans"}},{"kind":"Field","name":{"kind":"Name","value":"minSalary"}},{"kind":"Field","name":{"kind":"Name","value":"jobCategoryCodes"}},{"kind":"Field","name":{"kind":"Name","value":"organizationCodes"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"digestTo"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<CreateSearchProfileMutation, CreateSearchProfileMutationVariables>;
export const UpdateSearchProfileDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateSearchProfile"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateSearchProfileInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateSearchProfile"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SearchProfileFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SearchProfileFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SearchProfile"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"keyword"}},{"kind":"Field","name":{"kind":"Name","value":"locationName"}},{"kind":"Field","name":{"kind":"Name","value":"radiusMiles"}},{"kind":"Field","name":{"kind":"Name","value":"includeRemote"}},{"kind":"Field","name":{"kind":"Name","value":"yearsOfExperience"}},{"kind":"Field","name":{"kind":"Name","value":"payPlans"}},{"kind":"Field","name":{"kind":"Name","value":"minSalary"}},{"kind":"Field","name":{"kind":"Name","value":"jobCategoryCodes"}},{"kind":"Field","name":{"kind":"Name","value":"organizationCodes"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"digestTo"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<UpdateSearchProfileMutation, UpdateSearchProfileMutationVariables>;
export const DeleteSearchProfileDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteSearchProfile"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteSearchProfile"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<DeleteSearchProfileMutation, DeleteSearchProfileMutationVariables>;
export const RunEtlProfileDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RunEtlProfile"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"profile"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runEtl"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"profile"},"value":{"kind":"Variable","name":{"kind":"Name","value":"profile"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"kept"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"}},{"kind":"Field","name":{"kind":"Name","value":"inserted"}},{"kind":"Field","name":{"kind":"Name","value":"updated"}},{"kind":"Field","name":{"kind":"Name","value":"unchanged"}},{"kind":"Field","name":{"kind":"Name","value":"withdrawn"}},{"kind":"Field","name":{"kind":"Name","value":"changed"}},{"kind":"Field","name":{"kind":"Name","value":"errors"}},{"kind":"Field","name":{"kind":"Name","value":"warnings"}},{"kind":"Field","name":{"kind":"Name","value":"profiles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"profileId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"found"}},{"kind":"Field","name":{"kind":"Name","value":"matched"}},{"kind":"Field","name":{"kind":"Name","value":"withdrawn"}},{"kind":"Field","name":{"kind":"Name","value":"complete"}}]}},{"kind":"Field","name":{"kind":"Name","value":"searches"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"query"}},{"kind":"Field","name":{"kind":"Name","value":"profiles"}},{"kind":"Field","name":{"kind":"Name","value":"complete"}},{"kind":"Field","name":{"kind":"Name","value":"cappedSlices"}},{"kind":"Field","name":{"kind":"Name","value":"slices"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"countAll"}},{"kind":"Field","name":{"kind":"Name","value":"pagesFetched"}},{"kind":"Field","name":{"kind":"Name","value":"capped"}},{"kind":"Field","name":{"kind":"Name","value":"split"}}]}}]}}]}}]}}]} as unknown as DocumentNode<RunEtlProfileMutation, RunEtlProfileMutationVariables>;
export const JobLivesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"JobLives"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"JobFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"jobs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"isOpen"}},{"kind":"Field","name":{"kind":"Name","value":"withdrawnAt"}},{"kind":"Field","name":{"kind":"Name","value":"matchedProfiles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"changes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"jobStats"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}}]}}]} as unknown as DocumentNode<JobLivesQuery, JobLivesQueryVariables>;