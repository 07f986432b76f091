import { IsOptional, MaxLength } from 'class-validator';
import { Field, Float, InputType, Int } from 'type-graphql';

import type { JobCriteria } from '../../jobs/job-criteria';
import { AT_MOST_CHARS, MAX_TEXT_LENGTH } from './bounds';

@InputType('JobFilter', { description: 'Which jobs to list or count. Every set criterion must hold.' })
export class JobFilterInput implements JobCriteria {
  @Field(() => String, {
    nullable: true,
    description:
      'Every whitespace-separated term must occur (case-insensitive, literally) in the title, organization, department or summary.',
  })
  @IsOptional()
  @MaxLength(MAX_TEXT_LENGTH, AT_MOST_CHARS)
  keyword?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Case-insensitive substring of any positionLocation.locationName.',
  })
  @IsOptional()
  @MaxLength(MAX_TEXT_LENGTH, AT_MOST_CHARS)
  location?: string | null;

  @Field(() => Float, { nullable: true, description: 'Keeps jobs whose annualSalary.max >= minSalary.' })
  minSalary?: number | null;

  @Field(() => Float, { nullable: true, description: 'Keeps jobs whose annualSalary.min <= maxSalary.' })
  maxSalary?: number | null;

  @Field(() => Int, { nullable: true, description: 'Keeps jobs whose highGrade >= minGrade.' })
  minGrade?: number | null;

  @Field(() => Int, { nullable: true, description: 'Keeps jobs whose lowGrade <= maxGrade.' })
  maxGrade?: number | null;

  @Field(() => String, { nullable: true, description: 'Case-insensitive substring of departmentName.' })
  @IsOptional()
  @MaxLength(MAX_TEXT_LENGTH, AT_MOST_CHARS)
  department?: string | null;

  @Field(() => Boolean, { nullable: true })
  remote?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: true,
    description: 'Default true: only jobs that are still open.',
  })
  openOnly?: boolean | null;

  @Field(() => Date, { nullable: true, description: 'Keeps jobs published after this instant.' })
  postedAfter?: Date | null;
}
