import fc from 'fast-check';

import type { JobCriteria } from '../../src/jobs/job-criteria';
import { JobSortField, SortDirection } from '../../src/jobs/job-sort';
import {
  findJobsPage,
  type JobPage,
  type JobReads,
  jobReads,
  type JobsPageRequest,
  listingReads,
  prepareJobReads,
  queryReads,
} from '../../src/jobs/jobs.service';
import { type ListingSnapshot, ListingSnapshots } from '../../src/jobs/listing-snapshot';
import { bumpDataVersion, JOBS_DATA_SET, readDataVersion } from '../../src/models/data-version.model';
import { type Job, JobModel, JobStatus } from '../../src/models/job.model';
import { publishJobChanges, toJobListing } from '../../src/models/job-listing.model';
import { useTestDatabase } from '../support/db';
import { buildJob, daysFromNow, seedJobs } from '../support/job-factory';

useTestDatabase();

const NOW = new Date();
const TITLES = [
  'Data Engineer',
  'data engineer',
  'Data Scientist',
  'IT Specialist (DATA)',
  'Économiste',
  'zeta',
];
const DEPARTMENTS = ['Department of Energy', 'Department Of Energy', 'Department of the Treasury', null];
const STATES = ['Illinois', 'Texas', 'N/A', null];
const PLACES = [
  'Chicago, Illinois',
  'Austin, Texas',
  'Anywhere in the U.S. (remote job)',
  'Naperville, Illinois',
];
const SALARIES = [null, { min: 0, max: 0 }, { min: 50_000, max: 80_000 }, { min: 80_000, max: 120_000 }];
const DAYS = [-30, -3, -1, 0.5, 7, 30];

/** Jobs with few distinct values, so sorts tie, filters hit and miss, and every field is sometimes absent. */
const jobArb = fc
  .record({
    title: fc.constantFrom(...TITLES),
    department: fc.constantFrom(...DEPARTMENTS),
    organization: fc.constantFrom('Office of Science', 'IRS', null),
    summary: fc.constantFrom('Builds pipelines for data.', 'Moves numbers.', null),
    places: fc.uniqueArray(fc.integer({ min: 0, max: PLACES.length - 1 }), { maxLength: 3 }),
    state: fc.constantFrom(...STATES),
    salary: fc.constantFrom(...SALARIES),
    grades: fc.constantFrom([null, null], [11, 13], [12, 12], [7, 15]),
    remote: fc.boolean(),
    posted: fc.option(fc.constantFrom(...DAYS), { nil: null }),
    closes: fc.option(fc.constantFrom(...DAYS), { nil: null }),
    display: fc.constantFrom('Chicago, Illinois', 'Multiple Locations', undefined),
    payPlan: fc.constantFrom('GS', 'ZP', undefined),
    telework: fc.boolean(),
    applyUris: fc.constantFrom([], ['https://www.usajobs.gov/apply/1', 'https://agency.example/apply']),
  })
  .map((r) =>
    buildJob({
      positionTitle: r.title,
      departmentName: r.department,
      organizationName: r.organization,
      qualificationSummary: r.summary,
      jobSummary: null,
      positionLocation: r.places.map((i) => ({
        locationName: PLACES[i]!,
        countrySubDivisionCode: r.state,
      })),
      annualSalary: r.salary,
      lowGrade: r.grades[0],
      highGrade: r.grades[1],
      remote: r.remote,
      publicationStartDate: r.posted === null ? null : daysFromNow(r.posted, NOW),
      applicationCloseDate: r.closes === null ? null : daysFromNow(r.closes, NOW),
      positionLocationDisplay: r.display,
      payPlan: r.payPlan,
      teleworkEligible: r.telework,
      applyUris: [...r.applyUris],
    }),
  );

