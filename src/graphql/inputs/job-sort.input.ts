import { Field, InputType, registerEnumType } from 'type-graphql';

import { type JobSort, JobSortField, SortDirection } from '../../jobs/job-sort';

registerEnumType(JobSortField, {
  name: 'JobSortField',
  description: 'What a job listing can be ordered by.',
  valuesConfig: {
    PUBLICATION_START_DATE: { description: 'When the announcement opened (publicationStartDate).' },
    APPLICATION_CLOSE_DATE: { description: 'When applications close (applicationCloseDate).' },
    ANNUAL_SALARY_MIN: { description: 'Lowest pay a year (annualSalary.min).' },
    ANNUAL_SALARY_MAX: { description: 'Highest pay a year (annualSalary.max).' },
    POSITION_TITLE: {
      description: 'Title (positionTitle), compared character by character (upper case before lower case).',
    },
  },
});
registerEnumType(SortDirection, {
  name: 'SortDirection',
  description: 'Which way to order.',
  valuesConfig: {
    ASC: { description: 'Ascending: earliest, lowest or first in order first.' },
    DESC: { description: 'Descending: latest, highest or last in order first.' },
  },
});

@InputType('JobSort', {
  description:
    'Order of a job listing. Jobs without a value in the field come last in both directions; ties by id.',
})
export class JobSortInput implements JobSort {
  @Field(() => JobSortField, { description: 'What to order by.' })
  field!: JobSortField;

  @Field(() => SortDirection, { description: 'Which way.' })
  direction!: SortDirection;
}
