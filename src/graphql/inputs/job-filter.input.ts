import { IsOptional, Max, MaxLength, Min } from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';

import type { JobCriteria } from '../../jobs/job-criteria';
import { JobStatus } from '../../models/job.model';
import { AT_LEAST, AT_MOST, AT_MOST_CHARS, GRADE_RANGE, MAX_ANNUAL_SALARY, MAX_TEXT_LENGTH } from './bounds';
import { AgreesWithAlias, NotAbove } from './constraints';

@InputType('JobFilter', {
  description:
    'Which stored jobs to list or count. Every criterion that is set must hold; unset (or null) criteria are ignored.',
})
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
    description:
      'Keeps jobs where any positionLocation.locationName contains this text (case-insensitive), e.g. "chicago" or ' +
      '"remote job". At most 200 characters.',
  })
  @IsOptional()
  @MaxLength(MAX_TEXT_LENGTH, AT_MOST_CHARS)
  @AgreesWithAlias('location')
  locationName?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Case-insensitive substring of any positionLocation.locationName.',
    deprecationReason:
      'Use locationName, the name of the stored field it matches (and of EtlParams.locationName). Both work; ' +
      'giving both with different values is BAD_USER_INPUT.',
  })
  @IsOptional()
  @MaxLength(MAX_TEXT_LENGTH, AT_MOST_CHARS)
  location?: string | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Keeps jobs whose annualSalary.max >= minSalary, in US dollars a year; jobs without an annualSalary are left ' +
      'out. 0..10,000,000, at most maxSalary.',
  })
  @IsOptional()
  @Min(0, AT_LEAST)
  @Max(MAX_ANNUAL_SALARY, AT_MOST)
  @NotAbove('maxSalary')
  minSalary?: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Keeps jobs whose annualSalary.min <= maxSalary, in US dollars a year; jobs without an annualSalary are left ' +
      'out. 0..10,000,000.',
  })
  @IsOptional()
  @Min(0, AT_LEAST)
  @Max(MAX_ANNUAL_SALARY, AT_MOST)
  maxSalary?: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Keeps jobs whose highGrade >= minGrade (grade numbers within any pay plan, e.g. 12 for GS-12); jobs without ' +
      'a grade are left out. 1..99, at most maxGrade.',
  })
  @IsOptional()
  @Min(GRADE_RANGE.min, AT_LEAST)
  @Max(GRADE_RANGE.max, AT_MOST)
  @NotAbove('maxGrade')
  minGrade?: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Keeps jobs whose lowGrade <= maxGrade (grade numbers within any pay plan); jobs without a grade are left ' +
      'out. 1..99.',
  })
  @IsOptional()
  @Min(GRADE_RANGE.min, AT_LEAST)
  @Max(GRADE_RANGE.max, AT_MOST)
  maxGrade?: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Keeps jobs whose departmentName contains this text (case-insensitive), e.g. "treasury". At most 200 characters.',
  })
  @IsOptional()
  @MaxLength(MAX_TEXT_LENGTH, AT_MOST_CHARS)
  @AgreesWithAlias('department')
  departmentName?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Case-insensitive substring of departmentName.',
    deprecationReason:
      'Use departmentName, the name of the stored field it matches. Both work; giving both with different values ' +
      'is BAD_USER_INPUT.',
  })
  @IsOptional()
  @MaxLength(MAX_TEXT_LENGTH, AT_MOST_CHARS)
  department?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'true: only jobs that can be done fully remotely (Job.remote); false: only the others. Not the same as ' +
      'teleworkEligible (some days from home).',
  })
  remote?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: true,
    description:
      'Default true: only jobs that are still open (applicationCloseDate after the time of the request). false ' +
      'includes closed ones and jobs without a close date.',
  })
  openOnly?: boolean | null;

  @Field(() => Date, {
    nullable: true,
    description:
      'Keeps jobs whose publicationStartDate is after this instant. A plain date such as 2026-11-01 means midnight ' +
      'UTC that day.',
  })
  postedAfter?: Date | null;

  @Field(() => ID, { nullable: true, description: 'Keeps jobs matched by this saved search (its id).' })
  @IsOptional()
  @MaxLength(MAX_TEXT_LENGTH, AT_MOST_CHARS)
  profile?: string | null;

  @Field(() => JobStatus, {
    nullable: true,
    description: 'Keeps jobs with this status (see Job.status). When set, openOnly does not apply.',
  })
  status?: JobStatus | null;

  @Field(() => Date, {
    nullable: true,
    description:
      'Keeps jobs inserted, or with a change recorded (see Job.changes), at or after this instant. A plain date ' +
      'such as 2026-11-01 means midnight UTC that day.',
  })
  changedSince?: Date | null;
}

/**
 * The read model's criteria of a filter: the current names win over their deprecated aliases (validation has made
 * sure that, when both are given, they agree). Only criteria keys, so equal filters make equal cache keys.
 *
 * @param filter - the validated `JobFilter` argument, if any
 */
export function toJobCriteria(filter: JobFilterInput | null | undefined): JobCriteria | null {
  if (filter == null) return null;
  return {
    keyword: filter.keyword,
    location: filter.locationName ?? filter.location,
    minSalary: filter.minSalary,
    maxSalary: filter.maxSalary,
    minGrade: filter.minGrade,
    maxGrade: filter.maxGrade,
    department: filter.departmentName ?? filter.department,
    remote: filter.remote,
    openOnly: filter.openOnly,
    postedAfter: filter.postedAfter,
    profile: filter.profile,
    status: filter.status,
    changedSince: filter.changedSince,
  };
}
