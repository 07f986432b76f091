import { getModelForClass, index, modelOptions, prop, Severity } from '@typegoose/typegoose';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

/** Where a posting is in its life. Only OPEN and WITHDRAWN are stored; CLOSED is read off the clock. */
export enum JobStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(JobStatus, {
  name: 'JobStatus',
  description: 'Where a posting is in its life (Job.status).',
  valuesConfig: {
    OPEN: { description: 'Its close date is ahead and USAJOBS still lists it.' },
    CLOSED: { description: 'Its close date has passed (or it has none).' },
    WITHDRAWN: {
      description:
        'Absent from a complete, successful run of a profile it fitted while its close date was still ahead: ' +
        'cancelled or filled early.',
    },
  },
});

/** What a recorded change is about. */
export enum JobChangeField {
  PAY = 'PAY',
  CLOSE_DATE = 'CLOSE_DATE',
  GRADES = 'GRADES',
  TITLE = 'TITLE',
  LOCATION_COUNT = 'LOCATION_COUNT',
  STATUS = 'STATUS',
}
registerEnumType(JobChangeField, {
  name: 'JobChangeField',
  description: 'What a recorded change of a job is about (JobChange.field).',
  valuesConfig: {
    PAY: { description: 'annualSalary, as "min-max" US dollars a year.' },
    CLOSE_DATE: { description: 'applicationCloseDate, ISO 8601.' },
    GRADES: { description: 'payPlan-lowGrade/highGrade, e.g. GS-12/13.' },
    TITLE: { description: 'positionTitle.' },
    LOCATION_COUNT: { description: 'How many positionLocation entries.' },
    STATUS: { description: 'OPEN or WITHDRAWN.' },
  },
});

/** One place of duty of a posting (USAJOBS PositionLocation). */
@ObjectType({ description: 'One place of duty of a posting (USAJOBS PositionLocation).' })
@modelOptions({ schemaOptions: { _id: false } })
export class PositionLocation {
  @Field(() => String, {
    description:
      'The place as USAJOBS names it (LocationName), e.g. "Chicago, Illinois" or "Anywhere in the U.S. (remote job)". What the locationName filter matches.',
  })
  @prop({ type: String, required: true })
  locationName!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The city as published (USAJOBS CityName), usually with its state, e.g. "Suitland, Maryland"; null when not published.',
  })
  @prop({ type: String })
  cityName?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'State or province name, e.g. Illinois (USAJOBS CountrySubDivisionCode).',
  })
  @prop({ type: String })
  countrySubDivisionCode?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The country as published (USAJOBS CountryCode), a name despite the key, e.g. "United States"; null when not published.',
  })
  @prop({ type: String })
  countryCode?: string | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Latitude of the place in decimal degrees (USAJOBS Latitude); null when not published.',
  })
  @prop({ type: Number })
  latitude?: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Longitude of the place in decimal degrees (USAJOBS Longitude); null when not published.',
  })
  @prop({ type: Number })
  longitude?: number | null;
}

/** Pay as published (USAJOBS PositionRemuneration). */
@ObjectType({ description: 'Pay as published (USAJOBS PositionRemuneration).' })
@modelOptions({ schemaOptions: { _id: false } })
export class Remuneration {
  @Field(() => Float, {
    description:
      'Lowest pay of the range, in US dollars per rateIntervalCode (USAJOBS MinimumRange); 0 when not published.',
  })
  @prop({ type: Number, required: true })
  minimumRange!: number;

  @Field(() => Float, {
    description:
      'Highest pay of the range, in US dollars per rateIntervalCode (USAJOBS MaximumRange); 0 when not published.',
  })
  @prop({ type: Number, required: true })
  maximumRange!: number;

  @Field(() => String, {
    description:
      'How often the amounts are paid, as published (USAJOBS RateIntervalCode): a code (PA per year, PH per hour, PD per day, BW bi-weekly, PM per month, PW piece work, WC without compensation, FB fee basis ...) or, in older announcements, its text ("Per Year").',
  })
  @prop({ type: String, required: true })
  rateIntervalCode!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The interval in words as published (USAJOBS Description), e.g. "Per Year"; null when not published.',
  })
  @prop({ type: String })
  description?: string | null;
}

/** Pay converted to US dollars a year. */
@ObjectType({ description: 'Pay converted to US dollars a year.' })
@modelOptions({ schemaOptions: { _id: false } })
export class SalaryRange {
  @Field(() => Float, { description: 'Lowest pay, US dollars a year.' })
  @prop({ type: Number, required: true })
  min!: number;

  @Field(() => Float, { description: 'Highest pay, US dollars a year.' })
  @prop({ type: Number, required: true })
  max!: number;
}

