import 'reflect-metadata';

import { randomBytes } from 'node:crypto';

import { handlers, type LambdaHandler, startServerAndCreateLambdaHandler } from '@as-integrations/aws-lambda';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
  ScheduledEvent,
} from 'aws-lambda';

import { toPublicRecord } from './cli/etl';
import { type Config, ConfigError, loadConfig } from './config';
import { connect } from './db/connection';
import { createDigestSender, type DigestHook } from './digest/digest-sender';
import { messageOf } from './errors';
import { EtlConflictError } from './etl/etl.errors';
import { type AfterRun, type EtlRequest, runEtl } from './etl/run-etl';
import { runScheduledEtl } from './etl/scheduled-run';
import { createContext, type GraphqlContext } from './graphql/context';
import { ErrorCode } from './graphql/errors';
import { INTERNAL_ERROR_MESSAGE } from './graphql/format-error';
import { createApolloServer, MAX_BODY_SIZE, MAX_BODY_SIZE_BYTES } from './graphql/server';
import { createLogger, type Logger } from './logger';
import { EtlTrigger } from './models/etl-run.model';
import { ETL_SCHEDULE } from './scheduler/etl-scheduler';
import { databaseTickClaims } from './scheduler/tick-claims';
import { createUsajobsClient, type UsajobsClient } from './usajobs/usajobs.client';

/**
 * AWS Lambda entry points, as the original project deployed: `etlHandler` on an EventBridge schedule and
 * `graphqlHandler` behind an API Gateway HTTP API (payload format 2.0). template.yaml wires both.
 *
 * A warm container keeps what the first invocation built (configuration, the database connection, the Apollo
 * server): module-level promises, so concurrent first invocations share one connection too.
 */

/** What `etlHandler` returns: the run record with the GraphQL `EtlRun` field names, or why no run started. */
export type ScheduledEtlResult = Record<string, unknown> | { skipped: string };

export interface LambdaHandlers {
  /**
   * One ETL run over every enabled saved search, trigger SCHEDULE, per scheduled time: EventBridge delivers at least
   * once, so the event's `time` is claimed as the in-process scheduler claims a tick (`schedule_ticks`), and a
   * second delivery of the same event is skipped. Never throws for a run that failed: the record says so, and a
   * Lambda retry would only repeat it (template.yaml sets no retries).
   */
  etlHandler: (event: ScheduledEvent, context?: Context) => Promise<ScheduledEtlResult>;
  /** The GraphQL API for API Gateway HTTP API v2 events (POST /graphql; GET for queries). */
  graphqlHandler: (
    event: APIGatewayProxyEventV2,
    context: Context,
  ) => Promise<APIGatewayProxyStructuredResultV2>;
}

export interface LambdaOptions {
  /** Where the configuration comes from; `process.env` by default. */
  env?: NodeJS.ProcessEnv;
  /** The logger; JSON lines on stdout (CloudWatch) at LOG_LEVEL by default. */
  logger?: Logger;
  /** Builds the USAJOBS client of a run; the configured one by default (tests point it at the double). */
  createClient?: (config: Config, logger: Logger) => UsajobsClient;
}

interface Runtime {
  config: Config;
  logger: Logger;
  adminToken: string;
  createClient: () => UsajobsClient;
  /** The digests of what changed, when configured: as configured, for the ETL function. */
  afterRun: AfterRun | undefined;
  /** The same digests within {@link GRAPHQL_DIGEST_LIMITS}, for runs the GraphQL function waits for. */
  graphqlAfterRun: DigestHook | undefined;
}

/**
 * The most a GraphQL `runEtl` waits for its digests. API Gateway answers 503 after 30 s (the function's timeout is
 * 29 s) and nothing outlives a request in Lambda, so the digests are sent before the answer, within at most
 * 2 attempts × 4 s + one pause of 1 s (±20%): 9.2 s, whatever DIGEST_MAX_ATTEMPTS and DIGEST_TIMEOUT_MS say (they
 * still apply to the ETL function, which has 15 minutes). Lower values there win. A run that ends late has less:
 * the digests also end {@link GRAPHQL_ANSWER_MARGIN_MS} before the invocation does.
 */
export const GRAPHQL_DIGEST_LIMITS = { maxAttempts: 2, timeoutMs: 4_000 } as const;

/**
 * What a GraphQL invocation keeps of its remaining time to answer after the digests: storing their warnings on the
 * run record and sending the answer back through API Gateway.
 */
