import 'reflect-metadata';

import { runEtl } from '../../src/etl/run-etl';
import { ErrorCode } from '../../src/graphql/errors';
import { type RunningServer, startHttpServer } from '../../src/http/app';
import { EtlRunModel, EtlRunStatus } from '../../src/models/etl-run.model';
import { JobModel } from '../../src/models/job.model';
import { useTestDatabase } from '../support/db';
import { TEST_ADMIN_TOKEN, testGraphqlDeps } from '../support/graphql-app';
import { silentLogger } from '../support/logger';
import { errorCodes, postRaw, type RawResponse } from '../support/raw-graphql';
import { waitFor } from '../support/service-process';
import { onLocationSearch, startUsajobsDouble, type UsajobsDouble } from '../support/usajobs-double';
import { buildChicagoFixture } from '../support/usajobs-fixtures';
import { doubleEtlOptions } from '../support/usajobs-test-client';

useTestDatabase();

const CALLERS = 10;
const RUN_ETL = { query: 'mutation { runEtl { id status kept inserted } }' };
const JOBS = { query: '{ jobs(first: 100) { totalCount nodes { id positionTitle } } }' };

describe('runEtl over HTTP, many callers at once, with the real ETL', () => {
  const { items, ids } = buildChicagoFixture();
  let double: UsajobsDouble;
  let server: RunningServer;
  let endpoint: string;

  beforeAll(async () => {
    double = await startUsajobsDouble({ items, maxPageSize: 2 });
    const logger = silentLogger();
    // Wired as src/index.ts wires it, with the client pointed at the USAJOBS double.
    server = await startHttpServer(
      testGraphqlDeps({
        logger,
        runEtl: (params) =>
          runEtl(
            params,
            doubleEtlOptions(double, {
              logger,
              leaseTtlMs: 5_000,
              client: { maxAttempts: 2, timeoutMs: 10_000 },
            }),
          ),
      }),
      { host: '127.0.0.1', port: 0 },
    );
    endpoint = `${server.url}/graphql`;
  });
  afterAll(async () => {
    await server.close();
    await double.close();
  });

  it('when 10 admins call runEtl at once, then exactly one run happens, nine get CONFLICT, and jobs keep answering while it loads', async () => {
    // Page 2 of the location search answers late, so the run is loading (page 1 stored) while the others call.
    double.failNext(1, { kind: 'delay', ms: 1_500 }, (r) => onLocationSearch(r) && r.page === 2);
    const admin = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
    const calls = Array.from({ length: CALLERS }, () => postRaw(endpoint, RUN_ETL, admin));

    await waitFor(async () => double.requests.some((r) => onLocationSearch(r) && r.page === 2), 10_000, 10);
    const duringRun: RawResponse[] = [];
    while (!double.requests.some((r) => onLocationSearch(r) && r.page === 3) && duringRun.length < 200) {
      duringRun.push(await postRaw(endpoint, JOBS));
    }
    const answers = await Promise.all(calls);

    expect(duringRun.length).toBeGreaterThan(3);
    for (const response of duringRun) {
      expect(response.status).toBe(200);
      expect(response.json?.errors).toBeUndefined();
    }
    // Page 1 (two postings, not all of which fit) may be stored by then; never more than the run keeps.
    const seen = duringRun.map((r) => (r.json?.data?.jobs as { totalCount: number }).totalCount);
    expect(Math.max(...seen)).toBeLessThanOrEqual(ids.fits.length);

    const succeeded = answers.filter((a) => a.json?.data?.runEtl);
    const conflicts = answers.filter((a) => errorCodes(a).includes(ErrorCode.CONFLICT));
    expect(answers.map((a) => a.status)).toEqual(Array(CALLERS).fill(200));
    expect(succeeded).toHaveLength(1);
    expect(conflicts).toHaveLength(CALLERS - 1);
    const run = succeeded[0]!.json!.data!.runEtl as { id: string; status: string; kept: number };
    expect(run).toMatchObject({ status: EtlRunStatus.SUCCEEDED, kept: ids.fits.length });
    for (const conflict of conflicts) {
      expect(conflict.json!.errors![0]!).toMatchObject({
        message: expect.stringMatching(/already in progress/),
        extensions: { code: ErrorCode.CONFLICT, runningRunId: run.id },
      });
    }

    expect(await EtlRunModel.countDocuments()).toBe(1);
    expect((await JobModel.find({}, { _id: 1 }).lean()).map((j) => j._id).sort()).toEqual(
      [...ids.fits].sort(),
    );
    const after = await postRaw(endpoint, JOBS);
    expect(after.json?.data?.jobs).toMatchObject({ totalCount: ids.fits.length });
  });
});
