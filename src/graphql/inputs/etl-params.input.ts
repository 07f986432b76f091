import { IsOptional, Matches, Max, MaxLength, Min } from 'class-validator';
import { Field, Float, InputType, Int } from 'type-graphql';

import { PARAM_LIMITS } from '../../etl/params';
import { AT_LEAST, AT_MOST, AT_MOST_CHARS, MAX_ANNUAL_SALARY, NOT_BLANK } from './bounds';

// The bounds are the ETL's own (validateParams checks the same ones for the CLI); here they only fail earlier.
const { textMaxLength, radiusMiles, yearsOfExperience, datePostedDays, maxPages } = PARAM_LIMITS;

/** The job seeker's profile for one run; unset fields take the defaults of `withDefaults` (src/etl/params.ts). */
@InputType('EtlParams', { description: 'Parameters of one ETL run; unset fields take their defaults.' })
export class EtlParamsInput {
  @Field(() => String, { nullable: true, description: 'Default: data engineering' })
  @IsOptional()
  @Matches(/\S/, NOT_BLANK)
  @MaxLength(textMaxLength, AT_MOST_CHARS)
  keyword?: string | null;

  @Field(() => String, { nullable: true, description: 'Default: Chicago, Illinois' })
  @IsOptional()
  @Matches(/\S/, NOT_BLANK)
  @MaxLength(textMaxLength, AT_MOST_CHARS)
  locationName?: string | null;

  @Field(() => Int, { nullable: true, description: 'Default: 50' })
  @IsOptional()
  @Min(radiusMiles.min, AT_LEAST)
  @Max(radiusMiles.max, AT_MOST)
  radiusMiles?: number | null;

  @Field(() => Int, { nullable: true, description: 'Default: 5' })
  @IsOptional()
  @Min(yearsOfExperience.min, AT_LEAST)
  @Max(yearsOfExperience.max, AT_MOST)
  yearsOfExperience?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Default: true' })
  includeRemote?: boolean | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Keep only jobs whose annual salary max reaches this (USD a year).',
  })
  @IsOptional()
  @Min(0, AT_LEAST)
  @Max(MAX_ANNUAL_SALARY, AT_MOST)
  minSalary?: number | null;

  @Field(() => Int, { nullable: true, description: 'Only postings published in the last N days (0..60).' })
  @IsOptional()
  @Min(datePostedDays.min, AT_LEAST)
  @Max(datePostedDays.max, AT_MOST)
  datePostedDays?: number | null;

  @Field(() => Int, { nullable: true, description: 'Upper bound of pages read per search (1..20).' })
  @IsOptional()
  @Min(maxPages.min, AT_LEAST)
  @Max(maxPages.max, AT_MOST)
  maxPages?: number | null;
}
