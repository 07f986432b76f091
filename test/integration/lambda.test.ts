import 'reflect-metadata';

import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

import type { APIGatewayProxyEventV2, Context, ScheduledEvent } from 'aws-lambda';
import mongoose from 'mongoose';

import { DEFAULTS, loadConfig } from '../../src/config';
import { disconnect } from '../../src/db/connection';
import { acquireLease, type HeldLease } from '../../src/etl/lease';
import { ETL_LEASE } from '../../src/etl/run-etl';
import { createSearchProfile, DEFAULT_PROFILE } from '../../src/etl/search-profiles';
import {
  createLambdaHandlers,
  GRAPHQL_ANSWER_MARGIN_MS,
  GRAPHQL_DIGEST_LIMITS,
  graphqlDigestConfig,
  type LambdaHandlers,
} from '../../src/lambda';
import { EtlRunModel, EtlRunStatus, EtlTrigger } from '../../src/models/etl-run.model';
import { JobModel } from '../../src/models/job.model';
import { ScheduleTickModel } from '../../src/models/schedule-tick.model';
import { SearchProfileModel } from '../../src/models/search-profile.model';
import { testMongoUri, withDbName } from '../support/db';
import { TEST_ADMIN_TOKEN } from '../support/graphql-app';
import { captureLogger } from '../support/logger';
import {
  DOUBLE_API_KEY,
  DOUBLE_USER_AGENT,
  startUsajobsDouble,
  type UsajobsDouble,
} from '../support/usajobs-double';
import { buildChicagoFixture } from '../support/usajobs-fixtures';

jest.setTimeout(60_000);

const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'aws');

/**
 * What EventBridge sends a rule's target on a schedule (template.yaml: `Type: Schedule`).
 *
 * @param time - the scheduled time instead of the captured one (a later tick of the same rule)
 */
function scheduledEvent(time?: string): ScheduledEvent {
  const event = JSON.parse(
    readFileSync(path.join(FIXTURES, 'eventbridge-scheduled-event.json'), 'utf8'),
  ) as ScheduledEvent;
  if (time !== undefined) {
    event.time = time;
    event.id = `${event.id.slice(0, -12)}${time.replace(/\D/g, '').slice(-12)}`;
  }
  return event;
}

/** What an API Gateway HTTP API (payload format 2.0) sends for `POST /graphql`, with this body and these headers. */
function httpApiEvent(body: string, headers: Record<string, string> = {}): APIGatewayProxyEventV2 {
  const event = JSON.parse(
    readFileSync(path.join(FIXTURES, 'apigateway-http-v2-post-graphql.json'), 'utf8'),
  ) as APIGatewayProxyEventV2;
  event.body = body;
  event.headers = {
    ...event.headers,
    'content-length': String(Buffer.byteLength(body)),
    ...headers,
  };
  return event;
}

function graphqlEvent(query: string, headers: Record<string, string> = {}): APIGatewayProxyEventV2 {
  return httpApiEvent(JSON.stringify({ query }), headers);
}

