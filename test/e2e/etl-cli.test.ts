import 'reflect-metadata';

import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { acquireLease, type HeldLease } from '../../src/etl/lease';
import { ETL_LEASE } from '../../src/etl/run-etl';
import { DEFAULT_PROFILE } from '../../src/etl/search-profiles';
import { EtlRunModel } from '../../src/models/etl-run.model';
import { JobModel } from '../../src/models/job.model';
import { SearchProfileModel } from '../../src/models/search-profile.model';
import { useTestDatabase } from '../support/db';
import { ROOT } from '../support/service-process';
import {
  DOUBLE_API_KEY,
  DOUBLE_USER_AGENT,
  onLocationSearch,
  startUsajobsDouble,
  type UsajobsDouble,
} from '../support/usajobs-double';
import { buildChicagoFixture } from '../support/usajobs-fixtures';

jest.setTimeout(90_000);

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(
  command: string,
  args: string[],
  env: Record<string, string>,
  cwd: string = ROOT,
): Promise<CliResult> {
  const child = spawn(command, args, {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

/** The one JSON line the CLI prints on stdout: nothing else is there (`npm run -s` leaves npm's banner out). */
function record(stdout: string): Record<string, unknown> {
  const lines = stdout.split('\n').filter((line) => line !== '');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]) as Record<string, unknown>;
}

describe('npm run etl against the USAJOBS test double', () => {
  const db = useTestDatabase();
  let double: UsajobsDouble;
  const { items, ids } = buildChicagoFixture();
  let env: Record<string, string>;

  beforeAll(async () => {
    double = await startUsajobsDouble({ items, maxPageSize: 4 });
    env = {
      MONGO_URI: db.uri(),
      USAJOBS_BASE_URL: double.url,
      USAJOBS_API_KEY: DOUBLE_API_KEY,
      USAJOBS_USER_AGENT: DOUBLE_USER_AGENT,
      USAJOBS_REQUEST_INTERVAL_MS: '0',
      USAJOBS_MAX_ATTEMPTS: '2',
    };
  });
  afterAll(async () => {
    await double.close();
  });

  it('when run through npm, then it prints one JSON run record whose counts match the fixtures, and exits 0', async () => {
    const result = await run('npm', ['run', '-s', 'etl'], env);
    expect(result.code).toBe(0);
    const searched = [...new Set([...ids.nearby, ...ids.remote])].filter((id) => ids.keyword.includes(id));
    expect(record(result.stdout)).toMatchObject({
      id: expect.any(String),
      status: 'SUCCEEDED',
      trigger: 'CLI',
      fetched: searched.length,
      kept: ids.fits.length,
      skipped: searched.length - ids.fits.length,
      inserted: ids.fits.length,
      updated: 0,
      unchanged: 0,
      errors: [],
      params: {
        keyword: 'data engineering',
        locationName: 'Chicago, Illinois',
        radiusMiles: 50,
        yearsOfExperience: 5,
      },
    });
    expect(result.stderr).toMatch(/^location search: page 1\/\d+ of the run, 0\/2 searches done; fetched/m);
    // A normal exit closes the database on purpose: no log line about it, nothing but progress on stderr.
    expect(result.stderr).not.toMatch(/disconnected/);
    expect(
      result.stderr
        .split('\n')
        .filter((line) => line !== '' && !/ search.*: page \d+\/\d+ of the run/.test(line)),
    ).toEqual([]);
    expect(await JobModel.countDocuments()).toBe(ids.fits.length);
  });

  it('when --max-pages stops a search early, then progress shows the real page count of the search and the record warns', async () => {
    const result = await run('node', ['dist/cli/etl.js', '--max-pages', '1', '--no-remote'], env);
    expect(result.code).toBe(0);
    const located = ids.nearby.filter((id) => ids.keyword.includes(id)).length;
    const pages = Math.ceil(located / 4);
    expect(pages).toBeGreaterThan(1);
    expect(result.stderr).toContain(
      `location search (stopping after page 1 of ${pages}: --max-pages): page 1/1 of the run, 1/1 searches done; fetched 4,`,
    );
    expect(record(result.stdout)).toMatchObject({
      status: 'SUCCEEDED',
      fetched: 4,
      warnings: [
        `location search stopped early at maxPages 1: read 1 of its ${pages} pages (${located} results matched)`,
      ],
    });
  });

  it('when options narrow the profile, then the record shows them and the re-run finds nothing new', async () => {
    const result = await run(
      'node',
      ['dist/cli/etl.js', '--no-remote', '--years', '8', '--radius', '25', '--max-pages', '3'],
      env,
    );
    expect(result.code).toBe(0);
    const parsed = record(result.stdout);
    expect(parsed.params).toMatchObject({
      includeRemote: false,
      yearsOfExperience: 8,
      radiusMiles: 25,
      maxPages: 3,
    });
    expect(parsed).toMatchObject({ status: 'SUCCEEDED', updated: 0 });
  });

  it('when --profile names a saved search, then only it runs; with a search option too, or an unknown name, nothing runs', async () => {
    await SearchProfileModel.create({
      name: 'remote data engineering',
      keyword: 'data engineering',
      locationName: null,
      radiusMiles: 0,
      includeRemote: true,
      yearsOfExperience: 5,
    });
    const result = await run('node', ['dist/cli/etl.js', '--profile', 'remote data engineering'], env);
    expect(result.stderr).not.toMatch(/^etl:/m);
    expect(result.code).toBe(0);
    const parsed = record(result.stdout);
    expect(parsed).toMatchObject({
      status: 'SUCCEEDED',
      profiles: [expect.objectContaining({ name: 'remote data engineering', complete: true })],
      searches: [expect.objectContaining({ query: 'keyword=data engineering', complete: true })],
    });
    expect(result.stderr).toMatch(/^anywhere search: page 1\//m);

    const runsBefore = await EtlRunModel.countDocuments();
    const mixed = await run('node', ['dist/cli/etl.js', '--profile', 'x', '--years', '3'], env);
    expect(mixed.code).toBe(1);
    expect(mixed.stderr.split('\n')[0]).toBe('etl: --profile runs a saved search as saved: drop --years');
    const unknown = await run('node', ['dist/cli/etl.js', '--profile', 'no such search'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('etl: No search profile has the id or name "no such search"\n');
    expect(await EtlRunModel.countDocuments()).toBe(runsBefore);
    await SearchProfileModel.deleteOne({ name: 'remote data engineering' });
  });

  it('when --scheduled runs (as the Kubernetes CronJob does), then one SCHEDULE run covers every enabled saved search; while a run holds the lease it is skipped with exit 0', async () => {
    await SearchProfileModel.deleteMany({});
    await SearchProfileModel.create([
      { ...DEFAULT_PROFILE },
      {
        ...DEFAULT_PROFILE,
        name: 'senior data engineering near Chicago',
        includeRemote: false,
        yearsOfExperience: 8,
      },
      { ...DEFAULT_PROFILE, name: 'switched off', keyword: 'statistics', enabled: false },
    ]);
    const result = await run('node', ['dist/cli/etl.js', '--scheduled'], env);
    expect(result.stderr).not.toMatch(/^etl:/m);
    expect(result.code).toBe(0);
    const parsed = record(result.stdout) as { profiles: { name: string }[] };
    expect(parsed).toMatchObject({ status: 'SUCCEEDED', trigger: 'SCHEDULE' });
    expect(parsed.profiles.map((profile) => profile.name).sort()).toEqual([
      'data engineering near Chicago',
      'senior data engineering near Chicago',
    ]);

    const held = (await acquireLease(ETL_LEASE, 60_000, 'api-run')) as HeldLease;
    try {
      const runsBefore = await EtlRunModel.countDocuments();
      const skipped = await run('node', ['dist/cli/etl.js', '--scheduled'], env);
      expect(skipped.code).toBe(0);
      expect(record(skipped.stdout)).toEqual({
        skipped: 'An ETL run is already in progress (run api-run); try again when it ends',
      });
      expect(skipped.stderr).toMatch(/^etl: scheduled run skipped: /m);
      expect(await EtlRunModel.countDocuments()).toBe(runsBefore);
    } finally {
      await held.release();
      await SearchProfileModel.deleteMany({});
    }
  });

  it('when a page keeps failing, then the run is PARTIAL and the exit code is 2', async () => {
    double.failNext(10, { kind: 'status', status: 503 }, (r) => onLocationSearch(r) && r.page === 2);
    const result = await run('node', ['dist/cli/etl.js'], env);
    double.clearFaults();
    expect(record(result.stdout)).toMatchObject({ status: 'PARTIAL' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/error: location search/);
  });

  it('when the key is wrong, then the run is FAILED, exit code 1, and the key is not printed', async () => {
    const result = await run('node', ['dist/cli/etl.js'], {
      ...env,
      USAJOBS_API_KEY: 'definitely-wrong-key',
    });
    expect(result.code).toBe(1);
    expect(record(result.stdout)).toMatchObject({ status: 'FAILED' });
    expect(result.stdout + result.stderr).not.toContain('definitely-wrong-key');
  });

  it('when credentials are missing, then one line says which variable to set, exit 1, and no run is recorded', async () => {
    const runsBefore = await EtlRunModel.countDocuments();
    const { USAJOBS_API_KEY: _k, ...noKey } = env;
    const result = await run('node', ['dist/cli/etl.js'], noKey);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /^etl: USAJOBS credentials missing: set USAJOBS_API_KEY .*developer\.usajobs\.gov\S*\n$/,
    );
    expect(await EtlRunModel.countDocuments()).toBe(runsBefore);
  });

  describe('when the command line is wrong, then the first line says what, the usage follows, exit 1', () => {
    // An unreachable database: a CLI that touched it before checking its options would hang, then say so.
    const early = (): Record<string, string> => ({ ...env, MONGO_URI: 'mongodb://127.0.0.1:9/never' });
    it.each([
      [['--colour', 'blue'], 'unknown option --colour'],
      [['--years', 'five'], '--years must be a number, got "five"'],
      [['--years', '1.5'], '--years must be a whole number from 0 to 60, got "1.5"'],
      [['--years=-3'], '--years must be a whole number from 0 to 60, got "-3"'],
      [['--radius', '-5'], '--radius must be a whole number from 0 to 500, got "-5"'],
      [
        ['--radius=-5', '--max-pages', '0'],
        '--radius must be a whole number from 0 to 500, got "-5"; --max-pages',
      ],
      [['--keyword', '--location', 'Denver'], '--keyword needs a value'],
      [['--keyword', '   '], '--keyword must not be empty'],
      [['--no-remote=yes'], '--no-remote takes no value'],
      [['Chicago'], 'unexpected argument "Chicago"'],
    ])('%j: %s', async (args, message) => {
      const result = await run('node', ['dist/cli/etl.js', ...args], early());
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      const [first, blank, usage] = result.stderr.split('\n');
      expect(first).toContain(`etl: ${message}`);
      expect([blank, usage]).toEqual(['', 'Usage: npm run etl -- [options]']);
    });

    it('through npm as a new user types it, and nothing is recorded', async () => {
      const runsBefore = await EtlRunModel.countDocuments();
      const result = await run('npm', ['run', 'etl', '--', '--years', '1.5'], env);
      expect(result.code).toBe(1);
      // npm's banner goes to stdout; the CLI's stderr starts with its one line.
      expect(result.stderr).toMatch(
        /^etl: --years must be a whole number from 0 to 60, got "1\.5"\n\nUsage:/,
      );
      expect(result.stderr).not.toMatch(/disconnected|yearsOfExperience/);
      expect(await EtlRunModel.countDocuments()).toBe(runsBefore);
    });
  });

  it('when asked for help, then the usage goes to stdout with the defaults the ETL uses, exit 0', async () => {
    const result = await run('node', ['dist/cli/etl.js', '--help'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: npm run etl -- \[options\]/);
    expect(result.stdout).toMatch(/--years N .*\(default 5 -> GS-11\.\.13\)/);
    expect(result.stdout).toMatch(/--location L .*\(default "Chicago, Illinois"\)/);
  });
});

describe("npm's own errors (nothing in the project silences them)", () => {
  it('when a script name is mistyped, then npm says it is missing and exits non-zero', async () => {
    const result = await run('npm', ['run', 'buidl'], {});
    expect(result.code).not.toBe(0);
    expect(result.stderr.split('\n')[0]).toBe('npm error Missing script: "buidl"');
  });

  it('when npm ci fails, then it says why', async () => {
    // A copy of the project's npm settings with a broken package.json: npm ci stops before it downloads anything.
    const dir = mkdtempSync(path.join(tmpdir(), 'job-tracker-npm-ci-'));
    try {
      if (existsSync(path.join(ROOT, '.npmrc')))
        copyFileSync(path.join(ROOT, '.npmrc'), path.join(dir, '.npmrc'));
      writeFileSync(path.join(dir, 'package.json'), '{ "name": "probe", "version": "1.0.0", }');
      writeFileSync(
        path.join(dir, 'package-lock.json'),
        '{ "name": "probe", "lockfileVersion": 3, "packages": {} }',
      );
      const offline = { npm_config_offline: 'true', npm_config_registry: 'http://127.0.0.1:9/' };
      const result = await run('npm', ['ci'], offline, dir);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toMatch(/^npm error .*Invalid package\.json/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
