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
  description: 'Where an ETL run stands, or how it ended.',
  valuesConfig: {
    RUNNING: {
      description:
        'Started and not finished yet. A run whose process stopped before finishing is marked FAILED by the next run.',
    },
    SUCCEEDED: {
      description: 'Every search was read to its end and every kept announcement stored; errors is empty.',
    },
    PARTIAL: { description: 'Some pages or records failed; what succeeded is stored.' },
    FAILED: {
      description:
        'Stopped with errors before storing anything (e.g. credentials refused, USAJOBS or the database unreachable), or abandoned; see errors.',
    },
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
registerEnumType(EtlTrigger, {
  name: 'EtlTrigger',
  description: 'What started an ETL run.',
  valuesConfig: {
    API: { description: 'The runEtl mutation.' },
    CLI: { description: 'The command line: npm run etl.' },
    SCHEDULE: { description: 'The ETL_CRON schedule (reserved: scheduled runs are not built yet).' },
  },
});

/** The parameters a run used, defaults filled in. */
@ObjectType({
  description:
    'The parameters a run used, defaults filled in. For a run over profiles: those of its first profile (see profiles).',
})
@modelOptions({ schemaOptions: { _id: false } })
export class EtlRunParams {
  @Field(() => String, { description: 'The USAJOBS Keyword searched for; empty when a profile has none.' })
  // Not `required`: mongoose refuses an empty string there, and a profile may search without a keyword or place.
  @prop({ type: String, default: '' })
  keyword!: string;

  @Field(() => String, {
    description: 'The place searched around (USAJOBS LocationName); empty when a profile searches anywhere.',
  })
  @prop({ type: String, default: '' })
  locationName!: string;

  @Field(() => Int, { description: 'The search radius around locationName, in miles (USAJOBS Radius).' })
  @prop({ type: Number, required: true })
  radiusMiles!: number;

  @Field(() => Int, {
    description:
      "The job seeker's years of professional experience: GS-family jobs were kept only when their grades overlap the grades this qualifies for.",
  })
  @prop({ type: Number, required: true })
  yearsOfExperience!: number;

  @Field(() => Boolean, {
    description: 'Whether a second search for remote jobs anywhere (USAJOBS RemoteIndicator) ran.',
  })
  @prop({ type: Boolean, required: true })
  includeRemote!: boolean;

  @Field(() => Float, {
    nullable: true,
    description:
      'Jobs whose annualSalary.max is below this were skipped, US dollars a year; null: no minimum.',
  })
  @prop({ type: Number })
  minSalary?: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Only announcements published in the last this many days were searched (USAJOBS DatePosted); null: any age.',
  })
  @prop({ type: Number })
  datePostedDays?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'At most this many result pages were read per search; null: every page.',
  })
  @prop({ type: Number })
  maxPages?: number | null;
}

@ObjectType({ description: 'How many announcements were skipped for one reason.' })
@modelOptions({ schemaOptions: { _id: false } })
export class SkipReasonCount {
  @Field(() => String, {
    description:
      'Why, e.g. "not a fit: location", "not a fit: experience", "not a fit: salary", or "unparseable: ..." for an announcement that could not be read.',
  })
  @prop({ type: String, required: true })
  reason!: string;

  @Field(() => Int, { description: 'How many distinct announcements were skipped for this reason.' })
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

  @Field(() => Int, { description: 'Result pages read from USAJOBS so far, every search counted.' })
  @prop({ type: Number, required: true })
  pagesFetched!: number;

  @Field(() => Int, {
    nullable: true,
    description:
      'Pages the run will read at least: those read, the rest of what the current search plans (known from the ' +
      'first page of each slice), and one for every slice split off and every search not begun yet. Grows as ' +
      'they begin, never below pagesFetched; pagesFetched once the run has gone through. Null before the first page.',
  })
  @prop({ type: Number })
  pagesExpected?: number | null;

  @Field(() => Int, { description: 'Search result items received so far (before de-duplication).' })
  @prop({ type: Number, required: true })
  fetched!: number;