/** The Lambda context the runtime passes (the handlers read none of it, the integration passes it on). */
function lambdaContext(functionName: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: randomBytes(16).toString('hex'),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: '2025/06/02/[$LATEST]0123456789abcdef',
    getRemainingTimeInMillis: () => 29_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

const GRAPHQL_CONTEXT = lambdaContext('job-tracker-GraphqlFunction');

/** The environment template.yaml gives the functions: production, a MongoDB URI, the USAJOBS double's key. */
function lambdaEnv(dbName: string, double: UsajobsDouble): Record<string, string> {
  return {
    NODE_ENV: 'production',
    MONGO_URI: withDbName(testMongoUri(), dbName),
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    USAJOBS_BASE_URL: double.url,
    USAJOBS_API_KEY: DOUBLE_API_KEY,
    USAJOBS_USER_AGENT: DOUBLE_USER_AGENT,
    USAJOBS_REQUEST_INTERVAL_MS: '0',
  };
}

describe('the Lambda handlers against the test database and the USAJOBS double', () => {
  const dbName = `t_lambda_${randomBytes(3).toString('hex')}`;
  const log = captureLogger('info');
  const fixture = buildChicagoFixture();
  let double: UsajobsDouble;
  let lambda: LambdaHandlers;
  let connections = 0;
  const countConnection = (): void => {
    connections += 1;
  };

  beforeAll(async () => {
    double = await startUsajobsDouble({ items: fixture.items, maxPageSize: 4 });
    mongoose.connection.on('connected', countConnection);
    // As template.yaml configures the functions: production, a MongoDB URI, the key from a secret.
    lambda = createLambdaHandlers({
      env: lambdaEnv(dbName, double),
      logger: log.logger,
    });
  });
  afterAll(async () => {
    mongoose.connection.off('connected', countConnection);
    await mongoose.connection.db?.dropDatabase();
    await disconnect();
    await double.close();
  });

  it('when EventBridge sends a Scheduled Event, then one SCHEDULE run loads the fitting jobs and its record is returned', async () => {
    const result = await lambda.etlHandler(scheduledEvent(), lambdaContext('job-tracker-EtlFunction'));

    expect(result).toMatchObject({
      status: EtlRunStatus.SUCCEEDED,
      trigger: EtlTrigger.SCHEDULE,
      kept: fixture.ids.fits.length,
      inserted: fixture.ids.fits.length,
      errors: [],
    });
    expect(result).not.toHaveProperty('_id');
    expect(result).not.toHaveProperty('owner');
    const stored = await EtlRunModel.findById((result as { id: string }).id).lean();
    expect(stored).toMatchObject({ status: EtlRunStatus.SUCCEEDED, trigger: EtlTrigger.SCHEDULE });
    expect((await JobModel.find({}, { _id: 1 }).lean()).map((job) => job._id).sort()).toEqual(
      [...fixture.ids.fits].sort(),
    );
    expect(double.requests.length).toBeGreaterThan(0);
    expect(log.lines.find((line) => line.msg === 'ETL run started')).toMatchObject({
      eventId: scheduledEvent().id,
      scheduledAt: scheduledEvent().time,
    });
  });

  it('when API Gateway sends POST /graphql, then the API answers from the same database', async () => {
    const response = await lambda.graphqlHandler(
      graphqlEvent(
        '{ jobs(filter: { openOnly: false }) { totalCount } etlRuns(first: 5) { trigger status } }',
      ),
      GRAPHQL_CONTEXT,
    );

    expect(response.statusCode).toBe(200);
    expect(response.headers?.['content-type']).toMatch(/^application\/(graphql-response\+)?json/);
    expect(JSON.parse(response.body!)).toEqual({
      data: {
        jobs: { totalCount: fixture.ids.fits.length },
        etlRuns: [{ trigger: EtlTrigger.SCHEDULE, status: EtlRunStatus.SUCCEEDED }],
      },
    });
  });

  it('when an admin mutation comes without the token, then UNAUTHENTICATED; with it, then it runs', async () => {
    const mutation = 'mutation { wipe(confirm: true) { deletedCount } }';
    const anonymous = await lambda.graphqlHandler(graphqlEvent(mutation), GRAPHQL_CONTEXT);
    expect(JSON.parse(anonymous.body!)).toMatchObject({
      data: null,
      errors: [{ extensions: { code: 'UNAUTHENTICATED' } }],
    });
    expect(await JobModel.countDocuments()).toBe(fixture.ids.fits.length);

    const admin = await lambda.graphqlHandler(
      graphqlEvent(mutation, { authorization: `Bearer ${TEST_ADMIN_TOKEN}` }),
      GRAPHQL_CONTEXT,
    );
    expect(JSON.parse(admin.body!)).toEqual({ data: { wipe: { deletedCount: fixture.ids.fits.length } } });
    expect(await JobModel.countDocuments()).toBe(0);
  });

  it('when the body is not JSON or larger than 100 kb, then a GraphQL-shaped 4xx without internals', async () => {
    const broken = await lambda.graphqlHandler(httpApiEvent('{"query": '), GRAPHQL_CONTEXT);
    expect(broken.statusCode).toBe(400);
    expect(JSON.parse(broken.body!)).toEqual({
      errors: [{ message: 'Request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }],
    });

    const huge = await lambda.graphqlHandler(
      httpApiEvent(JSON.stringify({ query: `{ jobs { totalCount } } #${'x'.repeat(110_000)}` })),
      GRAPHQL_CONTEXT,
    );
    expect(huge.statusCode).toBe(413);
    expect(JSON.parse(huge.body!)).toMatchObject({ errors: [{ extensions: { code: 'BAD_REQUEST' } }] });

    const invalid = await lambda.graphqlHandler(graphqlEvent('{ jobs { nope } }'), GRAPHQL_CONTEXT);
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).not.toMatch(/stacktrace|node_modules|\bat \w/);
  });

  it('when a run holds the lease, then a scheduled event is skipped and logged, not failed', async () => {
    const held = (await acquireLease(ETL_LEASE, 60_000, 'run-in-progress')) as HeldLease;
    try {
      const runsBefore = await EtlRunModel.countDocuments();
      const result = await lambda.etlHandler(scheduledEvent('2025-06-03T11:00:00Z'));
      expect(result).toEqual({
        skipped: expect.stringMatching(/already in progress \(run run-in-progress\)/),
      });
      expect(await EtlRunModel.countDocuments()).toBe(runsBefore);
      expect(log.lines.some((line) => line.msg === 'scheduled ETL skipped: a run is in progress')).toBe(true);
    } finally {
      await held.release();
    }
  });

  it('when two saved searches are enabled, then the scheduled run covers both in one run, with counts per profile', async () => {
    await createSearchProfile({
      ...DEFAULT_PROFILE,
      name: 'senior data engineering near Chicago',
      includeRemote: false,
      yearsOfExperience: 8,
    });
    const names = (await SearchProfileModel.find().lean()).map((profile) => profile.name).sort();
    expect(names).toHaveLength(2);

    const result = await lambda.etlHandler(scheduledEvent('2025-06-04T11:00:00Z'));

    expect(result).toMatchObject({ status: EtlRunStatus.SUCCEEDED, trigger: EtlTrigger.SCHEDULE });
    const { profiles } = result as { profiles: { name: string; found: number; matched: number }[] };
    expect(profiles.map((profile) => profile.name).sort()).toEqual(names);
    expect(profiles.every((profile) => profile.found > 0)).toBe(true);
    const stored = await EtlRunModel.findById((result as { id: string }).id).lean();
    expect(stored?.profiles.map((profile) => profile.name).sort()).toEqual(names);
  });

  it('when EventBridge delivers the same scheduled event twice, at once and again later, then it runs once and the repeats are skipped', async () => {
    const event = scheduledEvent('2025-06-05T11:00:00Z');
    const [first, second] = await Promise.all([lambda.etlHandler(event), lambda.etlHandler(event)]);
    const late = await lambda.etlHandler(event);

    const results = [first, second, late];
    const ran = results.filter((result) => 'status' in result);
    expect(ran).toEqual([expect.objectContaining({ status: EtlRunStatus.SUCCEEDED })]);
    expect(results.filter((result) => !('status' in result))).toEqual([
      { skipped: 'The run scheduled for 2025-06-05T11:00:00.000Z was already started' },
      { skipped: 'The run scheduled for 2025-06-05T11:00:00.000Z was already started' },
    ]);
    const scheduledFor = new Date(event.time);
    expect(await EtlRunModel.countDocuments({ scheduledFor })).toBe(1);
    expect(await ScheduleTickModel.findOne({ tick: scheduledFor }).lean()).toMatchObject({
      runId: (ran[0] as { id: string }).id,
    });
  });

  it('when warm invocations of both handlers follow, then they share the one database connection', () => {
    // Every test above invoked a handler of the same pair: one connect in all.
    expect(connections).toBe(1);
  });
});

describe('the GraphQL Lambda handler with digests to a receiver that is down', () => {
  const dbName = `t_lambda_digest_${randomBytes(3).toString('hex')}`;
  const log = captureLogger('info');
  const fixture = buildChicagoFixture();
  let double: UsajobsDouble;
  let lambda: LambdaHandlers;

  beforeAll(async () => {
    double = await startUsajobsDouble({ items: fixture.items, maxPageSize: 4 });
    // A loopback port nobody listens on: every delivery is refused at once.
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    lambda = createLambdaHandlers({
      env: {
        ...lambdaEnv(dbName, double),
        DIGEST_WEBHOOK_URL: `http://127.0.0.1:${port}/digest`,
        DIGEST_WEBHOOK_SECRET: 'a-secret-of-sixteen-chars',
        // Far past API Gateway's 30 s if the GraphQL function took them as they are.
        DIGEST_MAX_ATTEMPTS: '5',
        DIGEST_TIMEOUT_MS: '60000',
      },
      logger: log.logger,
    });
  });
  afterAll(async () => {
    await mongoose.connection.db?.dropDatabase();
    await disconnect();
    await double.close();
  });

  it('when the digest limits are configured past API Gateway, then the GraphQL function caps them within its 29 s', () => {
    const config = loadConfig({ DIGEST_MAX_ATTEMPTS: '10', DIGEST_TIMEOUT_MS: '120000' });
    const capped = graphqlDigestConfig(config);
    const pauses = Array.from(
      { length: capped.DIGEST_MAX_ATTEMPTS - 1 },
      (_, i) => DEFAULTS.digestRetryDelayMs * 2 ** i * 1.2,
    ).reduce((sum, pause) => sum + pause, 0);
    expect(capped.DIGEST_MAX_ATTEMPTS * capped.DIGEST_TIMEOUT_MS + pauses).toBeLessThanOrEqual(10_000);
    expect(
      graphqlDigestConfig(loadConfig({ DIGEST_MAX_ATTEMPTS: '1', DIGEST_TIMEOUT_MS: '500' })),
    ).toMatchObject({
      DIGEST_MAX_ATTEMPTS: 1,
      DIGEST_TIMEOUT_MS: 500,
    });
  });

  it('when runEtl comes through API Gateway and the webhook is down, then the answer is the SUCCEEDED run with a warning after the capped attempts', async () => {
    await lambda.graphqlHandler(graphqlEvent('{ etlRuns(first: 1) { id } }'), GRAPHQL_CONTEXT);
    await createSearchProfile(DEFAULT_PROFILE);

    const response = await lambda.graphqlHandler(
      graphqlEvent('mutation { runEtl { id status inserted warnings } }', {
        authorization: `Bearer ${TEST_ADMIN_TOKEN}`,
      }),
      GRAPHQL_CONTEXT,
    );

    expect(response.statusCode).toBe(200);
    const { data } = JSON.parse(response.body!) as {
      data: { runEtl: { id: string; status: string; inserted: number; warnings: string[] } };
    };
    expect(data.runEtl).toMatchObject({ status: EtlRunStatus.SUCCEEDED, inserted: fixture.ids.fits.length });
    expect(data.runEtl.warnings).toEqual([
      expect.stringMatching(
        new RegExp(
          `^digest of saved search "${DEFAULT_PROFILE.name}" not delivered by webhook after ${GRAPHQL_DIGEST_LIMITS.maxAttempts} attempts: webhook unreachable: .*ECONNREFUSED`,
        ),
      ),
    ]);
    const stored = await EtlRunModel.findById(data.runEtl.id).lean();
    expect(stored).toMatchObject({ status: EtlRunStatus.SUCCEEDED, warnings: data.runEtl.warnings });
  });
});

/**
 * The context of an invocation whose run ended late: from the first read of its remaining time (once the run has
 * ended; nothing reads it before) it has `left` ms before Lambda would cut it off.
 */
function lateInvocationContext(left: number): Context & { ended: () => boolean } {
  let end: number | undefined;
  const remaining = (): number => {
    end ??= Date.now() + left;
    return Math.max(0, end - Date.now());
  };
  return {
    ...lambdaContext('job-tracker-GraphqlFunction'),
    getRemainingTimeInMillis: remaining,
    ended: () => end !== undefined && remaining() === 0,
  };
}

describe('the GraphQL Lambda handler whose run ends late, with digests to a webhook that never answers', () => {
  const dbName = `t_lambda_late_${randomBytes(3).toString('hex')}`;
  const fixture = buildChicagoFixture();
  const runEtlEvent = graphqlEvent('mutation { runEtl { id status inserted warnings } }', {
    authorization: `Bearer ${TEST_ADMIN_TOKEN}`,
  });
  let double: UsajobsDouble;
  let lambda: LambdaHandlers;
  let receiver: http.Server;
  /** The attempts the receiver got, and whether the sender gave each up (closed its connection). */
  const attempts: { attempt: string | undefined; abandoned: boolean }[] = [];

  beforeAll(async () => {
    double = await startUsajobsDouble({ items: fixture.items, maxPageSize: 4 });
    // Reads every request and answers none: each attempt lasts as long as the sender waits.
    receiver = http.createServer((req, res) => {
      const seen = { attempt: req.headers['x-job-tracker-attempt'] as string | undefined, abandoned: false };
      attempts.push(seen);
      req.resume();
      res.on('close', () => {
        seen.abandoned = true;
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    lambda = createLambdaHandlers({
      env: {
        ...lambdaEnv(dbName, double),
        DIGEST_WEBHOOK_URL: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/digest`,
        DIGEST_WEBHOOK_SECRET: 'a-secret-of-sixteen-chars',
      },
      logger: captureLogger('info').logger,
    });
    await lambda.graphqlHandler(graphqlEvent('{ etlRuns(first: 1) { id } }'), GRAPHQL_CONTEXT);
    await createSearchProfile(DEFAULT_PROFILE);
  });
  beforeEach(async () => {
    // Every run then inserts the fitting jobs again: there is something to send.
    await JobModel.deleteMany({});
    attempts.length = 0;
  });
  afterAll(async () => {
    receiver.closeAllConnections();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
    await mongoose.connection.db?.dropDatabase();
    await disconnect();
    await double.close();
  });

  /** The answer to runEtl, and the record it names as stored. */
  async function runThroughApiGateway(context: Context): Promise<{
    run: { id: string; status: string; inserted: number; warnings: string[] };
    stored: unknown;
  }> {
    const response = await lambda.graphqlHandler(runEtlEvent, context);
    expect(response.statusCode).toBe(200);
    const { data } = JSON.parse(response.body!) as {
      data: { runEtl: { id: string; status: string; inserted: number; warnings: string[] } };
    };
    return { run: data.runEtl, stored: await EtlRunModel.findById(data.runEtl.id).lean() };
  }

  it('when the run leaves less time than the capped digest attempts, then the one attempt that fits is cut off and the SUCCEEDED run comes back with a warning before the invocation ends', async () => {
    const context = lateInvocationContext(GRAPHQL_ANSWER_MARGIN_MS + 1_500);

    const { run, stored } = await runThroughApiGateway(context);

    expect(context.ended()).toBe(false);
    expect(run).toMatchObject({ status: EtlRunStatus.SUCCEEDED, inserted: fixture.ids.fits.length });
    expect(run.warnings).toEqual([
      expect.stringMatching(
        new RegExp(
          `^digest of saved search "${DEFAULT_PROFILE.name}" not delivered by webhook after 1 attempt: ` +
            'timed out after \\d+ ms \\(all the time left before the deadline\\)',
        ),
      ),
    ]);
    expect(stored).toMatchObject({ status: EtlRunStatus.SUCCEEDED, warnings: run.warnings });
    expect(attempts).toEqual([{ attempt: '1', abandoned: true }]);
  });

  it('when the run leaves no more than the time to answer, then no digest is attempted and the SUCCEEDED run comes back with a warning', async () => {
    const context = lateInvocationContext(GRAPHQL_ANSWER_MARGIN_MS - 500);

    const { run, stored } = await runThroughApiGateway(context);

    expect(context.ended()).toBe(false);
    expect(run).toMatchObject({ status: EtlRunStatus.SUCCEEDED, inserted: fixture.ids.fits.length });
    expect(run.warnings).toEqual([
      `digest of saved search "${DEFAULT_PROFILE.name}" not delivered by webhook after 0 attempts: ` +
        'no time left before the deadline',
    ]);
    expect(stored).toMatchObject({ warnings: run.warnings });
    expect(attempts).toEqual([]);
  });
});

describe('the Lambda handlers without a database URI', () => {
  it('when MONGO_URI is unset, then an invocation fails with a line that says so', async () => {
    const lambda = createLambdaHandlers({
      env: { NODE_ENV: 'production', ADMIN_TOKEN: TEST_ADMIN_TOKEN },
      logger: captureLogger().logger,
    });
    await expect(lambda.etlHandler(scheduledEvent())).rejects.toThrow(/MONGO_URI must be set in Lambda/);
    await expect(lambda.graphqlHandler(graphqlEvent('{ __typename }'), GRAPHQL_CONTEXT)).rejects.toThrow(
      /MONGO_URI must be set in Lambda/,
    );
  });
});
