import 'reflect-metadata';

import { spawn } from 'node:child_process';

import { EtlRunModel } from '../../src/models/etl-run.model';
import { JobModel } from '../../src/models/job.model';
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

function run(command: string, args: string[], env: Record<string, string>): Promise<CliResult> {
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

/** The one JSON line the CLI prints on stdout: nothing else is there (the project's .npmrc keeps npm quiet). */
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
    const result = await run('npm', ['run', 'etl'], env);
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
    expect(result.stderr).toMatch(/location search page 1\/\d+: fetched/);
    expect(await JobModel.countDocuments()).toBe(ids.fits.length);
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

  it('when credentials are missing, then one clear line says which variable to set, exit code 1', async () => {
    const { USAJOBS_API_KEY: _k, ...noKey } = env;
    const result = await run('node', ['dist/cli/etl.js'], noKey);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/USAJOBS_API_KEY/);
    expect(result.stderr).toMatch(/developer\.usajobs\.gov/);
  });

  it('when an option is unknown or not a number, then it says so with the usage, exits 1 and records nothing', async () => {
    const runsBefore = await EtlRunModel.countDocuments();
    const unknown = await run('node', ['dist/cli/etl.js', '--colour', 'blue'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/Unknown option '--colour'/);
    expect(unknown.stderr).toMatch(/Usage: npm run etl/);
    const notNumber = await run('node', ['dist/cli/etl.js', '--years', 'five'], env);
    expect(notNumber.code).toBe(1);
    expect(notNumber.stderr).toMatch(/--years must be a number/);
    const outOfRange = await run('node', ['dist/cli/etl.js', '--years=-3'], env);
    expect(outOfRange.code).toBe(1);
    expect(outOfRange.stderr).toMatch(/yearsOfExperience/);
    expect(await EtlRunModel.countDocuments()).toBe(runsBefore);
  });
});
