import 'reflect-metadata';

import { EtlConflictError, EtlParamsError } from '../../src/etl/etl.errors';
import { runEtl, type RunEtlOptions } from '../../src/etl/run-etl';
import { EtlRunModel, EtlRunStatus, EtlTrigger } from '../../src/models/etl-run.model';
import { JobModel } from '../../src/models/job.model';
import { LeaseModel } from '../../src/models/lease.model';
import { MissingCredentialsError } from '../../src/usajobs/usajobs.errors';
import type { SearchResultItem } from '../../src/usajobs/usajobs.types';
import { useTestDatabase } from '../support/db';
import {
  DOUBLE_API_KEY,
  onLocationSearch,
  onPage,
  onRemoteSearch,
  startUsajobsDouble,
  type UsajobsDouble,
} from '../support/usajobs-double';
import { buildChicagoFixture } from '../support/usajobs-fixtures';
import { doubleEtlOptions } from '../support/usajobs-test-client';

const PAGE_SIZE = 3;

/** The Chicago fixture, with one nearby posting that is also remote (found by both searches) and one posting
 * listed twice (found on two pages of the same search). */
function fixture() {
  const { items, ids } = buildChicagoFixture();
  const both = items.find((item) => item.MatchedObjectId === ids.fits.find((id) => ids.nearby.includes(id)))!;
  both.MatchedObjectDescriptor.UserArea!.Details!.RemoteIndicator = true;
  const repeated = structuredClone(items.find((item) => item.MatchedObjectId === ids.fits[1])!);
  const served = [...items, repeated];
  const searched = new Set([...ids.nearby, ...ids.remote].filter((id) => ids.keyword.includes(id)));
  const expected = {
    kept: ids.fits.length,
    skipped: [...searched].filter((id) => !ids.fits.includes(id)).length,
  };
  return { items: served, ids, expected, bothId: both.MatchedObjectId };
}

