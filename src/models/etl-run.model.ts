import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum EtlRunStatus {
  RUNNING = 'RUNNING',
  SUCCEEDED = 'SUCCEEDED',
  PARTIAL = 'PARTIAL',
  FAILED = 'FAILED',
}
registerEnumType(EtlRunStatus, {
  name: 'EtlRunStatus',
  valuesConfig: { PARTIAL: { description: 'Some pages or records failed; what succeeded is stored.' } },
});

export enum EtlTrigger {
  API = 'API',
  CLI = 'CLI',
  SCHEDULE = 'SCHEDULE',
}
registerEnumType(EtlTrigger, { name: 'EtlTrigger' });

/** The parameters a run used, defaults filled in. */
@ObjectType({ description: 'The parameters a run used, defaults filled in.' })
@modelOptions({ schemaOptions: { _id: false } })
export class EtlRunParams {
  @Field(() => String)
  @prop({ type: String, required: true })
  keyword!: string;

  @Field(() => String)
  @prop({ type: String, required: true })
  locationName!: string;

  @Field(() => Int)
  @prop({ type: Number, required: true })
  radiusMiles!: number;

  @Field(() => Int)
  @prop({ type: Number, required: true })
  yearsOfExperience!: number;

  @Field(() => Boolean)
  @prop({ type: Boolean, required: true })
  includeRemote!: boolean;

  @Field(() => Float, { nullable: true })
  @prop({ type: Number })
  minSalary?: number | null;

  @Field(() => Int, { nullable: true })
  @prop({ type: Number })
  datePostedDays?: number | null;

  @Field(() => Int, { nullable: true })
  @prop({ type: Number })
  maxPages?: number | null;
}

@ObjectType({ description: 'How many announcements were skipped for one reason.' })
@modelOptions({ schemaOptions: { _id: false } })
export class SkipReasonCount {
  @Field(() => String)
  @prop({ type: String, required: true })
  reason!: string;

  @Field(() => Int)
  @prop({ type: Number, required: true })
  count!: number;
}

/** The record of one ETL run: created RUNNING when it starts, finished with its counts. Collection `etl_runs`. */
@ObjectType({ description: 'The record of one ETL run.' })
// `errors` is a contract field name; mongoose only warns that documents have an errors property of their own.
@modelOptions({
  schemaOptions: { collection: 'etl_runs', versionKey: false, suppressReservedKeysWarning: true },
})
@index({ startedAt: -1 })
@index({ status: 1 })
export class EtlRun {
  @Field(() => ID, { name: 'id' })
  @prop({ type: String, required: true })
  _id!: string;

  @Field(() => EtlRunStatus)
  @prop({ type: String, enum: EtlRunStatus, required: true })
  status!: EtlRunStatus;

  @Field(() => EtlTrigger)
  @prop({ type: String, enum: EtlTrigger, required: true })
  trigger!: EtlTrigger;

  @Field(() => EtlRunParams)
  @prop({ type: () => EtlRunParams, required: true })
  params!: EtlRunParams;

  @Field(() => Date)
  @prop({ type: Date, required: true })
  startedAt!: Date;

  @Field(() => Date, { nullable: true })
  @prop({ type: Date })
  finishedAt?: Date | null;

  @Field(() => Int, { nullable: true })
  @prop({ type: Number })
  durationMs?: number | null;

  @Field(() => Int)
  @prop({ type: Number, required: true, default: 0 })
  pagesFetched!: number;

  @Field(() => Int, { description: 'Search result items received from USAJOBS (before de-duplication).' })
  @prop({ type: Number, required: true, default: 0 })
  fetched!: number;

  @Field(() => Int, {
    description: 'Distinct announcements (by control number) that fit the job seeker and were loaded.',
  })
  @prop({ type: Number, required: true, default: 0 })
  kept!: number;

  @Field(() => Int, { description: 'Distinct announcements left out (not a fit, or unparseable).' })
  @prop({ type: Number, required: true, default: 0 })
  skipped!: number;

  @Field(() => Int)
  @prop({ type: Number, required: true, default: 0 })
  inserted!: number;

  @Field(() => Int)
  @prop({ type: Number, required: true, default: 0 })
  updated!: number;

  @Field(() => Int)
  @prop({ type: Number, required: true, default: 0 })
  unchanged!: number;

  @Field(() => [String])
  @prop({ type: () => [String], default: [] })
  errors!: string[];

  @Field(() => [String], {
    description: 'Things worth knowing that did not fail the run (e.g. a capped query).',
  })
  @prop({ type: () => [String], default: [] })
  warnings!: string[];

  @Field(() => [SkipReasonCount], { description: 'Why announcements were skipped, by reason.' })
  @prop({ type: () => [SkipReasonCount], default: [] })
  skippedByReason!: SkipReasonCount[];

  /** The process that owns the run, for diagnosing stale runs. Not exposed. */
  @prop({ type: String })
  owner?: string;
}

export const EtlRunModel = getModelForClass(EtlRun);