export const GRAPHQL_ANSWER_MARGIN_MS = 2_000;

/**
 * The configuration of the GraphQL function's digests: the configured one with attempts and per-attempt time
 * capped at {@link GRAPHQL_DIGEST_LIMITS}.
 *
 * @param config - the configuration
 * @returns the same configuration, digest limits capped
 */
export function graphqlDigestConfig(config: Config): Config {
  return {
    ...config,
    DIGEST_MAX_ATTEMPTS: Math.min(config.DIGEST_MAX_ATTEMPTS, GRAPHQL_DIGEST_LIMITS.maxAttempts),
    DIGEST_TIMEOUT_MS: Math.min(config.DIGEST_TIMEOUT_MS, GRAPHQL_DIGEST_LIMITS.timeoutMs),
  };
}

/**
 * Builds both handlers over one lazily built runtime. The exported `etlHandler` and `graphqlHandler` are one such
 * pair over `process.env`; tests build their own.
 */
export function createLambdaHandlers(options: LambdaOptions = {}): LambdaHandlers {
  let runtime: Runtime | undefined;
  let database: Promise<void> | undefined;
  let graphql: Promise<LambdaHandler<ApiGatewayV2RequestHandler>> | undefined;

  const runtimeOf = (): Runtime => {
    runtime ??= buildRuntime(options);
    return runtime;
  };
  // One connection per container; a failed connect is forgotten so that the next invocation tries again.
  const connected = (rt: Runtime): Promise<void> => {
    database ??= connectOnce(rt).catch((error: unknown) => {
      database = undefined;
      throw error;
    });
    return database;
  };

  return {
    async etlHandler(event, context) {
      const rt = runtimeOf();
      await connected(rt);
      const logger = rt.logger.child({ eventId: event.id, scheduledAt: event.time });
      const tick = scheduledTimeOf(event);
      const claims = databaseTickClaims(ETL_SCHEDULE, `lambda:${context?.awsRequestId ?? event.id}`);
      if (tick === undefined) {
        logger.warn('the scheduled event has no readable time: the run cannot be told apart from a repeat');
      } else if (!(await claims.claim(tick))) {
        logger.info('scheduled ETL skipped: this scheduled time was already claimed (a repeated delivery)');
        return { skipped: `The run scheduled for ${tick.toISOString()} was already started` };
      }
      const settle = async (outcome: { runId?: string; skipped?: string }): Promise<void> => {
        if (tick !== undefined) await claims.settle(tick, outcome);
      };
      try {
        const run = await runScheduledEtl({
          logger,
          createClient: rt.createClient,
          leaseTtlMs: rt.config.ETL_LEASE_TTL_MS,
          afterRun: rt.afterRun,
          scheduledFor: tick,
        });
        await settle({ runId: run._id });
        return toPublicRecord(run);
      } catch (error) {
        if (!(error instanceof EtlConflictError)) {
          await settle({ skipped: `failed: ${messageOf(error)}` });
          throw error;
        }
        // A tick while a run goes on is skipped, not retried: the next tick comes soon enough.
        await settle({ skipped: error.message });
        logger.warn({ runningRunId: error.runningRunId }, 'scheduled ETL skipped: a run is in progress');
        return { skipped: error.message };
      }
    },

    async graphqlHandler(event, context) {
      const rt = runtimeOf();
      await connected(rt);
      graphql ??= createGraphqlLambdaHandler(rt).catch((error: unknown) => {
        graphql = undefined;
        throw error;
      });
      const handle = await graphql;
      const result = await handle(event, context, () => undefined);
      if (!result) throw new Error('the GraphQL handler returned no result');
      return result;
    },
  };
}