/** One change of a stored posting, seen by a run. */
@ObjectType({ description: 'One change of a stored posting, as a run saw it.' })
@modelOptions({ schemaOptions: { _id: false } })
export class JobChange {
  @Field(() => Date, { description: 'The run that saw it (its start).' })
  @prop({ type: Date, required: true })
  at!: Date;

  @Field(() => JobChangeField, { description: 'What changed.' })
  @prop({ type: String, enum: JobChangeField, required: true })
  field!: JobChangeField;

  @Field(() => String, { nullable: true, description: 'The value before; null when there was none.' })
  @prop({ type: String })
  from?: string | null;

  @Field(() => String, { nullable: true, description: 'The value after; null when there is none.' })
  @prop({ type: String })
  to?: string | null;
}

/** How many changes a job keeps: the latest ones. */
export const MAX_JOB_CHANGES = 50;

/**
 * A federal job posting kept for the job seeker: at once the Mongo document (collection `jobs`) and the GraphQL
 * type `Job`. `_id` is the USAJOBS control number (MatchedObjectId), exposed as `id`.
 */
@ObjectType({ description: 'A federal job posting found by the ETL and kept for the job seeker.' })
@modelOptions({
  schemaOptions: { collection: 'jobs', versionKey: false },
  options: { allowMixed: Severity.ERROR },
})
// Indexes a real MongoDB needs for the default listing, the sorts and the filters (FerretDB ignores most of them).
@index({ publicationStartDate: -1, _id: -1 })
@index({ applicationCloseDate: 1, _id: 1 })
@index({ 'annualSalary.min': 1, _id: 1 })
@index({ 'annualSalary.max': 1, _id: 1 })
@index({ positionTitle: 1, _id: 1 })
@index({ lowGrade: 1, highGrade: 1 })
@index({ remote: 1 })
@index({ matchedProfileIds: 1 })
@index({ changedAt: 1 })
export class Job {
  @Field(() => ID, {
    name: 'id',
    description:
      'USAJOBS control number (MatchedObjectId): the natural key; one stored Job per announcement.',
  })
  @prop({ type: String, required: true })
  _id!: string;

  @Field(() => String, {
    description: "The agency's announcement number (PositionID); two announcements can share one.",
  })
  @prop({ type: String, required: true })
  positionId!: string;

  @Field(() => String, {
    description:
      'Title of the position as announced (USAJOBS PositionTitle), e.g. "IT Specialist (DATAMGT)".',
  })
  @prop({ type: String, required: true })
  positionTitle!: string;

  @Field(() => String, {
    description:
      "The announcement's page on usajobs.gov (USAJOBS PositionURI): where a job seeker reads it and applies.",
  })
  @prop({ type: String, required: true })
  positionUri!: string;

  @Field(() => [String], {
    description:
      "Where to apply (USAJOBS ApplyURI), usually the announcement's /apply page; empty when none is published.",
  })
  @prop({ type: () => [String], default: [] })
  applyUris!: string[];

  @Field(() => String, {
    nullable: true,
    description:
      'The places of duty as USAJOBS shows them in one line (PositionLocationDisplay), e.g. "Chicago, Illinois" or "Multiple Locations"; null when not published.',
  })
  @prop({ type: String })
  positionLocationDisplay?: string | null;

  @Field(() => [PositionLocation], {
    description: 'Every place of duty (USAJOBS PositionLocation); empty when none is published.',
  })
  @prop({ type: () => [PositionLocation], default: [] })
  positionLocation!: PositionLocation[];

  @Field(() => [Remuneration], {
    description:
      'Pay as published, one entry per range in its own interval (USAJOBS PositionRemuneration); see annualSalary for pay a year.',
  })
  @prop({ type: () => [Remuneration], default: [] })
  positionRemuneration!: Remuneration[];

  @Field(() => SalaryRange, {
    nullable: true,
    description:
      'positionRemuneration converted to US dollars a year (hourly pay x 2,087 hours, daily x 260.875, bi-weekly x 26.0875, monthly x 12; the lowest minimum and highest maximum of all entries). Null where no remuneration could be annualized (piece work, fee basis, none published) and for unpaid postings (see unpaid).',
  })
  @prop({ type: () => SalaryRange })
  annualSalary?: SalaryRange | null;

  @Field(() => Boolean, {
    description:
      'True when the posting publishes no pay: every remuneration is Without Compensation (WC) or 0 to 0. Such ' +
      'postings have no annualSalary, so salary filters, sorts and statistics treat them as postings without pay.',
  })
  @prop({ type: Boolean, required: true, default: false })
  unpaid!: boolean;