  @Field(() => Int, { description: 'Distinct announcements kept so far (they fit and were loaded).' })
  @prop({ type: Number, required: true })
  kept!: number;

  @Field(() => Int, { description: 'Distinct announcements left out so far (not a fit, or unparseable).' })
  @prop({ type: Number, required: true })
  skipped!: number;

  @Field(() => Int, { description: 'Jobs stored for the first time so far.' })
  @prop({ type: Number, required: true })
  inserted!: number;

  @Field(() => Int, { description: 'Stored jobs whose USAJOBS content changed, so far.' })
  @prop({ type: Number, required: true })
  updated!: number;

  @Field(() => Int, { description: 'Stored jobs seen again unchanged, so far.' })
  @prop({ type: Number, required: true })
  unchanged!: number;

  @Field(() => Date, { description: 'When the run last wrote its progress.' })
  @prop({ type: Date, required: true })
  updatedAt!: Date;
}

/** One slice of a search split to get past the 10,000-result cap (or the search itself when it was not split). */
@ObjectType({ description: 'One query of a search: the search itself, or a slice of it split past the cap.' })
@modelOptions({ schemaOptions: { _id: false } })
export class EtlRunSlice {
  @Field(() => String, {
    description:
      'What the slice adds to the search, e.g. series 0301–2210 (12 codes); empty: the search itself.',
  })
  @prop({ type: String, required: true })
  label!: string;

  @Field(() => Int, { description: 'SearchResultCountAll of its first page (clipped at 10,000).' })
  @prop({ type: Number, required: true })
  countAll!: number;

  @Field(() => Int, { description: 'Result pages read of this slice.' })
  @prop({ type: Number, required: true })
  pagesFetched!: number;

  @Field(() => Boolean, {
    description: 'It reached the cap and could not be split further: results are missing.',
  })
  @prop({ type: Boolean, required: true })
  capped!: boolean;

  @Field(() => Boolean, { description: 'It was split into narrower slices after its first page.' })
  @prop({ type: Boolean, required: true })
  split!: boolean;
}

/** One USAJOBS search of a run and how completely it was read. */
@ObjectType({
  description: 'One USAJOBS search of a run (shared by every profile that asks the same) and its coverage.',
})
@modelOptions({ schemaOptions: { _id: false } })
export class EtlRunSearch {
  @Field(() => String, {
    description: 'The query, e.g. keyword=data engineering; location=Chicago, Illinois; radius=50.',
  })
  @prop({ type: String, required: true })
  query!: string;

  @Field(() => [String], { description: 'Names of the profiles it searched for (empty for an ad-hoc run).' })
  @prop({ type: () => [String], default: [] })
  profiles!: string[];

  @Field(() => Boolean, {
    description: 'Every result was read: no slice capped, no page failed, no page limit stopped it.',
  })
  @prop({ type: Boolean, required: true })
  complete!: boolean;

  @Field(() => [EtlRunSlice], { description: 'The queries it ran, in order; one when it was not split.' })
  @prop({ type: () => [EtlRunSlice], default: [] })
  slices!: EtlRunSlice[];

  @Field(() => [String], {
    description: 'Labels of the slices still at the cap (their results are incomplete).',
  })
  @prop({ type: () => [String], default: [] })
  cappedSlices!: string[];
}

/** The counts of one profile in a run. */
@ObjectType({ description: 'What one run found for one search profile.' })
@modelOptions({ schemaOptions: { _id: false } })
export class EtlRunProfileCount {
  @Field(() => ID, { description: 'The search profile (SearchProfile.id).' })
  @prop({ type: String, required: true })
  profileId!: string;

  @Field(() => String, { description: 'Its name at the time of the run.' })
  @prop({ type: String, required: true })
  name!: string;

  @Field(() => Int, { description: 'Distinct postings its searches returned.' })
  @prop({ type: Number, required: true, default: 0 })
  found!: number;

  @Field(() => Int, { description: 'Distinct postings that fit it.' })
  @prop({ type: Number, required: true, default: 0 })
  matched!: number;