describe('runEtl against FerretDB and the USAJOBS test double', () => {
  useTestDatabase();
  let double: UsajobsDouble;
  let data: ReturnType<typeof fixture>;

  const options = (overrides: Partial<RunEtlOptions> = {}, key = DOUBLE_API_KEY): RunEtlOptions =>
    doubleEtlOptions(double, {
      trigger: EtlTrigger.CLI,
      client: { apiKey: key, maxAttempts: 3, timeoutMs: 1_000, sleep: async () => undefined },
      ...overrides,
    });

  beforeEach(async () => {
    data = fixture();
    double = await startUsajobsDouble({ items: data.items, maxPageSize: PAGE_SIZE });
    await Promise.all([JobModel.deleteMany({}), EtlRunModel.deleteMany({}), LeaseModel.deleteMany({})]);
  });
  afterEach(async () => {
    await double.close();
  });

  it('when the first run reads pages smaller than asked, then every fitting job is inserted once and the counts add up', async () => {
    const run = await runEtl({}, options());

    const locationRequests = double.requests.filter(onLocationSearch);
    const remoteRequests = double.requests.filter(onRemoteSearch);
    expect(locationRequests.every((r) => r.query.ResultsPerPage === '500')).toBe(true);
    expect(run).toMatchObject({
      status: EtlRunStatus.SUCCEEDED,
      trigger: EtlTrigger.CLI,
      pagesFetched: double.requests.length,
      kept: data.expected.kept,
      skipped: data.expected.skipped,
      inserted: data.expected.kept,
      updated: 0,
      unchanged: 0,
      errors: [],
    });
    expect(locationRequests.length).toBeGreaterThan(1);
    expect(remoteRequests.length).toBeGreaterThan(0);
    // The posting found on two pages and the one found by both searches are fetched twice, stored once.
    expect(run.fetched).toBe(data.expected.kept + data.expected.skipped + 2);
    expect((await JobModel.find({}, { _id: 1 }).lean()).map((j) => j._id).sort()).toEqual(
      [...data.ids.fits].sort(),
    );
    expect(run.params).toEqual({
      keyword: 'data engineering',
      locationName: 'Chicago, Illinois',
      radiusMiles: 50,
      yearsOfExperience: 5,
      includeRemote: true,
      minSalary: null,
      datePostedDays: null,
      maxPages: null,
    });
    expect(run.skippedByReason).toEqual([{ reason: 'not a fit: experience', count: data.expected.skipped }]);
    expect(run.finishedAt).toBeInstanceOf(Date);
    expect(run.durationMs).toBeGreaterThanOrEqual(0);
    expect(await EtlRunModel.countDocuments({ status: EtlRunStatus.RUNNING })).toBe(0);
    expect(await LeaseModel.countDocuments()).toBe(0);
  });

  it('when the same data is loaded again, then everything is unchanged; when one posting changes, exactly one is updated', async () => {
    await runEtl({}, options());
    const firstSeen = (await JobModel.findById(data.bothId).lean())!.firstSeenAt;

    const again = await runEtl({}, options());
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: data.expected.kept });

    const changed = data.items.map((item) => structuredClone(item));
    const target = changed.find((item) => item.MatchedObjectId === data.bothId)!;
    target.MatchedObjectDescriptor.PositionTitle = 'Data Engineer (Pipelines)';
    double.setItems(changed);
    const third = await runEtl({}, options());
    expect(third).toMatchObject({ inserted: 0, updated: 1, unchanged: data.expected.kept - 1 });
    const stored = await JobModel.findById(data.bothId).lean();
    expect(stored?.positionTitle).toBe('Data Engineer (Pipelines)');
    expect(stored?.firstSeenAt).toEqual(firstSeen);
    expect(stored!.lastSeenAt.getTime()).toBeGreaterThan(firstSeen.getTime());
  });

  it('when USAJOBS answers 429 with Retry-After and then 503, then the run recovers and succeeds', async () => {
    double.failNext(1, { kind: 'status', status: 429, retryAfter: '1' });
    double.failNext(1, { kind: 'status', status: 503 }, onPage(2));
    const run = await runEtl({}, options());
    expect(run).toMatchObject({ status: EtlRunStatus.SUCCEEDED, inserted: data.expected.kept, errors: [] });
    expect(double.requests.filter((r) => r.fault).map((r) => r.fault)).toEqual(['status', 'status']);
  });

  it('when the key is wrong (401), then the run is FAILED with a message about credentials and nothing stored changes', async () => {
    await runEtl({}, options());
    const before = await JobModel.find().sort({ _id: 1 }).lean();

    const run = await runEtl({}, options({}, 'wrong-key'));
    expect(run.status).toBe(EtlRunStatus.FAILED);
    expect(run.errors.join(' ')).toMatch(/credential|key/i);
    expect(run.errors.join(' ')).not.toContain('wrong-key');
    expect(double.requests.filter((r) => r.headers['authorization-key'] === 'wrong-key')).toHaveLength(1);
    expect(await JobModel.find().sort({ _id: 1 }).lean()).toEqual(before);
  });

  it('when a page keeps failing with 5xx, then the run ends PARTIAL and every job stored before is still there', async () => {
    await runEtl({}, options());
    const before = await JobModel.countDocuments();

    double.failNext(100, { kind: 'status', status: 502 }, (r) => onLocationSearch(r) && r.page === 2);
    const run = await runEtl({}, options());
    expect(run.status).toBe(EtlRunStatus.PARTIAL);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toMatch(/location search: .*502/);
    expect(run.errors[0]).toMatch(/page 2/);
    expect(run.unchanged).toBeGreaterThan(0);
    expect(await JobModel.countDocuments()).toBe(before);
  });

  it('when every request fails, then the run is FAILED and records why', async () => {
    double.failNext(1000, { kind: 'status', status: 503 });
    const run = await runEtl({}, options());
    expect(run).toMatchObject({ status: EtlRunStatus.FAILED, pagesFetched: 0, inserted: 0 });
    expect(run.errors).toHaveLength(2);
    expect(await EtlRunModel.findById(run._id).lean()).toMatchObject({ status: EtlRunStatus.FAILED });
  });

  it('when credentials are missing, then the run does not start: it throws, records nothing and holds no lease', async () => {
    const runsBefore = await EtlRunModel.countDocuments();
    const refused = runEtl(
      {},
      options({
        createClient: () => {
          throw new MissingCredentialsError(['USAJOBS_API_KEY']);
        },
      }),
    );
    await expect(refused).rejects.toThrow(MissingCredentialsError);
    await expect(refused).rejects.toThrow(/USAJOBS_API_KEY/);
    expect(await EtlRunModel.countDocuments()).toBe(runsBefore);
    expect(double.requests).toHaveLength(0);
    expect((await runEtl({}, options())).status).toBe(EtlRunStatus.SUCCEEDED);
  });

  it('when two runs start at once, then one runs and the other gets CONFLICT and changes nothing', async () => {
    double.failNext(1, { kind: 'delay', ms: 300 });
    const results = await Promise.allSettled([runEtl({}, options()), runEtl({}, options())]);
    const rejected = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(rejected).toHaveLength(1);
    expect(rejected[0].reason).toBeInstanceOf(EtlConflictError);
    expect(rejected[0].reason.code).toBe('CONFLICT');
    expect(await EtlRunModel.countDocuments()).toBe(1);
  });

  it('when a run was left RUNNING by a dead process, then the next run marks it FAILED', async () => {
    await EtlRunModel.create({
      _id: 'dead-run',
      status: EtlRunStatus.RUNNING,
      trigger: EtlTrigger.SCHEDULE,
      params: { keyword: 'x', locationName: 'y', radiusMiles: 1, yearsOfExperience: 1, includeRemote: false },
      startedAt: new Date(Date.now() - 3_600_000),
    });
    await LeaseModel.create({
      _id: 'etl',
      owner: 'dead',
      expiresAt: new Date(Date.now() - 1000),
      runId: 'dead-run',
    });
    const run = await runEtl({}, options());
    expect(run.status).toBe(EtlRunStatus.SUCCEEDED);
    const dead = await EtlRunModel.findById('dead-run').lean();
    expect(dead).toMatchObject({ status: EtlRunStatus.FAILED, errors: [expect.stringMatching(/abandoned/)] });
    expect(dead?.finishedAt).toBeInstanceOf(Date);
  });

  it('when parameters are invalid, then nothing is recorded and EtlParamsError names them', async () => {
    await expect(runEtl({ yearsOfExperience: -1, keyword: ' ' }, options())).rejects.toThrow(EtlParamsError);
    await expect(runEtl({ maxPages: 0 }, options())).rejects.toThrow(/maxPages/);
    expect(await EtlRunModel.countDocuments()).toBe(0);
    expect(double.requests).toHaveLength(0);
  });

  it('when remote postings are excluded and a salary floor is set, then only the location search runs and the floor applies', async () => {
    const run = await runEtl({ includeRemote: false, minSalary: 1_000_000 }, options());
    expect(double.requests.filter(onRemoteSearch)).toHaveLength(0);
    expect(double.requests[0].query.RemunerationMinimumAmount).toBe('1000000');
    expect(run).toMatchObject({ status: EtlRunStatus.SUCCEEDED, kept: 0, inserted: 0 });
    expect(run.skippedByReason.map((r) => r.reason)).toContain('not a fit: salary');
  });

  it('when USAJOBS reports 10,000 matches, then the run records the cap warning', async () => {
    double.failNext(1, {
      kind: 'rewrite',
      rewrite: (body) => ({ ...body, SearchResult: { ...body.SearchResult, SearchResultCountAll: 10_000 } }),
    });
    const run = await runEtl({ maxPages: 1, includeRemote: false }, options());
    expect(run.warnings).toEqual([
      expect.stringMatching(/10,000/),
      expect.stringMatching(/^location search stopped early at maxPages 1: read 1 of its \d+ pages/),
    ]);
    expect(run.pagesFetched).toBe(1);
  });

  it('when a posting cannot be parsed, then it is skipped with its reason and the rest are loaded', async () => {
    const broken = structuredClone(data.items[0]) as SearchResultItem;
    broken.MatchedObjectId = '990999999';
    delete (broken.MatchedObjectDescriptor as { PositionTitle?: string }).PositionTitle;
    double.setItems([...data.items, broken]);
    const run = await runEtl({ includeRemote: false }, options());
    expect(run.status).toBe(EtlRunStatus.SUCCEEDED);
    expect(run.skippedByReason).toContainEqual({ reason: 'unparseable: missing PositionTitle', count: 1 });
  });
});