const criterionValues = {
  keyword: fc.constantFrom(
    'data',
    'ENGINEER',
    'data   pipelines',
    'économiste',
    'treasury',
    '(data)',
    'nothing',
    // Inside words, across punctuation, punctuation alone: the token index must agree with a substring search.
    'ngine',
    'pipelines.',
    'ta.',
    'specialist (d',
    '.',
    'e n',
  ),
  location: fc.constantFrom('chicago', 'ILLINOIS', ' texas ', 'remote', 'nowhere', 'go, ill', 'u.s.'),
  department: fc.constantFrom('energy', 'DEPARTMENT of', 'treasury'),
  // Stored values among them: the bounds are inclusive on both sides.
  minSalary: fc.constantFrom(0, 60_000, 80_000, 120_000),
  maxSalary: fc.constantFrom(0, 50_000, 60_000, 80_000),
  minGrade: fc.constantFrom(1, 12, 13, 14),
  maxGrade: fc.constantFrom(7, 11, 12, 15),
  remote: fc.boolean(),
  openOnly: fc.constantFrom(true, false, false, null),
  postedAfter: fc.constantFrom(-10, -2, 0).map((d) => daysFromNow(d, NOW)),
};

/** A few criteria at a time (every one set narrows the listing), or none at all (null: the defaults). */
const criteriaArb: fc.Arbitrary<JobCriteria | null> = fc.option(
  fc
    .tuple(
      fc.subarray(Object.keys(criterionValues) as (keyof typeof criterionValues)[], { maxLength: 3 }),
      fc.record(criterionValues),
    )
    .map(([keys, values]) => Object.fromEntries(keys.map((key) => [key, values[key]])) as JobCriteria),
  { nil: null },
);

const sortArb = fc.option(
  fc.record({
    field: fc.constantFrom(...Object.values(JobSortField)),
    direction: fc.constantFrom(...Object.values(SortDirection)),
  }),
  { nil: null },
);

/** What a client reads of a job through the card fields (src/graphql/resolvers/job.resolver.ts CARD_FIELDS). */
function cardView(job: Job): unknown {
  const iso = (date: Date | null | undefined): string | null => (date ? date.toISOString() : null);
  return {
    id: job._id,
    positionId: job.positionId,
    positionTitle: job.positionTitle,
    positionUri: job.positionUri,
    applyUris: job.applyUris,
    positionLocationDisplay: job.positionLocationDisplay ?? null,
    organizationName: job.organizationName ?? null,
    departmentName: job.departmentName ?? null,
    payPlan: job.payPlan ?? null,
    lowGrade: job.lowGrade ?? null,
    highGrade: job.highGrade ?? null,
    remote: job.remote,
    teleworkEligible: job.teleworkEligible,
    qualificationSummary: job.qualificationSummary ?? null,
    jobSummary: job.jobSummary ?? null,
    annualSalary: job.annualSalary ? { min: job.annualSalary.min, max: job.annualSalary.max } : null,
    publicationStartDate: iso(job.publicationStartDate),
    applicationCloseDate: iso(job.applicationCloseDate),
    firstSeenAt: iso(job.firstSeenAt),
    withdrawn: job.status === JobStatus.WITHDRAWN,
    matchedProfileIds: job.matchedProfileIds ?? [],
  };
}

/** Pages made from the listings' cards, or from the documents read by id. */
const fieldsArb = fc.constantFrom<JobsPageRequest['fields']>('card', 'all', undefined);

/** Everything a client can see of a page (of its jobs, what the card fields show). */
function visible(page: JobPage): unknown {
  return {
    nodes: page.nodes.map(cardView),
    cursors: page.edges.map((edge) => edge.cursor),
    totalCount: page.totalCount,
    pageInfo: page.pageInfo,
  };
}