/** The tick an EventBridge event stands for (its `time`), recorded on the run; none when unreadable. */
function scheduledTimeOf(event: ScheduledEvent): Date | undefined {
  const at = new Date(event.time);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

function buildRuntime(options: LambdaOptions): Runtime {
  const config = loadConfig(options.env ?? process.env);
  if (!config.MONGO_URI) {
    throw new ConfigError('MONGO_URI must be set in Lambda: there is no embedded database there');
  }
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const createClient = options.createClient ?? createUsajobsClient;
  return {
    config,
    logger,
    adminToken: adminTokenOf(config, logger),
    createClient: () => createClient(config, logger),
    afterRun: createDigestSender(config, logger),
    graphqlAfterRun: createDigestSender(graphqlDigestConfig(config), logger),
  };
}

async function connectOnce(rt: Runtime): Promise<void> {
  await connect(rt.config.MONGO_URI!, { logger: rt.logger });
  rt.logger.info('database connected');
}

/** Production needs ADMIN_TOKEN; elsewhere an unknown random one is made, which keeps the admin mutations shut. */
function adminTokenOf(config: Config, logger: Logger): string {
  if (config.ADMIN_TOKEN) return config.ADMIN_TOKEN;
  if (config.NODE_ENV === 'production') {
    throw new ConfigError('ADMIN_TOKEN must be set when NODE_ENV=production (at least 16 characters)');
  }
  logger.warn('ADMIN_TOKEN is not set: the admin mutations are refused');
  return randomBytes(24).toString('base64url');
}

type ApiGatewayV2RequestHandler = ReturnType<typeof handlers.createAPIGatewayProxyEventV2RequestHandler>;

async function createGraphqlLambdaHandler(rt: Runtime): Promise<LambdaHandler<ApiGatewayV2RequestHandler>> {
  // Bounded by the function's timeout (29 s behind API Gateway): fine for a small run; a full run belongs to the
  // ETL function. A run cut off there is marked abandoned by the next one once its lease lapses. Its digests go
  // before the answer, within GRAPHQL_DIGEST_LIMITS and the invocation's remaining time less the answer's margin.
  const runEtlWithin =
    (invocation: Context) =>
    (params: EtlRequest): ReturnType<GraphqlContext['runEtl']> =>
      runEtl(params, {
        trigger: EtlTrigger.API,
        logger: rt.logger,
        createClient: rt.createClient,
        leaseTtlMs: rt.config.ETL_LEASE_TTL_MS,
        afterRun: digestsWithin(rt.graphqlAfterRun, invocation),
      });
  const base = handlers.createAPIGatewayProxyEventV2RequestHandler();
  const requestHandler: ApiGatewayV2RequestHandler = {
    ...base,
    // The integration answers a body it cannot parse with a bare 400 and the parser's message; answer the way the
    // HTTP server does instead, and mask anything else.
    toErrorResult(error: unknown) {
      if (error instanceof SyntaxError)
        return jsonError(400, 'Request body is not valid JSON', 'BAD_REQUEST');
      rt.logger.error({ err: error }, 'unexpected error in a GraphQL request');
      return jsonError(500, INTERNAL_ERROR_MESSAGE, ErrorCode.INTERNAL_SERVER_ERROR);
    },
  };
  // Started in the background by the integration; a failed start answers every request with an error and is logged.
  const server = await createApolloServer({ config: rt.config, logger: rt.logger });
  return startServerAndCreateLambdaHandler(server, requestHandler, {
    middleware: [async (event) => bodyTooLarge(event)],
    context: async ({ event, context }) =>
      createContext(
        { logger: rt.logger, adminToken: rt.adminToken, runEtl: runEtlWithin(context) },
        event.headers?.authorization,
      ),
  });
}

/**
 * The digest hook of one invocation: it returns {@link GRAPHQL_ANSWER_MARGIN_MS} before the invocation's time runs
 * out, read when the run has ended (a run that ends late leaves the digests less time, or none).
 */
function digestsWithin(digests: DigestHook | undefined, invocation: Context): AfterRun | undefined {
  if (!digests) return undefined;
  return (finished, signal) =>
    digests(finished, signal, Date.now() + invocation.getRemainingTimeInMillis() - GRAPHQL_ANSWER_MARGIN_MS);
}

/** The HTTP server's body limit, in Lambda too (API Gateway alone would let 10 MB through). */
function bodyTooLarge(event: APIGatewayProxyEventV2): APIGatewayProxyStructuredResultV2 | undefined {
  if (event.body === undefined) return undefined;
  const bytes = event.isBase64Encoded
    ? Buffer.byteLength(event.body, 'base64')
    : Buffer.byteLength(event.body, 'utf8');
  if (bytes <= MAX_BODY_SIZE_BYTES) return undefined;
  return jsonError(413, `Request body larger than ${MAX_BODY_SIZE}`, 'BAD_REQUEST');
}

function jsonError(statusCode: number, message: string, code: string): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify({ errors: [{ message, extensions: { code } }] }),
  };
}

const defaultHandlers = createLambdaHandlers();

/** Handler `dist/lambda.etlHandler` in template.yaml. */
export const etlHandler = defaultHandlers.etlHandler;
/** Handler `dist/lambda.graphqlHandler` in template.yaml. */
export const graphqlHandler = defaultHandlers.graphqlHandler;
