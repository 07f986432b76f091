import { Field, InputType, registerEnumType } from 'type-graphql';

import { type JobSort, JobSortField, SortDirection } from '../../jobs/job-sort';

registerEnumType(JobSortField, { name: 'JobSortField' });
registerEnumType(SortDirection, { name: 'SortDirection' });

@InputType('JobSort', {
  description:
    'Order of a job listing. Jobs without a value in the field come last in both directions; ties by id.',
})
export class JobSortInput implements JobSort {
  @Field(() => JobSortField)
  field!: JobSortField;

  @Field(() => SortDirection)
  direction!: SortDirection;
}
