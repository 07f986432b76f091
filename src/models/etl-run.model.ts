import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum EtlRunStatus {
  RUNNING = 'RUNNING',
  SUCCEEDED = 'SUCCEEDED',
  PARTIAL = 'PARTIAL',
  FAILED = 'FAILED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(EtlRunStatus, {
  name: 'EtlRunStatus',
  valuesConfig: {
    PARTIAL: { description: 'Some pages or records failed; what succeeded is stored.' },
    CANCELLED: {
      description:
        'Stopped on request (cancelEtlRun, or the service shutting down) at a page boundary; what it loaded is stored.',
    },
  },
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

/** How far a run has got; written at least once a page while it runs, and once more when it ends. */
@ObjectType({ description: 'How far a run has got: written at every page while it runs, and when it ends.' })
@modelOptions({ schemaOptions: { _id: false } })
export class EtlRunProgress {
  @Field(() => Int, { description: 'USAJOBS searches finished.' })
  @prop({ type: Number, required: true })
  searchesDone!: number;

  @Field(() => Int, { description: 'USAJOBS searches the run makes.' })
  @prop({ type: Number, required: true })
  searchesTotal!: number;

  @Field(() => Int)
  @prop({ type: Number, required: true })
  pagesFetched!: number;

  @Field(() => Int, {
    nullable: true,
    description:
      'Pages of the searches begun so far: those read by finished searches plus what the current search will read ' +
      '(known from its first page). Null before the first page; later searches add theirs when they begin.',
  })
  @prop({ type: Number })
  pagesExpected?: number | null;

  @Field(() => Int)
  @prop({ type: Number, required: true })
  fetched!: number;

  @Field(() => Int)
  @prop({ type: Number, required: true })
  kept!: number;

  @Field(() => Int)
  @prop({ type: Number, required: true })
  skipped!: number;

  @Field(() => Int)
  @prop({ type: Number, required: true })
  inserted!: number;

  @Field(() => Int)
  @prop({ type: Number, required: true })
  updated!: number;

  @Field(() => Int)
  @prop({ type: Number, required: true })
  unchanged!: number;

  @Field(() => Date, { description: 'When the run last wrote its progress.' })
  @prop({ type: Date, required: true })
  updatedAt!: Date;
}

/** The record of one ETL run: created RUNNING when it starts, finished with its counts. Collection `etl_runs`. */
@ObjectType({ description: 'The record of one ETL run.' })
// `errors` is a contract field name; mongoose only warns that documents have an errors property of their own.
@modelOptions({
  schemaOptions: { collection: 'etl_runs', versionKey: false, suppressReservedKeysWarning: true },
})
@index({ startedAt: -1 })
@index({ status: 1 })
@index({ trigger: 1, startedAt: -1 })
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

  @Field(() => Date, {
    nullable: true,
    description: 'The schedule tick this run belongs to (trigger SCHEDULE): the same on every replica.',
  })
  @prop({ type: Date })
  scheduledFor?: Date | null;

  @Field(() => EtlRunProgress, {
    nullable: true,
    description: 'Live while RUNNING; the final figures after.',
  })
  @prop({ type: () => EtlRunProgress })
  progress?: EtlRunProgress | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When cancelEtlRun asked this run to stop; it stops at its next page boundary.',
  })
  @prop({ type: Date })
  cancelRequestedAt?: Date | null;

  /** The process that owns the run, for diagnosing stale runs. Not exposed. */
  @prop({ type: String })
  owner?: string;
}

export const EtlRunModel = getModelForClass(EtlRun);
