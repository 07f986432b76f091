import 'reflect-metadata';

import { print } from 'graphql';

import { runEtl as realRunEtl } from '../../src/etl/run-etl';
import { ensureDefaultProfile } from '../../src/etl/search-profiles';
import { ErrorCode } from '../../src/graphql/errors';
import { deleteAllJobs } from '../../src/jobs/jobs.service';
import { CodeListModel } from '../../src/models/code-list.model';
import { EtlRunModel, EtlRunStatus } from '../../src/models/etl-run.model';
import { JobModel, JobStatus } from '../../src/models/job.model';
import { SearchProfileModel } from '../../src/models/search-profile.model';
import type { SearchResultItem } from '../../src/usajobs/usajobs.types';
import {
  CreateSearchProfileDocument,
  type CreateSearchProfileInput,
  DeleteSearchProfileDocument,
  JobDocument,
  JobLivesDocument,
  type JobLivesQueryVariables,
  RunEtlProfileDocument,
  SearchProfilesDocument,
  UpdateSearchProfileDocument,
} from '../generated/graphql';
import { useTestDatabase } from '../support/db';
import { createGraphqlTestServer, type GraphqlTestServer, TEST_ADMIN_TOKEN } from '../support/graphql-app';
import { openPosting } from '../support/posting-factory';
import { onSearch, startUsajobsDouble, type UsajobsDouble } from '../support/usajobs-double';
import { buildChicagoFixture, distanceMiles, knownLocation } from '../support/usajobs-fixtures';
import { doubleEtlOptions } from '../support/usajobs-test-client';

const ADMIN = `Bearer ${TEST_ADMIN_TOKEN}`;

const CHICAGO_DATA_ENGINEERING: CreateSearchProfileInput = {
  name: 'data engineering near Chicago',
  keyword: 'data engineering',
  locationName: 'Chicago, Illinois',
  radiusMiles: 50,
  includeRemote: true,
  yearsOfExperience: 5,
  payPlans: [],
  jobCategoryCodes: [],
  organizationCodes: [],
  enabled: true,
};

