// Plain enums: the read model orders by them; src/graphql/inputs/job-sort.input.ts registers them as GraphQL enums.

export enum JobSortField {
  PUBLICATION_START_DATE = 'PUBLICATION_START_DATE',
  APPLICATION_CLOSE_DATE = 'APPLICATION_CLOSE_DATE',
  ANNUAL_SALARY_MIN = 'ANNUAL_SALARY_MIN',
  ANNUAL_SALARY_MAX = 'ANNUAL_SALARY_MAX',
  POSITION_TITLE = 'POSITION_TITLE',
}

export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}

/** An ordering of jobs; the shape of the `JobSort` input. */
export interface JobSort {
  field: JobSortField;
  direction: SortDirection;
}

/** Newest postings first. */
export const DEFAULT_JOB_SORT: Readonly<JobSort> = Object.freeze({
  field: JobSortField.PUBLICATION_START_DATE,
  direction: SortDirection.DESC,
});
