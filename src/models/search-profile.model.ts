import { randomUUID } from 'node:crypto';

import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';

/**
 * A saved search: what one job seeker looks for (collection `search_profiles`). A run over profiles searches
 * USAJOBS for each enabled one, keeps the postings that fit at least one and records on each job which ones it fits.
 */
@ObjectType({
  description:
    'A saved search: what one job seeker looks for. A run over profiles keeps the postings that fit at least one.',
})
@modelOptions({ schemaOptions: { collection: 'search_profiles', versionKey: false, timestamps: true } })
// Unique: replicas starting together may each try to create the default profile; one wins, the others get a
// duplicate key and take it as done.
@index({ name: 1 }, { unique: true })
export class SearchProfile {
  @Field(() => ID, { name: 'id', description: 'Opaque; what runEtl(profile) and JobFilter.profile take.' })
  @prop({ type: String, required: true, default: () => randomUUID() })
  _id!: string;

  @Field(() => String, { description: 'Unique.' })
  @prop({ type: String, required: true })
  name!: string;

  @Field(() => String, {
    nullable: true,
    description: 'USAJOBS Keyword: every word (or a synonym) must occur in the announcement.',
  })
  @prop({ type: String })
  keyword?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'USAJOBS LocationName, e.g. Chicago, Illinois. Null: anywhere.',
  })
  @prop({ type: String })
  locationName?: string | null;

  @Field(() => Int, { description: 'Miles around locationName.' })
  @prop({ type: Number, required: true })
  radiusMiles!: number;

  @Field(() => Boolean, { description: 'Remote postings fit wherever they are.' })
  @prop({ type: Boolean, required: true })
  includeRemote!: boolean;

  @Field(() => Int, { description: 'Whole years of professional experience, mapped to a GS grade band.' })
  @prop({ type: Number, required: true })
  yearsOfExperience!: number;

  @Field(() => [String], { description: 'Pay plans considered (e.g. GS, GG); empty: every pay plan.' })
  @prop({ type: () => [String], default: [] })
  payPlans!: string[];

  @Field(() => Float, {
    nullable: true,
    description: 'Keep only jobs whose annual salary max reaches this (USD a year).',
  })
  @prop({ type: Number })
  minSalary?: number | null;

  @Field(() => [String], {
    description: 'Occupational series (USAJOBS JobCategoryCode, e.g. 2210); empty: any.',
  })
  @prop({ type: () => [String], default: [] })
  jobCategoryCodes!: string[];

  @Field(() => [String], {
    description: 'Agencies (USAJOBS Organization, agency sub-element codes such as TR); empty: any.',
  })
  @prop({ type: () => [String], default: [] })
  organizationCodes!: string[];

  @Field(() => Boolean, { description: 'Runs over every profile skip disabled ones.' })
  @prop({ type: Boolean, required: true, default: true })
  enabled!: boolean;

  /**
   * Who gets this saved search's digest by e-mail instead of DIGEST_TO; empty: DIGEST_TO. Exposed to the admin
   * only (SearchProfileResolver.digestTo): addresses are personal.
   */
  @prop({ type: () => [String], default: [] })
  digestTo!: string[];

  @Field(() => Date, { description: 'When it was created.' })
  @prop({ type: Date })
  createdAt!: Date;

  @Field(() => Date, { description: 'When it was last changed.' })
  @prop({ type: Date })
  updatedAt!: Date;

  /**
   * Changes of what it searches for whose unmatching of its jobs is still to be done (0 or absent: none). Raised
   * with the change itself (one atomic write), brought back to 0 by whoever holds the ETL lease once the jobs are
   * unmatched (src/etl/profile-matches.ts). Not in the API.
   */
  @prop({ type: Number })
  matchesStale?: number;
}

export const SearchProfileModel = getModelForClass(SearchProfile);
