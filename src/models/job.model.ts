import { getModelForClass, index, modelOptions, prop, Severity } from '@typegoose/typegoose';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';

/** One place of duty of a posting (USAJOBS PositionLocation). */
@ObjectType({ description: 'One place of duty of a posting (USAJOBS PositionLocation).' })
@modelOptions({ schemaOptions: { _id: false } })
export class PositionLocation {
  @Field(() => String)
  @prop({ type: String, required: true })
  locationName!: string;

  @Field(() => String, { nullable: true })
  @prop({ type: String })
  cityName?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'State or province name, e.g. Illinois (USAJOBS CountrySubDivisionCode).',
  })
  @prop({ type: String })
  countrySubDivisionCode?: string | null;

  @Field(() => String, { nullable: true })
  @prop({ type: String })
  countryCode?: string | null;

  @Field(() => Float, { nullable: true })
  @prop({ type: Number })
  latitude?: number | null;

  @Field(() => Float, { nullable: true })
  @prop({ type: Number })
  longitude?: number | null;
}

/** Pay as published (USAJOBS PositionRemuneration). */
@ObjectType({ description: 'Pay as published (USAJOBS PositionRemuneration).' })
@modelOptions({ schemaOptions: { _id: false } })
export class Remuneration {
  @Field(() => Float)
  @prop({ type: Number, required: true })
  minimumRange!: number;

  @Field(() => Float)
  @prop({ type: Number, required: true })
  maximumRange!: number;

  @Field(() => String, { description: 'PA, PH, PD, PW, BW, PM, WC, FB ... as published.' })
  @prop({ type: String, required: true })
  rateIntervalCode!: string;

  @Field(() => String, { nullable: true })
  @prop({ type: String })
  description?: string | null;
}

/** Pay converted to US dollars a year. */
@ObjectType({ description: 'Pay converted to US dollars a year.' })
@modelOptions({ schemaOptions: { _id: false } })
export class SalaryRange {
  @Field(() => Float)
  @prop({ type: Number, required: true })
  min!: number;

  @Field(() => Float)
  @prop({ type: Number, required: true })
  max!: number;
}

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

  @Field(() => String)
  @prop({ type: String, required: true })
  positionTitle!: string;

  @Field(() => String)
  @prop({ type: String, required: true })
  positionUri!: string;

  @Field(() => [String])
  @prop({ type: () => [String], default: [] })
  applyUris!: string[];

  @Field(() => String, { nullable: true })
  @prop({ type: String })
  positionLocationDisplay?: string | null;

  @Field(() => [PositionLocation])
  @prop({ type: () => [PositionLocation], default: [] })
  positionLocation!: PositionLocation[];

  @Field(() => [Remuneration])
  @prop({ type: () => [Remuneration], default: [] })
  positionRemuneration!: Remuneration[];

  @Field(() => SalaryRange, {
    nullable: true,
    description: 'Null where no remuneration could be annualized.',
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

  @Field(() => String, { nullable: true })
  @prop({ type: String })
  organizationName?: string | null;

  @Field(() => String, { nullable: true })
  @prop({ type: String })
  departmentName?: string | null;

  @Field(() => String, { nullable: true, description: 'e.g. GS' })
  @prop({ type: String })
  payPlan?: string | null;

  @Field(() => Int, { nullable: true })
  @prop({ type: Number })
  lowGrade?: number | null;

  @Field(() => Int, { nullable: true })
  @prop({ type: Number })
  highGrade?: number | null;

  @Field(() => Boolean)
  @prop({ type: Boolean, required: true, default: false })
  remote!: boolean;

  @Field(() => Boolean)
  @prop({ type: Boolean, required: true, default: false })
  teleworkEligible!: boolean;

  @Field(() => String, { nullable: true })
  @prop({ type: String })
  qualificationSummary?: string | null;

  @Field(() => String, { nullable: true, description: 'USAJOBS UserArea.Details.JobSummary.' })
  @prop({ type: String })
  jobSummary?: string | null;

  @Field(() => Date, { nullable: true })
  @prop({ type: Date })
  publicationStartDate?: Date | null;

  @Field(() => Date, { nullable: true })
  @prop({ type: Date })
  applicationCloseDate?: Date | null;

  @Field(() => Date)
  @prop({ type: Date, required: true })
  firstSeenAt!: Date;

  @Field(() => Date)
  @prop({ type: Date, required: true })
  lastSeenAt!: Date;

  /** Hash of every stored field that comes from USAJOBS: equal hash = unchanged posting. Not exposed. */
  @prop({ type: String, required: true })
  contentHash!: string;
}

export const JobModel = getModelForClass(Job);
