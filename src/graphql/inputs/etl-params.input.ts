import { IsOptional, Matches, Max, MaxLength, Min } from 'class-validator';
import { Field, Float, InputType, Int } from 'type-graphql';

import { AT_LEAST, AT_MOST, AT_MOST_CHARS, MAX_TEXT_LENGTH, NOT_BLANK } from './bounds';

/** The job seeker's profile for one run; unset fields take the defaults of `withDefaults` (src/etl/params.ts). */
@InputType('EtlParams', { description: 'Parameters of one ETL run; unset fields take their defaults.' })
export class EtlParamsInput {
  @Field(() => String, { nullable: true, description: 'Default: data engineering' })
  @IsOptional()
  @Matches(/\S/, NOT_BLANK)
  @MaxLength(MAX_TEXT_LENGTH, AT_MOST_CHARS)
  keyword?: string | null;

  @Field(() => String, { nullable: true, description: 'Default: Chicago, Illinois' })
  @IsOptional()
  @Matches(/\S/, NOT_BLANK)
  @MaxLength(MAX_TEXT_LENGTH, AT_MOST_CHARS)
  locationName?: string | null;

  @Field(() => Int, { nullable: true, description: 'Default: 50' })
  @IsOptional()
  @Min(0, AT_LEAST)
  @Max(500, AT_MOST)
  radiusMiles?: number | null;

  @Field(() => Int, { nullable: true, description: 'Default: 5' })
  @IsOptional()
  @Min(0, AT_LEAST)
  @Max(60, AT_MOST)
  yearsOfExperience?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Default: true' })
  includeRemote?: boolean | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Keep only jobs whose annual salary max reaches this (USD a year).',
  })
  @IsOptional()
  @Min(0, AT_LEAST)
  minSalary?: number | null;

  @Field(() => Int, { nullable: true, description: 'Only postings published in the last N days (0..60).' })
  @IsOptional()
  @Min(0, AT_LEAST)
  @Max(60, AT_MOST)
  datePostedDays?: number | null;

  @Field(() => Int, { nullable: true, description: 'Upper bound of pages read per search (1..20).' })
  @IsOptional()
  @Min(1, AT_LEAST)
  @Max(20, AT_MOST)
  maxPages?: number | null;
}
