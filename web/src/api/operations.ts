import type { JobStatus } from '../lib/badges';
import type { ChangeField, JobChange } from '../lib/changes';
import type { SearchProfile } from '../lib/profiles';

/*
 * Every operation the dashboard sends, with the shape of its answer. The public GraphQL API only: nothing here that a
 * third-party client could not send. test/unit/web-operations.test.ts validates each document against
 * schema/schema.graphql, so a change of the API that breaks the dashboard fails the tests.
 */

export interface SalaryRange {
  min: number;
  max: number;
}

/** A job as the list shows it. */
export interface JobSummary {
  id: string;
  positionTitle: string;
  organizationName: string | null;
  departmentName: string | null;
  positionLocationDisplay: string | null;
  annualSalary: SalaryRange | null;
  payPlan: string | null;
  lowGrade: number | null;
  highGrade: number | null;
  remote: boolean;
  isOpen: boolean;
  status: JobStatus;
  publicationStartDate: string | null;
  applicationCloseDate: string | null;
  firstSeenAt: string;
  positionUri: string;
  applyUris: string[];
  /** When and what (enough for the "changed" badge; the detail reads the values). */
  changes: { at: string; field: ChangeField }[];
}

const JOB_SUMMARY_FIELDS = `id positionTitle organizationName departmentName positionLocationDisplay
  annualSalary { min max } payPlan lowGrade highGrade remote isOpen status publicationStartDate
  applicationCloseDate firstSeenAt positionUri applyUris`;

export interface JobsPage {
  jobs: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: JobSummary[];
  };
}

export const JOBS_QUERY = `query DashboardJobs($filter: JobFilter, $sort: JobSort, $first: Int, $after: String) {
  jobs(filter: $filter, sort: $sort, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { ${JOB_SUMMARY_FIELDS} changes { at field } }
  }
}`;

export interface JobDetail extends JobSummary {
  changes: JobChange[];
  withdrawnAt: string | null;
  matchedProfiles: { id: string; name: string }[];
  positionId: string;
  positionLocation: { locationName: string; countrySubDivisionCode: string | null }[];
  positionRemuneration: {
    minimumRange: number;
    maximumRange: number;
    rateIntervalCode: string;
    description: string | null;
  }[];
  teleworkEligible: boolean;
  qualificationSummary: string | null;
  jobSummary: string | null;
  lastSeenAt: string;
}

export const JOB_QUERY = `query DashboardJob($id: ID!) {
  job(id: $id) {
    ${JOB_SUMMARY_FIELDS}
    positionId
    positionLocation { locationName countrySubDivisionCode }
    positionRemuneration { minimumRange maximumRange rateIntervalCode description }
    teleworkEligible qualificationSummary jobSummary lastSeenAt
    withdrawnAt changes { at field from to } matchedProfiles { id name }
  }
}`;

export interface CountBucket {
  key: string;
  count: number;
}

export interface JobStatsAnswer {
  jobStats: {
    totalCount: number;
    annualSalary: {
      lowest: number | null;
      highest: number | null;
      averageMin: number | null;
      averageMax: number | null;
    };
    byDepartment: CountBucket[];
    byState: CountBucket[];
  };
}

export const JOB_STATS_QUERY = `query DashboardStats($filter: JobFilter) {
  jobStats(filter: $filter) {
    totalCount
    annualSalary { lowest highest averageMin averageMax }
    byDepartment { key count }
    byState { key count }
  }
}`;

export type EtlRunStatus = 'RUNNING' | 'SUCCEEDED' | 'PARTIAL' | 'FAILED' | 'CANCELLED';

export interface EtlRunProgress {
  searchesDone: number;
  searchesTotal: number;
  pagesFetched: number;
  pagesExpected: number | null;
  fetched: number;
  kept: number;
  inserted: number;
  updated: number;
  unchanged: number;
  updatedAt: string;
}