  @Field(() => String, {
    nullable: true,
    description:
      'The hiring agency (USAJOBS OrganizationName), e.g. "Internal Revenue Service"; null when not published.',
  })
  @prop({ type: String })
  organizationName?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The department the agency belongs to (USAJOBS DepartmentName), e.g. "Department of the Treasury"; null when not published. What the departmentName filter matches.',
  })
  @prop({ type: String })
  departmentName?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The pay plan the grades belong to (USAJOBS JobGrade Code), e.g. GS (General Schedule), GG, FV, ZP; null when not published.',
  })
  @prop({ type: String })
  payPlan?: string | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Lowest grade of the position within its pay plan (USAJOBS LowGrade), e.g. 12 for GS-12; null when the grade is not a number (letter bands such as FAA FV "G", or "00" for no grade) or not published.',
  })
  @prop({ type: Number })
  lowGrade?: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Highest grade of the position within its pay plan (USAJOBS HighGrade), e.g. 13 for GS-13; null as for lowGrade.',
  })
  @prop({ type: Number })
  highGrade?: number | null;

  @Field(() => Boolean, {
    description:
      'True when the job can be done fully remotely: USAJOBS RemoteIndicator is true, or the display or a location reads "remote job". Not the same as teleworkEligible.',
  })
  @prop({ type: Boolean, required: true, default: false })
  remote!: boolean;

  @Field(() => Boolean, {
    description:
      'True when the position allows telework on some days while reporting to its duty station (USAJOBS TeleworkEligible); says nothing about fully remote work (see remote).',
  })
  @prop({ type: Boolean, required: true, default: false })
  teleworkEligible!: boolean;

  @Field(() => String, {
    nullable: true,
    description:
      'What a candidate needs to qualify, as announced (USAJOBS QualificationSummary); null when not published.',
  })
  @prop({ type: String })
  qualificationSummary?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'What the job is about, as announced (USAJOBS UserArea.Details.JobSummary); null when not published.',
  })
  @prop({ type: String })
  jobSummary?: string | null;

  @Field(() => Date, {
    nullable: true,
    description:
      'When the announcement opened on USAJOBS (PublicationStartDate; a time without a zone is US Eastern); null when not published. What postedAfter compares with.',
  })
  @prop({ type: Date })
  publicationStartDate?: Date | null;

  @Field(() => Date, {
    nullable: true,
    description:
      'When applications close (USAJOBS ApplicationCloseDate; a date without a time closes at the end of that day, US Eastern); null when not published.',
  })
  @prop({ type: Date })
  applicationCloseDate?: Date | null;

  @Field(() => Date, {
    description:
      'When an ETL run of this service first stored the announcement. Set by this service, not by USAJOBS.',
  })
  @prop({ type: Date, required: true })
  firstSeenAt!: Date;

  @Field(() => Date, {
    description:
      'When an ETL run last found the announcement on USAJOBS and kept it. Set by this service; a date before the latest run means that run did not find or did not keep it (closed, withdrawn, or outside its search).',
  })
  @prop({ type: Date, required: true })
  lastSeenAt!: Date;

  /** Hash of every stored field that comes from USAJOBS: equal hash = unchanged posting. Not exposed. */
  @prop({ type: String, required: true })
  contentHash!: string;

  /** Ids of the search profiles it fits (GraphQL `matchedProfiles` resolves them). */
  @prop({ type: () => [String], default: [] })
  matchedProfileIds!: string[];

  /** OPEN or WITHDRAWN (absent means OPEN); GraphQL `status` adds CLOSED from the clock. */
  @prop({ type: String, enum: [JobStatus.OPEN, JobStatus.WITHDRAWN], default: JobStatus.OPEN })
  status?: JobStatus.OPEN | JobStatus.WITHDRAWN;

  @Field(() => Date, { nullable: true, description: 'When a run found it withdrawn; null while it is not.' })
  @prop({ type: Date })
  withdrawnAt?: Date | null;

  @Field(() => [JobChange], {
    description: `What runs saw change (pay, close date, grades, title, locations, status), oldest first; the last ${MAX_JOB_CHANGES}.`,
  })
  @prop({ type: () => [JobChange], default: [] })
  changes!: JobChange[];

  /** When it was inserted or last recorded a change: what `changedSince` filters on. */
  @prop({ type: Date })
  changedAt?: Date | null;
}

export const JobModel = getModelForClass(Job);

/**
 * How many jobs are stored, from the collection's statistics (`collStats`), which FerretDB answers from SQLite
 * without decoding the documents (0.4 s at 20,000 jobs, where a `count` decodes every one: 14 s).
 *
 * @returns the count; null when it cannot be had (no collection yet, or a server without the command)
 */
export async function countStoredJobs(): Promise<number | null> {
  const { db } = JobModel.db;
  if (!db) return null;
  try {
    const stats = await db.command({ collStats: JobModel.collection.collectionName });
    return typeof stats.count === 'number' ? stats.count : null;
  } catch {
    return null;
  }
}
