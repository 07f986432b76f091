import { promisify } from 'node:util';
import { gunzip, gunzipSync, gzip, gzipSync } from 'node:zlib';

import { getModelForClass, modelOptions, prop } from '@typegoose/typegoose';
import mongoose from 'mongoose';

import { JOBS_DATA_SET, nextDataVersion } from './data-version.model';
import { type Job, JobStatus } from './job.model';

/**
 * What the jobs read model needs of a job to filter, sort, count and summarise it without reading the document:
 * every field a `JobFilter` or a sort reads, and the state of each location for `jobStats`; and the fields of a
 * result list (the {@link JobCard}), so a page that asks for nothing else is answered without reading a document.
 * Plain JSON (dates as epoch milliseconds) so it travels compressed.
 */
export interface JobListing extends Partial<JobCard> {
  _id: string;
  positionTitle: string;
  organizationName: string | null;
  departmentName: string | null;
  qualificationSummary: string | null;
  jobSummary: string | null;
  /** Distinct location names, in the posting's order. */
  locationNames: string[];
  /** The state of each location as published (null where none), in the posting's order. */
  locationStates: (string | null)[];
  salaryMin: number | null;
  salaryMax: number | null;
  lowGrade: number | null;
  highGrade: number | null;
  remote: boolean;
  /** Epoch ms. */
  publicationStartDate: number | null;
  /** Epoch ms. */
  applicationCloseDate: number | null;
  /** Ids of the search profiles the job fits. */
  matchedProfileIds: string[];
  /** The stored status was WITHDRAWN (CLOSED is read off the close date). */
  withdrawn: boolean;
  /** When it was inserted or last recorded a change (changedAt, else firstSeenAt); epoch ms. */
  changedAt: number | null;
}

/**
 * The fields a result list shows (the dashboard's, the API's typical page) that a listing carries besides those it
 * filters and sorts by. Optional in {@link JobListing}: listings recorded before they were added lack them, and a
 * page with such a listing reads its documents.
 */
export interface JobCard {
  positionId: string;
  positionUri: string;
  applyUris: string[];
  positionLocationDisplay: string | null;
  payPlan: string | null;
  teleworkEligible: boolean;
  /** Epoch ms. */
  firstSeenAt: number | null;
}

/** The fields of a job a listing is made of. */
export type ListedJobFields = Pick<
  Job,
  | '_id'
  | 'positionTitle'
  | 'organizationName'
  | 'departmentName'
  | 'qualificationSummary'
  | 'jobSummary'
  | 'positionLocation'
  | 'annualSalary'
  | 'lowGrade'
  | 'highGrade'
  | 'remote'
  | 'publicationStartDate'
  | 'applicationCloseDate'
> &
  Partial<
    Pick<
      Job,
      | 'matchedProfileIds'
      | 'status'
      | 'changedAt'
      | 'firstSeenAt'
      | 'positionId'
      | 'positionUri'
      | 'applyUris'
      | 'positionLocationDisplay'
      | 'payPlan'
      | 'teleworkEligible'
    >
  >;

/** The projection that reads {@link ListedJobFields} from the jobs collection. */
export const LISTED_JOB_PROJECTION = {
  positionTitle: 1,
  organizationName: 1,
  departmentName: 1,
  qualificationSummary: 1,
  jobSummary: 1,
  'positionLocation.locationName': 1,
  'positionLocation.countrySubDivisionCode': 1,
  annualSalary: 1,
  lowGrade: 1,
  highGrade: 1,
  remote: 1,
  publicationStartDate: 1,
  applicationCloseDate: 1,
  matchedProfileIds: 1,
  status: 1,
  changedAt: 1,
  firstSeenAt: 1,
  positionId: 1,
  positionUri: 1,
  applyUris: 1,
  positionLocationDisplay: 1,
  payPlan: 1,
  teleworkEligible: 1,
} as const;

/**
 * The listing of a job. Pure.
 *
 * @param job - a stored job or one about to be stored (only the listed fields are read)
 */
export function toJobListing(job: ListedJobFields): JobListing {
  const locations = job.positionLocation ?? [];
  return {
    _id: job._id,
    positionTitle: job.positionTitle,
    organizationName: job.organizationName ?? null,
    departmentName: job.departmentName ?? null,
    qualificationSummary: job.qualificationSummary ?? null,
    jobSummary: job.jobSummary ?? null,
    locationNames: [...new Set(locations.map((l) => l.locationName))],
    locationStates: locations.map((l) => l.countrySubDivisionCode ?? null),
    salaryMin: finiteOrNull(job.annualSalary?.min),
    salaryMax: finiteOrNull(job.annualSalary?.max),
    lowGrade: job.lowGrade ?? null,
    highGrade: job.highGrade ?? null,
    remote: job.remote === true,
    publicationStartDate: job.publicationStartDate ? new Date(job.publicationStartDate).getTime() : null,
    applicationCloseDate: job.applicationCloseDate ? new Date(job.applicationCloseDate).getTime() : null,
    matchedProfileIds: [...(job.matchedProfileIds ?? [])],
    withdrawn: job.status === JobStatus.WITHDRAWN,
    changedAt: epochOrNull(job.changedAt ?? job.firstSeenAt),
    ...cardOf(job),
  };
}