export interface EtlRun {
  id: string;
  status: EtlRunStatus;
  trigger: string;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  pagesFetched: number;
  fetched: number;
  kept: number;
  skipped: number;
  inserted: number;
  updated: number;
  unchanged: number;
  errors: string[];
  warnings: string[];
  withdrawn: number;
  changed: number;
  params: { keyword: string; locationName: string; radiusMiles: number; includeRemote: boolean };
  /** The saved searches it ran; empty for an ad-hoc run. */
  profiles: { profileId: string; name: string }[];
  progress: EtlRunProgress | null;
  cancelRequestedAt: string | null;
}

const ETL_RUN_FIELDS = `id status trigger startedAt finishedAt durationMs pagesFetched fetched kept skipped
  inserted updated unchanged withdrawn changed errors warnings
  params { keyword locationName radiusMiles includeRemote } profiles { profileId name }
  progress { searchesDone searchesTotal pagesFetched pagesExpected fetched kept inserted updated unchanged updatedAt }
  cancelRequestedAt`;

export interface EtlRunsAnswer {
  etlRuns: EtlRun[];
}

export const ETL_RUNS_QUERY = `query DashboardRuns($first: Int) {
  etlRuns(first: $first) { ${ETL_RUN_FIELDS} }
}`;

export interface EtlRunAnswer {
  etlRun: EtlRun | null;
}

export const ETL_RUN_QUERY = `query DashboardRun($id: ID!) {
  etlRun(id: $id) { ${ETL_RUN_FIELDS} }
}`;

export interface EtlScheduleAnswer {
  etlSchedule: { cron: string | null; timezone: string; nextRunAt: string | null };
}

export const ETL_SCHEDULE_QUERY = `query DashboardSchedule {
  etlSchedule { cron timezone nextRunAt }
}`;

export interface RunEtlAnswer {
  runEtl: EtlRun;
}

/**
 * wait: false answers with the RUNNING record at once; where runs cannot outlive a request, the API refuses it.
 * profile: one saved search; null: every enabled one.
 */
export const RUN_ETL_MUTATION = `mutation DashboardRunEtl($wait: Boolean, $profile: ID) {
  runEtl(wait: $wait, profile: $profile) { ${ETL_RUN_FIELDS} }
}`;

export interface CancelEtlRunAnswer {
  cancelEtlRun: EtlRun;
}

export const CANCEL_ETL_RUN_MUTATION = `mutation DashboardCancelEtlRun($id: ID!) {
  cancelEtlRun(id: $id) { ${ETL_RUN_FIELDS} }
}`;

const SEARCH_PROFILE_FIELDS = `id name keyword locationName radiusMiles includeRemote yearsOfExperience payPlans
  minSalary jobCategoryCodes organizationCodes enabled createdAt updatedAt`;

export interface SearchProfilesAnswer {
  searchProfiles: SearchProfile[];
}

export const SEARCH_PROFILES_QUERY = `query DashboardSearchProfiles {
  searchProfiles { ${SEARCH_PROFILE_FIELDS} }
}`;

export interface SearchProfileDigestAnswer {
  searchProfile: { id: string; digestTo: string[] | null } | null;
}

/** The recipients of a saved search's digest: readable with the admin token only. */
export const SEARCH_PROFILE_DIGEST_QUERY = `query DashboardSearchProfileDigest($id: ID!) {
  searchProfile(id: $id) { id digestTo }
}`;

export interface CreateSearchProfileAnswer {
  createSearchProfile: SearchProfile;
}

export const CREATE_SEARCH_PROFILE_MUTATION = `mutation DashboardCreateSearchProfile($input: CreateSearchProfileInput!) {
  createSearchProfile(input: $input) { ${SEARCH_PROFILE_FIELDS} digestTo }
}`;

export interface UpdateSearchProfileAnswer {
  updateSearchProfile: SearchProfile;
}

export const UPDATE_SEARCH_PROFILE_MUTATION = `mutation DashboardUpdateSearchProfile($id: ID!, $input: UpdateSearchProfileInput!) {
  updateSearchProfile(id: $id, input: $input) { ${SEARCH_PROFILE_FIELDS} digestTo }
}`;

export interface DeleteSearchProfileAnswer {
  deleteSearchProfile: boolean;
}

export const DELETE_SEARCH_PROFILE_MUTATION = `mutation DashboardDeleteSearchProfile($id: ID!) {
  deleteSearchProfile(id: $id)
}`;
