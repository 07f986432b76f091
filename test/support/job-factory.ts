import { createHash } from 'node:crypto';

import { type Job, JobModel } from '../../src/models/job.model';
import { publishJobChanges, toJobListing } from '../../src/models/job-listing.model';

const DAY_MS = 86_400_000;
let sequence = 0;

/** An instant `days` from now (negative: in the past). */
export function daysFromNow(days: number, from: Date = new Date()): Date {
  return new Date(from.getTime() + days * DAY_MS);
}

/**
 * A complete, valid stored job (open for 30 more days, published a day ago, in Chicago, GS-12/13, $100k–$150k).
 * Ids are unique per test file: `J000001`, `J000002`, ...
 *
 * @param overrides - fields to set; `undefined` leaves a field out of the document (absent, not null)
 */
export function buildJob(overrides: Partial<Job> = {}): Job {
  sequence += 1;
  const id = overrides._id ?? `J${String(sequence).padStart(6, '0')}`;
  const seenAt = new Date();
  const job: Job = {
    _id: id,
    positionId: `ANN-${id}`,
    positionTitle: `Data Engineer ${id}`,
    positionUri: `https://www.usajobs.gov/job/${id}`,
    applyUris: [`https://www.usajobs.gov/job/${id}/apply`],
    positionLocationDisplay: 'Chicago, Illinois',
    positionLocation: [
      {
        locationName: 'Chicago, Illinois',
        cityName: 'Chicago',
        countrySubDivisionCode: 'Illinois',
        countryCode: 'United States',
        latitude: 41.88,
        longitude: -87.63,
      },
    ],
    positionRemuneration: [
      { minimumRange: 100_000, maximumRange: 150_000, rateIntervalCode: 'PA', description: 'Per Year' },
    ],
    annualSalary: { min: 100_000, max: 150_000 },
    unpaid: false,
    organizationName: 'Internal Revenue Service',
    departmentName: 'Department of the Treasury',
    payPlan: 'GS',
    lowGrade: 12,
    highGrade: 13,
    remote: false,
    teleworkEligible: true,
    qualificationSummary: 'Builds pipelines.',
    jobSummary: 'Moves data.',
    publicationStartDate: daysFromNow(-1),
    applicationCloseDate: daysFromNow(30),
    firstSeenAt: seenAt,
    lastSeenAt: seenAt,
    contentHash: '',
    matchedProfileIds: [],
    changes: [],
    ...overrides,
  };
  job.contentHash ||= createHash('sha256').update(JSON.stringify(job)).digest('hex');
  for (const key of Object.keys(job) as (keyof Job)[]) if (job[key] === undefined) delete job[key];
  return job;
}

/** Stores jobs in one round trip (insertMany) and records the change (data version and listings), as the ETL does. */
export async function seedJobs(jobs: readonly Job[]): Promise<void> {
  await JobModel.insertMany(jobs);
  await publishJobChanges({ listings: jobs.map(toJobListing) });
}