  @Field(() => Int, { description: 'Its stored jobs this run marked WITHDRAWN.' })
  @prop({ type: Number, required: true, default: 0 })
  withdrawn!: number;

  @Field(() => Boolean, {
    description: 'Every search of it was complete (withdrawals are only decided then).',
  })
  @prop({ type: Boolean, required: true, default: false })
  complete!: boolean;
}

/** The record of one ETL run: created RUNNING when it starts, finished with its counts. Collection `etl_runs`. */
@ObjectType({
  description:
    'The record of one ETL run: when and how it was started, with which parameters, what it read from USAJOBS and what it stored.',
})
// `errors` is a contract field name; mongoose only warns that documents have an errors property of their own.
@modelOptions({
  schemaOptions: { collection: 'etl_runs', versionKey: false, suppressReservedKeysWarning: true },
})
@index({ startedAt: -1 })
@index({ status: 1 })
@index({ trigger: 1, startedAt: -1 })
export class EtlRun {
  @Field(() => ID, {
    name: 'id',
    description: "Run id (a UUID); the service's log lines of the run carry it as runId.",
  })
  @prop({ type: String, required: true })
  _id!: string;

  @Field(() => EtlRunStatus, { description: 'How the run ended, or RUNNING while it runs.' })
  @prop({ type: String, enum: EtlRunStatus, required: true })
  status!: EtlRunStatus;

  @Field(() => EtlTrigger, { description: 'What started the run.' })
  @prop({ type: String, enum: EtlTrigger, required: true })
  trigger!: EtlTrigger;

  @Field(() => EtlRunParams, { description: 'The parameters the run used, defaults filled in.' })
  @prop({ type: () => EtlRunParams, required: true })
  params!: EtlRunParams;

  @Field(() => Date, { description: 'When the run started.' })
  @prop({ type: Date, required: true })
  startedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the run ended; null while RUNNING.' })
  @prop({ type: Date })
  finishedAt?: Date | null;

  @Field(() => Int, {
    nullable: true,
    description: 'How long the run took, in milliseconds; null while RUNNING.',
  })
  @prop({ type: Number })
  durationMs?: number | null;

  @Field(() => Int, {
    description:
      'USAJOBS result pages read, over every search of the run (around locationName, and for remote jobs when includeRemote).',
  })
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

  @Field(() => Int, { description: 'Kept announcements stored for the first time.' })
  @prop({ type: Number, required: true, default: 0 })
  inserted!: number;

  @Field(() => Int, {
    description:
      'Stored announcements whose content on USAJOBS had changed; stored anew (also those that no longer fit: ' +
      'they stay stored, unmatched).',
  })
  @prop({ type: Number, required: true, default: 0 })
  updated!: number;

  @Field(() => Int, {
    description:
      'Stored announcements unchanged on USAJOBS (fitting or no longer fitting); only their lastSeenAt moved.',
  })
  @prop({ type: Number, required: true, default: 0 })
  unchanged!: number;

  @Field(() => [String], {
    description:
      'What went wrong, one message each (at most 50, then a count of the rest); empty when the run SUCCEEDED.',
  })
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

  @Field(() => Int, { description: 'Stored jobs marked WITHDRAWN by this run.' })
  @prop({ type: Number, required: true, default: 0 })
  withdrawn!: number;

  @Field(() => Int, {
    description: 'Stored jobs for which this run recorded at least one change (see Job.changes).',
  })
  @prop({ type: Number, required: true, default: 0 })
  changed!: number;

  @Field(() => [EtlRunProfileCount], { description: 'Per search profile; empty for an ad-hoc run.' })
  @prop({ type: () => [EtlRunProfileCount], default: [] })
  profiles!: EtlRunProfileCount[];

  @Field(() => [EtlRunSearch], {
    description: 'The USAJOBS searches of the run and how completely each was read.',
  })
  @prop({ type: () => [EtlRunSearch], default: [] })
  searches!: EtlRunSearch[];

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