/** The card fields, when the job carries them all (a job read with {@link LISTED_JOB_PROJECTION} or a whole one). */
function cardOf(job: ListedJobFields): Partial<JobCard> {
  if (job.positionId === undefined || job.positionUri === undefined || job.firstSeenAt === undefined)
    return {};
  return {
    positionId: job.positionId,
    positionUri: job.positionUri,
    applyUris: [...(job.applyUris ?? [])],
    positionLocationDisplay: job.positionLocationDisplay ?? null,
    payPlan: job.payPlan ?? null,
    teleworkEligible: job.teleworkEligible === true,
    firstSeenAt: epochOrNull(job.firstSeenAt),
  };
}

/**
 * The job a listing describes, with the card fields and those the listing filters by (not the locations, the pay
 * lines, the history), shaped as a stored job; null when the listing has no card (recorded before cards were).
 * Pure.
 */
export function jobOfListing(listing: JobListing): Job | null {
  if (
    listing.positionUri === undefined ||
    listing.positionId === undefined ||
    listing.firstSeenAt === undefined
  )
    return null;
  const date = (ms: number | null | undefined): Date | null => (ms == null ? null : new Date(ms));
  return {
    _id: listing._id,
    positionId: listing.positionId,
    positionTitle: listing.positionTitle,
    positionUri: listing.positionUri,
    applyUris: [...(listing.applyUris ?? [])],
    positionLocationDisplay: listing.positionLocationDisplay ?? null,
    organizationName: listing.organizationName,
    departmentName: listing.departmentName,
    payPlan: listing.payPlan ?? null,
    lowGrade: listing.lowGrade,
    highGrade: listing.highGrade,
    remote: listing.remote,
    teleworkEligible: listing.teleworkEligible === true,
    qualificationSummary: listing.qualificationSummary,
    jobSummary: listing.jobSummary,
    annualSalary:
      listing.salaryMin === null || listing.salaryMax === null
        ? null
        : { min: listing.salaryMin, max: listing.salaryMax },
    publicationStartDate: date(listing.publicationStartDate),
    applicationCloseDate: date(listing.applicationCloseDate),
    firstSeenAt: date(listing.firstSeenAt)!,
    matchedProfileIds: [...listing.matchedProfileIds],
    status: listing.withdrawn ? JobStatus.WITHDRAWN : JobStatus.OPEN,
  } as Job;
}

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

function epochOrNull(value: Date | string | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? null : ms;
}

