import { registerEnumType } from 'type-graphql';

// Apart from the decorated JobSortInput so the pure query builders can use them without decorator metadata.

export enum JobSortField {
  PUBLICATION_START_DATE = 'PUBLICATION_START_DATE',
  APPLICATION_CLOSE_DATE = 'APPLICATION_CLOSE_DATE',
  ANNUAL_SALARY_MIN = 'ANNUAL_SALARY_MIN',
  ANNUAL_SALARY_MAX = 'ANNUAL_SALARY_MAX',
  POSITION_TITLE = 'POSITION_TITLE',
}
registerEnumType(JobSortField, { name: 'JobSortField' });

export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(SortDirection, { name: 'SortDirection' });

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