/** Every page of a listing, `first` at a time, through one way of reading. */
async function walk(reads: JobReads, request: Omit<JobsPageRequest, 'after'>): Promise<unknown[]> {
  const version = await readDataVersion(JOBS_DATA_SET);
  const pages: unknown[] = [];
  let after: string | null = null;
  for (let i = 0; i < 50; i++) {
    const page: JobPage = await reads.page({ ...request, after }, version);
    pages.push(visible(page));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  return pages;
}

async function replaceJobs(jobs: Job[]): Promise<void> {
  await JobModel.deleteMany({});
  await publishJobChanges({ listings: [], reset: true });
  await seedJobs(jobs);
}

describe('jobs reads: the listings in memory answer exactly as the MongoDB queries do', () => {
  it('when the database is FerretDB, then reads go through the listings', async () => {
    if (process.env.MONGO_URI) return; // a real MongoDB keeps its own indexes (queryReads)
    expect(await jobReads()).toBe(listingReads);
  });

  it('when random filters, sorts and page sizes walk 120 random jobs, then every page, cursor, card and count is the same', async () => {
    await replaceJobs(fc.sample(jobArb, { numRuns: 120, seed: 42 }));
    await fc.assert(
      fc.asyncProperty(
        criteriaArb,
        sortArb,
        fc.integer({ min: 10, max: 50 }),
        fieldsArb,
        async (filter, sort, first, fields) => {
          const request = { filter, sort, first, now: NOW };
          expect(await walk(listingReads, { ...request, fields })).toEqual(await walk(queryReads, request));
        },
      ),
      { numRuns: 30 },
    );
  }, 120_000);

  it('when random jobs are stored and random queries walk them, then both ways agree', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(jobArb, { minLength: 0, maxLength: 30 }),
        fc.array(fc.tuple(criteriaArb, sortArb, fc.integer({ min: 1, max: 7 }), fieldsArb), {
          minLength: 1,
          maxLength: 4,
        }),
        async (jobs, queries) => {
          await replaceJobs(jobs);
          for (const [filter, sort, first, fields] of queries) {
            const request = { filter, sort, first, now: NOW };
            expect(await walk(listingReads, { ...request, fields })).toEqual(await walk(queryReads, request));
          }
        },
      ),
      { numRuns: 20 },
    );
  }, 120_000);

  it('when random filters ask for statistics, then both ways compute the same figures', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(jobArb, { minLength: 0, maxLength: 40 }),
        fc.array(criteriaArb, { minLength: 1, maxLength: 5 }),
        async (jobs, filters) => {
          await replaceJobs(jobs);
          const version = await readDataVersion(JOBS_DATA_SET);
          for (const filter of filters) {
            expect(await listingReads.stats(filter, NOW, version)).toEqual(
              await queryReads.stats(filter, NOW, version),
            );
          }
        },
      ),
      { numRuns: 15 },
    );
  });

  it('when a page asks only for card fields, then it is made from the listings without reading a document', async () => {
    await replaceJobs([buildJob({ _id: 'C1' }), buildJob({ _id: 'C2' })]);
    const version = await readDataVersion(JOBS_DATA_SET);
    await listingReads.page({ first: 1, now: NOW }, version); // the listings are read once, first
    const findById = jest.spyOn(JobModel, 'findById');
    try {
      const page = await listingReads.page({ first: 5, now: NOW, fields: 'card' }, version);
      expect(page.nodes.map((job) => job._id).sort()).toEqual(['C1', 'C2']);
      expect(findById).not.toHaveBeenCalled();
      await listingReads.page({ first: 5, now: NOW, fields: 'all' }, version);
      expect(findById).toHaveBeenCalledTimes(2);
    } finally {
      findById.mockRestore();
    }
  });

  it('when a listing was recorded without a card (an older writer), then the page reads the documents instead', async () => {
    const jobs = [buildJob({ _id: 'OLD1' }), buildJob({ _id: 'OLD2', payPlan: 'ZP' })];
    await JobModel.deleteMany({});
    await publishJobChanges({ listings: [], reset: true });
    await JobModel.insertMany(jobs);
    const { positionUri: _u, positionId: _p, firstSeenAt: _f, ...withoutCard } = toJobListing(jobs[0]!);
    await publishJobChanges({ listings: [withoutCard, toJobListing(jobs[1]!)] });
    const request = { first: 5, now: NOW, sort: null, filter: null };
    expect(await walk(listingReads, { ...request, fields: 'card' })).toEqual(await walk(queryReads, request));
  });

  it('when jobs change after the listings were read, then the next read sees the change', async () => {
    await replaceJobs([buildJob({ _id: 'A1', positionTitle: 'Alpha' })]);
    const first = { filter: { keyword: 'alpha' }, first: 5, now: NOW };
    expect((await listingReads.page(first, await readDataVersion(JOBS_DATA_SET))).totalCount).toBe(1);

    // Recorded with its listing (as the ETL does)...
    await seedJobs([buildJob({ _id: 'A2', positionTitle: 'Alpha two' })]);
    expect((await listingReads.page(first, await readDataVersion(JOBS_DATA_SET))).totalCount).toBe(2);
    // ...or written by someone who only bumped the version: the listings are read again.
    await JobModel.insertMany([buildJob({ _id: 'A3', positionTitle: 'Alpha three' })]);
    await bumpDataVersion(JOBS_DATA_SET);
    expect((await listingReads.page(first, await readDataVersion(JOBS_DATA_SET))).totalCount).toBe(3);
  });

  it('when a process starts where another stored the listings, then it reads them and catches up without reading the jobs', async () => {
    await replaceJobs([buildJob({ _id: 'S1' }), buildJob({ _id: 'S2', positionTitle: 'Stored two' })]);
    const version = await readDataVersion(JOBS_DATA_SET);
    const first = new ListingSnapshots();
    const ids = (snapshot: ListingSnapshot): string[] => [...snapshot.listings()].map((l) => l._id).sort();
    expect(ids(await first.at(version))).toEqual(['S1', 'S2']);
    await first.stored();

    await seedJobs([buildJob({ _id: 'S3' })]);
    const find = jest.spyOn(JobModel, 'find');
    try {
      const starting = new ListingSnapshots();
      const snapshot = await starting.at(await readDataVersion(JOBS_DATA_SET));
      expect(ids(snapshot)).toEqual(['S1', 'S2', 'S3']);
      expect(find).not.toHaveBeenCalled();
    } finally {
      find.mockRestore();
    }
  });

  it('when a process starts where the stored listings are older than a change nobody recorded, then it reads the jobs', async () => {
    await replaceJobs([buildJob({ _id: 'U1' })]);
    const first = new ListingSnapshots();
    await first.at(await readDataVersion(JOBS_DATA_SET));
    await first.stored();
    await JobModel.insertMany([buildJob({ _id: 'U2' })]);
    await bumpDataVersion(JOBS_DATA_SET);
    const snapshot = await new ListingSnapshots().at(await readDataVersion(JOBS_DATA_SET));
    expect([...snapshot.listings()].map((l) => l._id).sort()).toEqual(['U1', 'U2']);
  });

  it('when many requests arrive right after a change nobody recorded, then they share one read of the collection', async () => {
    await replaceJobs([buildJob(), buildJob(), buildJob()]);
    await JobModel.insertMany([buildJob()]);
    await bumpDataVersion(JOBS_DATA_SET);
    const version = await readDataVersion(JOBS_DATA_SET);
    const find = jest.spyOn(JobModel, 'find');
    try {
      const pages = await Promise.all(
        Array.from({ length: 10 }, () => listingReads.page({ first: 2, now: NOW }, version)),
      );
      expect(pages.map((page) => page.totalCount)).toEqual(Array(10).fill(4));
      expect(find).toHaveBeenCalledTimes(1);
    } finally {
      find.mockRestore();
    }
  });
});

describe('reads prepared at start', () => {
  it('when the service prepares the reads before any request, then the first jobs read finds the listings built and reads no job', async () => {
    // Stored without a recorded change (as by a process that only bumped the version): the listings must be read
    // from the jobs.
    await JobModel.deleteMany({});
    await JobModel.insertMany([buildJob({ _id: 'PR1' }), buildJob({ _id: 'PR2' })]);
    await bumpDataVersion(JOBS_DATA_SET);
    await prepareJobReads();
    const find = jest.spyOn(JobModel, 'find');
    try {
      const page = await findJobsPage({ first: 5, now: NOW, fields: 'card' });
      expect(page.totalCount).toBe(2);
      expect(find).not.toHaveBeenCalled();
    } finally {
      find.mockRestore();
    }
  });
});
