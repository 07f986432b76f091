import 'reflect-metadata';

import { runEtl } from '../../src/etl/run-etl';
import { ErrorCode } from '../../src/graphql/errors';
import { type RunningServer, startHttpServer } from '../../src/http/app';
import { DataVersionModel } from '../../src/models/data-version.model';
import { EtlRunModel, EtlRunStatus } from '../../src/models/etl-run.model';
import { useTestDatabase } from '../support/db';
import { TEST_ADMIN_TOKEN, testGraphqlDeps } from '../support/graphql-app';
import { captureLogger } from '../support/logger';
import { errorCodes, postRaw, type RawResponse } from '../support/raw-graphql';
import { DOUBLE_API_KEY, startUsajobsDouble, type UsajobsDouble } from '../support/usajobs-double';
import { buildChicagoFixture } from '../support/usajobs-fixtures';
import { doubleEtlOptions } from '../support/usajobs-test-client';

useTestDatabase();

const WRONG_TOKEN = 'not-the-admin-token-but-long-enough';
const RUN_ETL = { query: 'mutation { runEtl(params: { maxPages: 2 }) { id status errors } }' };
const WIPE = { query: 'mutation { wipe(confirm: true) { deletedCount } }' };

describe('secrets stay out of logs, answers and run records', () => {
  const log = captureLogger('trace');
  const answers: RawResponse[] = [];
  let double: UsajobsDouble;
  let server: RunningServer;
  let endpoint: string;

  beforeAll(async () => {
    double = await startUsajobsDouble({ items: buildChicagoFixture().items, maxPageSize: 3 });
    const { logger } = log;
    server = await startHttpServer(
      testGraphqlDeps({
        logger,
        runEtl: (params) =>
          runEtl(
            params,
            doubleEtlOptions(double, {
              logger,
              client: { maxAttempts: 2, timeoutMs: 2_000, sleep: async () => undefined },
            }),
          ),
      }),
      { host: '127.0.0.1', port: 0 },
    );
    endpoint = `${server.url}/graphql`;
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await server.close();
    await double.close();
  });

  const send = async (body: unknown, token?: string): Promise<RawResponse> => {
    const response = await postRaw(
      endpoint,
      body,
      token === undefined ? {} : { authorization: `Bearer ${token}` },
    );
    answers.push(response);
    return response;
  };

  it('when an admin mutation comes without a token or with a wrong one, then UNAUTHENTICATED', async () => {
    expect(errorCodes(await send(WIPE))).toEqual([ErrorCode.UNAUTHENTICATED]);
    expect(errorCodes(await send(WIPE, WRONG_TOKEN))).toEqual([ErrorCode.UNAUTHENTICATED]);
    expect(errorCodes(await send(RUN_ETL, WRONG_TOKEN))).toEqual([ErrorCode.UNAUTHENTICATED]);
  });

  it('when an unexpected error happens, then the client sees it masked and it is logged', async () => {
    // The first database read of every jobs query (on MongoDB and FerretDB alike) is its data version.
    jest.spyOn(DataVersionModel.collection, 'findOne').mockImplementationOnce(() => {
      throw new TypeError('cannot read the count');
    });
    // A filter of its own, so the read is not served from the job-read cache.
    const response = await send(
      { query: '{ jobs(filter: { keyword: "count" }) { totalCount } }' },
      TEST_ADMIN_TOKEN,
    );
    expect(errorCodes(response)).toEqual([ErrorCode.INTERNAL_SERVER_ERROR]);
    expect(log.text()).toContain('cannot read the count');
  });

  it('when the admin runs the ETL with the USAJOBS key, through success, a dropped connection and a 401, then the runs are recorded', async () => {
    const ok = await send(RUN_ETL, TEST_ADMIN_TOKEN);
    expect(ok.json?.data?.runEtl).toMatchObject({ status: EtlRunStatus.SUCCEEDED });
    expect(double.requests[0]!.headers['authorization-key']).toBe(DOUBLE_API_KEY);

    double.failNext(2, { kind: 'drop' });
    const dropped = await send(RUN_ETL, TEST_ADMIN_TOKEN);
    // The location search gives up; the remote search may still succeed.
    const droppedRun = dropped.json?.data?.runEtl as { status: string; errors: string[] };
    expect([EtlRunStatus.FAILED, EtlRunStatus.PARTIAL]).toContain(droppedRun.status);
    expect(droppedRun.errors.join('\n')).toMatch(/UPSTREAM_UNAVAILABLE|socket|connection|aborted|hang up/i);

    double.failNext(1, { kind: 'status', status: 401 });
    const refused = await send(RUN_ETL, TEST_ADMIN_TOKEN);
    expect(refused.json?.data?.runEtl).toMatchObject({ status: EtlRunStatus.FAILED });

    expect(errorCodes(await send(WIPE, TEST_ADMIN_TOKEN))).toEqual([]);
    expect(await EtlRunModel.countDocuments()).toBe(3);
  });

  it('when everything above is done, then neither the admin token, nor a presented token, nor the USAJOBS key appears anywhere', async () => {
    const runs = JSON.stringify(await EtlRunModel.find().lean());
    const bodies = answers.map((a) => a.text).join('\n');
    const logs = log.text();
    // The paths that log whole error objects (with their causes) were all taken.
    expect(logs).toContain('cannot read the count');
    expect(logs).toContain('USAJOBS request failed; retrying');
    expect(logs).toContain('USAJOBS rejected the credentials');
    for (const secret of [TEST_ADMIN_TOKEN, WRONG_TOKEN, DOUBLE_API_KEY]) {
      expect(logs).not.toContain(secret);
      expect(bodies).not.toContain(secret);
      expect(runs).not.toContain(secret);
    }
  });
});
