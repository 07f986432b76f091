import { Field, Float, Int, ObjectType } from 'type-graphql';

import type { JobStats as JobStatsShape } from '../../jobs/job-stats';

@ObjectType('CountBucket', { description: 'How many matching jobs share one value.' })
export class CountBucket {
  @Field(() => String, {
    description: 'The value counted: a department name in byDepartment, a state name in byState.',
  })
  key!: string;

  @Field(() => Int, { description: 'How many matching jobs have that value.' })
  count!: number;
}

@ObjectType('SalaryStats', {
  description:
    'Salary figures over the matching jobs that have an annualSalary, in US dollars a year; all null when none has one.',
})
export class SalaryStats {
  @Field(() => Float, { nullable: true, description: 'Lowest annualSalary.min.' })
  lowest!: number | null;

  @Field(() => Float, { nullable: true, description: 'Highest annualSalary.max.' })
  highest!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Mean of annualSalary.min over the matching jobs that have an annualSalary.',
  })
  averageMin!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Mean of annualSalary.max over the matching jobs that have an annualSalary.',
  })
  averageMax!: number | null;
}

@ObjectType('JobStats', {
  description: 'Statistics over the jobs that match the filter (by default the open ones).',
})
export class JobStats implements JobStatsShape {
  @Field(() => Int, { description: 'How many jobs match the filter.' })
  totalCount!: number;

  @Field(() => SalaryStats, {
    description: 'Salary figures over the matching jobs that have an annualSalary.',
  })
  annualSalary!: SalaryStats;

  @Field(() => [CountBucket], { description: 'Most first; a job counts once in each department.' })
  byDepartment!: CountBucket[];

  @Field(() => [CountBucket], {
    description:
      'Most first; a job counts once in each state of its locations; locations without a state are not counted.',
  })
  byState!: CountBucket[];
}