function finiteOrNull(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/**
 * One change of the jobs data set, under the data version it produced (collection `job_listing_changes`): the
 * listings of the jobs it inserted or changed, or a reset (everything deleted). Readers that hold the listings of
 * version N catch up to N+k by reading entries N+1..N+k by `_id` - the one lookup every MongoDB-compatible server
 * (FerretDB included) serves without decoding the collection. Entries are pruned after {@link CHANGES_KEPT}.
 */
@modelOptions({ schemaOptions: { collection: 'job_listing_changes', versionKey: false } })
export class JobListingChange {
  /** The jobs data version this change produced. */
  @prop({ type: Number, required: true })
  _id!: number;

  /** True when every job was deleted before the listings (if any) were added. */
  @prop({ type: Boolean, required: true, default: false })
  reset!: boolean;

  /** gzip of the JSON array of {@link JobListing}s. */
  @prop({ type: Buffer, required: true })
  listings!: Buffer;
}

export const JobListingChangeModel = getModelForClass(JobListingChange);

/** How many changes stay readable: a reader further behind than this rescans the jobs collection. */
export const CHANGES_KEPT = 1_000;

/**
 * Records a change of the stored jobs: bumps the jobs data version (every reader's caches drop what they computed)
 * and stores the listings of the jobs it touched under the new version. Call after the write is acknowledged.
 *
 * @param change - the listings of every job inserted or changed (deleted jobs: `reset`); `undefined` when the writer
 *   cannot tell, which makes readers rescan
 * @returns the new data version
 */
export async function publishJobChanges(change?: {
  listings: readonly JobListing[];
  reset?: boolean;
}): Promise<number> {
  const version = await nextDataVersion(JOBS_DATA_SET);
  if (change) {
    const listings = gzipSync(JSON.stringify(change.listings), { level: 1 });
    await JobListingChangeModel.create({ _id: version, reset: change.reset === true, listings });
    if (version > CHANGES_KEPT) {
      // Pruned by `_id` equality, one at a time as versions advance: never a scan.
      await JobListingChangeModel.deleteOne({ _id: version - CHANGES_KEPT }).catch(() => undefined);
    }
  }
  return version;
}

/**
 * Reads the change that produced a data version.
 *
 * @returns the change, or null when it was pruned, never recorded, or not yet written
 */
export async function readJobChange(
  version: number,
): Promise<{ reset: boolean; listings: JobListing[] } | null> {
  const doc = await JobListingChangeModel.findById(version).lean();
  if (!doc) return null;
  const bytes = Buffer.isBuffer(doc.listings)
    ? doc.listings
    : Buffer.from((doc.listings as unknown as mongoose.mongo.Binary).buffer);
  return { reset: doc.reset, listings: JSON.parse(gunzipSync(bytes).toString('utf8')) as JobListing[] };
}

/**
 * The listings of every stored job at one data version, stored so that a process that starts does not have to read
 * every job (collection `job_listing_snapshots`): a head (`_id: "head"`) names the version and how many parts it has,
 * each part (`_id: "<version>:<n>"`) holds up to {@link SNAPSHOT_PART_SIZE} listings as gzip of their JSON. Everything
 * is read by `_id`, so FerretDB never decodes the collection. Written by readers that had to rescan, or had caught
 * up far past the stored version; nothing depends on it being there or current (a reader catches up from it through
 * the recorded changes, or rescans).
 */
@modelOptions({ schemaOptions: { collection: 'job_listing_snapshots', versionKey: false } })
export class JobListingSnapshotPart {
  /** `head`, or `<version>:<n>`. */
  @prop({ type: String, required: true })
  _id!: string;

  /** Head: the version stored. */
  @prop({ type: Number })
  version?: number;

  /** Head: how many parts. */
  @prop({ type: Number })
  parts?: number;

  /** Part: gzip of the JSON array of {@link JobListing}s. */
  @prop({ type: Buffer })
  listings?: Buffer;
}

export const JobListingSnapshotPartModel = getModelForClass(JobListingSnapshotPart);

/** Listings per stored part: about 300 kB of gzip at 20 kB postings, well under a document's 16 MB. */
export const SNAPSHOT_PART_SIZE = 1_000;

const HEAD = 'head';

/**
 * Stores the listings of a data version as the latest stored snapshot, unless a newer one is stored already; then
 * deletes the parts of the one it replaces. Two writers racing may leave the older of their two versions as the
 * head (readers then catch up further) and the parts of the other behind; neither makes a read wrong.
 *
 * @param version - the data version the listings are at (or newer: applying a change again changes nothing)
 * @returns whether it became the stored snapshot
 */
export async function storeListingSnapshot(
  version: number,
  listings: readonly JobListing[],
): Promise<boolean> {
  const head = await JobListingSnapshotPartModel.findById(HEAD).lean();
  if (head?.version !== undefined && head.version >= version) return false;
  const parts = Math.ceil(listings.length / SNAPSHOT_PART_SIZE);
  for (let n = 0; n < parts; n++) {
    const json = JSON.stringify(listings.slice(n * SNAPSHOT_PART_SIZE, (n + 1) * SNAPSHOT_PART_SIZE));
    const bytes = await gzipAsync(json, { level: 1 });
    await JobListingSnapshotPartModel.replaceOne(
      { _id: `${version}:${n}` },
      { _id: `${version}:${n}`, listings: bytes },
      { upsert: true },
    );
  }
  await JobListingSnapshotPartModel.replaceOne(
    { _id: HEAD },
    { _id: HEAD, version, parts },
    { upsert: true },
  );
  if (head?.version !== undefined) {
    for (let n = 0; n < (head.parts ?? 0); n++) {
      await JobListingSnapshotPartModel.deleteOne({ _id: `${head.version}:${n}` });
    }
  }
  return true;
}

/**
 * Reads the stored snapshot.
 *
 * @returns its version and listings; null when none is stored or a part is missing (replaced meanwhile)
 */
export async function readListingSnapshot(): Promise<{ version: number; listings: JobListing[] } | null> {
  const head = await JobListingSnapshotPartModel.findById(HEAD).lean();
  if (head?.version === undefined) return null;
  const { version } = head;
  const parts = await Promise.all(
    Array.from({ length: head.parts ?? 0 }, (_, n) =>
      JobListingSnapshotPartModel.findById(`${version}:${n}`).lean(),
    ),
  );
  const listings: JobListing[] = [];
  for (const part of parts) {
    if (!part?.listings) return null;
    const json = (await gunzipAsync(bytesOf(part.listings))).toString('utf8');
    for (const listing of JSON.parse(json) as JobListing[]) listings.push(listing);
  }
  return { version, listings };
}

function bytesOf(stored: Buffer): Buffer {
  return Buffer.isBuffer(stored) ? stored : Buffer.from((stored as unknown as mongoose.mongo.Binary).buffer);
}
