import { IsOptional, Matches, Max, MaxLength, Min } from 'class-validator';
import { Field, Float, InputType, Int } from 'type-graphql';

import { DEFAULT_ETL_PARAMS, PARAM_LIMITS } from '../../etl/params';
import { AT_LEAST, AT_MOST, AT_MOST_CHARS, MAX_ANNUAL_SALARY, NOT_BLANK } from './bounds';

// The bounds are the ETL's own (validateParams checks the same ones for the CLI); here they only fail earlier.
const { textMaxLength, radiusMiles, yearsOfExperience, datePostedDays, maxPages } = PARAM_LIMITS;

/**
 * The job seeker's profile for one run. Schema default values are the ETL's own (DEFAULT_ETL_PARAMS), so
 * introspection and codegen show them; a field given as null takes its default too (the resolver leaves it out).
 */
@InputType('EtlParams', {
  description:
    "The job seeker's profile for one ETL run: what to search USAJOBS for and which results to keep. A field left " +
    'out or given as null takes its default.',
})
export class EtlParamsInput {
  @Field(() => String, {
    nullable: true,
    defaultValue: DEFAULT_ETL_PARAMS.keyword,
    description:
      'What to search for (USAJOBS Keyword): announcements must contain every word (or a synonym). At most 200 ' +
      'characters; runs of whitespace count as one space.',
  })
  @IsOptional()
  @Matches(/\S/, NOT_BLANK)
  @MaxLength(textMaxLength, AT_MOST_CHARS)
  keyword?: string | null;

  @Field(() => String, {
    nullable: true,
    defaultValue: DEFAULT_ETL_PARAMS.locationName,
    description:
      'The place to search around (USAJOBS LocationName), e.g. "Chicago, Illinois"; jobs found there are kept ' +
      'whatever else their locations say. At most 200 characters.',
  })
  @IsOptional()
  @Matches(/\S/, NOT_BLANK)
  @MaxLength(textMaxLength, AT_MOST_CHARS)
  locationName?: string | null;

  @Field(() => Int, {
    nullable: true,
    defaultValue: DEFAULT_ETL_PARAMS.radiusMiles,
    description: 'The search radius around locationName, in miles (USAJOBS Radius), 0..500.',
  })
  @IsOptional()
  @Min(radiusMiles.min, AT_LEAST)
  @Max(radiusMiles.max, AT_MOST)
  radiusMiles?: number | null;

  @Field(() => Int, {
    nullable: true,
    defaultValue: DEFAULT_ETL_PARAMS.yearsOfExperience,
    description:
      "The job seeker's whole years of professional experience, 0..60. Jobs of GS-family pay plans (GS, GL, GG, " +
      'GM, FG) are kept only when their grades overlap the grades this qualifies for (0 years: GS-5; 5: GS-11 to ' +
      'GS-13; 8 or more: GS-14 to GS-15); jobs of other pay plans, or without a numeric grade, are kept.',
  })
  @IsOptional()
  @Min(yearsOfExperience.min, AT_LEAST)
  @Max(yearsOfExperience.max, AT_MOST)
  yearsOfExperience?: number | null;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: DEFAULT_ETL_PARAMS.includeRemote,
    description:
      'Also search for remote jobs anywhere (USAJOBS RemoteIndicator) and keep those that are remote; false keeps ' +
      'only jobs found around locationName.',
  })
  includeRemote?: boolean | null;

  @Field(() => Float, {
    nullable: true,
    defaultValue: DEFAULT_ETL_PARAMS.minSalary ?? undefined,
    description:
      'Keep only jobs whose annualSalary.max reaches this, US dollars a year, 0..10,000,000 (also sent to USAJOBS ' +
      'as RemunerationMinimumAmount). Unset: no minimum.',
  })
  @IsOptional()
  @Min(0, AT_LEAST)
  @Max(MAX_ANNUAL_SALARY, AT_MOST)
  minSalary?: number | null;

  @Field(() => Int, {
    nullable: true,
    defaultValue: DEFAULT_ETL_PARAMS.datePostedDays ?? undefined,
    description:
      'Only announcements published in the last this many days (USAJOBS DatePosted), 0..60. Unset: any age.',
  })
  @IsOptional()
  @Min(datePostedDays.min, AT_LEAST)
  @Max(datePostedDays.max, AT_MOST)
  datePostedDays?: number | null;

  @Field(() => Int, {
    nullable: true,
    defaultValue: DEFAULT_ETL_PARAMS.maxPages ?? undefined,
    description:
      'Read at most this many result pages per search (up to 500 announcements a page), 1..20. Unset: every page ' +
      '(USAJOBS serves at most 10,000 results a search).',
  })
  @IsOptional()
  @Min(maxPages.min, AT_LEAST)
  @Max(maxPages.max, AT_MOST)
  maxPages?: number | null;
}