describe('saved searches: runs over profiles, complete coverage, lifecycle and history', () => {
  useTestDatabase();
  let double: UsajobsDouble;
  let api: GraphqlTestServer;

  async function start(
    items: SearchResultItem[],
    options: Parameters<typeof startUsajobsDouble>[0] = { items },
  ) {
    double = await startUsajobsDouble({ ...options, items });
    // The client knows the double's cap as it knows USAJOBS' (10,000).
    const client = { maxAttempts: 1, sleep: async () => undefined, resultCap: options.resultCap };
    api = await createGraphqlTestServer({
      runEtl: (request) => realRunEtl(request, doubleEtlOptions(double, { client })),
    });
  }

  async function createProfile(input: Partial<CreateSearchProfileInput>): Promise<string> {
    const { data, errors } = await api.execute(
      CreateSearchProfileDocument,
      { input: { ...CHICAGO_DATA_ENGINEERING, ...input } },
      { authorization: ADMIN },
    );
    expect(errors).toBeUndefined();
    return data!.createSearchProfile.id;
  }

  async function runAll(profile?: string) {
    const { data, errors } = await api.execute(RunEtlProfileDocument, { profile }, { authorization: ADMIN });
    expect(errors).toBeUndefined();
    return data!.runEtl;
  }

  async function jobs(filter: JobLivesQueryVariables['filter']) {
    const { data, errors } = await api.execute(JobLivesDocument, { filter, first: 100 });
    expect(errors).toBeUndefined();
    return data!;
  }

  const ids = (result: Awaited<ReturnType<typeof jobs>>): string[] =>
    result.jobs.nodes.map((n) => n.id).sort();

  beforeEach(async () => {
    await deleteAllJobs();
    await Promise.all([
      SearchProfileModel.deleteMany({}),
      EtlRunModel.deleteMany({}),
      CodeListModel.deleteMany({}),
    ]);
  });
  afterEach(async () => {
    await api?.server.stop();
    await double?.close();
  });

  it('when two overlapping profiles run, then each result page is requested once per search, each posting is stored once, and jobs(filter: {profile}) counts what each fits', async () => {
    const fixture = buildChicagoFixture();
    await start(fixture.items);
    const juniorId = await createProfile({});
    // Same search near Chicago (shared), no remote search, and a senior grade band (GS-14/15).
    const seniorId = await createProfile({
      name: 'senior data engineering near Chicago',
      includeRemote: false,
      yearsOfExperience: 8,
    });

    const run = await runAll();

    // What each should fit, computed from the items themselves.
    const grades = (item: SearchResultItem): [number, number] => {
      const details = item.MatchedObjectDescriptor.UserArea!.Details!;
      return [Number(details.LowGrade), Number(details.HighGrade)];
    };
    const nearChicago = (item: SearchResultItem): boolean =>
      (item.MatchedObjectDescriptor.PositionLocation ?? []).some(
        (place) =>
          Number(place.Latitude) !== 0 &&
          distanceMiles(knownLocation('Chicago, Illinois'), {
            latitude: Number(place.Latitude),
            longitude: Number(place.Longitude),
          }) <= 50,
      );
    const keyword = new Set(fixture.ids.keyword);
    const senior = fixture.items
      .filter((item) => keyword.has(item.MatchedObjectId) && nearChicago(item))
      .filter((item) => grades(item)[1] >= 14)
      .map((item) => item.MatchedObjectId)
      .sort();
    const junior = [...fixture.ids.fits].sort();
    expect(senior.length).toBeGreaterThan(0);
    expect(junior.length).toBeGreaterThan(senior.length);

    // Two searches (the Chicago one shared), each page requested once.
    const searches = double.requests.filter(onSearch);
    const byQuery = new Map<string, number[]>();
    for (const request of searches) {
      const { Page: _page, ...query } = request.query;
      const key = JSON.stringify(query);
      byQuery.set(key, [...(byQuery.get(key) ?? []), request.page]);
    }
    expect(byQuery.size).toBe(2);
    for (const pages of byQuery.values()) expect(pages).toEqual([...new Set(pages)]);
    expect(run.searches.map((s) => s.profiles)).toEqual([
      ['data engineering near Chicago', 'senior data engineering near Chicago'],
      ['data engineering near Chicago'],
    ]);

    // Each posting stored once; each profile's jobs as computed.
    const union = [...new Set([...junior, ...senior])].sort();
    expect(run).toMatchObject({ status: 'SUCCEEDED', kept: union.length, inserted: union.length });
    expect((await JobModel.find({}, { _id: 1 }).lean()).map((j) => j._id).sort()).toEqual(union);
    const ofJunior = await jobs({ profile: juniorId, openOnly: false });
    const ofSenior = await jobs({ profile: seniorId, openOnly: false });
    expect(ids(ofJunior)).toEqual(junior);
    expect(ofJunior.jobStats.totalCount).toBe(junior.length);
    expect(ids(ofSenior)).toEqual(senior);
    expect(ofSenior.jobStats.totalCount).toBe(senior.length);
    expect(run.profiles).toEqual([
      expect.objectContaining({ profileId: juniorId, matched: junior.length, complete: true }),
      expect.objectContaining({ profileId: seniorId, matched: senior.length, complete: true }),
    ]);
    const both = union.filter((id) => junior.includes(id) && senior.includes(id));
    for (const node of ofJunior.jobs.nodes) {
      const names = node.matchedProfiles.map((p) => p.name).sort();
      expect(names).toEqual(
        both.includes(node.id)
          ? ['data engineering near Chicago', 'senior data engineering near Chicago']
          : ['data engineering near Chicago'],
      );
    }
  });

  it('when a search matches 12,000 postings (cap on), then it is split by series until every slice is below the cap, and every posting is stored once', async () => {
    const series = ['0301', '0343', '1102', '1550', '2210', '2299'];
    const items = Array.from({ length: 12_000 }, (_, i) =>
      openPosting(700_000_000 + i, (d) => {
        d.JobCategory = [{ Name: 'Series', Code: series[i % 6] }];
        // Every 50th also carries a series of the other half: found by both slices, counted once.
        if (i % 50 === 0) d.JobCategory.push({ Name: 'Series', Code: series[(i + 3) % 6] });
      }),
    );
    await start(items, { items, maxPageSize: 500 });
    await createProfile({ includeRemote: false });

    const run = await runAll();

    expect(run).toMatchObject({
      status: 'SUCCEEDED',
      kept: 12_000,
      inserted: 12_000,
      errors: [],
      warnings: [],
    });
    expect(await JobModel.countDocuments()).toBe(12_000);
    const [search] = run.searches;
    expect(search).toMatchObject({ complete: true, cappedSlices: [] });
    const matching = (half: string[]): number =>
      items.filter((item) =>
        item.MatchedObjectDescriptor.JobCategory!.some((c) => half.includes(String(c.Code))),
      ).length;
    const slice = (half: string[]) => ({
      label: `series ${half.join(', ')}`,
      countAll: matching(half),
      pagesFetched: Math.ceil(matching(half) / 500),
      capped: false,
      split: false,
    });
    expect(search!.slices).toEqual([
      { label: '', countAll: 10_000, pagesFetched: 1, capped: false, split: true },
      slice(series.slice(0, 3)),
      slice(series.slice(3)),
    ]);
    expect(matching(series.slice(0, 3)) + matching(series.slice(3))).toBeGreaterThan(12_000);
    expect(run.profiles[0]).toMatchObject({ found: 12_000, matched: 12_000, complete: true });
    // The series came from the code list, fetched once and cached.
    expect(double.requests.filter((r) => r.path === '/api/codelist/occupationalseries')).toHaveLength(1);
    expect(await CodeListModel.findById('occupationalseries').lean()).toMatchObject({
      codes: series.map((code) => expect.objectContaining({ code })),
    });
  }, 300_000);

  it('when a single series is still capped, then it is split by agency, and the run covers every posting', async () => {
    const agencies = ['AF', 'AG', 'AR', 'HE', 'TR', 'VA'];
    const items = Array.from({ length: 12 }, (_, i) =>
      openPosting(805_000_000 + i, (d) => {
        d.UserArea!.Details!.OrganizationCodes = agencies[i % 6];
      }),
    );
    await start(items, { items, resultCap: 5 });
    await createProfile({ includeRemote: false });

    const run = await runAll();

    expect(run).toMatchObject({ status: 'SUCCEEDED', inserted: 12, warnings: [] });
    expect(run.searches[0]).toMatchObject({ complete: true, cappedSlices: [] });
    expect(run.searches[0]!.slices.map((s) => [s.label, s.countAll, s.split])).toEqual([
      ['', 5, true],
      ['series 2210; organization AF, AG, AR', 5, true],
      ['series 2210; organization AF, AG', 4, false],
      ['series 2210; organization AR', 2, false],
      ['series 2210; organization HE, TR, VA', 5, true],
      ['series 2210; organization HE, TR', 4, false],
      ['series 2210; organization VA', 2, false],
    ]);
  });

  it('when a capped search cannot be split, then its coverage is incomplete, the run warns, and nothing is withdrawn', async () => {
    const items = Array.from({ length: 8 }, (_, i) => openPosting(810_000_000 + i));
    await start(items, {
      items,
      resultCap: 5,
      codeLists: {
        occupationalseries: [{ Code: '2210', Value: 'IT' }],
        agencysubelements: [{ Code: 'TR', Value: 'Treasury' }],
      },
    });
    await createProfile({ includeRemote: false });
    expect(await runAll()).toMatchObject({ status: 'SUCCEEDED', inserted: 5 });

    double.setItems(items.slice(1));
    const run = await runAll();

    expect(run.status).toBe('SUCCEEDED');
    expect(run.searches[0]).toMatchObject({ complete: false, cappedSlices: ['the whole search'] });
    expect(run.warnings).toEqual([expect.stringMatching(/10,000.*could not be split/)]);
    expect(run.profiles[0]).toMatchObject({ complete: false, withdrawn: 0 });
    expect(run.withdrawn).toBe(0);
    expect(await JobModel.countDocuments({ status: JobStatus.WITHDRAWN })).toBe(0);
  });

  it('when 5 open postings disappear, then a PARTIAL run withdraws none, the next complete run withdraws exactly those 5, and they are OPEN again when they come back', async () => {
    const items = Array.from({ length: 10 }, (_, i) => openPosting(820_000_000 + i));
    await start(items);
    const chicago = await createProfile({});
    // A second profile whose search will fail: the run is PARTIAL although the Chicago profile reads completely.
    await createProfile({
      name: 'statistics in Denver',
      keyword: 'statistics',
      locationName: 'Denver, Colorado',
    });
    expect(await runAll()).toMatchObject({ status: 'SUCCEEDED', inserted: 10 });

    const gone = items.slice(0, 5).map((item) => item.MatchedObjectId);
    double.setItems(items.slice(5));
    double.failNext(100, { kind: 'status', status: 502 }, (r) => r.query.LocationName === 'Denver, Colorado');
    const partial = await runAll();
    expect(partial).toMatchObject({ status: 'PARTIAL', withdrawn: 0 });
    expect(partial.profiles.find((p) => p.profileId === chicago)).toMatchObject({
      complete: true,
      withdrawn: 0,
    });
    expect(await JobModel.countDocuments({ status: JobStatus.WITHDRAWN })).toBe(0);

    double.clearFaults();
    const complete = await runAll();
    expect(complete).toMatchObject({ status: 'SUCCEEDED', withdrawn: 5, changed: 5 });
    expect(complete.profiles.find((p) => p.profileId === chicago)).toMatchObject({ withdrawn: 5 });
    const withdrawn = await jobs({ status: 'WITHDRAWN' });
    expect(ids(withdrawn)).toEqual([...gone].sort());
    for (const job of withdrawn.jobs.nodes) {
      expect(job).toMatchObject({ status: 'WITHDRAWN', isOpen: true, withdrawnAt: expect.any(String) });
      expect(job.changes).toEqual([
        expect.objectContaining({ field: 'STATUS', from: 'OPEN', to: 'WITHDRAWN' }),
      ]);
      // Still matched: the profile's list keeps its withdrawn jobs, told apart by status.
      expect(job.matchedProfiles.map((p) => p.id)).toEqual([chicago]);
    }
    expect((await jobs({ status: 'OPEN' })).jobs.totalCount).toBe(5);

    double.setItems(items);
    const back = await runAll();
    expect(back).toMatchObject({ status: 'SUCCEEDED', withdrawn: 0, changed: 5, unchanged: 10 });
    expect((await jobs({ status: 'WITHDRAWN' })).jobs.totalCount).toBe(0);
    const reopened = await jobs({ status: 'OPEN' });
    expect(reopened.jobs.totalCount).toBe(10);
    const oneBack = reopened.jobs.nodes.find((job) => job.id === gone[0])!;
    expect(oneBack.withdrawnAt).toBeNull();
    expect(oneBack.changes.map((c) => [c.field, c.from, c.to])).toEqual([
      ['STATUS', 'OPEN', 'WITHDRAWN'],
      ['STATUS', 'WITHDRAWN', 'OPEN'],
    ]);
  });

  it("when one posting's pay changes, then exactly one change is recorded with from and to, and changedSince finds that job and nothing else", async () => {
    const items = Array.from({ length: 4 }, (_, i) => openPosting(830_000_000 + i));
    await start(items);
    await createProfile({});
    const first = await runAll();
    const before = (await JobModel.findById(items[2]!.MatchedObjectId).lean())!.annualSalary!;

    const changed = items.map((item) => structuredClone(item));
    const pay = changed[2]!.MatchedObjectDescriptor.PositionRemuneration![0]!;
    pay.MinimumRange = '99000.00';
    double.setItems(changed);
    const second = await runAll();

    expect(second).toMatchObject({ status: 'SUCCEEDED', updated: 1, unchanged: 3, changed: 1 });
    const stored = await JobModel.find({}, { changes: 1 }).lean();
    expect(stored.flatMap((job) => job.changes)).toEqual([
      expect.objectContaining({
        field: 'PAY',
        from: `${before.min}-${before.max}`,
        to: `99000-${before.max}`,
      }),
    ]);
    const secondRun = await EtlRunModel.findById(second.id).lean();
    const since = await jobs({ changedSince: secondRun!.startedAt.toISOString(), openOnly: false });
    expect(ids(since)).toEqual([items[2]!.MatchedObjectId]);
    const firstRun = await EtlRunModel.findById(first.id).lean();
    expect((await jobs({ changedSince: firstRun!.startedAt.toISOString() })).jobs.totalCount).toBe(4);
  });

  it("when a run sees stored postings unchanged, then job(id).lastSeenAt is that run's start and firstSeenAt stays; a posting it no longer sees keeps the earlier one", async () => {
    const items = Array.from({ length: 3 }, (_, i) => openPosting(835_000_000 + i));
    await start(items);
    await createProfile({});
    const first = await EtlRunModel.findById((await runAll()).id).lean();
    double.setItems(items.slice(1));
    const second = await EtlRunModel.findById((await runAll()).id).lean();
    expect(second).toMatchObject({ unchanged: 2, withdrawn: 1 });

    const seen = async (item: SearchResultItem) => {
      const { data, errors } = await api.execute(JobDocument, { id: item.MatchedObjectId });
      expect(errors).toBeUndefined();
      return { first: data!.job!.firstSeenAt, last: data!.job!.lastSeenAt };
    };
    const [t1, t2] = [first!.startedAt.toISOString(), second!.startedAt.toISOString()];
    expect(await seen(items[1]!)).toEqual({ first: t1, last: t2 });
    expect(await seen(items[2]!)).toEqual({ first: t1, last: t2 });
    expect(await seen(items[0]!)).toEqual({ first: t1, last: t1 });
  });

  it('when a stored posting changes so that it no longer fits, then its change is recorded and it stays stored, unmatched', async () => {
    const items = Array.from({ length: 3 }, (_, i) => openPosting(840_000_000 + i));
    await start(items);
    const chicago = await createProfile({ includeRemote: false });
    await runAll();

    const changed = items.map((item) => structuredClone(item));
    const details = changed[0]!.MatchedObjectDescriptor.UserArea!.Details!;
    details.LowGrade = '15';
    details.HighGrade = '15';
    double.setItems(changed);
    const run = await runAll();

    expect(run).toMatchObject({
      status: 'SUCCEEDED',
      kept: 2,
      skipped: 1,
      updated: 1,
      unchanged: 2,
      changed: 1,
    });
    expect(run.profiles[0]).toMatchObject({ found: 3, matched: 2, withdrawn: 0 });
    const all = await jobs({ openOnly: false });
    expect(all.jobs.totalCount).toBe(3);
    const moved = all.jobs.nodes.find((job) => job.id === items[0]!.MatchedObjectId)!;
    expect(moved).toMatchObject({ status: 'OPEN', matchedProfiles: [] });
    expect(moved.changes).toEqual([expect.objectContaining({ field: 'GRADES', from: 'GS-12', to: 'GS-15' })]);
    expect((await jobs({ profile: chicago })).jobs.totalCount).toBe(2);
  });

  it('when a profile is run by id, then only its searches run; with parameters too, the run is refused as BAD_USER_INPUT', async () => {
    await start(buildChicagoFixture().items);
    const chicago = await createProfile({});
    await createProfile({
      name: 'statistics in Denver',
      keyword: 'statistics',
      locationName: 'Denver, Colorado',
    });

    const run = await runAll(chicago);
    expect(run.profiles.map((p) => p.profileId)).toEqual([chicago]);
    expect(double.requests.filter((r) => r.query.LocationName === 'Denver, Colorado')).toHaveLength(0);

    const refused = await api.executeRaw(
      'mutation($p: ID) { runEtl(profile: $p, params: { keyword: "x" }) { id } }',
      { p: chicago },
      { authorization: ADMIN },
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe(ErrorCode.BAD_USER_INPUT);
    const unknown = await api.executeRaw(
      'mutation { runEtl(profile: "nope") { id } }',
      {},
      { authorization: ADMIN },
    );
    expect(unknown.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/No search profile/),
      extensions: { code: ErrorCode.BAD_USER_INPUT },
    });
    expect(await EtlRunModel.countDocuments()).toBe(1);
  });

  it('when a profile is deleted or narrowed, then its jobs stay stored, no longer matched by it', async () => {
    await start(buildChicagoFixture().items);
    const chicago = await createProfile({});
    await runAll();
    const stored = await JobModel.countDocuments();
    expect((await jobs({ profile: chicago, openOnly: false })).jobs.totalCount).toBe(stored);

    const narrowed = await api.execute(
      UpdateSearchProfileDocument,
      { id: chicago, input: { radiusMiles: 5 } },
      { authorization: ADMIN },
    );
    expect(narrowed.data?.updateSearchProfile.radiusMiles).toBe(5);
    expect((await jobs({ profile: chicago, openOnly: false })).jobs.totalCount).toBe(0);

    const deleted = await api.execute(DeleteSearchProfileDocument, { id: chicago }, { authorization: ADMIN });
    expect(deleted.data?.deleteSearchProfile).toBe(true);
    expect(await JobModel.countDocuments()).toBe(stored);
    const all = await jobs({ openOnly: false });
    expect(all.jobs.nodes.every((job) => job.matchedProfiles.length === 0)).toBe(true);
  });

  it.each([
    ['createSearchProfile', CreateSearchProfileDocument, { input: CHICAGO_DATA_ENGINEERING }],
    ['updateSearchProfile', UpdateSearchProfileDocument, { id: 'ID', input: { name: 'renamed' } }],
    ['deleteSearchProfile', DeleteSearchProfileDocument, { id: 'ID' }],
  ] as const)(
    'when %s is called without the admin token, then UNAUTHENTICATED and nothing changes',
    async (_name, document, variables) => {
      await start([]);
      const id = await createProfile({});
      const before = await SearchProfileModel.find().lean();
      const vars = JSON.parse(JSON.stringify(variables).replace('"ID"', JSON.stringify(id)));

      for (const authorization of [undefined, 'Bearer not-the-token']) {
        const { data, errors } = await api.executeRaw(print(document), vars, { authorization });
        expect(data ?? null).toBeNull();
        expect(errors?.map((e) => e.extensions?.code)).toEqual([ErrorCode.UNAUTHENTICATED]);
      }
      expect(await SearchProfileModel.find().lean()).toEqual(before);
    },
  );

  it('when a profile has a taken name, a radius out of range or an unknown pay plan, then BAD_USER_INPUT names the input fields at fault and nothing is stored', async () => {
    await start([]);
    await createProfile({});
    const narrowing = ['keyword', 'locationName', 'jobCategoryCodes', 'organizationCodes'];
    const attempts: [Partial<CreateSearchProfileInput>, RegExp, string[]][] = [
      [{}, /already exists/, ['name']],
      [{ name: 'far', radiusMiles: 501 }, /radiusMiles/, ['radiusMiles']],
      [{ name: 'odd plan', payPlans: ['GS', 'QQ'] }, /payPlans.*"QQ"/, ['payPlans']],
      [{ name: 'odd series', jobCategoryCodes: ['22'] }, /jobCategoryCodes/, ['jobCategoryCodes']],
      [{ name: 'nothing', keyword: null, locationName: null }, /at least one of/, narrowing],
      [
        { name: 'two wrong', payPlans: ['QQ'], organizationCodes: ['no way'] },
        /payPlans.*"QQ".*organizationCodes.*"NO WAY"/,
        ['payPlans', 'organizationCodes'],
      ],
    ];
    for (const [input, message, fields] of attempts) {
      const { errors } = await api.execute(
        CreateSearchProfileDocument,
        { input: { ...CHICAGO_DATA_ENGINEERING, ...input } },
        { authorization: ADMIN },
      );
      expect(errors).toEqual([
        expect.objectContaining({
          message: expect.stringMatching(message),
          extensions: expect.objectContaining({
            code: ErrorCode.BAD_USER_INPUT,
            // A form can mark each field at fault.
            arguments: fields.map((field) => `input.${field}`),
          }),
        }),
      ]);
    }
    const { data } = await api.execute(SearchProfilesDocument, {});
    expect(data?.searchProfiles.map((p) => p.name)).toEqual(['data engineering near Chicago']);
  });

  it('when replicas start together with no profile stored, then exactly one default profile is created; a run with no profile uses it', async () => {
    await start(buildChicagoFixture().items);
    const created = await Promise.all(Array.from({ length: 5 }, () => ensureDefaultProfile()));
    expect(created.filter(Boolean)).toHaveLength(1);
    const profiles = await SearchProfileModel.find().lean();
    expect(profiles).toEqual([
      expect.objectContaining({
        keyword: 'data engineering',
        locationName: 'Chicago, Illinois',
        radiusMiles: 50,
        includeRemote: true,
        yearsOfExperience: 5,
        enabled: true,
      }),
    ]);
    expect(await ensureDefaultProfile()).toBe(false);

    const run = await runAll();
    expect(run).toMatchObject({
      status: EtlRunStatus.SUCCEEDED,
      profiles: [{ profileId: profiles[0]!._id }],
    });
  });
});
