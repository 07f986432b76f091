import { ArrayMaxSize, IsEmail, IsOptional, Matches, Max, MaxLength, Min } from 'class-validator';
import { Field, Float, InputType, Int } from 'type-graphql';

import { PARAM_LIMITS } from '../../etl/params';
import { PROFILE_LIMITS } from '../../etl/search-profiles';
import { AT_LEAST, AT_MOST, AT_MOST_CHARS, NOT_BLANK } from './bounds';

// The bounds are the profile service's own (it checks them again, with the pay plans and the duplicate name); here
// they only fail earlier, naming the argument.
const { textMaxLength, radiusMiles, yearsOfExperience } = PARAM_LIMITS;
const AT_MOST_CODES = { message: 'must hold at most $constraint1 codes' };
const AT_MOST_ADDRESSES = { message: 'must hold at most $constraint1 addresses' };
const EACH_AN_ADDRESS = { each: true, message: 'each must be an e-mail address' };
const DIGEST_TO =
  'Who gets its digest of what changed by e-mail, instead of DIGEST_TO; at most 10 addresses; empty: DIGEST_TO.';

/** A new saved search. */
@InputType('CreateSearchProfileInput', {
  description:
    'A new saved search. Set at least one of keyword, locationName, jobCategoryCodes, organizationCodes.',
})
export class CreateSearchProfileInput {
  @Field(() => String, { description: 'Unique.' })
  @Matches(/\S/, NOT_BLANK)
  @MaxLength(PROFILE_LIMITS.nameMaxLength, AT_MOST_CHARS)
  name!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'USAJOBS Keyword: every word (or a synonym) must occur in the announcement. At most 200 characters.',
  })
  @IsOptional()
  @MaxLength(textMaxLength, AT_MOST_CHARS)
  keyword?: string | null;

  @Field(() => String, { nullable: true, description: 'e.g. Chicago, Illinois; null: anywhere.' })
  @IsOptional()
  @MaxLength(textMaxLength, AT_MOST_CHARS)
  locationName?: string | null;

  @Field(() => Int, { defaultValue: 50, description: 'Miles around locationName.' })
  @Min(radiusMiles.min, AT_LEAST)
  @Max(radiusMiles.max, AT_MOST)
  radiusMiles!: number;

  @Field(() => Boolean, { defaultValue: true, description: 'Remote postings fit wherever they are.' })
  includeRemote!: boolean;

  @Field(() => Int, {
    defaultValue: 5,
    description: 'Whole years of professional experience, 0..60, mapped to a GS grade band.',
  })
  @Min(yearsOfExperience.min, AT_LEAST)
  @Max(yearsOfExperience.max, AT_MOST)
  yearsOfExperience!: number;

  @Field(() => [String], { defaultValue: [], description: 'Pay plan codes, e.g. GS; empty: every pay plan.' })
  @ArrayMaxSize(PROFILE_LIMITS.codesMax, AT_MOST_CODES)
  @MaxLength(2, { each: true, message: 'each must be a 2-letter pay plan code' })
  payPlans!: string[];

  @Field(() => Float, { nullable: true, description: 'USD a year.' })
  @IsOptional()
  @Min(0, AT_LEAST)
  minSalary?: number | null;

  @Field(() => [String], { defaultValue: [], description: 'Occupational series, e.g. 2210.' })
  @ArrayMaxSize(PROFILE_LIMITS.codesMax, AT_MOST_CODES)
  @Matches(PROFILE_LIMITS.seriesPattern, { each: true, message: 'each must be a 4-digit series' })
  jobCategoryCodes!: string[];

  @Field(() => [String], { defaultValue: [], description: 'Agency sub-element codes, e.g. TR.' })
  @ArrayMaxSize(PROFILE_LIMITS.codesMax, AT_MOST_CODES)
  @MaxLength(10, { each: true, message: 'each must be at most 10 characters' })
  organizationCodes!: string[];

  @Field(() => Boolean, { defaultValue: true, description: 'Runs over every profile skip disabled ones.' })
  enabled!: boolean;

  @Field(() => [String], { defaultValue: [], description: DIGEST_TO })
  @ArrayMaxSize(PROFILE_LIMITS.digestToMax, AT_MOST_ADDRESSES)
  @IsEmail({}, EACH_AN_ADDRESS)
  digestTo!: string[];
}

/** Changes to a saved search: absent fields stay as they are; null clears keyword, locationName and minSalary. */
@InputType('UpdateSearchProfileInput', {
  description:
    'Changes to a saved search: absent fields stay as they are; null clears keyword, locationName and minSalary ' +
    '(and leaves the others as they are).',
})
export class UpdateSearchProfileInput {
  @Field(() => String, { nullable: true, description: 'Unique, at most 100 characters.' })
  @IsOptional()
  @Matches(/\S/, NOT_BLANK)
  @MaxLength(PROFILE_LIMITS.nameMaxLength, AT_MOST_CHARS)
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'null clears it.' })
  @IsOptional()
  @MaxLength(textMaxLength, AT_MOST_CHARS)
  keyword?: string | null;

  @Field(() => String, { nullable: true, description: 'null clears it (anywhere).' })
  @IsOptional()
  @MaxLength(textMaxLength, AT_MOST_CHARS)
  locationName?: string | null;

  @Field(() => Int, { nullable: true, description: 'Miles around locationName, 0..500.' })
  @IsOptional()
  @Min(radiusMiles.min, AT_LEAST)
  @Max(radiusMiles.max, AT_MOST)
  radiusMiles?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Remote postings fit wherever they are.' })
  includeRemote?: boolean | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Whole years of professional experience, 0..60, mapped to a GS grade band.',
  })
  @IsOptional()
  @Min(yearsOfExperience.min, AT_LEAST)
  @Max(yearsOfExperience.max, AT_MOST)
  yearsOfExperience?: number | null;

  @Field(() => [String], { nullable: true, description: 'Pay plan codes, e.g. GS; empty: every pay plan.' })
  @IsOptional()
  @ArrayMaxSize(PROFILE_LIMITS.codesMax, AT_MOST_CODES)
  @MaxLength(2, { each: true, message: 'each must be a 2-letter pay plan code' })
  payPlans?: string[] | null;

  @Field(() => Float, { nullable: true, description: 'null clears it.' })
  @IsOptional()
  @Min(0, AT_LEAST)
  minSalary?: number | null;

  @Field(() => [String], { nullable: true, description: 'Occupational series, e.g. 2210; empty: any.' })
  @IsOptional()
  @ArrayMaxSize(PROFILE_LIMITS.codesMax, AT_MOST_CODES)
  @Matches(PROFILE_LIMITS.seriesPattern, { each: true, message: 'each must be a 4-digit series' })
  jobCategoryCodes?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Agency sub-element codes, e.g. TR; empty: any.' })
  @IsOptional()
  @ArrayMaxSize(PROFILE_LIMITS.codesMax, AT_MOST_CODES)
  @MaxLength(10, { each: true, message: 'each must be at most 10 characters' })
  organizationCodes?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Runs over every profile skip disabled ones.' })
  enabled?: boolean | null;

  @Field(() => [String], { nullable: true, description: `${DIGEST_TO} [] clears it.` })
  @IsOptional()
  @ArrayMaxSize(PROFILE_LIMITS.digestToMax, AT_MOST_ADDRESSES)
  @IsEmail({}, EACH_AN_ADDRESS)
  digestTo?: string[] | null;
}
