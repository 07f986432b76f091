import 'reflect-metadata';

import { runEtl, type RunEtlOptions } from '../../src/etl/run-etl';
import type { Logger } from '../../src/logger';
import { EtlRunModel, EtlRunStatus } from '../../src/models/etl-run.model';
import { JobModel } from '../../src/models/job.model';
import { LeaseModel } from '../../src/models/lease.model';
import { type UsajobsClientOptions } from '../../src/usajobs/usajobs.client';
import { useTestDatabase } from '../support/db';
import { captureLogger } from '../support/logger';
import { onLocationSearch, startUsajobsDouble, type UsajobsDouble } from '../support/usajobs-double';
import { buildChicagoFixture, generateItems } from '../support/usajobs-fixtures';
import { doubleEtlOptions } from '../support/usajobs-test-client';

/** Upstream faults end in a correct run status, in bounded time, with clear errors, losing nothing stored. */
describe('ETL runs under USAJOBS faults', () => {
  useTestDatabase();
  let double: UsajobsDouble;
  const { items, ids } = buildChicagoFixture();
  let sleeps: number[];

  const options = (
    client: Partial<UsajobsClientOptions> = {},
    overrides: Partial<RunEtlOptions> = {},
  ): RunEtlOptions =>
    doubleEtlOptions(double, {
      client: { maxAttempts: 4, timeoutMs: 300, sleep: async (ms) => void sleeps.push(ms), ...client },
      ...overrides,
    });

  /** Runs once cleanly so that every fault test starts from stored jobs it must not lose. */
  async function seed(): Promise<string[]> {
    const run = await runEtl({}, options());
    expect(run.status).toBe(EtlRunStatus.SUCCEEDED);
    return (await JobModel.find({}, { _id: 1 }).sort({ _id: 1 }).lean()).map((job) => job._id);
  }

  async function storedIds(): Promise<string[]> {
    return (await JobModel.find({}, { _id: 1 }).sort({ _id: 1 }).lean()).map((job) => job._id);
  }

  beforeEach(async () => {
    sleeps = [];
    double = await startUsajobsDouble({ items, maxPageSize: 3 });
    await Promise.all([JobModel.deleteMany({}), EtlRunModel.deleteMany({}), LeaseModel.deleteMany({})]);
  });
  afterEach(async () => {
    await double.close();
  });

  it('when a 429 storm answers every request with Retry-After before letting it through, then the run waits as told and succeeds', async () => {
    // Every page is refused three times before it is served.
    const key = (r: { page: number; query: Record<string, string> }): string =>
      `${r.query.RemoteIndicator}:${r.page}`;
    double.failNext(
      1_000,
      { kind: 'status', status: 429, retryAfter: '7' },
      (r) => double.requests.filter((x) => x !== r && key(x) === key(r)).length < 3,
    );
    const run = await runEtl({}, options());
    expect(run).toMatchObject({ status: EtlRunStatus.SUCCEEDED, kept: ids.fits.length, errors: [] });
    const waits = sleeps.filter((ms) => ms === 7_000);
    expect(waits.length).toBe(double.requests.filter((r) => r.fault).length);
    expect(waits.length).toBeGreaterThanOrEqual(3);
  });

  it('when the 429 storm outlasts the attempts, then the run ends FAILED having waited only as told, and says the upstream was unavailable', async () => {
    const before = await seed();
    const asked = double.requests.length;
    sleeps = [];
    double.failNext(1_000, { kind: 'status', status: 429, retryAfter: '1' });
    const run = await runEtl({}, options());
    expect(run.status).toBe(EtlRunStatus.FAILED);
    expect(run.errors).toHaveLength(2);
    expect(run.errors.every((e) => /HTTP 429/.test(e) && /after 4 attempt/.test(e))).toBe(true);
    // Page 1 of each search, 4 attempts each, and between attempts the 1 s Retry-After: 6 s of waiting in all.
    expect(double.requests.length - asked).toBe(8);
    expect(sleeps).toEqual(Array<number>(6).fill(1_000));
    expect(await storedIds()).toEqual(before);
  });

  it('when the server never answers, then each request gives up at the client timeout after its attempts and the run ends FAILED', async () => {
    const before = await seed();
    const asked = double.requests.length;
    // Answers would come long after the test's own timeout: the run can only end by the client giving up.
    double.failNext(1_000, { kind: 'delay', ms: 3_600_000 });
    const run = await runEtl({}, options({ maxAttempts: 2, timeoutMs: 200 }));
    expect(run.status).toBe(EtlRunStatus.FAILED);
    expect(run.errors).toEqual([
      expect.stringMatching(
        /^location search: .*page 1 failed after 2 attempt\(s\); last: timed out after 200 ms$/,
      ),
      expect.stringMatching(
        /^remote search: .*page 1 failed after 2 attempt\(s\); last: timed out after 200 ms$/,
      ),
    ]);
    expect(double.requests.length - asked).toBe(4);
    expect(await storedIds()).toEqual(before);
  });

  it.each([
    ['malformed JSON', { kind: 'malformed' } as const],
    ['truncated JSON', { kind: 'truncated' } as const],
    ['an empty 200', { kind: 'empty' } as const],
    ['a connection dropped mid-body', { kind: 'drop' } as const],
  ])('when USAJOBS sends %s once, then the request is retried and the run succeeds', async (_name, fault) => {
    double.failNext(1, fault, (r) => onLocationSearch(r) && r.page === 2);
    const run = await runEtl({}, options());
    expect(run).toMatchObject({ status: EtlRunStatus.SUCCEEDED, inserted: ids.fits.length, errors: [] });
  });

  it.each([
    ['malformed JSON', { kind: 'malformed' } as const, /unreadable JSON/],
    ['truncated JSON', { kind: 'truncated' } as const, /unreadable JSON|connection error/],
    ['a connection dropped mid-body', { kind: 'drop' } as const, /connection error|unreadable JSON/],
  ])(
    'when USAJOBS keeps sending %s on one page, then the run is PARTIAL with a clear error and loses nothing',
    async (_name, fault, pattern) => {
      const before = await seed();
      double.failNext(1_000, fault, (r) => onLocationSearch(r) && r.page === 2);
      const run = await runEtl({}, options());
      expect(run.status).toBe(EtlRunStatus.PARTIAL);
      expect(run.errors).toHaveLength(1);
      expect(run.errors[0]).toMatch(pattern);
      expect(run.errors[0]).toMatch(/page 2/);
      expect(await storedIds()).toEqual(before);
    },
  );

  it('when a page is larger than the body limit, then it fails at once without retries and the rest of the run goes on', async () => {
    const before = await seed();
    const run = await runEtl({}, options({ maxResponseBytes: 64 * 1024 }));
    // Chicago fixture pages carry real 2025 items of about 25 KB each: pages of three exceed 64 KiB.
    expect(run.status).toBe(EtlRunStatus.FAILED);
    expect(run.errors.join('\n')).toMatch(/larger than 65536 bytes/);
    expect(sleeps).toEqual([]);
    expect(await storedIds()).toEqual(before);
  });

  it('when the server sends more items per page than asked, then every item is still read once', async () => {
    const many = generateItems(1_200, { seed: 7 });
    double.setItems(many);
    await double.close();
    double = await startUsajobsDouble({ items: many, maxPageSize: 500 });
    // Ask for 500; a server that ignores ResultsPerPage sends 700 on page 1 and the rest on page 2.
    double.failNext(1, {
      kind: 'rewrite',
      rewrite: (body) => ({
        ...body,
        SearchResult: { ...body.SearchResult, SearchResultCount: 700, SearchResultItems: many.slice(0, 700) },
      }),
    });
    // Pages of 500-700 generated postings: the fault tests' 300 ms client timeout is too short for them on a busy
    // machine, and a timeout is not what this test is about.
    const run = await runEtl(
      { keyword: 'data', includeRemote: false, yearsOfExperience: 5 },
      options({ timeoutMs: 30_000 }),
    );
    expect(run.status).toBe(EtlRunStatus.SUCCEEDED);
    expect(run.fetched).toBeGreaterThanOrEqual(run.kept + run.skipped);
  });

  it('when ten runs are started at once, then exactly one runs and nine get CONFLICT', async () => {
    double.failNext(1, { kind: 'delay', ms: 250 });
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => runEtl({}, options())));
    const conflicts = results.filter(
      (r) => r.status === 'rejected' && (r.reason as { code?: string }).code === 'CONFLICT',
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(conflicts).toHaveLength(9);
    expect(await EtlRunModel.countDocuments()).toBe(1);
  });

  it('when a run retries, fails on credentials and logs at debug level, then the API key appears in no log line, error or run record', async () => {
    const secret = 'sk-live-SECRET-usajobs-key-4242';
    const captured = captureLogger('trace');
    const logger: Logger = captured.logger;
    double.failNext(2, { kind: 'status', status: 503 });
    const run = await runEtl({}, options({ apiKey: secret, logger }, { logger }));
    expect(run.status).toBe(EtlRunStatus.FAILED);
    const stored = await EtlRunModel.findById(run._id).lean();
    expect(captured.lines.length).toBeGreaterThan(2);
    for (const text of [captured.text(), JSON.stringify(run), JSON.stringify(stored)]) {
      expect(text).not.toContain(secret);
    }
    expect(double.requests.some((r) => r.headers['authorization-key'] === secret)).toBe(true);
  });
});
